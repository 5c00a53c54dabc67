package io.gpen4j.video;

import io.gpen4j.FaceRestorer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The video tests' shared set-up: a video restorer over the identity generator with YuNet
 * ({@link TestRestorers#identity()}), opened before a test class's first test and closed after
 * its last. Register it with {@code @RegisterExtension static final IdentityVideo IDENTITY}.
 */
final class IdentityVideo implements BeforeAllCallback, AfterAllCallback {
  private FaceRestorer faces;
  private VideoRestorer video;

  @Override
  public void beforeAll(ExtensionContext context) {
    faces = TestRestorers.identity();
    video = VideoRestorer.builder(faces).build();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    faces.close();
  }

  /** Returns the video restorer. @return the restorer of the running test class */
  VideoRestorer video() {
    return video;
  }
}
