package io.gpen4j.spark;

import io.gpen4j.ModelException;
import io.gpen4j.models.ModelRepository;
import io.gpen4j.models.ModelSpec;
import io.gpen4j.models.Models;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.apache.spark.SparkFiles;
import org.apache.spark.SparkEnv;

/**
 * A model as the transformer's parameters name it, turned into a file on the executor that runs
 * the task. Three ways, tried in this order:
 *
 * <ol>
 *   <li>a path that exists on this node (a shared mount, or the same path on every node);
 *   <li>a file distributed by Spark ({@code --files}, {@code SparkContext.addFile}), named by its
 *       file name: {@link SparkFiles#get(String)};
 *   <li>a catalogue name ({@code GPEN-BFR-512}) looked up in the models folder (else the download
 *       cache); never downloaded on an executor.
 * </ol>
 *
 * <p>Every file is checked by SHA-256: against the given hash when there is one, else against the
 * catalogue's when the catalogue knows the file's name. A file the catalogue does not know and no
 * hash was given for is used as it is.
 *
 * @param text the path, distributed file name or catalogue name
 * @param sha256 the expected SHA-256 (64 hex digits), or null
 * @param modelsDirectory the folder with catalogue models on every node, or null
 */
record ModelReference(String text, String sha256, String modelsDirectory) implements Serializable {
  private static final long serialVersionUID = 1L;

  ModelReference {
    Objects.requireNonNull(text, "text");
    if (text.isBlank()) {
      throw new IllegalArgumentException("a model must be named: a path, a distributed file or a catalogue name");
    }
    if (sha256 != null && !sha256.matches("[0-9a-fA-F]{64}")) {
      throw new IllegalArgumentException("sha256 must be 64 hex digits: '" + sha256 + "'");
    }
    sha256 = sha256 == null ? null : sha256.toLowerCase(Locale.ROOT);
  }

  /**
   * Finds the file on this node and checks it.
   *
   * @return the verified file
   * @throws ModelException if it is nowhere, or its hash is wrong
   */
  Path resolve() {
    Path local = Path.of(text);
    if (Files.isRegularFile(local)) {
      return verified(local);
    }
    Optional<Path> distributed = distributed();
    if (distributed.isPresent()) {
      return verified(distributed.get());
    }
    Optional<ModelSpec> spec = Models.find(text);
    if (spec.isEmpty()) {
      throw new ModelException("model " + text + ": not a file on this node, not a file distributed with "
          + "--files or SparkContext.addFile, and not a catalogue name (" + String.join(", ", Models.names()) + ")");
    }
    ModelRepository.Builder repository = ModelRepository.builder().offline(true);
    if (modelsDirectory != null) {
      repository.modelsDirectory(Path.of(modelsDirectory));
    }
    ModelRepository repo = repository.build();
    Path file = repo.findLocal(spec.get()).orElseThrow(() -> new ModelException("model " + spec.get().name()
        + ": not on this node; put " + spec.get().fileName() + " in the models folder on every node"
        + (modelsDirectory != null ? " (" + modelsDirectory + ")" : " (the modelsDirectory parameter)")
        + " or distribute it with --files"));
    return verified(file);
  }

  /** The catalogue entry of a distributed or local file, when its name is a catalogue file name. */
  Optional<ModelSpec> catalogueEntry() {
    return Models.find(Path.of(text).getFileName().toString());
  }

  private Optional<Path> distributed() {
    if (SparkEnv.get() == null || text.contains("/")) {
      return Optional.empty();
    }
    try {
      Path file = Path.of(SparkFiles.get(text));
      return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private Path verified(Path file) {
    if (sha256 != null) {
      String actual = sha256Of(file);
      if (!actual.equals(sha256)) {
        throw new ModelException("model " + text + ": " + file + " has sha256 " + actual + " but " + sha256
            + " was given");
      }
      return file;
    }
    Optional<ModelSpec> spec = Models.find(file.getFileName().toString());
    if (spec.isPresent()) {
      // The catalogue's own check: a wrong hash fails with the expected and the actual one.
      return ModelRepository.builder().offline(true).modelFile(spec.get(), file).build().resolve(spec.get());
    }
    return file;
  }

  static String sha256Of(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new ModelException("cannot read model " + file + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JVM has SHA-256", e);
    }
  }
}
