package io.gpen4j.examples.web;

import java.util.Locale;
import java.util.Objects;

/**
 * Where one upload is: waiting for a free worker, restoring (faces done of faces found), and since
 * when, so the page can show a progress bar while its upload is being worked on.
 *
 * @param stage queued or restoring
 * @param facesDone faces restored so far
 * @param facesTotal faces found; 0 until detection finished
 * @param startNanos when the upload arrived, on the server's clock
 */
record JobProgress(Stage stage, int facesDone, int facesTotal, long startNanos) {
  /** The stages the page shows. */
  enum Stage {
    QUEUED,
    RESTORING;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  JobProgress {
    Objects.requireNonNull(stage, "stage");
    if (facesDone < 0 || facesTotal < 0 || facesDone > facesTotal) {
      throw new IllegalArgumentException("invalid progress " + facesDone + "/" + facesTotal);
    }
  }
}
