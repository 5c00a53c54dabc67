package io.gpen4j.examples.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.gpen4j.BoundingBox;
import io.gpen4j.Point;
import io.gpen4j.RestoredFace;
import io.gpen4j.SimilarityTransform;
import io.gpen4j.video.RestoredFrame;

/**
 * One video frame of {@code gpen4j video --json}: its index, time, and per face the track id, box,
 * five landmarks, the alignment (the 2x3 matrix from frame to the model's crop) and whether the
 * generator's output was pasted.
 */
final class FrameReportJson {
  private FrameReportJson() {}

  /**
   * Returns a frame's report.
   *
   * @param index the frame's position in the output
   * @param frame the restored frame
   * @return the JSON object
   */
  static JsonObject of(long index, RestoredFrame frame) {
    JsonObject o = new JsonObject();
    o.addProperty("index", index);
    o.addProperty("timeSeconds", frame.timestampMicros() / 1e6);
    JsonArray faces = new JsonArray();
    for (int i = 0; i < frame.faces().size(); i++) {
      RestoredFace f = frame.faces().get(i);
      JsonObject face = new JsonObject();
      face.addProperty("trackId", frame.trackIds().get(i));
      BoundingBox b = f.box();
      JsonArray box = new JsonArray();
      box.add(b.x());
      box.add(b.y());
      box.add(b.width());
      box.add(b.height());
      face.add("box", box);
      JsonArray landmarks = new JsonArray();
      for (Point p : f.landmarks().points()) {
        JsonArray xy = new JsonArray();
        xy.add(p.x());
        xy.add(p.y());
        landmarks.add(xy);
      }
      face.add("landmarks", landmarks);
      SimilarityTransform a = f.alignment();
      JsonArray matrix = new JsonArray();
      for (double[] row : new double[][] {{a.a(), -a.b(), a.tx()}, {a.b(), a.a(), a.ty()}}) {
        JsonArray r = new JsonArray();
        for (double v : row) {
          r.add(v);
        }
        matrix.add(r);
      }
      face.add("alignment", matrix);
      face.addProperty("enhanced", f.enhanced());
      faces.add(face);
    }
    o.add("faces", faces);
    return o;
  }
}
