package io.gpen4j.examples;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * Stops the {@code gpen4j} process in order on SIGTERM, SIGINT (Ctrl-C) or SIGHUP: the steps the
 * commands registered run last-registered first (stop taking work, wait for the photos in flight,
 * close the restorer, whose sessions wait for their runs in flight), and only then does the JVM
 * exit with {@code 128 + signal}.
 *
 * <p>Why not shutdown hooks: ONNX Runtime's Java API (1.29) registers a shutdown hook of its own
 * when it creates its environment ({@code OrtEnvironment$OrtEnvCloser}), which frees the native
 * environment; {@code OrtEnvironment.close()} does nothing, and the hook's thread is not reachable
 * to remove. The JVM starts all hooks at once, so a signal that begins the JVM's shutdown while a
 * generator runs frees the environment under {@code OrtSession.run}: SIGSEGV in
 * {@code libonnxruntime}, exit 134. Handling the signal here keeps the shutdown from starting until
 * no run is in flight; ONNX Runtime's hook then frees the environment last, as it should.
 *
 * <p>The wait is bounded: when the steps have not finished within the bound (a run that does not
 * end), the process halts without running any shutdown hook, leaving native memory to the
 * operating system rather than freeing it under a running call.
 *
 * <p>One per process, as signals are. Thread-safe.
 */
public final class OrderlyShutdown {
  /** How long the steps may take before the process halts: under systemd's default stop timeout (90 s). */
  public static final Duration DEFAULT_BOUND = Duration.ofSeconds(60);

  private static final OrderlyShutdown PROCESS = new OrderlyShutdown();
  private static final List<String> SIGNALS = List.of("TERM", "INT", "HUP");

  private final Deque<Step> steps = new ArrayDeque<>();
  private final AtomicBoolean installed = new AtomicBoolean();
  private final AtomicBoolean stopping = new AtomicBoolean();

  private OrderlyShutdown() {}

  /**
   * Returns the process's orderly shutdown.
   *
   * @return the one instance
   */
  public static OrderlyShutdown process() {
    return PROCESS;
  }

  /**
   * Takes over SIGTERM, SIGINT and SIGHUP from the JVM (whose handlers start the shutdown hooks at
   * once). Called by {@code main} only: a JVM that embeds the commands keeps its own handling.
   * A second call does nothing.
   *
   * @param bound how long the registered steps may take before the process halts
   * @param err where the stop is reported
   */
  public void installSignalHandlers(Duration bound, PrintStream err) {
    Objects.requireNonNull(bound, "bound");
    Objects.requireNonNull(err, "err");
    if (!installed.compareAndSet(false, true)) {
      return;
    }
    for (String name : SIGNALS) {
      try {
        Signal.handle(new Signal(name), s -> onSignal(s, bound, err));
      } catch (IllegalArgumentException e) {
        // The signal is in use by the JVM (-Xrs) or unknown here: its default handling stays.
      }
    }
    // An exit that no signal started (System.exit elsewhere, SIGQUIT is not one) still runs the steps.
    Runtime.getRuntime().addShutdownHook(new Thread(this::runSteps, "gpen4j-shutdown"));
  }

  /**
   * Registers a step to run on a signal, before the JVM exits. Steps run in reverse order of
   * registration, one at a time; a step that throws does not stop the others.
   *
   * @param name what the step does, for the report of a stop that timed out
   * @param step the step
   * @return a registration whose {@code close()} removes the step (when the work it stops ended)
   */
  public Registration onStop(String name, Runnable step) {
    Step s = new Step(Objects.requireNonNull(name, "name"), Objects.requireNonNull(step, "step"));
    synchronized (steps) {
      steps.push(s);
    }
    return () -> {
      synchronized (steps) {
        steps.remove(s);
      }
    };
  }

  /**
   * Exits the JVM with the command's exit code, unless a signal is stopping the process: then the
   * signal's handler exits once the steps finished, and this waits for it (an exit here would start
   * ONNX Runtime's hook while a step still waits for a run).
   *
   * @param code the exit code
   */
  public void exit(int code) {
    while (stopping.get()) {
      try {
        Thread.sleep(Long.MAX_VALUE);
      } catch (InterruptedException e) {
        // Keep waiting: the signal's handler ends the process.
      }
    }
    System.exit(code);
  }

  private void onSignal(Signal signal, Duration bound, PrintStream err) {
    int code = 128 + signal.getNumber();
    if (!stopping.compareAndSet(false, true)) {
      return;
    }
    err.println("gpen4j: SIG" + signal.getName() + ", stopping (runs in flight finish first, at most "
        + bound.toSeconds() + " s)");
    err.flush();
    Thread stopper = new Thread(this::runSteps, "gpen4j-orderly-stop");
    stopper.setDaemon(true);
    stopper.start();
    try {
      stopper.join(TimeUnit.NANOSECONDS.toMillis(bound.toNanos()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (stopper.isAlive()) {
      err.println("gpen4j: still stopping after " + bound.toSeconds() + " s (" + pendingNames()
          + "); exiting without freeing native memory");
      err.flush();
      // Not exit(): that would start ONNX Runtime's hook, which frees its environment under the run.
      Runtime.getRuntime().halt(code);
    }
    System.exit(code);
  }

  // Synchronized: the fallback hook waits for a stop a signal started instead of running its steps twice.
  private synchronized void runSteps() {
    while (true) {
      Step next;
      synchronized (steps) {
        next = steps.peek();
      }
      if (next == null) {
        return;
      }
      try {
        next.action().run();
      } catch (RuntimeException e) {
        System.err.println("gpen4j: stopping (" + next.name() + ") failed: " + e);
      }
      synchronized (steps) {
        steps.remove(next);
      }
    }
  }

  private String pendingNames() {
    List<String> names = new ArrayList<>();
    synchronized (steps) {
      steps.forEach(s -> names.add(s.name()));
    }
    return String.join(", ", names);
  }

  /** A registered step; closing it removes the step. */
  @FunctionalInterface
  public interface Registration extends AutoCloseable {
    /** Removes the step; it will not run. */
    @Override
    void close();
  }

  private record Step(String name, Runnable action) {}
}
