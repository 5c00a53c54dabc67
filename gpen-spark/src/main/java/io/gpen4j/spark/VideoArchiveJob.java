package io.gpen4j.spark;

import io.gpen4j.FaceRestorer;
import io.gpen4j.GpenException;
import io.gpen4j.video.VideoOptions;
import io.gpen4j.video.VideoRestorer;
import io.gpen4j.video.VideoResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Restores a video library on Spark: a column of video paths, one task per video, each through
 * gpen-video's {@link VideoRestorer} with the executor's shared {@link FaceRestorer}. Outputs keep
 * each input's path relative to the input folder and its extension (which picks the container),
 * written atomically and idempotently as the photo job writes them; a rerun skips finished videos.
 *
 * <pre>{@code
 * Dataset<Row> videos = spark.read().format("binaryFile").load("/mnt/library").select("path");
 * Dataset<Row> report = VideoArchiveJob.builder("/mnt/library", Path.of("/mnt/restored"), restore)
 *     .build().run(spark, videos, "path");
 * }</pre>
 *
 * <p>The videos must be readable at their paths by every executor (a shared mount), since FFmpeg
 * reads files. The report ({@link #SCHEMA}) is also appended as Parquet under
 * {@code OUTPUT/gpen4j-video-audit}.
 */
public final class VideoArchiveJob {
  /** The report's schema: one row per video. */
  public static final StructType SCHEMA = new StructType(new StructField[] {
      DataTypes.createStructField("run_id", DataTypes.StringType, false),
      DataTypes.createStructField("path", DataTypes.StringType, false),
      DataTypes.createStructField("output", DataTypes.StringType, true),
      DataTypes.createStructField("status", DataTypes.StringType, false),
      DataTypes.createStructField("error", DataTypes.StringType, true),
      DataTypes.createStructField("frames", DataTypes.LongType, false),
      DataTypes.createStructField("faces", DataTypes.LongType, false),
      DataTypes.createStructField("millis", DataTypes.LongType, false)});

  /** The folder under the output folder that holds the report. */
  static final String AUDIT = "gpen4j-video-audit";

  private final String inputRoot;
  private final Path output;
  private final FaceRestoreTransformer settings;
  private final FileHook hook;

  private VideoArchiveJob(Builder b) {
    this.inputRoot = b.inputRoot;
    this.output = b.output.toAbsolutePath().normalize();
    this.settings = b.settings;
    this.hook = b.hook;
  }

  /**
   * Returns a builder.
   *
   * @param inputRoot the folder the video paths are relative to
   * @param output the output folder, writable by every executor
   * @param settings the models and restore options (its columns and output format are not used)
   * @return a new builder
   */
  public static Builder builder(String inputRoot, Path output, FaceRestoreTransformer settings) {
    return new Builder(inputRoot, output, settings);
  }

  /**
   * Restores the videos, one task each, and waits.
   *
   * @param spark the session
   * @param videos the frame with the video paths
   * @param pathColumn the string column with the paths ({@code file:/...} or plain paths)
   * @return the report, one row per video ({@link #SCHEMA})
   * @throws IllegalArgumentException if the column is missing
   */
  public Dataset<Row> run(SparkSession spark, Dataset<Row> videos, String pathColumn) {
    if (!List.of(videos.columns()).contains(pathColumn)) {
      throw new IllegalArgumentException("no column " + pathColumn + " in " + List.of(videos.columns()));
    }
    try {
      Files.createDirectories(output);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the output folder " + output, e);
    }
    String runId = "video-" + UUID.randomUUID();
    List<String> paths = videos.select(pathColumn).as(Encoders.STRING()).collectAsList();
    OutputLayout layout = new OutputLayout(OutputLayout.withoutScheme(inputRoot), output.toString(), "", Set.of());
    VideoTask task = new VideoTask(runId, layout, settings.partitionRestorer(
        new StructType().add("content", DataTypes.BinaryType)), hook);
    // One partition per video: one task each, so a long video never holds up a short one's slot.
    JavaRDD<Row> rows = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(paths, Math.max(1, paths.size())).map(task);
    String audit = output.resolve(AUDIT).toString();
    spark.createDataFrame(rows, SCHEMA).write().mode(SaveMode.Append).parquet(audit);
    return spark.read().parquet(audit).filter(functions.col("run_id").equalTo(runId));
  }

  /** Restores one video on an executor. */
  private static final class VideoTask implements Function<String, Row> {
    private static final long serialVersionUID = 1L;
    private final String runId;
    private final OutputLayout layout;
    private final PartitionRestorer config;
    private final FileHook hook;

    VideoTask(String runId, OutputLayout layout, PartitionRestorer config, FileHook hook) {
      this.runId = runId;
      this.layout = layout;
      this.config = config;
      this.hook = hook;
    }

    @Override
    public Row call(String path) {
      long t0 = System.nanoTime();
      Path target = layout.sameNameTarget(path);
      if (Files.exists(target)) {
        return RowFactory.create(runId, path, target.toString(), AuditRows.STATUS_SKIPPED, null, 0L, 0L, 0L);
      }
      FaceRestorer restorer = ExecutorRestorers.get(config.key());
      VideoOptions options = VideoOptions.builder().restoreOptions(config.restoreOptions()).build();
      TaskContext context = TaskContext.get();
      int attempt = context != null ? context.attemptNumber() : 0;
      String relative = Path.of(layout.outputFolder()).relativize(target).toString();
      VideoResult[] result = new VideoResult[1];
      try {
        StagedFiles.write(layout.staging(), target, staged -> result[0] = VideoRestorer.builder(restorer).build()
            .restore(Path.of(OutputLayout.withoutScheme(path)), staged, options), () -> hook.staged(relative, attempt));
        long faces = result[0].facesPerFrame().stream().mapToLong(Integer::longValue).sum();
        return RowFactory.create(runId, path, target.toString(), FaceRestoreTransformer.STATUS_OK, null,
            result[0].framesWritten(), faces, (System.nanoTime() - t0) / 1_000_000);
      } catch (IOException | GpenException | IllegalArgumentException e) {
        // A broken or unreadable video (VideoException) is this row's error; anything else fails
        // the task, which Spark retries.
        return RowFactory.create(runId, path, null, FaceRestoreTransformer.STATUS_ERROR,
            e.getMessage() != null ? e.getMessage() : e.toString(), 0L, 0L, (System.nanoTime() - t0) / 1_000_000);
      }
    }
  }

  /** Builds a {@link VideoArchiveJob}. Not thread-safe. */
  public static final class Builder {
    private final String inputRoot;
    private final Path output;
    private final FaceRestoreTransformer settings;
    private FileHook hook = FileHook.NONE;

    private Builder(String inputRoot, Path output, FaceRestoreTransformer settings) {
      this.inputRoot = Objects.requireNonNull(inputRoot, "inputRoot");
      this.output = Objects.requireNonNull(output, "output");
      this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Sets the hook called before each output is moved into place; tests fail tasks there. */
    Builder fileHook(FileHook hook) {
      this.hook = Objects.requireNonNull(hook, "hook");
      return this;
    }

    /**
     * Builds the job.
     *
     * @return the job
     * @throws IllegalArgumentException if the settings have no model
     */
    public VideoArchiveJob build() {
      settings.partitionRestorer(new StructType().add("content", DataTypes.BinaryType));
      return new VideoArchiveJob(this);
    }
  }
}
