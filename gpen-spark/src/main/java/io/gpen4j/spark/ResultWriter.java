package io.gpen4j.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;

/**
 * Writes each restored photo of a partition to its output file ({@link StagedFiles}: atomic, and
 * idempotent across task attempts) and turns the row into an audit row ({@link AuditRows}). A file
 * that cannot be written gives an error row.
 *
 * <p>Counts: each audit row is counted in {@link Counters} (Spark accumulators), so the job's
 * summary needs no second pass over the audit. The rows are counted in the stage that writes the
 * audit, whose failed or duplicate attempts Spark does not merge: the counts are the audit's.
 */
final class ResultWriter implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  /** The optional input column with why a photo's file could not be read ({@link PhotoReader}). */
  static final String READ_ERROR_COL = "read_error";

  /**
   * The counts of the written audit rows.
   *
   * @param restored rows with status ok
   * @param failed rows with status error
   * @param faces faces of the ok rows
   */
  record Counters(LongAccumulator restored, LongAccumulator failed, LongAccumulator faces)
      implements java.io.Serializable {
    static Counters of(org.apache.spark.SparkContext sc) {
      return new Counters(sc.longAccumulator("gpen4j restored"), sc.longAccumulator("gpen4j failed"),
          sc.longAccumulator("gpen4j faces"));
    }
  }

  private final OutputLayout layout;
  private final String runId;
  private final int pathIndex;
  private final int restoredIndex;
  private final int facesIndex;
  private final int statusIndex;
  private final int errorIndex;
  private final int readErrorIndex;
  private final FileHook hook;
  private final Counters counters;

  ResultWriter(OutputLayout layout, String runId, StructType schema, String pathCol, FileHook hook,
      Counters counters) {
    this.layout = layout;
    this.runId = runId;
    this.pathIndex = schema.fieldIndex(pathCol);
    this.restoredIndex = schema.fieldIndex(FaceRestoreTransformer.RESTORED_COL);
    this.facesIndex = schema.fieldIndex(FaceRestoreTransformer.FACES_COL);
    this.statusIndex = schema.fieldIndex(FaceRestoreTransformer.STATUS_COL);
    this.errorIndex = schema.fieldIndex(FaceRestoreTransformer.ERROR_COL);
    this.readErrorIndex = Arrays.asList(schema.fieldNames()).contains(READ_ERROR_COL)
        ? schema.fieldIndex(READ_ERROR_COL) : -1;
    this.hook = hook;
    this.counters = counters;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    TaskContext task = TaskContext.get();
    int attempt = task != null ? task.attemptNumber() : 0;
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public Row next() {
        return count(write(rows.next(), attempt));
      }
    };
  }

  private Row count(Row audit) {
    if (FaceRestoreTransformer.STATUS_OK.equals(audit.getString(3))) {
      counters.restored().add(1);
      counters.faces().add(audit.getList(5).size());
    } else {
      counters.failed().add(1);
    }
    return audit;
  }

  private Row write(Row row, int attempt) {
    String path = row.getString(pathIndex);
    Object faces = row.get(facesIndex);
    if (readErrorIndex >= 0 && !row.isNullAt(readErrorIndex)) {
      return AuditRows.of(runId, path, null, FaceRestoreTransformer.STATUS_ERROR, row.getString(readErrorIndex),
          faces);
    }
    if (!FaceRestoreTransformer.STATUS_OK.equals(row.getString(statusIndex))) {
      return AuditRows.of(runId, path, null, row.getString(statusIndex), row.getString(errorIndex), faces);
    }
    Path target = layout.target(path);
    String relative = Path.of(layout.outputFolder()).relativize(target).toString();
    try {
      StagedFiles.write(layout.staging(), target, (byte[]) row.get(restoredIndex),
          () -> hook.staged(relative, attempt));
      return AuditRows.of(runId, path, target.toString(), FaceRestoreTransformer.STATUS_OK, null, faces);
    } catch (IOException e) {
      return AuditRows.of(runId, path, null, FaceRestoreTransformer.STATUS_ERROR,
          "cannot write " + target + ": " + e, SparkArrays.of(List.of()));
    }
  }
}
