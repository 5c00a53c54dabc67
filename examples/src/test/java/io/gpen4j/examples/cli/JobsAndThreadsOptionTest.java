package io.gpen4j.examples.cli;

import static io.gpen4j.examples.cli.CliRun.gpen4j;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.Threads;
import io.gpen4j.examples.Gpen4j;
import io.gpen4j.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --jobs} (photos at once) and {@code --threads} (each photo's model threads): a folder run
 * with the old meaning of {@code --threads} restores and gets a note naming {@code --jobs}, and
 * counts under 1 are usage errors ({@code --jobs 2} on a folder: {@code RestoreCommandTest}); without
 * either, a folder with a 256 px model restores two photos at once ({@link DefaultJobs}).
 */
final class JobsAndThreadsOptionTest {
  @TempDir Path temp;

  private Path album() throws IOException {
    Path album = Files.createDirectories(temp.resolve("album"));
    Files.copy(SharedData.image("astronaut.png"), album.resolve("a.png"));
    Files.copy(SharedData.image("astronaut.png"), album.resolve("b.png"));
    return album;
  }

  private CliRun restore(Path input, String... more) {
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("restore", input.toString(), "-o",
        temp.resolve("out").toString(), "--overwrite", "--model", SharedData.randomGpen256().toString(),
        "--detector", SharedData.yunet().toString(), "--progress", "none"));
    args.addAll(java.util.List.of(more));
    return gpen4j(args.toArray(String[]::new));
  }

  @Test
  void threadsOnAFolderWithoutJobs_restoresAndNotesWhatJobsIsFor() throws IOException {
    CliRun run = restore(album(), "--threads", "2");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("note: --threads 2 sets the threads of each photo's model runs")
        && run.out().contains("use --jobs 2"), run.out());
  }

  /** Without --jobs, a folder with a 256 px model restores two photos at once where there are two cores. */
  @Test
  void folderWithoutJobs_smallModel_twoAtOnceWithANote_andJobsOneKeepsOne() throws IOException {
    Path album = album();
    CliRun run = restore(album);
    assertEquals(0, run.exitCode(), run.err());
    boolean two = Threads.availableCores() >= 2;
    assertEquals(two, run.out().contains("note: restoring 2 photos at once"), run.out());
    assertTrue(run.out().contains("Summary: done 2, skipped 0, failed 0"), run.out());
    CliRun one = restore(album, "--jobs", "1");
    assertEquals(0, one.exitCode(), one.err());
    assertFalse(one.out().contains("photos at once"), one.out());
    CliRun single = restore(SharedData.image("astronaut.png"));
    assertFalse(single.out().contains("photos at once"), single.out());
  }

  @Test
  void countsUnderOne_areUsageErrors() {
    CliRun jobs = restore(SharedData.image("astronaut.png"), "--jobs", "0");
    assertEquals(Gpen4j.EXIT_USAGE, jobs.exitCode(), jobs.err());
    assertTrue(jobs.err().contains("--jobs must be at least 1"), jobs.err());
    CliRun threads = restore(SharedData.image("astronaut.png"), "--threads", "0");
    assertEquals(Gpen4j.EXIT_USAGE, threads.exitCode(), threads.err());
    assertTrue(threads.err().contains("--threads must be at least 1"), threads.err());
  }
}
