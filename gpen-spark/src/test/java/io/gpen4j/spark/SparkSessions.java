package io.gpen4j.spark;

import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The tests' Spark: one local session for the whole test JVM ({@code local[2,2]}: two task slots,
 * each task tried at most twice), started by the first test class that asks and left running, so
 * the classes share its start-up and the executor's restorer.
 */
final class SparkSessions {
  private SparkSessions() {}

  /**
   * Returns the shared local session, starting it if none runs.
   *
   * @return the session
   */
  static SparkSession shared() {
    return SparkSession.builder()
        .master("local[2,2]")
        .appName("gpen-spark-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.local.dir", Path.of("target", "spark-local").toAbsolutePath().toString())
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .getOrCreate();
  }
}
