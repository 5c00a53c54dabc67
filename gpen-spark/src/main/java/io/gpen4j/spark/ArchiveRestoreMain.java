package io.gpen4j.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * The job jar's main class, for {@code spark-submit}:
 *
 * <pre>
 * spark-submit --master spark://host:7077 --files GPEN-BFR-512.onnx \
 *     gpen-spark-VERSION-job.jar INPUT OUTPUT --model GPEN-BFR-512.onnx [--detector FILE]
 *     [--models-dir DIR] [--only-largest-face] [--min-face-size PX] [--fidelity F] [--upscale N]
 *     [--format png|jpg|bmp] [--partitions N] [--photos-per-batch N]
 * </pre>
 *
 * <p>Prints the summary line; exits 0 when every input has its output, 2 when some failed, 1 when
 * none was restored, 64 for a bad command line.
 */
public final class ArchiveRestoreMain {
  private ArchiveRestoreMain() {}

  /**
   * Runs the archive job in the session spark-submit configured.
   *
   * @param args the command line above
   */
  public static void main(String[] args) {
    int code;
    try {
      code = run(args);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      code = 64;
    }
    System.exit(code);
  }

  private static int run(String[] args) {
    List<String> positional = new ArrayList<>();
    FaceRestoreTransformer restore = new FaceRestoreTransformer();
    int partitions = 0;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--model" -> restore.setModel(value(args, ++i, a));
        case "--detector" -> restore.setDetector(value(args, ++i, a));
        case "--models-dir" -> restore.setModelsDirectory(value(args, ++i, a));
        case "--only-largest-face" -> restore.setOnlyLargestFace(true);
        case "--min-face-size" -> restore.setMinFaceSize(Integer.parseInt(value(args, ++i, a)));
        case "--fidelity" -> restore.setFidelity(Double.parseDouble(value(args, ++i, a)));
        case "--upscale" -> restore.setUpscale(Integer.parseInt(value(args, ++i, a)));
        case "--format" -> restore.setOutputFormat(value(args, ++i, a));
        case "--photos-per-batch" -> restore.setPhotosPerBatch(Integer.parseInt(value(args, ++i, a)));
        case "--partitions" -> partitions = Integer.parseInt(value(args, ++i, a));
        default -> {
          if (a.startsWith("--")) {
            throw new IllegalArgumentException("unknown option " + a);
          }
          positional.add(a);
        }
      }
    }
    if (positional.size() != 2 || !restore.isDefined(restore.model())) {
      throw new IllegalArgumentException("usage: INPUT OUTPUT --model MODEL [options]; see the gpen-spark README");
    }
    ArchiveRestoreJob job = ArchiveRestoreJob.builder(positional.get(0), Path.of(positional.get(1)), restore)
        .partitions(partitions).build();
    SparkSession spark = SparkSession.builder().appName("gpen4j archive restore").getOrCreate();
    try {
      ArchiveSummary summary = job.run(spark);
      System.out.println("Summary: " + summary.line() + "; audit in " + summary.audit());
      return summary.failed() == 0 ? 0 : summary.restored() + summary.skipped() > 0 ? 2 : 1;
    } finally {
      spark.stop();
    }
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }
}
