package io.gpen4j.examples.cli;

import static io.gpen4j.examples.cli.CliRun.gpen4j;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.gpen4j.examples.Gpen4j;
import io.gpen4j.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code gpen4j video} in-process on a small clip with the identity generator. */
final class VideoCommandTest {
  @TempDir Path temp;

  private static String identityModel() {
    return AstronautClip.identityModel();
  }

  private Path clip() throws Exception {
    return AstronautClip.write(temp, 10);
  }

  @Test
  void video_clip_writesOutputAndJsonReport() throws Exception {
    Path in = clip();
    Path out = temp.resolve("out.mp4");

    CliRun run = gpen4j("video", in.toString(), "-o", out.toString(), "--model", identityModel(),
        "--detector", SharedData.yunet().toString(), "--detect-every", "2", "--json", "--progress", "plain");

    assertEquals(0, run.exitCode(), run.err());
    assertTrue(Files.size(out) > 0);
    JsonObject report = JsonParser.parseString(run.out()).getAsJsonObject();
    assertEquals(10, report.get("framesWritten").getAsInt());
    assertEquals(10, report.get("facesRestored").getAsInt());
    assertTrue(run.err().contains("frame 10/10"), run.err());
  }

  @Test
  void video_existingOutput_exitsOneAndKeepsIt() throws Exception {
    Path in = clip();
    Path out = temp.resolve("out.mp4");
    Files.writeString(out, "keep");

    CliRun run = gpen4j("video", in.toString(), "-o", out.toString(), "--model", identityModel(),
        "--detector", SharedData.yunet().toString(), "--progress", "none");

    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("output exists"), run.err());
    assertEquals("keep", Files.readString(out));
  }

  @Test
  void video_unknownOutputExtension_isAUsageError() throws Exception {
    Path in = clip();

    CliRun run = gpen4j("video", in.toString(), "-o", temp.resolve("out.gif").toString(), "--model", identityModel(),
        "--detector", SharedData.yunet().toString());

    assertEquals(Gpen4j.EXIT_USAGE, run.exitCode());
    assertTrue(run.err().contains(".mp4"), run.err());
    assertFalse(Files.exists(temp.resolve("out.gif")));
  }

  @Test
  void timeConverter_readsSecondsAndClockTimes() {
    VideoCommand.TimeConverter c = new VideoCommand.TimeConverter();
    assertEquals(Duration.ofMillis(12_500), c.convert("12.5"));
    assertEquals(Duration.ofSeconds(90), c.convert("1:30"));
    assertEquals(Duration.ofMillis(3_723_250), c.convert("1:02:03.25"));
    assertThrows(IllegalArgumentException.class, () -> c.convert("soon"));
    assertThrows(IllegalArgumentException.class, () -> c.convert("-3"));
  }
}
