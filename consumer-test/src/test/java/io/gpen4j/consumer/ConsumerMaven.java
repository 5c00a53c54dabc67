package io.gpen4j.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs Maven on a consumer project as a user of gpen4j would: against the artifacts of this build
 * (copied into {@code target/consumer-repo} by invoker:install, never into {@code ~/.m2}), with
 * third-party artifacts from {@code ~/.m2} when they are there, else from Maven Central.
 */
final class ConsumerMaven {
  static final Path MODULE = Paths.get(System.getProperty("gpen4j.repo", ".."), "consumer-test");
  static final Path TARGET = MODULE.resolve("target");

  private ConsumerMaven() {}

  /** The Maven this build runs on (Debian's 3.8.7 here). */
  static Path systemMaven() {
    return Paths.get(System.getProperty("maven.home"), "bin", "mvn");
  }

  /**
   * Runs {@code maven} on a project and fails with the log's tail unless it succeeds.
   *
   * @param maven the mvn or mvnw script
   * @param project the project folder
   * @param env extra environment variables
   * @param goals goals and options; one string may hold several, split on spaces
   * @return the build's log, also written to target/
   */
  static String run(Path maven, Path project, Map<String, String> env, String... goals)
      throws IOException, InterruptedException {
    Files.createDirectories(TARGET);
    Path settings = TARGET.resolve("consumer-settings.xml");
    // ~/.m2 as a read-only remote (releases only, so no gpen4j SNAPSHOT from there; it keeps no
    // checksum files), Central after it.
    Files.writeString(settings, """
        <settings>
          <profiles>
            <profile>
              <id>user-repository</id>
              <repositories>
                <repository>
                  <id>user-m2</id>
                  <url>%1$s</url>
                  <releases><checksumPolicy>ignore</checksumPolicy></releases>
                  <snapshots><enabled>false</enabled></snapshots>
                </repository>
              </repositories>
              <pluginRepositories>
                <pluginRepository>
                  <id>user-m2</id>
                  <url>%1$s</url>
                  <releases><checksumPolicy>ignore</checksumPolicy></releases>
                  <snapshots><enabled>false</enabled></snapshots>
                </pluginRepository>
              </pluginRepositories>
            </profile>
          </profiles>
          <activeProfiles><activeProfile>user-repository</activeProfile></activeProfiles>
        </settings>
        """.formatted(Paths.get(System.getProperty("user.home"), ".m2", "repository").toUri()));
    List<String> command = new ArrayList<>(List.of(
        maven.toString(),
        "-B", "-ntp", "-Dstyle.color=never",
        "-s", settings.toString(),
        "-Dmaven.repo.local=" + System.getProperty("gpen4j.consumer.repo"),
        "-Dgpen4j.version=" + System.getProperty("gpen4j.version"),
        "-f", project.resolve("pom.xml").toString()));
    for (String g : goals) {
      command.addAll(List.of(g.split(" ")));
    }
    ProcessBuilder pb = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    pb.environment().remove("MAVEN_OPTS");
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(15, TimeUnit.MINUTES), "Maven did not finish");
    String log = new String(out, StandardCharsets.UTF_8);
    Files.writeString(TARGET.resolve(project.getFileName() + "-" + maven.getFileName() + "-build.log"), log);
    assertEquals(0, p.exitValue(), maven.getFileName() + " " + String.join(" ", goals) + " on " + project
        + " failed:\n" + tail(log));
    return log;
  }

  /** The last 60 lines of a log. */
  static String tail(String log) {
    List<String> lines = log.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
  }
}
