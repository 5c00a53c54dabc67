package io.gpen4j.examples.cli;

/**
 * How many photos {@code gpen4j restore} restores at once when {@code --jobs} is not given: two for
 * several photos with a generator of at most {@value #MAX_CROP} px on the CPU of a machine with two
 * cores or more, else one.
 *
 * <p>Why (gpen-bench README, threads; 2-core machine, quiet): with a 256 px model each photo's
 * single-threaded decode, alignment, paste and encode weigh as much as the model, so two photos on
 * one thread each finished a folder of 250 photos 1.28-1.34x sooner than one photo on two threads; with
 * a 512 px model the model dominates and two at once were 0.90-0.93x as fast, so one photo at a
 * time keeps every core on it. A single photo always gets every core.
 */
final class DefaultJobs {
  /** The largest crop side for which two photos at once are the default. */
  static final int MAX_CROP = 256;

  private DefaultJobs() {}

  /**
   * The photos to restore at once.
   *
   * @param photos the photos in the run
   * @param cropSize the generator's crop side, 0 when the file does not say
   * @param cores the cores this JVM may use
   * @param cpu whether the models run on the CPU
   * @return 2 or 1
   */
  static int of(int photos, int cropSize, int cores, boolean cpu) {
    return photos > 1 && cpu && cores >= 2 && cropSize > 0 && cropSize <= MAX_CROP ? 2 : 1;
  }
}
