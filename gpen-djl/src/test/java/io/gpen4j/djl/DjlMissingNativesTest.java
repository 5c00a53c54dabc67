package io.gpen4j.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.testing.CheckedInModels;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without {@code pytorch-native-cpu} on the class path (and nothing extracted in DJL's cache),
 * the PyTorch backend is unavailable and opening a model fails with a message naming the
 * artifacts, and with the documented {@code -Dai.djl.offline=true} (the library sets no system
 * property itself) without going to the network. Runs in a child JVM because a JVM that loaded
 * libtorch keeps it.
 */
final class DjlMissingNativesTest {
  @TempDir
  Path emptyCache;

  @Test
  void open_withoutNativeLibrary_failsNamingArtifactsAndStaysOffline() throws IOException, InterruptedException {
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String withoutNatives = Arrays.stream(classPath.split(File.pathSeparator))
        .filter(entry -> !entry.contains("pytorch-native-"))
        .collect(Collectors.joining(File.pathSeparator));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = List.of(java.toString(),
        "-DDJL_CACHE_DIR=" + emptyCache, "-DENGINE_CACHE_DIR=" + emptyCache, "-Dai.djl.offline=true",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
        "-cp", withoutNatives, MissingNativesProbe.class.getName(),
        CheckedInModels.path("identity-256.pt").toString());
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child JVM did not finish");
    assertEquals(0, child.exitValue(), output);
    assertTrue(output.contains("available=false"), output);
    assertTrue(output.contains("BackendException: DJL's PyTorch engine cannot load its native library"), output);
    assertTrue(output.contains("pytorch-native-cpu:2.7.1:linux-x86_64"), output);
    assertTrue(output.contains("Offline mode"), "DJL tried to download: " + output);
    assertTrue(output.contains("DJL runs offline, ai.djl.offline=true"), output);
  }
}
