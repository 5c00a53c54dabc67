package io.gpen4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gpen4j.FaceRestorer;
import io.gpen4j.RestoreOptions;
import io.gpen4j.testing.LongRun;
import io.gpen4j.testing.SharedData;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The archive job with executors in separate JVMs: Spark's {@code local-cluster[2,1,1024]} master
 * starts a standalone master and two workers in this JVM, each worker launching an executor JVM
 * (one core, 1 GB) from this test's class path; the photos are restored there, not here. Long-run
 * mode only ({@code -Dgpen4j.longRun=true}): two more JVMs each load the model.
 *
 * <p>Spark's workers build the executor command line from a Spark home: the build points
 * {@code SPARK_HOME} at {@code target/spark-home}, whose empty {@code jars} folder this test makes;
 * the classes come from {@code spark.executor.extraClassPath}.
 */
final class SeparateJvmJobTest {
  private static final Logger LOG = LoggerFactory.getLogger(SeparateJvmJobTest.class);

  @TempDir Path dir;

  @Test
  void archive_restoredByExecutorsInTwoOtherJvms_asInLocalMode() throws IOException {
    Assumptions.assumeTrue(LongRun.enabled(), "long-run mode only (-Dgpen4j.longRun=true)");
    PhotoArchive archive = PhotoArchive.create(dir.resolve("archive"));
    Path home = Path.of(System.getenv("SPARK_HOME"));
    Files.createDirectories(home.resolve("jars"));
    // One SparkContext per JVM: the other classes' local session makes way.
    if (SparkSession.getDefaultSession().isDefined()) {
      SparkSession.getDefaultSession().get().stop();
    }
    int loadsHere = ExecutorRestorers.loads();
    SparkSession spark = SparkSession.builder()
        .master("local-cluster[2,1,1024]")
        .appName("gpen-spark-separate-jvms")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.executor.extraClassPath", System.getProperty("java.class.path"))
        .config("spark.executorEnv.XDG_CACHE_HOME", Path.of("target", "xdg-cache").toAbsolutePath().toString())
        .getOrCreate();
    try {
      long t0 = System.nanoTime();
      ArchiveSummary summary = ArchiveRestoreJob.builder(archive.root().toString(), dir.resolve("out"),
          ArchiveRestoreJobTest.transformer()).build().run(spark);
      LOG.info("separate JVMs: {} executors; {} in {} s", spark.sparkContext().getExecutorMemoryStatus().size() - 1,
          summary.line(), (System.nanoTime() - t0) / 1_000_000_000);

      assertEquals(archive.photos().size(), summary.restored(), summary.line());
      assertEquals(archive.broken().size(), summary.failed(), summary.line());
      assertEquals(3, spark.sparkContext().getExecutorMemoryStatus().size(), "the driver and two executors");
      assertEquals(loadsHere, ExecutorRestorers.loads(), "no model loaded in the driver's JVM");
    } finally {
      spark.stop();
    }
    RestoreOptions options = RestoreOptions.builder().fidelity(0.8).build();
    try (FaceRestorer restorer = FaceRestorer.builder().generator(SharedData.randomGpen256()).build()) {
      for (String photo : archive.photos()) {
        Path expected = archive.output(dir.resolve("cli"), photo);
        Files.createDirectories(expected.getParent());
        restorer.restore(archive.root().resolve(photo), expected, options);
        assertArrayEquals(pixels(expected), pixels(archive.output(dir.resolve("out"), photo)), photo);
      }
    }
  }

  private static int[] pixels(Path file) throws IOException {
    BufferedImage image = ImageIO.read(file.toFile());
    return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
  }
}
