package io.gpen4j.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.spark.api.java.function.FilterFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Restores a photo archive on Spark: every file under an input folder (read with Spark's
 * {@code binaryFile} source, recursively) is restored by a {@link FaceRestoreTransformer} and
 * written under the output folder at its relative path, with an audit of every input and face
 * in Parquet.
 *
 * <pre>{@code
 * FaceRestoreTransformer restore = new FaceRestoreTransformer().setModel("/models/GPEN-BFR-512.onnx");
 * ArchiveSummary summary = ArchiveRestoreJob.builder("hdfs:///scans", Path.of("/mnt/shared/restored"), restore)
 *     .build().run(spark);
 * }</pre>
 *
 * <p>Outputs: written atomically and idempotently ({@link StagedFiles}): a retried or speculative
 * task rewrites the same file, never a second one or half of one; the output folder must be a
 * path every executor can write (a shared mount; the local disk in local mode). A rerun skips the
 * inputs whose output exists (they get audit rows with status {@code skipped}), so an interrupted
 * run resumes where it stopped. The audit ({@link AuditRows}) is appended per run under
 * {@code OUTPUT/gpen4j-audit}, through Spark's own Parquet commit, so retried tasks add no rows.
 */
public final class ArchiveRestoreJob {
  private final String input;
  private final Path output;
  private final FaceRestoreTransformer transformer;
  private final int partitions;
  private final FileHook hook;

  private ArchiveRestoreJob(Builder b) {
    this.input = b.input;
    this.output = b.output.toAbsolutePath().normalize();
    this.transformer = b.transformer.copy(new org.apache.spark.ml.param.ParamMap())
        .setInputCol("content").setPathCol("path");
    this.partitions = b.partitions;
    this.hook = b.hook;
  }

  /**
   * Returns a builder.
   *
   * @param input the input folder or file, as Spark's file sources take it ({@code /data/scans},
   *     {@code hdfs:///scans})
   * @param output the output folder, writable by every executor
   * @param transformer the models and options; its input and path columns are set to the
   *     binaryFile source's
   * @return a new builder
   */
  public static Builder builder(String input, Path output, FaceRestoreTransformer transformer) {
    return new Builder(input, output, transformer);
  }

  /**
   * Runs the job and waits for it.
   *
   * @param spark the session
   * @return what was done, counted from the audit
   * @throws UncheckedIOException if the output folder cannot be created
   * @throws RuntimeException wrapping Spark's {@code SparkException} if a task fails for good (a
   *     missing model; a broken photo never fails a task)
   */
  public ArchiveSummary run(SparkSession spark) {
    Objects.requireNonNull(spark, "spark");
    String runId = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").format(ZonedDateTime.now(ZoneOffset.UTC))
        + "-" + UUID.randomUUID().toString().substring(0, 8);
    try {
      Files.createDirectories(output);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the output folder " + output, e);
    }
    String extension = transformer.format().extensions().get(0);
    Dataset<Row> files = spark.read().format("binaryFile").option("recursiveFileLookup", "true").load(input);
    OutputLayout unshared = new OutputLayout(OutputLayout.withoutScheme(input), output.toString(), extension, Set.of());
    OutputLayout layout = new OutputLayout(unshared.inputRoot(), unshared.outputFolder(), extension,
        sharedStems(files, unshared));
    String audit = output.resolve(AuditRows.FOLDER).toString();

    // The skipped inputs' rows first, in their own job: the restore below writes outputs, and an
    // existence check running beside it could see them.
    FilterFunction<Row> exists = row -> Files.exists(layout.target(row.getString(0)));
    MapFunction<Row, Row> skippedRow = row -> AuditRows.of(runId, row.getString(0),
        layout.target(row.getString(0)).toString(), AuditRows.STATUS_SKIPPED, null, SparkArrays.of(List.of()));
    files.select("path").filter(exists).map(skippedRow, Encoders.row(AuditRows.SCHEMA))
        .write().mode(SaveMode.Append).parquet(audit);

    // Spark's file scan drops zero-byte files; the audit still lists them, as errors.
    List<Row> empty = emptyFiles(spark, input).stream().map(path -> AuditRows.of(runId, path, null,
        FaceRestoreTransformer.STATUS_ERROR, "Cannot decode " + OutputLayout.withoutScheme(path)
            + ": the file is empty (0 bytes)", SparkArrays.of(List.of()))).toList();
    spark.createDataFrame(empty, AuditRows.SCHEMA).write().mode(SaveMode.Append).parquet(audit);

    FilterFunction<Row> todo = row -> !Files.exists(layout.target(row.getString(row.fieldIndex("path"))));
    Dataset<Row> pending = files.filter(todo);
    int n = partitions > 0 ? partitions : spark.sparkContext().defaultParallelism() * 4;
    Dataset<Row> restored = transformer.transform(pending.repartition(n));
    restored.mapPartitions(new ResultWriter(layout, runId, restored.schema(), "path", hook),
            Encoders.row(AuditRows.SCHEMA))
        .write().mode(SaveMode.Append).parquet(audit);
    deleteStaging(layout.staging());
    return summary(spark, runId, Path.of(audit));
  }

  /** The zero-byte files under the input that Spark's file listing takes (not hidden: no leading . or _). */
  private static List<String> emptyFiles(SparkSession spark, String input) {
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(input);
    List<String> empty = new java.util.ArrayList<>();
    try {
      org.apache.hadoop.fs.FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      org.apache.hadoop.fs.RemoteIterator<org.apache.hadoop.fs.LocatedFileStatus> files = fs.listFiles(root, true);
      while (files.hasNext()) {
        org.apache.hadoop.fs.LocatedFileStatus f = files.next();
        if (f.getLen() == 0 && !hidden(root, f.getPath())) {
          empty.add(f.getPath().toString());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + input, e);
    }
    return empty;
  }

  private static boolean hidden(org.apache.hadoop.fs.Path root, org.apache.hadoop.fs.Path file) {
    String rootPath = root.toUri().getPath();
    for (org.apache.hadoop.fs.Path p = file; p != null && !p.toUri().getPath().equals(rootPath); p = p.getParent()) {
      String name = p.getName();
      if (name.startsWith(".") || name.startsWith("_")) {
        return true;
      }
    }
    return false;
  }

  private static Set<String> sharedStems(Dataset<Row> files, OutputLayout layout) {
    MapFunction<Row, String> stem = row -> OutputLayout.stem(layout.relative(row.getString(0)));
    List<Row> shared = files.select("path").map(stem, Encoders.STRING()).toDF("stem")
        .groupBy("stem").count().filter(functions.col("count").gt(1)).collectAsList();
    Set<String> stems = new HashSet<>();
    shared.forEach(r -> stems.add(r.getString(0)));
    return stems;
  }

  private static ArchiveSummary summary(SparkSession spark, String runId, Path audit) {
    // The schema is known: no job to infer it.
    List<Row> counts = spark.read().schema(AuditRows.SCHEMA).parquet(audit.toString())
        .filter(functions.col("run_id").equalTo(runId))
        .groupBy("status")
        .agg(functions.count(functions.lit(1)), functions.sum(functions.size(functions.col("faces"))))
        .collectAsList();
    long restored = 0;
    long failed = 0;
    long skipped = 0;
    long faces = 0;
    for (Row r : counts) {
      long count = r.getLong(1);
      switch (r.getString(0)) {
        case FaceRestoreTransformer.STATUS_OK -> {
          restored = count;
          faces = r.isNullAt(2) ? 0 : r.getLong(2);
        }
        case AuditRows.STATUS_SKIPPED -> skipped = count;
        default -> failed += count;
      }
    }
    return new ArchiveSummary(runId, restored, failed, skipped, faces, audit);
  }

  /** Removes what killed attempts left in the staging folder (a finished attempt leaves nothing). */
  private static void deleteStaging(Path staging) {
    if (!Files.exists(staging)) {
      return;
    }
    try (Stream<Path> all = Files.walk(staging)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the staging folder " + staging, e);
    }
  }

  /** Builds an {@link ArchiveRestoreJob}. Not thread-safe. */
  public static final class Builder {
    private final String input;
    private final Path output;
    private final FaceRestoreTransformer transformer;
    private int partitions;
    private FileHook hook = FileHook.NONE;

    private Builder(String input, Path output, FaceRestoreTransformer transformer) {
      this.input = Objects.requireNonNull(input, "input");
      this.output = Objects.requireNonNull(output, "output");
      this.transformer = Objects.requireNonNull(transformer, "transformer");
    }

    /**
     * Sets how many partitions (tasks) the photos are spread over; more than the executors' slots
     * evens out photos of different cost.
     *
     * @param count at least 1, or 0 (the default) for four per slot ({@code defaultParallelism})
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder partitions(int count) {
      if (count < 0) {
        throw new IllegalArgumentException("partitions must not be negative: " + count);
      }
      this.partitions = count;
      return this;
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
     * @throws IllegalArgumentException if the transformer's output format is not one gpen4j writes
     */
    public ArchiveRestoreJob build() {
      transformer.format();
      return new ArchiveRestoreJob(this);
    }
  }
}
