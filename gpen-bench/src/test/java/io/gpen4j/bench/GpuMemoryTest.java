package io.gpen4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

final class GpuMemoryTest {
  @Test
  void probe_anyMachine_neverThrowsAndExplainsItself() {
    GpuMemory first = GpuMemory.probe(0);
    // A second probe must give the same answer: NVML's NoClassDefFoundError after the first
    // UnsatisfiedLinkError is still "no GPU".
    GpuMemory second = GpuMemory.probe(0);
    assertEquals(first.available(), second.available());
    if (first.available()) {
      assertTrue(first.deviceUsedBytes().isPresent());
      assertTrue(first.description().contains("GPU 0"), first.description());
    } else {
      assertTrue(first.description().startsWith("no GPU ("), first.description());
      assertEquals(first.description(), second.description());
      assertEquals(OptionalLong.empty(), first.deviceUsedBytes());
      assertEquals(OptionalLong.empty(), first.processUsedBytes(ProcessHandle.current().pid()));
    }
  }

  @Test
  void probe_gpuIndexThatCannotExist_isUnavailable() {
    GpuMemory gpu = GpuMemory.probe(4095);
    assertTrue(!gpu.available() && gpu.description().startsWith("no GPU"), gpu.description());
  }
}
