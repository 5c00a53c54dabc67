package io.gpen4j.spark;

import io.gpen4j.Point;
import io.gpen4j.RestoredFace;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The per-face record, with the fields and names of the CLI's {@code --json} report: the box,
 * the detector's score, the five landmarks (left eye, right eye, nose, left and right mouth
 * corner) as {@code [x, y]}, the alignment matrix from image to model crop ({@code [[a, -b, tx],
 * [b, a, ty]]}), whether the generator's output was used, and the per-face stage times in
 * milliseconds.
 */
final class FaceRows {
  /** The struct of one face. */
  static final StructType FACE = new StructType(new StructField[] {
      DataTypes.createStructField("x", DataTypes.DoubleType, false),
      DataTypes.createStructField("y", DataTypes.DoubleType, false),
      DataTypes.createStructField("width", DataTypes.DoubleType, false),
      DataTypes.createStructField("height", DataTypes.DoubleType, false),
      DataTypes.createStructField("score", DataTypes.DoubleType, false),
      DataTypes.createStructField("landmarks", pairs(), false),
      DataTypes.createStructField("alignment", DataTypes.createArrayType(
          DataTypes.createArrayType(DataTypes.DoubleType, false), false), false),
      DataTypes.createStructField("enhanced", DataTypes.BooleanType, false),
      DataTypes.createStructField("timingsMillis", new StructType(new StructField[] {
          DataTypes.createStructField("align", DataTypes.DoubleType, false),
          DataTypes.createStructField("enhance", DataTypes.DoubleType, false),
          DataTypes.createStructField("paste", DataTypes.DoubleType, false)}), false)});

  private FaceRows() {}

  private static org.apache.spark.sql.types.ArrayType pairs() {
    return DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.DoubleType, false), false);
  }

  /**
   * Describes a face as a row of {@link #FACE}.
   *
   * @param face the face
   * @return the row
   */
  static Row of(RestoredFace face) {
    List<Object> landmarks = new ArrayList<>();
    for (Point p : face.landmarks().points()) {
      landmarks.add(SparkArrays.of(List.of(p.x(), p.y())));
    }
    double[] m = face.alignment().toMatrix();
    List<Object> alignment = List.of(SparkArrays.of(List.of(m[0], m[1], m[2])),
        SparkArrays.of(List.of(m[3], m[4], m[5])));
    Row timings = RowFactory.create(millis(face.timings().align()), millis(face.timings().enhance()),
        millis(face.timings().paste()));
    return RowFactory.create(face.box().x(), face.box().y(), face.box().width(), face.box().height(),
        face.score(), SparkArrays.of(landmarks), SparkArrays.of(alignment), face.enhanced(), timings);
  }

  private static double millis(java.time.Duration d) {
    return d.toNanos() / 1e6;
  }
}
