package io.gpen4j.examples.cli;

import io.gpen4j.RestoredFace;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What happened to one input.
 *
 * @param item the input and its output
 * @param status restored, skipped or failed
 * @param faces the faces restored; empty unless {@code status} is {@link Status#DONE}
 * @param time how long the input took
 * @param message why it failed or was skipped; empty when done
 */
record FileOutcome(BatchItem item, Status status, List<RestoredFace> faces, Duration time, String message) {
  /** The three ends of an input. */
  enum Status {
    DONE,
    SKIPPED,
    FAILED
  }

  FileOutcome {
    Objects.requireNonNull(item, "item");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(message, "message");
    faces = List.copyOf(faces);
  }

  static FileOutcome done(BatchItem item, List<RestoredFace> faces, Duration time) {
    return new FileOutcome(item, Status.DONE, faces, time, "");
  }

  static FileOutcome skipped(BatchItem item, String why) {
    return new FileOutcome(item, Status.SKIPPED, List.of(), Duration.ZERO, why);
  }

  static FileOutcome failed(BatchItem item, Duration time, String why) {
    return new FileOutcome(item, Status.FAILED, List.of(), time, why);
  }
}
