package io.gpen4j.video.internal.pipeline;

import io.gpen4j.DetectedFace;
import io.gpen4j.Point;
import io.gpen4j.RestoredFace;
import io.gpen4j.video.internal.track.TrackedFace;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives each restored face the id of the track it came from. The restorer returns faces in its own
 * order (largest first), each holding the face it was given, so they are paired by that face.
 */
final class TrackIds {
  private TrackIds() {}

  /**
   * Returns the track ids of restored faces.
   *
   * @param restored the restorer's faces, in its order
   * @param tracked the tracker's faces the restorer was given
   * @return one id per restored face, in its order
   */
  static List<Integer> of(List<RestoredFace> restored, List<TrackedFace> tracked) {
    List<Integer> ids = new ArrayList<>(restored.size());
    for (RestoredFace r : restored) {
      ids.add(closest(r.detection(), tracked).id());
    }
    return ids;
  }

  /** The tracked face that is the restored one (equal), else the one whose box centre is nearest. */
  private static TrackedFace closest(DetectedFace face, List<TrackedFace> tracked) {
    TrackedFace best = null;
    double bestDistance = Double.POSITIVE_INFINITY;
    Point c = face.box().center();
    for (TrackedFace t : tracked) {
      if (t.face().equals(face)) {
        return t;
      }
      double d = t.face().box().center().distanceTo(c);
      if (d < bestDistance) {
        best = t;
        bestDistance = d;
      }
    }
    if (best == null) {
      throw new IllegalStateException("a restored face without a track");
    }
    return best;
  }
}
