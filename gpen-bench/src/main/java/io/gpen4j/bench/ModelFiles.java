package io.gpen4j.bench;

import io.gpen4j.internal.store.DefaultDirectories;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the GPEN generator file a configuration needs in a list of folders.
 *
 * <p>Names looked for, in order, in each folder: the catalogue's real model
 * ({@code GPEN-BFR-512.onnx}), then the converter's random-weight export
 * ({@code GPEN-BFR-512-randw.onnx}); {@code .pt} (TorchScript) for {@code djl-pytorch}; with
 * {@code -fp16} before the extension when a DJL backend runs FP16 (DJL runs a model in the
 * precision it is stored in; the {@code onnx} backend converts an FP32 file at load). Random
 * weights cost exactly what real ones cost, so either serves for timing.
 *
 * <p>Default folders ({@link #defaultDirectories()}): the catalogue's models folder
 * ({@code -Dgpen4j.models.dir} or {@code GPEN_MODELS_DIR}) and download cache, then
 * {@code <shared>/models/bench}, then {@code gpen-bench/target/models}, where the README's
 * converter commands write.
 */
final class ModelFiles {
  /** The system property with the folders to search, separated by the path separator. */
  static final String PROPERTY = "gpen4j.bench.models";

  private final List<Path> directories;

  ModelFiles(List<Path> directories) {
    this.directories = List.copyOf(Objects.requireNonNull(directories, "directories"));
  }

  /** Returns the folders from {@value #PROPERTY}, or the defaults when it is unset. */
  static ModelFiles fromSystemProperties() {
    String value = System.getProperty(PROPERTY);
    if (value == null || value.isBlank()) {
      return new ModelFiles(defaultDirectories());
    }
    List<Path> dirs = new ArrayList<>();
    for (String part : value.split(File.pathSeparator)) {
      if (!part.isBlank()) {
        dirs.add(Paths.get(part.trim()).toAbsolutePath().normalize());
      }
    }
    return new ModelFiles(dirs);
  }

  static List<Path> defaultDirectories() {
    List<Path> dirs = new ArrayList<>();
    DefaultDirectories.modelsDirectory(System::getenv, System::getProperty).ifPresent(dirs::add);
    dirs.add(DefaultDirectories.cacheDirectory(System::getenv, System::getProperty));
    dirs.add(Paths.get(System.getProperty("gpen4j.shared", "../shared"), "models", "bench"));
    dirs.add(Paths.get("gpen-bench", "target", "models"));
    List<Path> absolute = new ArrayList<>();
    for (Path d : dirs) {
      absolute.add(d.toAbsolutePath().normalize());
    }
    return absolute;
  }

  List<Path> directories() {
    return directories;
  }

  /** Returns the file names tried for a configuration, best first. */
  static List<String> candidateNames(BenchConfig config) {
    String base = "GPEN-BFR-" + config.modelSize();
    String suffix = config.needsFp16File() ? "-fp16." : ".";
    String ext = config.modelExtension();
    return List.of(base + suffix + ext, base + "-randw" + suffix + ext);
  }

  /**
   * Returns the generator file for a configuration.
   *
   * @param config the configuration
   * @return the first candidate found
   */
  Optional<Path> find(BenchConfig config) {
    for (Path dir : directories) {
      for (String name : candidateNames(config)) {
        Path p = dir.resolve(name);
        if (Files.isRegularFile(p)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  /** Returns why no file was found, with the command that makes a random-weight one. */
  String missingReason(BenchConfig config) {
    List<String> names = candidateNames(config);
    String randw = names.get(1);
    String option = "pt".equals(config.modelExtension()) ? "--torchscript" : "--onnx";
    return "no " + String.join(" or ", names) + " in " + directories
        + " (make one: /usr/bin/python3 models/convert/convert.py --preset GPEN-BFR-" + config.modelSize()
        + " --random-weights" + (config.needsFp16File() ? " --fp16" : "") + " " + option
        + " gpen-bench/target/models/" + randw + ")";
  }
}
