package io.gpen4j.internal.detect;

import io.gpen4j.DetectedFace;
import io.gpen4j.spi.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Turns one run's raw outputs of a detector model into candidate faces. Implementations are
 * immutable and keep no per-call state, so one decoder serves many threads.
 */
interface DetectionDecoder {
  /**
   * Decodes the outputs of one run.
   *
   * @param outputs the model's outputs by name
   * @param inputWidth the width of the input the model ran on
   * @param inputHeight the height of the input the model ran on
   * @param scoreThreshold candidates scoring below this are dropped
   * @return candidates in input coordinates, before non-maximum suppression, scores in [0, 1]
   * @throws io.gpen4j.ModelException if the outputs do not have the sizes the input implies
   */
  List<DetectedFace> decode(Map<String, Tensor> outputs, int inputWidth, int inputHeight, double scoreThreshold);
}
