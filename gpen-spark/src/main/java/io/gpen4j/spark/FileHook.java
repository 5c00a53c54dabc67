package io.gpen4j.spark;

import java.io.Serializable;

/**
 * Called by the job's writers after an output file is staged, before it is moved into place: the
 * point where the tests fail a task's first attempt to check that the retry leaves no duplicate
 * and no partial file. The job's default does nothing.
 */
@FunctionalInterface
interface FileHook extends Serializable {
  /** Does nothing. */
  FileHook NONE = (relative, attempt) -> { };

  /**
   * Called with the output about to be moved into place.
   *
   * @param relative the output's path relative to the output folder
   * @param attempt the task's attempt number, 0 for the first
   */
  void staged(String relative, int attempt);
}
