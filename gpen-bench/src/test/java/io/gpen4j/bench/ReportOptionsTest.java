package io.gpen4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ReportOptionsTest {
  @Test
  void parseMemorySize_binaryUnits_returnsBytes() {
    assertEquals(4L << 30, ReportOptions.parseMemorySize("4g"));
    assertEquals(4L << 30, ReportOptions.parseMemorySize("4GB"));
    assertEquals(512L << 20, ReportOptions.parseMemorySize("512m"));
    assertEquals(1536L << 20, ReportOptions.parseMemorySize("1.5g"));
    assertEquals(1000, ReportOptions.parseMemorySize("1000"));
  }

  @Test
  void parseMemorySize_garbageOrZero_throwsNamingTheText() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReportOptions.parseMemorySize("lots"));
    assertTrue(e.getMessage().contains("lots"));
    assertThrows(IllegalArgumentException.class, () -> ReportOptions.parseMemorySize("0g"));
  }

  @Test
  void parse_fullModeWithOptions_setsEveryField() {
    ReportOptions o = ReportOptions.parse("--full", "--memory-budget", "6g", "--models", "/m", "--out", "/o",
        "--backends", "onnx,DJL-PyTorch", "--devices", "cpu", "--threads", "3", "--time-budget", "1.5");
    assertFalse(o.quick());
    assertEquals(6L << 30, o.memoryBudgetBytes());
    assertEquals(List.of(Paths.get("/m")), o.modelDirectories());
    assertEquals(Paths.get("/o"), o.outputDirectory());
    assertEquals(List.of("onnx", "djl-pytorch"), o.backends());
    assertEquals(List.of("cpu"), o.devices());
    assertEquals(3, o.threads());
    assertEquals(Duration.ofSeconds(90), o.timeBudget());
  }

  @Test
  void parse_noArguments_isQuickWithFourGigabytes() {
    ReportOptions o = ReportOptions.parse();
    assertTrue(o.quick());
    assertEquals(4L << 30, o.memoryBudgetBytes());
    assertFalse(o.modelDirectories().isEmpty());
  }

  @Test
  void parse_unknownArgument_throwsWithUsage() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReportOptions.parse("--fast"));
    assertTrue(e.getMessage().contains("--fast"));
    assertTrue(e.getMessage().contains("usage"));
  }
}
