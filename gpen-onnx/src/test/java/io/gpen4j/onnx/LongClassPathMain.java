package io.gpen4j.onnx;

import ai.onnxruntime.OrtEnvironment;
import io.gpen4j.FaceRestorer;
import io.gpen4j.RestoreResult;
import java.nio.file.Path;

/**
 * The child JVM of {@link LongClassPathTest}: {@code restore GENERATOR PHOTO OUTPUT} restores a
 * photo with the {@code onnx} backend; {@code direct} creates ONNX Runtime's environment on the
 * main thread, as code that calls ONNX Runtime itself does.
 */
final class LongClassPathMain {
  private LongClassPathMain() {}

  public static void main(String[] args) throws Exception {
    if (args[0].equals("direct")) {
      System.out.println("environment " + OrtEnvironment.getEnvironment());
      return;
    }
    try (FaceRestorer restorer = FaceRestorer.builder().backend("onnx").generator(Path.of(args[1])).build()) {
      RestoreResult result = restorer.restore(Path.of(args[2]), Path.of(args[3]));
      System.out.println("restored faces: " + result.faces().size());
    }
  }
}
