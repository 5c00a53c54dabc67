package io.gpen4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.testing.SharedData;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The video job: one task per video through gpen-video, atomic outputs, an error row for a broken
 * file, reruns skip.
 */
final class VideoArchiveJobTest {
  private static final int FRAMES = 5;

  @TempDir Path dir;

  @Test
  void run_restoresEachVideoInItsOwnTask_andSkipsFinishedOnesOnRerun() throws Exception {
    Path library = dir.resolve("library");
    Files.createDirectories(library.resolve("2001"));
    writeClip(library.resolve("interview.mp4"));
    writeClip(library.resolve("2001/speech.mp4"));
    byte[] noise = new byte[4096];
    new Random(3).nextBytes(noise);
    Files.write(library.resolve("2001/broken.mp4"), noise);
    SparkSession spark = SparkSessions.shared();
    Dataset<Row> videos = spark.read().format("binaryFile").option("recursiveFileLookup", "true")
        .load(library.toString()).select("path");
    Path out = dir.resolve("out");
    VideoArchiveJob job = VideoArchiveJob.builder(library.toString(), out, ArchiveRestoreJobTest.transformer()).build();

    Map<String, Row> report = byName(job.run(spark, videos, "path"));

    assertEquals("ok", report.get("interview.mp4").getAs("status"));
    assertEquals("ok", report.get("speech.mp4").getAs("status"));
    assertEquals((long) FRAMES, (long) report.get("speech.mp4").<Long>getAs("frames"));
    assertTrue(report.get("speech.mp4").<Long>getAs("faces") >= FRAMES - 1, "a face in the frames");
    assertEquals("error", report.get("broken.mp4").getAs("status"));
    assertTrue(Files.isRegularFile(out.resolve("2001/speech.mp4")));
    assertEquals(FRAMES, frames(out.resolve("interview.mp4")));
    try (Stream<Path> files = Files.walk(out)) {
      assertEquals(List.of("2001/speech.mp4", "interview.mp4"), files.filter(Files::isRegularFile)
          .map(p -> out.relativize(p).toString()).filter(p -> !p.startsWith(VideoArchiveJob.AUDIT)).sorted().toList(),
          "the two outputs, nothing staged");
    }

    Map<String, Row> rerun = byName(job.run(spark, videos, "path"));
    assertEquals("skipped", rerun.get("interview.mp4").getAs("status"));
    assertEquals("skipped", rerun.get("speech.mp4").getAs("status"));
    assertEquals("error", rerun.get("broken.mp4").getAs("status"));
  }

  private static Map<String, Row> byName(Dataset<Row> report) {
    return report.collectAsList().stream().collect(Collectors.toMap(
        r -> Path.of(OutputLayout.withoutScheme(r.getAs("path"))).getFileName().toString(), r -> r));
  }

  private static void writeClip(Path file) throws IOException {
    BufferedImage photo = ImageIO.read(SharedData.image("astronaut.png").toFile());
    try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(file.toFile(), 256, 256, 0);
        Java2DFrameConverter conv = new Java2DFrameConverter()) {
      rec.setFormat("mp4");
      rec.setVideoCodecName("libopenh264");
      rec.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
      rec.setFrameRate(10);
      rec.setVideoBitrate(2_000_000);
      rec.start();
      for (int i = 0; i < FRAMES; i++) {
        BufferedImage frame = new BufferedImage(256, 256, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = frame.createGraphics();
        g.drawImage(photo, -i * 2, 0, 256, 256, null);
        g.dispose();
        rec.record(conv.convert(frame));
      }
      rec.stop();
    }
  }

  private static int frames(Path video) throws IOException {
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile())) {
      grabber.start();
      int n = 0;
      while (grabber.grabImage() != null) {
        n++;
      }
      grabber.stop();
      return n;
    }
  }
}
