package io.gpen4j;

/**
 * The face detector models gpen4j decodes. Each gives a box, five landmarks and a score per face;
 * see {@code docs/REFERENCE.md} §6.
 */
public enum DetectorType {
  /** OpenCV's YuNet ({@code face_detection_yunet_2023mar.onnx}); MIT licence; small and fast. */
  YUNET,
  /** InsightFace's SCRFD ({@code scrfd_2.5g_bnkps.onnx}); non-commercial research licence. */
  SCRFD,
  /** RetinaFace with a MobileNet-0.25 backbone ({@code retinaface_mobilenet0.25.onnx}). */
  RETINAFACE
}
