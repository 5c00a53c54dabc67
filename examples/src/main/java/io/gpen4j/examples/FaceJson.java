package io.gpen4j.examples;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.gpen4j.Point;
import io.gpen4j.RestoredFace;

/**
 * One restored face as the CLI's {@code --json} report and the web API give it: the box, the
 * detector's score, the five landmarks (left eye, right eye, nose, left and right mouth corner), the
 * alignment matrix from image to model crop ({@code [[a, -b, tx], [b, a, ty]]}), whether the
 * generator's output was used, which generator ran on it ({@code model}, {@code modelSize}: with a
 * small-face model a restorer has two), and the per-face stage times.
 */
public final class FaceJson {
  private FaceJson() {}

  /**
   * Describes a face.
   *
   * @param face the face
   * @return a new JSON object
   */
  public static JsonObject of(RestoredFace face) {
    JsonObject f = new JsonObject();
    f.addProperty("x", face.box().x());
    f.addProperty("y", face.box().y());
    f.addProperty("width", face.box().width());
    f.addProperty("height", face.box().height());
    f.addProperty("score", face.score());
    JsonArray landmarks = new JsonArray();
    for (Point p : face.landmarks().points()) {
      JsonArray xy = new JsonArray();
      xy.add(p.x());
      xy.add(p.y());
      landmarks.add(xy);
    }
    f.add("landmarks", landmarks);
    double[] m = face.alignment().toMatrix();
    JsonArray alignment = new JsonArray();
    for (int row = 0; row < 2; row++) {
      JsonArray r = new JsonArray();
      for (int col = 0; col < 3; col++) {
        r.add(m[row * 3 + col]);
      }
      alignment.add(r);
    }
    f.add("alignment", alignment);
    f.addProperty("enhanced", face.enhanced());
    if (face.modelSize() > 0) {
      f.addProperty("model", face.model());
      f.addProperty("modelSize", face.modelSize());
    }
    JsonObject timings = new JsonObject();
    timings.addProperty("align", face.timings().align().toNanos() / 1e6);
    timings.addProperty("enhance", face.timings().enhance().toNanos() / 1e6);
    timings.addProperty("paste", face.timings().paste().toNanos() / 1e6);
    f.add("timingsMillis", timings);
    return f;
  }
}
