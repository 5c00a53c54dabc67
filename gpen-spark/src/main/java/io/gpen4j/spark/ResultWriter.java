package io.gpen4j.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

/**
 * Writes each restored photo of a partition to its output file ({@link StagedFiles}: atomic, and
 * idempotent across task attempts) and turns the row into an audit row ({@link AuditRows}). A file
 * that cannot be written gives an error row.
 */
final class ResultWriter implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  private final OutputLayout layout;
  private final String runId;
  private final int pathIndex;
  private final int restoredIndex;
  private final int facesIndex;
  private final int statusIndex;
  private final int errorIndex;
  private final FileHook hook;

  ResultWriter(OutputLayout layout, String runId, org.apache.spark.sql.types.StructType schema, String pathCol,
      FileHook hook) {
    this.layout = layout;
    this.runId = runId;
    this.pathIndex = schema.fieldIndex(pathCol);
    this.restoredIndex = schema.fieldIndex(FaceRestoreTransformer.RESTORED_COL);
    this.facesIndex = schema.fieldIndex(FaceRestoreTransformer.FACES_COL);
    this.statusIndex = schema.fieldIndex(FaceRestoreTransformer.STATUS_COL);
    this.errorIndex = schema.fieldIndex(FaceRestoreTransformer.ERROR_COL);
    this.hook = hook;
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
        return write(rows.next(), attempt);
      }
    };
  }

  private Row write(Row row, int attempt) {
    String path = row.getString(pathIndex);
    Object faces = row.get(facesIndex);
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
