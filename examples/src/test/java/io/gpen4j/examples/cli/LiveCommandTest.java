package io.gpen4j.examples.cli;

import static io.gpen4j.examples.cli.CliRun.gpen4j;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.gpen4j.examples.Gpen4j;
import io.gpen4j.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code gpen4j live} in-process, file to file, on a clip the test writes, with the identity generator. */
final class LiveCommandTest {
  @TempDir Path temp;

  @Test
  void live_clipToFile_writesRestoredFrames_andReportsFpsLatencyAndDropped() throws Exception {
    Path in = AstronautClip.write(temp, 10);
    Path out = temp.resolve("live.mp4");

    CliRun run = gpen4j("live", in.toString(), "-o", out.toString(), "--model", AstronautClip.identityModel(),
        "--detector", SharedData.yunet().toString(), "--target-fps", "10", "--json");

    assertEquals(0, run.exitCode(), run.err());
    JsonObject r = run.json();
    assertEquals(10, r.get("framesOffered").getAsInt());
    int restored = r.get("framesRestored").getAsInt();
    assertEquals(10, restored + r.get("framesDropped").getAsInt(), run.out());
    assertTrue(r.get("latencyP95Ms").getAsDouble() >= r.get("latencyP50Ms").getAsDouble());
    assertTrue(r.get("latencyP50Ms").getAsDouble() > 0);
    JsonObject quality = r.getAsJsonObject("quality");
    assertTrue(quality.get("adaptive").getAsBoolean());
    assertEquals(100.0, quality.get("frameBudgetMs").getAsDouble(), 1.0, "10 fps, from a 10 fps clip");
    assertTrue(quality.has("smallModelForAll") && quality.has("smallFaceMs"), quality.toString());
    assertTrue(run.err().contains("Restored " + restored + " of 10 frames"), run.err());
    try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(out.toFile())) {
      g.start();
      assertEquals(320, g.getImageWidth());
      int frames = 0;
      while (g.grabImage() != null) {
        frames++;
      }
      assertEquals(restored, frames);
    }
  }

  @Test
  void live_bothTargets_isAUsageError() throws Exception {
    CliRun run = gpen4j("live", "in.mp4", "-o", temp.resolve("o.mp4").toString(), "--target-fps", "10",
        "--target-latency", "200");
    assertEquals(Gpen4j.EXIT_USAGE, run.exitCode());
    assertTrue(run.err().contains("--target-fps") && run.err().contains("--target-latency"), run.err());
  }

  @Test
  void live_urlWithoutOutputFormat_isAUsageErrorNamingTheFlag() throws Exception {
    Path in = AstronautClip.write(temp, 2);
    CliRun run = gpen4j("live", in.toString(), "-o", "udp://127.0.0.1:9", "--model", AstronautClip.identityModel(),
        "--detector", SharedData.yunet().toString());
    assertEquals(Gpen4j.EXIT_USAGE, run.exitCode(), run.err());
    assertTrue(run.err().contains("--output-format"), run.err());
  }

  @Test
  void live_missingInput_exitsOneAndWritesNothing() throws Exception {
    Path out = temp.resolve("o.mp4");
    CliRun run = gpen4j("live", temp.resolve("none.mp4").toString(), "-o", out.toString(), "--model",
        AstronautClip.identityModel(), "--detector", SharedData.yunet().toString());
    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("cannot open live input"), run.err());
    assertFalse(Files.exists(out));
  }
}
