package io.gpen4j.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The release dry run: a copy of this checkout deployed with {@code -Pstage} into a local folder in
 * Maven's repository layout, signed with a throwaway key, as {@code -Prelease} would upload it to
 * Central. Every published module must be there with its jar, sources, javadoc and POM, each
 * signed; nothing that is not published; every effective POM with the project's own url and scm
 * (Maven appends the artifactId to inherited addresses unless told not to).
 */
final class ReleaseStagingTest {
  private static final Path REPO = Paths.get(System.getProperty("gpen4j.repo", "..")).toAbsolutePath().normalize();
  private static final Path TARGET = REPO.resolve("consumer-test/target");
  private static final Set<String> NOT_PUBLISHED = Set.of("gpen-bench", "examples", "consumer-test");

  @Test
  void stage_signsAndStagesEveryPublishedModule_withTheProjectsUrlAndScm() throws Exception {
    Path work = Files.createDirectories(TARGET.resolve("release-staging"));
    Path key = testKey(work);
    Path copy = work.resolve("checkout");
    copyCheckout(REPO, copy);
    Path staging = work.resolve("staging");
    deleteTree(staging); // a rerun's deploy would add beside the last run's files, signed by its key
    Path effective = work.resolve("effective-poms.xml");

    String log = maven(copy, Map.of("MAVEN_GPG_KEY", Files.readString(key), "MAVEN_GPG_PASSPHRASE", ""),
        "-Pstage", "-DskipTests", "-Dmaven.install.skip=true", "-Dgpen4j.stagingDirectory=" + staging,
        "-pl", "!gpen-bench,!examples,!consumer-test",
        "deploy", "help:effective-pom", "-Doutput=" + effective);
    assertTrue(log.contains("Signing with the key in MAVEN_GPG_KEY."), "the build does not say it signs");

    Map<String, String> packaging = publishedModules();
    Path group = staging.resolve("io/gpen4j");
    for (Map.Entry<String, String> module : packaging.entrySet()) {
      String id = module.getKey();
      Path dir = group.resolve(id).resolve(System.getProperty("gpen4j.version"));
      assertTrue(Files.isDirectory(dir), id + " is not staged in " + group);
      List<String> kinds = module.getValue().equals("pom")
          ? List.of(".pom")
          : List.of(".jar", "-sources.jar", "-javadoc.jar", ".pom");
      for (String kind : kinds) {
        Path file = artifact(dir, id, kind);
        assertTrue(Files.size(file) > 0, file + " is empty");
        assertTrue(Files.isRegularFile(file.resolveSibling(file.getFileName() + ".asc")), file + " is not signed");
      }
    }
    try (Stream<Path> staged = Files.list(group)) {
      for (Path p : staged.toList()) {
        String id = p.getFileName().toString();
        assertFalse(NOT_PUBLISHED.contains(id), id + " is staged, but it is not published");
      }
    }

    Path coreJar = artifact(group.resolve("gpen-core").resolve(System.getProperty("gpen4j.version")), "gpen-core", ".jar");
    String verify = gpg(work.resolve("gnupg"), "--verify", coreJar + ".asc", coreJar.toString());
    assertTrue(verify.contains("Good signature"), verify);

    Map<String, String[]> addresses = addresses(effective);
    assertEquals(packaging.keySet(), addresses.keySet());
    for (Map.Entry<String, String[]> e : addresses.entrySet()) {
      assertEquals("https://github.com/gpen4j/gpen4j", e.getValue()[0], e.getKey() + "'s url");
      assertEquals("https://github.com/gpen4j/gpen4j", e.getValue()[1], e.getKey() + "'s scm url");
      assertEquals("scm:git:https://github.com/gpen4j/gpen4j.git", e.getValue()[2], e.getKey() + "'s scm connection");
    }
  }

  /** The modules a release publishes, with their packaging: every one but the tools and tests. */
  private static Map<String, String> publishedModules() throws Exception {
    Map<String, String> out = new TreeMap<>();
    out.put("gpen4j-parent", "pom");
    Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(REPO.resolve("pom.xml").toFile()).getDocumentElement();
    NodeList modules = root.getElementsByTagName("module");
    for (int i = 0; i < modules.getLength(); i++) {
      String module = modules.item(i).getTextContent().trim();
      if (NOT_PUBLISHED.contains(module)) {
        continue;
      }
      String pom = Files.readString(REPO.resolve(module).resolve("pom.xml"));
      out.put(module, pom.contains("<packaging>pom</packaging>") ? "pom" : "jar");
    }
    return out;
  }

  /** A deployed SNAPSHOT file carries a timestamp: {@code id-0.1.0-20261206.101010-1-sources.jar}. */
  private static Path artifact(Path dir, String id, String kind) throws IOException {
    String base = System.getProperty("gpen4j.version").replace("-SNAPSHOT", "");
    Pattern name = Pattern.compile(Pattern.quote(id + "-" + base) + "(-SNAPSHOT|-\\d{8}\\.\\d{6}-\\d+)" + Pattern.quote(kind));
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> name.matcher(p.getFileName().toString()).matches())
          .findFirst()
          .orElseThrow(() -> new AssertionError("no " + id + kind + " in " + dir + ": " + list(dir)));
    }
  }

  /** artifactId -> {url, scm url, scm connection} of each project in help:effective-pom's output. */
  private static Map<String, String[]> addresses(Path effective) throws Exception {
    Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(effective.toFile()).getDocumentElement();
    List<Element> projects = new ArrayList<>();
    if (root.getTagName().equals("project")) {
      projects.add(root);
    } else {
      NodeList list = root.getElementsByTagName("project");
      for (int i = 0; i < list.getLength(); i++) {
        projects.add((Element) list.item(i));
      }
    }
    Map<String, String[]> out = new TreeMap<>();
    for (Element p : projects) {
      Element scm = child(p, "scm");
      out.put(text(p, "artifactId"), new String[] {text(p, "url"), text(scm, "url"), text(scm, "connection")});
    }
    return out;
  }

  private static Element child(Element e, String tag) {
    for (org.w3c.dom.Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element c && c.getTagName().equals(tag)) {
        return c;
      }
    }
    throw new AssertionError("no <" + tag + "> in <" + e.getTagName() + ">");
  }

  private static String text(Element e, String tag) {
    return child(e, tag).getTextContent().trim();
  }

  /** A throwaway signing key, made by gpg in a keyring of its own; returns its armoured secret key. */
  private static Path testKey(Path work) throws Exception {
    boolean hasGpg = Stream.of(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Paths.get(d, "gpg")));
    if (!hasGpg) {
      assertFalse("true".equals(System.getenv("CI")), "gpg is missing (Debian package gnupg): the release dry run needs it");
      Assumptions.abort("gpg is missing (Debian package gnupg)");
    }
    Path home = work.resolve("gnupg");
    deleteTree(home);
    Files.createDirectories(home);
    home.toFile().setReadable(false, false);
    home.toFile().setReadable(true, true);
    home.toFile().setExecutable(false, false);
    home.toFile().setExecutable(true, true);
    gpg(home, "--passphrase", "", "--quick-gen-key", "gpen4j release test <test@gpen4j.invalid>", "rsa2048", "sign", "never");
    Path key = work.resolve("test-key.asc");
    Files.writeString(key, gpg(home, "--armor", "--export-secret-keys"));
    return key;
  }

  private static String gpg(Path home, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("gpg", "--batch", "--pinentry-mode", "loopback", "--homedir", home.toString()));
    command.addAll(List.of(args));
    return run(new ProcessBuilder(command), 2, "gpg " + String.join(" ", args));
  }

  private static String maven(Path project, Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Paths.get(System.getProperty("maven.home"), "bin", "mvn").toString(), "-B", "-ntp", "-Dstyle.color=never"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(project.toFile());
    pb.environment().putAll(env);
    pb.environment().remove("MAVEN_OPTS");
    String log = run(pb, 20, "mvn " + String.join(" ", args));
    Files.writeString(TARGET.resolve("release-staging-build.log"), log);
    return log;
  }

  private static String run(ProcessBuilder pb, int minutes, String what) throws Exception {
    Process p = pb.redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(minutes, TimeUnit.MINUTES), what + " did not finish");
    String log = new String(out, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), what + " failed:\n" + tail(log));
    return log;
  }

  /** Copies the checkout without build output or Git's folder: the dry run never touches this build. */
  private static void copyCheckout(Path from, Path to) throws IOException {
    deleteTree(to);
    Files.walkFileTree(from, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
        if (!dir.equals(from) && (name.equals("target") || name.equals(".git") || name.equals("node_modules"))) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        Files.createDirectories(to.resolve(from.relativize(dir).toString()));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        if (attrs.isRegularFile()) {
          Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
        }
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      all.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }

  private static String list(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList().toString();
    } catch (IOException e) {
      return e.toString();
    }
  }

  private static String tail(String log) {
    List<String> lines = log.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
  }
}
