package io.gpen4j.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Tells the parent {@link BackendReport} process why a forked benchmark skipped its configuration:
 * JMH only reports that a fork's setup failed, so the reason goes through a file named by the
 * system property {@value #PROPERTY}, one line per skip: {@code <run id> TAB <reason>}.
 */
final class SkipLog {
  /** The system property naming the file. */
  static final String PROPERTY = "gpen4j.bench.skipLog";
  /** The system property naming the run, set by the runner for each fork. */
  static final String RUN_ID_PROPERTY = "gpen4j.bench.runId";

  private SkipLog() {}

  /**
   * Records a skip, when the runner asked for it, and returns the exception the setup throws.
   *
   * @param reason why the configuration cannot run
   * @param cause the error that showed it, or null
   * @return the exception to throw
   */
  static CombinationSkippedException skip(String reason, Throwable cause) {
    String file = System.getProperty(PROPERTY);
    if (file != null && !file.isBlank()) {
      String line = System.getProperty(RUN_ID_PROPERTY, "-") + "\t" + reason.replace('\n', ' ') + "\n";
      try {
        Files.writeString(Paths.get(file), line, StandardCharsets.UTF_8,
            StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
      } catch (IOException e) {
        // The exception message still carries the reason to JMH's output.
        cause = cause == null ? e : cause;
      }
    }
    return new CombinationSkippedException(reason, cause);
  }

  /**
   * Returns the reason recorded for a run, if any.
   *
   * @param file the log
   * @param runId the run
   * @return the last reason recorded for that run
   * @throws IOException if the file exists but cannot be read
   */
  static Optional<String> reasonFor(Path file, String runId) throws IOException {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    List<String> found = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      int tab = line.indexOf('\t');
      if (tab > 0 && line.substring(0, tab).equals(runId)) {
        found.add(line.substring(tab + 1));
      }
    }
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(found.size() - 1));
  }
}
