package io.gpen4j.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Builds the separate Maven projects beside this module as a new user of gpen4j would: against
 * the artifacts of this build (copied into {@code target/consumer-repo} by invoker:install, never
 * into {@code ~/.m2}), with the BOM. Third-party artifacts come from {@code ~/.m2} when they are
 * there, else from Maven Central.
 */
final class ConsumerProjectTest {
  private static final Path MODULE = ConsumerMaven.MODULE;
  private static final Path TARGET = ConsumerMaven.TARGET;
  private static final Pattern ORT = Pattern.compile("com\\.microsoft\\.onnxruntime:([a-z_]+):jar:([^:\\s]+)");

  @Test
  void consumer_restoresWithEveryBackend_andResolvesOneOnnxRuntime() throws Exception {
    Path tree = TARGET.resolve("consumer-tree.txt");
    Map<String, String> env = Map.of(
        "GPEN4J_PHOTO", shared("images/astronaut.png").toString(),
        "GPEN4J_GENERATOR_ONNX", repo("models/test/identity-256.onnx").toString(),
        "GPEN4J_GENERATOR_PT", repo("models/test/identity-256.pt").toString(),
        "XDG_CACHE_HOME", TARGET.resolve("xdg-cache").toString(),
        "DJL_CACHE_DIR", TARGET.resolve("djl-cache").toString(),
        "ENGINE_CACHE_DIR", TARGET.resolve("djl-cache").toString());

    String log = maven(MODULE.resolve("project"), env, "test", dependencyTree(tree));

    assertTrue(log.contains("Tests run: 3, Failures: 0, Errors: 0, Skipped: 0"), ConsumerMaven.tail(log));
    assertEquals(List.of("onnxruntime:" + ortVersion()), onnxRuntimes(tree));
  }

  @Test
  void djlAlone_withoutBom_getsTheTestedOnnxRuntimeAndNoPyTorch() throws Exception {
    Path tree = TARGET.resolve("consumer-djl-tree.txt");
    Path djlCache = TARGET.resolve("djl-only-cache");
    Map<String, String> env = Map.of(
        "GPEN4J_PHOTO", shared("images/astronaut.png").toString(),
        "GPEN4J_GENERATOR_ONNX", repo("models/test/identity-256.onnx").toString(),
        "XDG_CACHE_HOME", TARGET.resolve("xdg-cache").toString(),
        "DJL_CACHE_DIR", djlCache.toString(),
        "ENGINE_CACHE_DIR", djlCache.toString());

    String log = maven(MODULE.resolve("project-djl"), env, "test", dependencyTree(tree));

    assertTrue(log.contains("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0"), ConsumerMaven.tail(log));
    assertEquals(List.of("onnxruntime:" + ortVersion()), onnxRuntimes(tree));
    assertTrue(!Files.readString(tree).contains("ai.djl.pytorch"), Files.readString(tree));
  }

  @Test
  void gpuRecipe_resolvesOnlyTheGpuRuntime_andNoLibtorch() throws Exception {
    Path tree = TARGET.resolve("consumer-gpu-tree.txt");

    maven(MODULE.resolve("project-gpu"), Map.of(), dependencyTree(tree));

    assertEquals(List.of("onnxruntime_gpu:" + ortVersion()), onnxRuntimes(tree));
    String text = Files.readString(tree);
    assertTrue(!text.contains("ai.djl.pytorch"), "an ONNX-only consumer gets no PyTorch:\n" + text);
  }

  /** Returns artifact:version of every ONNX Runtime in a dependency tree. */
  private static List<String> onnxRuntimes(Path tree) throws IOException {
    List<String> found = new ArrayList<>();
    Matcher m = ORT.matcher(Files.readString(tree));
    while (m.find()) {
      found.add(m.group(1) + ":" + m.group(2));
    }
    return found;
  }

  /** The version gpen4j-parent pins, which a consumer must get. */
  private static String ortVersion() {
    return System.getProperty("gpen4j.onnxruntime.version");
  }

  private static String dependencyTree(Path out) {
    return "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:tree -DoutputFile=" + out;
  }

  private static String maven(Path project, Map<String, String> env, String... goals)
      throws IOException, InterruptedException {
    return ConsumerMaven.run(ConsumerMaven.systemMaven(), project, env, goals);
  }

  private static Path repo(String relative) {
    return Paths.get(System.getProperty("gpen4j.repo", "..")).resolve(relative).toAbsolutePath().normalize();
  }

  private static Path shared(String relative) {
    Path p = Paths.get(System.getProperty("gpen4j.shared", "../shared")).resolve(relative).toAbsolutePath();
    assertTrue(Files.isRegularFile(p), "test data missing: " + p);
    return p;
  }
}
