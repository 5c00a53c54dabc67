/**
 * gpen4j on Apache Spark: {@link io.gpen4j.spark.FaceRestoreTransformer}, a Spark ML transformer
 * over a column of encoded photos; {@link io.gpen4j.spark.ArchiveRestoreJob}, which restores a
 * photo archive into an output folder with a Parquet audit; and
 * {@link io.gpen4j.spark.VideoArchiveJob}, one task per video. Each executor JVM keeps one
 * restorer per configuration, shared by its tasks.
 */
package io.gpen4j.spark;
