package io.gpen4j.examples.cli;

import io.gpen4j.models.ModelRepository;
import io.gpen4j.spark.ArchiveRestoreJob;
import io.gpen4j.spark.ArchiveSummary;
import io.gpen4j.spark.FaceRestoreTransformer;
import java.io.File;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gpen4j spark INPUT -o OUT}: restores a photo archive with gpen-spark's job, in an embedded
 * Spark ({@code local[*]}) by default or on a cluster ({@code --master spark://host:7077}).
 * The outputs, their layout and the exit codes are the {@code restore} command's; the per-face
 * audit is written as Parquet under {@code OUT/gpen4j-audit}.
 */
@Command(
    name = "spark",
    mixinStandardHelpOptions = true,
    description = "Restores a photo archive on Apache Spark: embedded local mode by default, or a cluster "
        + "with --master. Outputs keep each input's relative path; reruns skip finished files.")
public final class SparkCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "INPUT", description = "The archive: a folder (read recursively) or a "
      + "file, as Spark reads it (a local path, hdfs://...).")
  private String input;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR",
      description = "Output folder, writable by every executor (a shared mount on a cluster).")
  private Path output;

  @Option(names = "--master", paramLabel = "URL", description = "Spark master: local[*] (embedded, the default), "
      + "local[N], or spark://host:port. On a cluster the executors use this tool's class path, so it must exist "
      + "at the same place on every worker; else submit gpen-spark's job jar with spark-submit.")
  private String master = "local[*]";

  @Option(names = "--model", paramLabel = "NAME|FILE", description = "Face restorer: a file on every node, a "
      + "catalogue name found in --models-dir, or a file given with --files. Default: ${DEFAULT-VALUE}.")
  private String model = "GPEN-BFR-512";

  @Option(names = "--detector", paramLabel = "NAME|FILE",
      description = "Face detector, as --model. Default: the YuNet detector built into gpen-core.")
  private String detector;

  @Option(names = "--models-dir", paramLabel = "DIR", description = "Where catalogue models are on every node.")
  private String modelsDirectory;

  @Option(names = "--cache-dir", paramLabel = "DIR", description = "Where each node keeps models prepared for it "
      + "(as restore's --cache-dir). Default: sessions/ in the download cache ($XDG_CACHE_HOME/gpen4j or "
      + "~/.cache/gpen4j).")
  private Path cacheDirectory;

  @Option(names = "--only-largest-face", description = "Restore only the largest face.")
  private boolean onlyLargestFace;

  @Option(names = "--min-face-size", paramLabel = "PX", description = "Skip faces smaller than PX pixels.")
  private int minFaceSize;

  @Option(names = "--fidelity", paramLabel = "0..1", description = "0 keeps the original, 1 takes the "
      + "generator's face. Default: ${DEFAULT-VALUE}.")
  private double fidelity = 1.0;

  @Option(names = "--upscale", paramLabel = "1|2|4", description = "Output scale. Default: ${DEFAULT-VALUE}.")
  private int upscale = 1;

  @Option(names = "--format", paramLabel = "FORMAT", description = "png, jpg or bmp. Default: ${DEFAULT-VALUE}.")
  private String format = "png";

  @Option(names = "--partitions", paramLabel = "N", description = "Tasks the photos are spread over. Default: "
      + "one per --photos-per-batch photos, from one to eight per task slot.")
  private int partitions;

  @Option(names = "--photos-per-batch", paramLabel = "N", description = "Photos whose faces go to the generator "
      + "together. Default: ${DEFAULT-VALUE}.")
  private int photosPerBatch = 4;

  /** Creates the command; picocli fills in its options. */
  public SparkCommand() {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    FaceRestoreTransformer restore;
    ArchiveRestoreJob job;
    try {
      restore = new FaceRestoreTransformer()
          .setModel(modelFile(model))
          .setOnlyLargestFace(onlyLargestFace)
          .setMinFaceSize(minFaceSize)
          .setFidelity(fidelity)
          .setUpscale(upscale)
          .setOutputFormat(format.toLowerCase(Locale.ROOT))
          .setPhotosPerBatch(photosPerBatch);
      if (detector != null) {
        restore.setDetector(modelFile(detector));
      }
      restore.setCacheDirectory((cacheDirectory != null ? cacheDirectory
          : ModelRepository.builder().build().cacheDirectory().resolve("sessions")).toAbsolutePath().toString());
      if (modelsDirectory != null) {
        restore.setModelsDirectory(Path.of(modelsDirectory).toAbsolutePath().toString());
      }
      restore.transformSchema(new org.apache.spark.sql.types.StructType()
          .add("content", org.apache.spark.sql.types.DataTypes.BinaryType));
      job = ArchiveRestoreJob.builder(input, output, restore).partitions(partitions).build();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), asTyped(e.getMessage()), e);
    }
    SparkSession.Builder session = SparkSession.builder().master(master).appName("gpen4j spark")
        .config("spark.ui.enabled", "false");
    if (master.startsWith("local")) {
      // Embedded: nothing outside this machine needs to reach the driver.
      session.config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1");
    } else {
      session.config("spark.executor.extraClassPath", System.getProperty("java.class.path"));
    }
    SparkSession spark = session.getOrCreate();
    try {
      long t0 = System.nanoTime();
      ArchiveSummary summary = job.run(spark);
      out.println("Summary: " + summary.line() + " in " + Durations.format(java.time.Duration.ofNanos(
          System.nanoTime() - t0)) + "; audit in " + summary.audit());
      out.flush();
      return summary.failed() == 0 ? 0 : summary.restored() + summary.skipped() > 0 ? 2 : 1;
    } finally {
      spark.stop();
    }
  }

  /** A model file given relative to the current folder, made absolute so that executors find it. */
  private static String modelFile(String text) {
    File f = new File(text);
    return f.isFile() ? f.getAbsolutePath() : text;
  }

  /** The transformer's parameter names in a message replaced with the options as typed. */
  private static String asTyped(String message) {
    String m = message == null ? "" : message;
    return m.replace("outputFormat", "--format").replace("minFaceSize", "--min-face-size")
        .replace("fidelity", "--fidelity").replace("upscale", "--upscale")
        .replace("photosPerBatch", "--photos-per-batch").replace("partitions", "--partitions");
  }
}
