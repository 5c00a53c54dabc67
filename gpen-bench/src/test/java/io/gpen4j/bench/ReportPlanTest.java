package io.gpen4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.bench.PlannedRun.Kind;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class ReportPlanTest {
  @Test
  void build_quick_runs256FirstAnd512OnlyAsOptional() {
    List<PlannedRun> plan = ReportPlan.build(ReportOptions.parse("--quick"));
    boolean seenOptional = false;
    for (PlannedRun r : plan) {
      assertTrue(r.config().modelSize() == 256 || r.config().modelSize() == 512, r.toString());
      assertEquals(r.config().modelSize() == 512, r.optional(), r.toString());
      assertTrue(r.photoSize() != 3000, r.toString());
      if (r.optional()) {
        seenOptional = true;
      } else {
        assertTrue(!seenOptional, "a required run after an optional one: " + r);
      }
    }
    assertTrue(plan.stream().anyMatch(r -> r.kind() == Kind.LOAD_CACHED));
    assertTrue(plan.stream().anyMatch(r -> r.kind() == Kind.THROUGHPUT && r.callers() == 2));
  }

  @Test
  void build_full_coversEveryPhotoSizeAndUniqueIds() {
    List<PlannedRun> plan = ReportPlan.build(ReportOptions.parse("--full", "--backends", "onnx", "--devices", "cpu"));
    assertTrue(plan.stream().anyMatch(r -> r.kind() == Kind.RESTORE && r.photoSize() == 3000
        && r.config().modelSize() == 1024));
    Set<String> ids = new HashSet<>();
    for (PlannedRun r : plan) {
      assertTrue(ids.add(r.id()), "duplicate id " + r.id());
      assertTrue(!r.optional());
    }
  }

  @Test
  void params_restoreRun_namesEveryJmhParameter() {
    PlannedRun r = ReportPlan.build(ReportOptions.parse("--quick", "--backends", "onnx", "--devices", "cpu")).stream()
        .filter(x -> x.kind() == Kind.RESTORE).findFirst().orElseThrow();
    assertEquals(Set.of("backend", "device", "precision", "modelSize", "photoSize"), r.params().keySet());
    assertEquals("cpu", r.params().get("device"));
  }
}
