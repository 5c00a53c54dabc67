package io.gpen4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class RandomWeightModelsTest {
  @TempDir
  Path tmp;

  @Test
  void missing_quickPlan_groupsTheFilesByConverterCall() throws IOException {
    Files.write(tmp.resolve("GPEN-BFR-256-randw.onnx"), new byte[] {1});
    List<PlannedRun> plan = ReportPlan.build(ReportOptions.parse("--quick", "--devices", "cpu"));
    Map<String, Set<String>> missing = RandomWeightModels.missing(plan, new ModelFiles(List.of(tmp)));
    assertEquals(Map.of(
        "256", Set.of("GPEN-BFR-256-randw.pt"),
        "256 fp16", Set.of("GPEN-BFR-256-randw-fp16.onnx", "GPEN-BFR-256-randw-fp16.pt"),
        "512", Set.of("GPEN-BFR-512-randw.onnx", "GPEN-BFR-512-randw.pt")), missing);
  }

  @Test
  void prepare_withoutPython_saysSoInOneLine() {
    List<PlannedRun> plan = ReportPlan.build(ReportOptions.parse("--quick", "--backends", "djl-pytorch", "--devices", "cpu"));
    List<String> lines = new RandomWeightModels(tmp.resolve("no-python").toString(), tmp.resolve("convert.log"))
        .prepare(plan, new ModelFiles(List.of(tmp)));
    assertEquals(1, lines.size(), lines.toString());
    assertTrue(lines.get(0).startsWith("random-weight models not prepared ("), lines.get(0));
    assertTrue(lines.get(0).contains("GPEN-BFR-256-randw.pt"), lines.get(0));
  }
}
