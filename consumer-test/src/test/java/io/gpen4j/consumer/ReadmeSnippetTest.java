package io.gpen4j.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's minimal consumer {@code pom.xml}, taken from the README itself, compiles a class
 * that uses gpen4j with the Maven a Debian user has (3.8, whose default compiler plugin knows no
 * {@code release}) and with the Maven the project's wrapper pins; the Gradle snippet names the
 * BOM at this version and only artifacts the BOM manages.
 */
final class ReadmeSnippetTest {
  private static final Path REPO = Paths.get(System.getProperty("gpen4j.repo", "..")).toAbsolutePath().normalize();
  private static final Pattern FENCE = Pattern.compile("```(\\w+)\\n(.*?)```", Pattern.DOTALL);

  @Test
  void minimalPom_compilesWithSystemMaven_andWithTheWrapper() throws Exception {
    String pom = block("xml", "<artifactId>restore-photos</artifactId>");
    Path project = ConsumerMaven.TARGET.resolve("readme-pom");
    Path source = project.resolve("src/main/java/com/example/RestorePhotos.java");
    Files.createDirectories(source.getParent());
    Files.writeString(project.resolve("pom.xml"), pom);
    Files.writeString(source, """
        package com.example;

        import io.gpen4j.FaceRestorer;
        import java.nio.file.Path;

        public final class RestorePhotos {
          public static void main(String[] args) throws Exception {
            try (FaceRestorer restorer = FaceRestorer.builder().generator(Path.of(args[0])).build()) {
              restorer.restore(Path.of(args[1]), Path.of(args[2]));
            }
          }
        }
        """);
    Files.copy(REPO.resolve("mvnw"), project.resolve("mvnw"), StandardCopyOption.REPLACE_EXISTING);
    Files.createDirectories(project.resolve(".mvn/wrapper"));
    Files.copy(REPO.resolve(".mvn/wrapper/maven-wrapper.properties"),
        project.resolve(".mvn/wrapper/maven-wrapper.properties"), StandardCopyOption.REPLACE_EXISTING);

    String system = ConsumerMaven.run(ConsumerMaven.systemMaven(), project, Map.of(), "-V", "clean", "compile");
    assertTrue(system.contains("Apache Maven 3."), ConsumerMaven.tail(system));
    assertTrue(Files.isRegularFile(project.resolve("target/classes/com/example/RestorePhotos.class")));

    // The wrapper keeps the Maven it downloads under the build folder, not in ~/.m2.
    Map<String, String> env = Map.of("MAVEN_USER_HOME", ConsumerMaven.TARGET.resolve("maven-wrapper").toString());
    String wrapped = ConsumerMaven.run(project.resolve("mvnw"), project, env, "-V", "clean", "compile");
    assertTrue(wrapped.contains("Apache Maven " + wrapperVersion()), ConsumerMaven.tail(wrapped));
    assertTrue(Files.isRegularFile(project.resolve("target/classes/com/example/RestorePhotos.class")));
  }

  @Test
  void gradleSnippet_importsThisBom_andOnlyManagedArtifacts() throws Exception {
    String gradle = block("kotlin", "gpen4j-bom");
    String bom = Files.readString(REPO.resolve("gpen4j-bom/pom.xml"));
    Matcher platform = Pattern.compile("implementation\\(platform\\(\"io\\.gpen4j:gpen4j-bom:([^\"]+)\"\\)\\)").matcher(gradle);
    assertTrue(platform.find(), gradle);
    assertEquals(System.getProperty("gpen4j.version"), platform.group(1));

    Matcher dep = Pattern.compile("implementation\\(\"([\\w.]+):([\\w-]+)\"\\)").matcher(gradle);
    List<String> named = new ArrayList<>();
    while (dep.find()) {
      named.add(dep.group(2));
      assertTrue(bom.contains("<artifactId>" + dep.group(2) + "</artifactId>"), dep.group() + " is not in the BOM");
    }
    assertTrue(named.contains("gpen-core"), gradle);
    assertEquals(count(gradle, '{'), count(gradle, '}'), "unbalanced braces:\n" + gradle);
    assertEquals(count(gradle, '('), count(gradle, ')'), "unbalanced parentheses:\n" + gradle);
    // platform() needs Gradle 5; the README must say so.
    assertTrue(Files.readString(REPO.resolve("README.md")).contains("Gradle 5"), "the README does not state Gradle's minimum");
  }

  /** The first fenced block of the README in {@code language} that contains {@code marker}. */
  private static String block(String language, String marker) throws Exception {
    Matcher m = FENCE.matcher(Files.readString(REPO.resolve("README.md")));
    while (m.find()) {
      if (m.group(1).equals(language) && m.group(2).contains(marker)) {
        return m.group(2);
      }
    }
    throw new AssertionError("README.md has no ```" + language + " block with " + marker);
  }

  private static String wrapperVersion() throws Exception {
    Matcher m = Pattern.compile("apache-maven-([0-9.]+)-bin\\.zip")
        .matcher(Files.readString(REPO.resolve(".mvn/wrapper/maven-wrapper.properties")));
    assertTrue(m.find());
    return m.group(1);
  }

  private static long count(String s, char c) {
    return s.chars().filter(x -> x == c).count();
  }
}
