package io.gpen4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.FaceRestorer;
import io.gpen4j.RestoreOptions;
import io.gpen4j.spi.SessionSettings;
import io.gpen4j.spi.ThreadBudget;
import io.gpen4j.testing.SharedData;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive job in local mode ({@code local[2,2]}: two task slots, each task tried at most
 * twice) on 24 files: every photo restored with the CLI's pixels, an error row per broken file, one
 * model load, a task that fails once retried without duplicate or partial files, a rerun that skips
 * finished files, and the Parquet audit read back with its schema.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
final class ArchiveRestoreJobTest {
  @TempDir static Path dir;

  /** Attempts the failure hook failed, across the JVM (local mode: the tasks run here). */
  static final AtomicInteger INJECTED = new AtomicInteger();

  private static SparkSession spark;
  private static PhotoArchive archive;
  private static Path firstOutput;

  @BeforeAll
  static void start() {
    archive = PhotoArchive.create(dir.resolve("archive"));
    spark = SparkSessions.shared();
  }

  /** The tests' restorer: every test class uses this model and detector, so the JVM loads them once. */
  static FaceRestoreTransformer transformer() {
    return new FaceRestoreTransformer().setModel(SharedData.randomGpen256().toString()).setFidelity(0.8);
  }

  private static ArchiveSummary run(Path output, FileHook hook) {
    return run(archive.root(), output, hook);
  }

  private static ArchiveSummary run(Path input, Path output, FileHook hook) {
    return ArchiveRestoreJob.builder(input.toString(), output, transformer()).fileHook(hook).build().run(spark);
  }

  @Test
  @Order(1)
  void run_restoresEveryPhotoAsTheCliDoes_andGivesAnErrorRowPerBrokenFile() throws IOException {
    firstOutput = dir.resolve("out");
    ArchiveSummary summary = run(firstOutput, FileHook.NONE);

    assertEquals(archive.photos().size(), summary.restored(), summary.line());
    assertEquals(archive.broken().size(), summary.failed(), summary.line());
    assertEquals(0, summary.skipped());
    assertEquals(1, ExecutorRestorers.loads(), "one model load in this JVM");
    assertEquals(expectedFiles(firstOutput), filesUnder(firstOutput));

    // The CLI's restore: the same model, options and codec, one photo at a time.
    RestoreOptions options = RestoreOptions.builder().fidelity(0.8).build();
    Path cli = dir.resolve("cli");
    try (FaceRestorer restorer = FaceRestorer.builder().generator(SharedData.randomGpen256())
        .sessionSettings(SessionSettings.builder().concurrency(1)
            .intraOpThreads(ThreadBudget.forCallers(1).threadsPerCaller()).build())
        .build()) {
      for (String photo : archive.photos()) {
        Path expected = archive.output(cli, photo);
        Files.createDirectories(expected.getParent());
        restorer.restore(archive.root().resolve(photo), expected, options);
        assertArrayEquals(pixels(expected), pixels(archive.output(firstOutput, photo)), photo);
      }
    }

    Dataset<Row> audit = spark.read().parquet(summary.audit().toString());
    assertEquals(AuditRows.SCHEMA.fieldNames().length, audit.schema().fields().length);
    for (var field : AuditRows.SCHEMA.fields()) {
      // Parquet reads every column back as nullable; the types are the documented ones.
      assertEquals(field.dataType().catalogString(), audit.schema().apply(field.name()).dataType().catalogString(),
          field.name());
    }
    Map<String, Row> byPath = new HashMap<>();
    for (Row r : audit.filter(functions.col("run_id").equalTo(summary.runId())).collectAsList()) {
      byPath.put(Path.of(OutputLayout.withoutScheme(r.getString(r.fieldIndex("path")))).getFileName().toString()
          + "@" + r.getString(r.fieldIndex("path")).contains("/broken/"), r);
    }
    assertEquals(archive.photos().size() + archive.broken().size(), byPath.size());
    for (String broken : archive.broken()) {
      Row r = byPath.get(Path.of(broken).getFileName() + "@" + broken.startsWith("broken/"));
      assertEquals("error", r.getString(r.fieldIndex("status")), broken);
      assertFalse(r.getString(r.fieldIndex("error")).isBlank(), broken);
    }
    Row astronaut = byPath.get("astronaut.png@false");
    List<Row> faces = astronaut.getList(astronaut.fieldIndex("faces"));
    assertEquals(1, faces.size());
    Row face = faces.get(0);
    assertTrue(face.getDouble(face.fieldIndex("width")) > 50);
    assertEquals(5, face.getList(face.fieldIndex("landmarks")).size());
    assertTrue(face.getBoolean(face.fieldIndex("enhanced")));
    Row timings = face.getStruct(face.fieldIndex("timingsMillis"));
    assertTrue(timings.getDouble(timings.fieldIndex("enhance")) > 0);
    Row coffee = byPath.get("no_face_coffee.png@false");
    assertEquals("ok", coffee.getString(coffee.fieldIndex("status")));
    assertTrue(coffee.getList(coffee.fieldIndex("faces")).isEmpty());
  }

  @Test
  @Order(2)
  void taskFailingOnItsFirstAttempt_isRetried_withoutDuplicateOrPartialFiles() throws IOException {
    Path output = dir.resolve("retried");
    INJECTED.set(0);
    // Every task's first attempt dies after staging its second file, before moving it into place;
    // its first file is already in place, and the retry writes it again.
    FileHook failOnce = new FailSecondFileOfFirstAttempt();
    // One folder of the archive (5 photos over 4 tasks) keeps the test short.
    ArchiveSummary summary = ArchiveRestoreJob.builder(archive.root().resolve("1975").toString(), output,
        transformer()).fileHook(failOnce).partitions(2).build().run(spark);

    List<String> photos = archive.photos().stream().filter(p -> p.startsWith("1975/")).toList();
    assertTrue(INJECTED.get() > 0, "a first attempt failed");
    assertEquals(photos.size(), summary.restored(), summary.line());
    assertEquals(0, summary.failed(), summary.line());
    Set<String> expected = new TreeSet<>();
    photos.forEach(p -> expected.add(p.substring("1975/".length()).replaceFirst("\\.[a-z]+$", ".png")));
    assertEquals(expected, filesUnder(output), "no duplicate, partial or staged file");
    for (String photo : photos) {
      assertArrayEquals(Files.readAllBytes(archive.output(firstOutput, photo)),
          Files.readAllBytes(output.resolve(photo.substring("1975/".length()).replaceFirst("\\.[a-z]+$", ".png"))),
          photo);
    }
    assertEquals(1, ExecutorRestorers.loads(), "still one model load");
  }

  @Test
  @Order(3)
  void rerun_skipsFinishedFiles() throws IOException {
    Path output = dir.resolve("out");
    Path removed = archive.output(output, archive.photos().get(0));
    Files.delete(removed);
    Path kept = archive.output(output, archive.photos().get(1));
    FileTime before = FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(kept, before);

    ArchiveSummary summary = run(output, FileHook.NONE);

    assertEquals(1, summary.restored(), summary.line());
    assertEquals(archive.photos().size() - 1, summary.skipped(), summary.line());
    assertEquals(archive.broken().size(), summary.failed(), "broken files are tried again");
    assertTrue(Files.isRegularFile(removed));
    assertEquals(before, Files.getLastModifiedTime(kept), "a finished file is not rewritten");
    long runs = spark.read().parquet(summary.audit().toString()).select("run_id").distinct().count();
    assertEquals(2, runs, "each run appends its own audit rows");
  }

  /** Fails each task's first attempt when it has staged its second file. */
  private static final class FailSecondFileOfFirstAttempt implements FileHook {
    private static final long serialVersionUID = 1L;
    private final Map<Long, Integer> staged = new HashMap<>();

    @Override
    public synchronized void staged(String relative, int attempt) {
      long task = org.apache.spark.TaskContext.get().taskAttemptId();
      int n = staged.merge(task, 1, Integer::sum);
      if (attempt == 0 && n == 2) {
        INJECTED.incrementAndGet();
        throw new IllegalStateException("injected failure of the first attempt at " + relative);
      }
    }
  }

  private static Set<String> expectedFiles(Path output) {
    Set<String> expected = new TreeSet<>();
    for (String photo : archive.photos()) {
      expected.add(output.relativize(archive.output(output, photo)).toString());
    }
    return expected;
  }

  /** The files under an output folder, without the audit. */
  private static Set<String> filesUnder(Path output) throws IOException {
    try (Stream<Path> all = Files.walk(output)) {
      return all.filter(Files::isRegularFile)
          .map(p -> output.relativize(p).toString())
          .filter(p -> !p.startsWith(AuditRows.FOLDER + "/"))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private static int[] pixels(Path file) throws IOException {
    BufferedImage image = ImageIO.read(file.toFile());
    return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
  }
}
