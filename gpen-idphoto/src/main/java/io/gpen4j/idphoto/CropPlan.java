package io.gpen4j.idphoto;

import io.gpen4j.SimilarityTransform;

/**
 * Where the ID photo's pixels come from, and what the planner measured on the way.
 *
 * @param toOutput the transform from the (restored) input photo to the ID photo: rotation that
 *     levels the eyes, scale that gives the spec's head height, translation that puts the eye line
 *     or the crown where the spec wants it
 * @param tiltDegrees the eye line's angle in the input, clockwise on screen, before levelling
 * @param headHeightInputPx the head height (chin to crown) in the input, after levelling
 * @param crownRow the crown's planned row in the ID photo (pixel centres at whole numbers)
 * @param eyeRow the eye line's planned row in the ID photo
 * @param chinRow the chin's planned row in the ID photo
 * @param padded whether the photo reaches past the input's sides or bottom (filled with the
 *     background: the shoulders look cut there)
 */
record CropPlan(SimilarityTransform toOutput, double tiltDegrees, double headHeightInputPx, double crownRow,
    double eyeRow, double chinRow, boolean padded) {
  /** Returns how much the input is enlarged (above 1) or shrunk. @return the scale */
  double scale() {
    return toOutput.scale();
  }
}
