package io.gpen4j.bench;

import java.util.Objects;
import java.util.OptionalLong;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.cuda.global.nvml;
import org.bytedeco.cuda.nvml.nvmlDevice_st;
import org.bytedeco.cuda.nvml.nvmlMemory_t;
import org.bytedeco.cuda.nvml.nvmlProcessInfo_v2_t;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.SizeTPointer;

/**
 * Reads how much memory a GPU has in use, through JavaCPP's CUDA presets ({@code org.bytedeco:cuda}).
 *
 * <p>NVML first: it reports each process's own use ({@code nvmlDeviceGetComputeRunningProcesses})
 * as well as the device's, and opens no CUDA context. If NVML cannot load, the CUDA runtime's
 * {@code cudaMemGetInfo} gives the device's use only (and creates a context in this process, which
 * costs some GPU memory of its own: callers measure against a baseline taken after it).
 *
 * <p>Without a GPU or its driver, loading the presets throws {@link UnsatisfiedLinkError} the first
 * time and {@link NoClassDefFoundError} afterwards: both mean "no GPU" and are caught here, so
 * {@link #probe} never throws. Thread-safe once probed.
 */
final class GpuMemory {
  private final Reader reader;
  private final String description;

  private GpuMemory(Reader reader, String description) {
    this.reader = reader;
    this.description = Objects.requireNonNull(description, "description");
  }

  /**
   * Finds GPU {@code index}.
   *
   * @param index the CUDA device index
   * @return a reader, or one that says why there is none
   */
  static GpuMemory probe(int index) {
    String nvmlProblem;
    try {
      if (NvmlLibrary.ERROR != null) {
        throw NvmlLibrary.ERROR;
      }
      NvmlReader r = NvmlReader.open(index);
      return new GpuMemory(r, "NVML, GPU " + index + ", " + mb(r.deviceTotal()) + " MB");
    } catch (LinkageError | RuntimeException e) {
      nvmlProblem = "NVML: " + describe(e);
    }
    String cudaProblem;
    try {
      if (CudaRuntimeLibrary.ERROR != null) {
        throw CudaRuntimeLibrary.ERROR;
      }
      CudaRuntimeReader r = CudaRuntimeReader.open(index);
      return new GpuMemory(r, "cudaMemGetInfo, GPU " + index + ", " + mb(r.deviceTotal()) + " MB");
    } catch (LinkageError | RuntimeException e) {
      cudaProblem = "CUDA runtime: " + describe(e);
    }
    return new GpuMemory(null, "no GPU (" + nvmlProblem + "; " + cudaProblem + ")");
  }

  private static String describe(Throwable e) {
    String msg = e.getMessage();
    if (msg != null && msg.contains(" in java.library.path")) {
      msg = msg.substring(0, msg.indexOf(" in java.library.path")) + " (no CUDA/driver libraries)";
    }
    if (msg != null && msg.length() > 200) {
      msg = msg.substring(0, 200) + "...";
    }
    return e.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
  }

  private static long mb(long bytes) {
    return bytes / (1024 * 1024);
  }

  /** Returns whether a GPU was found. */
  boolean available() {
    return reader != null;
  }

  /** Returns how the GPU is read, or why there is no GPU (starts with {@code "no GPU"}). */
  String description() {
    return description;
  }

  /** Returns the memory this process holds on the GPU, where the driver reports it per process. */
  OptionalLong processUsedBytes(long pid) {
    return reader == null ? OptionalLong.empty() : reader.processUsed(pid);
  }

  /** Returns the memory in use on the whole GPU. */
  OptionalLong deviceUsedBytes() {
    return reader == null ? OptionalLong.empty() : reader.deviceUsed();
  }

  /**
   * Loads NVML's bindings once per JVM and keeps the first error: later attempts only say
   * {@code NoClassDefFoundError}, which hides the reason (such as a missing libnvidia-ml).
   */
  private static final class NvmlLibrary {
    static final LinkageError ERROR = load();

    private static LinkageError load() {
      try {
        Loader.load(nvml.class);
        return null;
      } catch (LinkageError e) {
        return e;
      }
    }
  }

  /** Loads the CUDA runtime's bindings once per JVM and keeps the first error. */
  private static final class CudaRuntimeLibrary {
    static final LinkageError ERROR = load();

    private static LinkageError load() {
      try {
        Loader.load(cudart.class);
        return null;
      } catch (LinkageError e) {
        return e;
      }
    }
  }

  private interface Reader {
    OptionalLong processUsed(long pid);

    OptionalLong deviceUsed();
  }

  private static final class NvmlReader implements Reader {
    private static final int MAX_PROCESSES = 256;
    private final nvmlDevice_st device;
    private final long total;

    private NvmlReader(nvmlDevice_st device, long total) {
      this.device = device;
      this.total = total;
    }

    static NvmlReader open(int index) {
      check(nvml.nvmlInit_v2(), "nvmlInit");
      nvmlDevice_st device = new nvmlDevice_st();
      check(nvml.nvmlDeviceGetHandleByIndex_v2(index, device), "nvmlDeviceGetHandleByIndex(" + index + ")");
      nvmlMemory_t memory = new nvmlMemory_t();
      check(nvml.nvmlDeviceGetMemoryInfo(device, memory), "nvmlDeviceGetMemoryInfo");
      return new NvmlReader(device, memory.total());
    }

    private static void check(int status, String call) {
      if (status != nvml.NVML_SUCCESS) {
        throw new IllegalStateException(call + " failed: " + nvml.nvmlErrorString(status).getString());
      }
    }

    long deviceTotal() {
      return total;
    }

    @Override
    public synchronized OptionalLong processUsed(long pid) {
      int[] count = {MAX_PROCESSES};
      nvmlProcessInfo_v2_t infos = new nvmlProcessInfo_v2_t(MAX_PROCESSES);
      try {
        if (nvml.nvmlDeviceGetComputeRunningProcesses_v3(device, count, infos) != nvml.NVML_SUCCESS) {
          return OptionalLong.empty();
        }
        for (int i = 0; i < count[0]; i++) {
          nvmlProcessInfo_v2_t info = infos.getPointer(i);
          if (info.pid() == pid) {
            return OptionalLong.of(info.usedGpuMemory());
          }
        }
        // In a container the driver may list host PIDs: the caller falls back to the device total.
        return OptionalLong.empty();
      } finally {
        infos.close();
      }
    }

    @Override
    public synchronized OptionalLong deviceUsed() {
      try (nvmlMemory_t memory = new nvmlMemory_t()) {
        if (nvml.nvmlDeviceGetMemoryInfo(device, memory) != nvml.NVML_SUCCESS) {
          return OptionalLong.empty();
        }
        return OptionalLong.of(memory.used());
      }
    }
  }

  private static final class CudaRuntimeReader implements Reader {
    private final int index;
    private final long total;

    private CudaRuntimeReader(int index, long total) {
      this.index = index;
      this.total = total;
    }

    static CudaRuntimeReader open(int index) {
      int[] count = {0};
      int status = cudart.cudaGetDeviceCount(count);
      if (status != cudart.cudaSuccess || count[0] <= index) {
        throw new IllegalStateException("cudaGetDeviceCount: status " + status + ", " + count[0] + " devices");
      }
      CudaRuntimeReader r = new CudaRuntimeReader(index, 0);
      long[] freeAndTotal = r.read();
      if (freeAndTotal == null) {
        throw new IllegalStateException("cudaMemGetInfo failed on GPU " + index);
      }
      return new CudaRuntimeReader(index, freeAndTotal[1]);
    }

    long deviceTotal() {
      return total;
    }

    private long[] read() {
      try (SizeTPointer free = new SizeTPointer(1); SizeTPointer all = new SizeTPointer(1)) {
        if (cudart.cudaSetDevice(index) != cudart.cudaSuccess
            || cudart.cudaMemGetInfo(free, all) != cudart.cudaSuccess) {
          return null;
        }
        return new long[] {free.get(), all.get()};
      }
    }

    @Override
    public OptionalLong processUsed(long pid) {
      return OptionalLong.empty();
    }

    @Override
    public OptionalLong deviceUsed() {
      long[] freeAndTotal = read();
      return freeAndTotal == null ? OptionalLong.empty() : OptionalLong.of(freeAndTotal[1] - freeAndTotal[0]);
    }
  }
}
