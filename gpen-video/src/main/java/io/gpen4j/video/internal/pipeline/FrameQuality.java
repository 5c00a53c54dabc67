package io.gpen4j.video.internal.pipeline;

import io.gpen4j.video.VideoOptions;

/**
 * What the tracking thread asks before each frame: how often to detect, how many of the tracked
 * faces to restore and whether every face goes to the restorer's small-face model. A file keeps
 * the options' fixed values ({@link #fixed}); a live stream's adaptive quality changes them between
 * frames. Called on the tracking thread only, so an
 * implementation that another thread updates must publish its values safely (volatile fields).
 */
public interface FrameQuality {
  /**
   * Returns how often the detector runs, from this frame on.
   *
   * @return 1 (every frame) or more
   */
  int detectEvery();

  /**
   * Returns how many of this frame's tracked faces to restore, the largest first; the others keep
   * their tracks and are left as they are in this frame.
   *
   * @param tracked how many faces the tracker follows in this frame
   * @return 0 to {@code tracked}
   */
  int facesToRestore(int tracked);

  /**
   * Returns whether this frame's faces all go to the restorer's small-face model
   * ({@code RestoreOptions.smallFaceModelForAll}); no effect without one.
   *
   * @return true for the small model for every face, false for the size routing
   */
  boolean smallModelForAll();

  /**
   * Returns the options' fixed quality: their detect-every, every tracked face and their own
   * small-face routing.
   *
   * @param options the video options
   * @return the quality
   */
  static FrameQuality fixed(VideoOptions options) {
    int every = options.tracking().detectEvery();
    return new FrameQuality() {
      @Override
      public int detectEvery() {
        return every;
      }

      @Override
      public int facesToRestore(int tracked) {
        return tracked;
      }

      @Override
      public boolean smallModelForAll() {
        return options.restoreOptions().smallFaceModelForAll();
      }
    };
  }
}
