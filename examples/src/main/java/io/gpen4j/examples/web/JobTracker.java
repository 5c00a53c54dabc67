package io.gpen4j.examples.web;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;

/**
 * The uploads in work, by the id their page chose, so a page can poll its own upload's progress
 * while the upload request is still open. An entry lives exactly as long as its upload request.
 */
final class JobTracker {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

  private final ConcurrentMap<String, JobProgress> jobs = new ConcurrentHashMap<>();

  static boolean isValidId(String id) {
    return id != null && ID.matcher(id).matches();
  }

  /**
   * Registers a new upload.
   *
   * @return false if an upload with that id is already in work
   */
  boolean start(String id, JobProgress progress) {
    return jobs.putIfAbsent(id, progress) == null;
  }

  void update(String id, JobProgress progress) {
    jobs.replace(id, progress);
  }

  Optional<JobProgress> get(String id) {
    return Optional.ofNullable(jobs.get(id));
  }

  void finish(String id) {
    jobs.remove(id);
  }
}
