package io.gpen4j;

/**
 * How far one {@link FaceRestorer#restore} call has got.
 *
 * @param facesDone the faces restored so far
 * @param facesTotal the faces that will be restored in this call
 */
public record RestoreProgress(int facesDone, int facesTotal) {
  /**
   * Validates the counts.
   *
   * @throws IllegalArgumentException if a count is negative or {@code facesDone > facesTotal}
   */
  public RestoreProgress {
    if (facesDone < 0 || facesTotal < 0 || facesDone > facesTotal) {
      throw new IllegalArgumentException("invalid progress " + facesDone + "/" + facesTotal);
    }
  }

  /**
   * Returns the fraction done.
   *
   * @return a value in [0, 1]; 1 when there are no faces
   */
  public double fraction() {
    return facesTotal == 0 ? 1 : (double) facesDone / facesTotal;
  }
}
