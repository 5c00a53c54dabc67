/**
 * Face detector models decoded in pure Java, whatever backend runs them. The entry point is
 * {@link io.gpen4j.internal.detect.FaceDetectors#create}, which returns a
 * {@link io.gpen4j.internal.detect.FrameDetector} reading the pipeline's image directly; everything else in the package is
 * package-private: the letterbox that fits an image into a model's input, the tensor writer, one
 * decoder per model family (YuNet, SCRFD, RetinaFace) and non-maximum suppression.
 */
package io.gpen4j.internal.detect;
