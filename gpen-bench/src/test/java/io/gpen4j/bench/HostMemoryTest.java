package io.gpen4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

final class HostMemoryTest {
  @Test
  void parse_kilobyteField_returnsBytes() {
    List<String> lines = List.of("Name:\tjava", "VmHWM:\t  123456 kB", "VmRSS:\t   1000 kB");
    assertEquals(OptionalLong.of(123456L * 1024), HostMemory.parse(lines, "VmHWM:"));
    assertEquals(OptionalLong.of(1000L * 1024), HostMemory.parse(lines, "VmRSS:"));
    assertEquals(OptionalLong.empty(), HostMemory.parse(lines, "VmSwap:"));
  }

  @Test
  void residentBytes_onLinux_isPositiveAndBelowThePeak() {
    assumeTrue(Files.isReadable(Paths.get("/proc/self/status")), "needs Linux /proc");
    long rss = HostMemory.residentBytes().orElseThrow();
    long hwm = HostMemory.peakResidentBytes().orElseThrow();
    assertTrue(rss > 0);
    // The kernel folds the current RSS into the high-water mark when it reports it.
    assertTrue(hwm >= rss * 0.99, "VmHWM " + hwm + " < VmRSS " + rss);
  }
}
