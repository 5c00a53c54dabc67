package io.gpen4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.models.ModelRepository;
import io.gpen4j.spi.SessionSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EngineOptionsTest {
  @ParameterizedTest
  @CsvSource({"1,2,2", "2,2,1", "4,2,1", "0,4,4", "2,16,8", "3,16,5"})
  void concurrentRestoresShareTheCores(int concurrentRuns, int cores, int threadsEach) {
    SessionSettings s = new EngineOptions().sessionSettings(concurrentRuns, cores);
    assertEquals(threadsEach, s.intraOpThreads());
    assertEquals(Math.max(1, concurrentRuns), s.concurrency());
  }

  @ParameterizedTest
  @CsvSource({"1,1,2", "2,3,2", "4,2,16"})
  void threadsPerRun_whenGiven_isEachRunsIntraOpThreadsWhateverTheJobs(int concurrentRuns, int threads, int cores) {
    SessionSettings s = new EngineOptions().sessionSettings(concurrentRuns, threads, cores);
    assertEquals(threads, s.intraOpThreads());
    assertEquals(concurrentRuns, s.concurrency());
    assertEquals(false, s.threadSpinning(), "idle threads sleep");
  }

  @Test
  void sessionCache_defaultsToTheDownloadCacheAndFollowsCacheDir(@TempDir Path dir) {
    EngineOptions defaults = new EngineOptions();
    assertEquals(Optional.of(ModelRepository.builder().build().cacheDirectory().resolve("sessions")),
        defaults.sessionSettings(1, 2).cacheDirectory());
    EngineOptions given = new EngineOptions();
    given.cacheDirectory = dir;
    assertEquals(Optional.of(dir), given.sessionSettings(1, 2).cacheDirectory());
  }

  @Test
  void djlPytorch_withAnOnnxGenerator_stopsInsteadOfRunningOnnxRuntime() {
    EngineOptions options = new EngineOptions();
    options.model = Path.of(System.getProperty("gpen4j.repo", ".."), "models/test/identity-256.onnx").toString();
    options.backend = "djl-pytorch";

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> options.openRestorer(1, new PrintWriter(new StringWriter())));

    assertTrue(e.getMessage().contains("--backend djl-pytorch runs TorchScript generators")
        && e.getMessage().contains("identity-256.onnx"), e.getMessage());
  }
}
