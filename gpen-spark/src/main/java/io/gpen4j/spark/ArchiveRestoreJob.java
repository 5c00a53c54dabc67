package io.gpen4j.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Restores a photo archive on Spark: every file under an input folder (recursively, skipping
 * hidden names as Spark's file sources do) is restored by a {@link FaceRestoreTransformer} and
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
 *
 * <p>One Spark job per run: the driver lists the input once ({@link ArchiveListing}) and decides
 * which inputs are skipped or empty; the others are dealt, largest first, into tasks of about
 * {@link FaceRestoreTransformer#photosPerBatch()} photos, each of which reads its own files (no
 * shuffle of photo bytes), restores them, writes their outputs and their audit rows. Small tasks
 * keep every slot busy to the end of the run; the summary is counted while the audit is written.
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
    SparkContext sc = spark.sparkContext();
    ArchiveListing listing = ArchiveListing.of(input, sc.hadoopConfiguration());
    OutputLayout unshared = new OutputLayout(OutputLayout.withoutScheme(listing.root()), output.toString(), extension,
        Set.of());
    OutputLayout layout = new OutputLayout(unshared.inputRoot(), unshared.outputFolder(), extension,
        listing.sharedStems(unshared));

    // Decided here, once, before any output is written: a retried task redoes exactly its photos,
    // and an existence check can never see an output this run wrote.
    List<Row> decided = new ArrayList<>();
    List<ArchiveListing.File> pending = new ArrayList<>();
    long skipped = 0;
    long empty = 0;
    for (ArchiveListing.File f : listing.files()) {
      if (f.length() == 0) {
        // Spark's file sources drop zero-byte files; the audit still lists them, as errors.
        decided.add(AuditRows.of(runId, f.path(), null, FaceRestoreTransformer.STATUS_ERROR,
            "Cannot decode " + OutputLayout.withoutScheme(f.path()) + ": the file is empty (0 bytes)",
            SparkArrays.of(List.of())));
        empty++;
      } else if (Files.exists(layout.target(f.path()))) {
        decided.add(AuditRows.of(runId, f.path(), layout.target(f.path()).toString(), AuditRows.STATUS_SKIPPED,
            null, SparkArrays.of(List.of())));
        skipped++;
      } else {
        pending.add(f);
      }
    }

    // One Spark job: each task reads its own photos (no shuffle of their bytes), restores them,
    // writes the outputs, and the audit rows of all of them and of the decided inputs are written
    // together.
    String audit = output.resolve(AuditRows.FOLDER).toString();
    ResultWriter.Counters counters = ResultWriter.Counters.of(sc);
    Dataset<Row> rows = spark.createDataFrame(decided, AuditRows.SCHEMA);
    if (!pending.isEmpty()) {
      if (sc.isLocal()) {
        // Local mode: this JVM is the executor; its models load while the job is planned.
        ExecutorRestorers.preload(transformer.partitionRestorer(PhotoReader.SCHEMA).key());
      }
      int slots = sc.defaultParallelism();
      int photosPerBatch = transformer.photoSettings().photosPerBatch();
      int n = partitions > 0 ? partitions
          : Math.max(Math.min(ceilDiv(pending.size(), photosPerBatch), slots * 8), slots);
      n = Math.min(n, pending.size());
      Broadcast<SerializableConfiguration> conf = sc.broadcast(new SerializableConfiguration(sc.hadoopConfiguration()),
          scala.reflect.ClassTag$.MODULE$.apply(SerializableConfiguration.class));
      JavaRDD<Row> photos = JavaSparkContext.fromSparkContext(sc).parallelize(ArchiveListing.deal(pending, n), n)
          .flatMap(new PhotoReader(conf));
      Dataset<Row> restored = transformer.transform(spark.createDataFrame(photos, PhotoReader.SCHEMA));
      rows = rows.union(restored.mapPartitions(
          new ResultWriter(layout, runId, restored.schema(), "path", hook, counters), Encoders.row(AuditRows.SCHEMA)));
    }
    rows.write().mode(SaveMode.Append).parquet(audit);
    deleteStaging(layout.staging());
    return new ArchiveSummary(runId, counters.restored().value(), counters.failed().value() + empty, skipped,
        counters.faces().value(), Path.of(audit));
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
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
     * evens out photos of different cost, and each task writes one audit file.
     *
     * @param count at least 1, or 0 (the default) for one per {@code photosPerBatch} photos, at
     *     least one and at most eight per slot ({@code defaultParallelism})
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
