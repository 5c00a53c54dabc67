package io.gpen4j.examples.cli;

import static io.gpen4j.examples.cli.CliRun.gpen4j;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.gpen4j.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gpen4j video --json}'s per-frame report and the encoder flags, in-process with the identity generator. */
final class VideoCommandFramesJsonTest {
  @TempDir Path temp;

  private static String identityModel() {
    return AstronautClip.identityModel();
  }

  private Path clip() throws Exception {
    return AstronautClip.write(temp, 6);
  }

  @Test
  void video_json_reportsEveryFrameWithItsFaces() throws Exception {
    Path in = clip();
    Path out = temp.resolve("out.webm");

    CliRun run = gpen4j("video", in.toString(), "-o", out.toString(), "--model", identityModel(),
        "--detector", SharedData.yunet().toString(), "--json", "--progress", "none", "--codec", "libvpx-vp9",
        "--bitrate", "300k");

    assertEquals(0, run.exitCode(), run.err());
    JsonObject report = JsonParser.parseString(run.out()).getAsJsonObject();
    JsonArray frames = report.getAsJsonArray("frames");
    assertEquals(6, frames.size());
    for (int i = 0; i < 6; i++) {
      JsonObject f = frames.get(i).getAsJsonObject();
      assertEquals(i, f.get("index").getAsInt());
      assertEquals(i * 0.1, f.get("timeSeconds").getAsDouble(), 1e-3);
      JsonArray faces = f.getAsJsonArray("faces");
      assertEquals(1, faces.size(), "frame " + i);
      JsonObject face = faces.get(0).getAsJsonObject();
      assertEquals(1, face.get("trackId").getAsInt());
      assertEquals(4, face.getAsJsonArray("box").size());
      assertEquals(5, face.getAsJsonArray("landmarks").size());
      JsonArray matrix = face.getAsJsonArray("alignment");
      assertEquals(2, matrix.size());
      assertEquals(3, matrix.get(0).getAsJsonArray().size());
      // A similarity: [[a, -b, tx], [b, a, ty]].
      assertEquals(matrix.get(0).getAsJsonArray().get(0).getAsDouble(), matrix.get(1).getAsJsonArray().get(1).getAsDouble(),
          1e-12);
      assertTrue(face.get("enhanced").getAsBoolean());
    }
  }

  @Test
  void video_unknownCodec_exitsWithTheFlagNamedAndWritesNothing() throws Exception {
    Path in = clip();
    Path out = temp.resolve("out.mp4");

    CliRun run = gpen4j("video", in.toString(), "-o", out.toString(), "--model", identityModel(),
        "--detector", SharedData.yunet().toString(), "--progress", "none", "--codec", "libx264");

    assertEquals(64, run.exitCode(), run.err());
    assertTrue(run.err().contains("--codec libx264"), run.err());
    assertFalse(Files.exists(out));
  }
}
