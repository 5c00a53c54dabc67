package io.gpen4j.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Finds the test data in {@code ../shared} (real detector models, a random-weight GPEN, real
 * photographs). The folder is read from the system property {@code gpen4j.shared}, which the build
 * sets to {@code ../shared} beside the checkout. A missing file skips the test on a developer's
 * machine and fails it when {@code CI=true}, so CI never goes green without running it.
 */
public final class SharedData {
  private SharedData() {}

  /** Returns the shared folder, which need not exist. @return the folder */
  public static Path root() {
    return Paths.get(System.getProperty("gpen4j.shared", "../shared")).toAbsolutePath().normalize();
  }

  /**
   * Returns a file from the shared folder, or skips (fails under CI) when it is missing.
   *
   * @param relative the path inside the shared folder, such as {@code images/astronaut.png}
   * @return the existing file
   */
  public static Path require(String relative) {
    Path p = root().resolve(relative);
    Prerequisites.require(Files.isRegularFile(p), "test data missing: " + p + " (set -Dgpen4j.shared=<folder>)");
    return p;
  }

  /** Returns a photograph. @param name the file name in images/ @return the file */
  public static Path image(String name) {
    return require("images/" + name);
  }

  /** Returns a detector model. @param name the file name in models/detectors/ @return the file */
  public static Path detector(String name) {
    return require("models/detectors/" + name);
  }

  /** Returns the random-weight GPEN-BFR-256 (real architecture, noise output). @return the file */
  public static Path randomGpen256() {
    return require("models/bench/GPEN-BFR-256-randw.onnx");
  }

  /** Returns YuNet. @return the file */
  public static Path yunet() {
    return detector("face_detection_yunet_2023mar.onnx");
  }

  /** Returns SCRFD 2.5g. @return the file */
  public static Path scrfd() {
    return detector("scrfd_2.5g_bnkps.onnx");
  }

  /** Returns RetinaFace MobileNet-0.25. @return the file */
  public static Path retinaface() {
    return detector("retinaface_mobilenet0.25.onnx");
  }
}
