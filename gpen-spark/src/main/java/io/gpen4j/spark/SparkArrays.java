package io.gpen4j.spark;

import java.util.List;
import scala.jdk.javaapi.CollectionConverters;

/** Java lists as the Scala sequences that Spark's row encoder takes for array columns. */
final class SparkArrays {
  private SparkArrays() {}

  /**
   * Wraps a list, without copying it.
   *
   * @param list the list
   * @return a Scala sequence view
   */
  static scala.collection.Seq<Object> of(List<?> list) {
    @SuppressWarnings("unchecked")
    List<Object> objects = (List<Object>) list;
    return CollectionConverters.asScala(objects);
  }
}
