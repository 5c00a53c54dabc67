package io.gpen4j.examples.cli;

import io.gpen4j.RestoreProgress;

/**
 * Shows a batch's progress. Called from the worker threads at once: implementations synchronize.
 */
interface ProgressDisplay {
  /** Shows nothing. */
  ProgressDisplay NONE = new ProgressDisplay() {};

  /** The batch starts. @param total how many inputs */
  default void started(int total) {}

  /** A worker took an input. @param item the input */
  default void fileStarted(BatchItem item) {}

  /**
   * The restorer finished a face of an input.
   *
   * @param item the input
   * @param progress faces done and found so far
   */
  default void faceProgress(BatchItem item, RestoreProgress progress) {}

  /** An input ended. @param outcome how */
  default void fileFinished(FileOutcome outcome) {}

  /** The batch ended; the display leaves the terminal on a fresh line. */
  default void finished() {}
}
