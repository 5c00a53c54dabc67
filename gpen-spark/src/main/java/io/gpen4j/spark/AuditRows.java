package io.gpen4j.spark;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The audit of an archive run, one row per input, written as Parquet under
 * {@code OUTPUT/gpen4j-audit} (documented in the module README):
 *
 * <pre>
 * run_id  string   the run, a UTC timestamp and a random suffix; reruns append their own rows
 * path    string   the input as Spark listed it (file:/archive/1975/beach.jpg)
 * output  string   the output file; null when the input failed
 * status  string   ok, error or skipped (its output was there before the run)
 * error   string   why it failed; null otherwise
 * faces   array    the restored faces, as FaceRestoreTransformer's faces column
 * </pre>
 */
final class AuditRows {
  /** The folder under the output folder that holds the audit. */
  static final String FOLDER = "gpen4j-audit";
  /** The status of an input whose output was there before the run. */
  static final String STATUS_SKIPPED = "skipped";

  /** The audit's schema. */
  static final StructType SCHEMA = new StructType(new StructField[] {
      DataTypes.createStructField("run_id", DataTypes.StringType, false),
      DataTypes.createStructField("path", DataTypes.StringType, false),
      DataTypes.createStructField("output", DataTypes.StringType, true),
      DataTypes.createStructField("status", DataTypes.StringType, false),
      DataTypes.createStructField("error", DataTypes.StringType, true),
      DataTypes.createStructField("faces", DataTypes.createArrayType(FaceRows.FACE, false), false)});

  private AuditRows() {}

  static Row of(String runId, String path, String output, String status, String error, Object faces) {
    return RowFactory.create(runId, path, output, status, error, faces);
  }
}
