package io.gpen4j.internal.backend;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Runs a native library's one-time initialisation on a thread with a large stack.
 *
 * <p>Why: ONNX Runtime 1.29.0 on Linux starts its telemetry when its environment is created, on
 * the calling thread, and matches the process's whole command line ({@code /proc/self/cmdline})
 * with a {@code std::regex}. libstdc++'s regex recurses once per character, about 250 bytes of
 * stack each, so a command line over about 4 KB (a long {@code -cp}) overflows a Java thread's
 * default 1 MB stack and the JVM dies with SIGSEGV and no error file. 1.28.0 and older do not
 * read the command line. The telemetry, and so the crash, is off where {@code CI} (or another CI
 * service's variable) or {@code ORT_DISABLE_TELEMETRY} is set, which is why CI builds never saw it.
 * A 256 MB stack (reserved, only touched pages are committed) covers a command line of about 1 MB,
 * more than Linux lets one process have in practice.
 */
public final class NativeInit {
  /** Stack size of the initialisation thread, in bytes. */
  static final long STACK_BYTES = 256L << 20;

  private NativeInit() {}

  /**
   * Runs {@code task} on a new thread with a large stack and returns its result, rethrowing what
   * it threw. The caller waits; an interrupt while waiting is kept for the caller and the wait
   * goes on, because the native call cannot be abandoned half done.
   *
   * @param <T> the result type
   * @param name the thread's name, for thread dumps
   * @param task the initialisation
   * @return what {@code task} returned
   * @throws RuntimeException what {@code task} threw
   * @throws Error what {@code task} threw, such as an {@link UnsatisfiedLinkError}
   */
  public static <T> T onLargeStack(String name, Supplier<T> task) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(task, "task");
    Object[] result = new Object[1];
    Throwable[] failure = new Throwable[1];
    Thread thread = new Thread(null, () -> {
      try {
        result[0] = task.get();
      } catch (Throwable t) {
        failure[0] = t;
      }
    }, name, STACK_BYTES);
    thread.setDaemon(true);
    thread.start();
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    // join() orders the worker's writes before these reads.
    if (failure[0] instanceof RuntimeException re) {
      throw re;
    }
    if (failure[0] instanceof Error err) {
      throw err;
    }
    if (failure[0] != null) {
      throw new IllegalStateException(failure[0]);
    }
    @SuppressWarnings("unchecked")
    T value = (T) result[0];
    return value;
  }
}
