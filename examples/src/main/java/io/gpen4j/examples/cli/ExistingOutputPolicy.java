package io.gpen4j.examples.cli;

/** What to do when an input's output file is already there. */
enum ExistingOutputPolicy {
  /** Report the input as failed and leave the file alone (the default: never lose work silently). */
  FAIL,
  /** Replace the file (atomically). */
  OVERWRITE,
  /** Leave the file and count the input as skipped: how an interrupted batch resumes. */
  SKIP
}
