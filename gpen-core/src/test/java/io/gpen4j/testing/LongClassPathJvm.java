package io.gpen4j.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts a JVM whose command line is long because its {@code -cp} is: the test class path
 * followed by folders that do not exist, as a build tool or an application server may produce.
 * The class path is passed on the command line itself, never through {@code CLASSPATH} or an
 * {@code @argfile}, because the command line is what ONNX Runtime 1.29 reads.
 */
public final class LongClassPathJvm {
  /** What libonnxruntime.so 1.29.0 checks to turn its telemetry off (from its strings). */
  private static final List<String> ONNX_RUNTIME_CI_VARIABLES = List.of("CI", "TF_BUILD", "GITHUB_ACTIONS",
      "GITLAB_CI", "CIRCLECI", "TRAVIS", "JENKINS_URL", "CODEBUILD_BUILD_ID", "BUILDKITE", "TEAMCITY_VERSION",
      "APPVEYOR", "BITBUCKET_BUILD_NUMBER", "ORT_DISABLE_TELEMETRY");

  private LongClassPathJvm() {}

  /** What the child JVM did. */
  public record Outcome(int exitCode, String output, int commandLineLength) {}

  /**
   * Runs {@code mainClass} in a new JVM with a class path of at least {@code minClassPathChars}.
   *
   * @param minClassPathChars the least length of the {@code -cp} value
   * @param xdgCache where ONNX Runtime may write its cache
   * @param mainClass the class to run, from the test class path
   * @param args its arguments
   * @return the exit code, standard output and error together, and the command line's length
   * @throws IOException if the JVM cannot be started
   * @throws InterruptedException if interrupted while waiting
   */
  public static Outcome run(int minClassPathChars, Path xdgCache, String mainClass, String... args)
      throws IOException, InterruptedException {
    String testClassPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    StringBuilder cp = new StringBuilder(testClassPath);
    for (int i = 0; cp.length() < minClassPathChars; i++) {
      cp.append(File.pathSeparatorChar).append("/nonexistent/gpen4j-long-class-path/entry-").append(i).append(".jar");
    }
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Djava.awt.headless=true");
    // DJL's caches stay in the build folder, as in the parent, and DJL stays offline.
    for (String name : List.of("DJL_CACHE_DIR", "ENGINE_CACHE_DIR", "ai.djl.offline")) {
      if (System.getProperty(name) != null) {
        command.add("-D" + name + "=" + System.getProperty(name));
      }
    }
    command.add("-cp");
    command.add(cp.toString());
    command.add(mainClass);
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("XDG_CACHE_HOME", xdgCache.toString());
    // The parent's options (a debugger, -Xmx) are not wanted in the child.
    pb.environment().remove("JAVA_TOOL_OPTIONS");
    pb.environment().remove("JDK_JAVA_OPTIONS");
    // The child is a user's process: ONNX Runtime 1.29 starts no telemetry (and so never reads the
    // command line) where one of these says it runs under CI, which would hide the crash in CI.
    ONNX_RUNTIME_CI_VARIABLES.forEach(pb.environment()::remove);
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
    }
    int length = command.stream().mapToInt(s -> s.length() + 1).sum();
    return new Outcome(p.exitValue(), new String(out, StandardCharsets.UTF_8), length);
  }
}
