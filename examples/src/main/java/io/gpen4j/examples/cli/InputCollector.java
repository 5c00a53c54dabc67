package io.gpen4j.examples.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Expands the command line's files and folders into photos and names their outputs.
 *
 * <p>Every regular, non-hidden photo in a folder is taken (its subfolders too with {@code
 * recursive}); the folder's other files (notes, sidecars, videos; see {@link PhotoFiles}) are
 * skipped and listed, so nothing is silently left out. A file named on the command line is always
 * taken. An output keeps the input's path relative to the folder it was found in and its stem, with
 * the output format's extension: {@code album/1975/beach.jpg} given as {@code album} becomes
 * {@code OUT/1975/beach.png}. Inputs whose outputs would collide ({@code a.jpg} and {@code a.png})
 * get the source extension in the name ({@code a-jpg.png}, {@code a-png.png}). Files inside the
 * output folder are never inputs, so restoring a folder into a subfolder of itself is safe.
 */
final class InputCollector {
  private final Path outputDirectory;
  private final String extension;
  private final boolean recursive;

  InputCollector(Path outputDirectory, String extension, boolean recursive) {
    this.outputDirectory = outputDirectory.toAbsolutePath().normalize();
    this.extension = Objects.requireNonNull(extension, "extension");
    this.recursive = recursive;
  }

  Inputs collect(List<Path> arguments) {
    Map<Path, String> found = new LinkedHashMap<>(); // absolute input -> path relative to its argument
    List<Path> missing = new ArrayList<>();
    List<Path> skipped = new ArrayList<>();
    for (Path argument : arguments) {
      if (Files.isRegularFile(argument)) {
        found.putIfAbsent(argument.toAbsolutePath().normalize(), argument.getFileName().toString());
      } else if (Files.isDirectory(argument)) {
        for (Path file : filesIn(argument)) {
          if (!PhotoFiles.isPhoto(file)) {
            skipped.add(file);
            continue;
          }
          String relative = argument.relativize(file).toString();
          found.putIfAbsent(file.toAbsolutePath().normalize(), relative);
        }
      } else {
        missing.add(argument);
      }
    }
    return new Inputs(nameOutputs(found), missing, skipped);
  }

  private List<Path> filesIn(Path folder) {
    try (Stream<Path> files = recursive ? Files.walk(folder) : Files.list(folder)) {
      return files
          .filter(p -> !p.equals(folder))
          .filter(Files::isRegularFile)
          .filter(p -> !isHidden(folder.relativize(p)))
          .filter(p -> !p.toAbsolutePath().normalize().startsWith(outputDirectory))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw new UncheckedIOException("cannot list " + folder + ": " + e.getCause().getMessage(), e.getCause());
    }
  }

  private static boolean isHidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private List<BatchItem> nameOutputs(Map<Path, String> found) {
    Map<String, Integer> uses = new HashMap<>();
    for (String relative : found.values()) {
      uses.merge(outputName(relative, false), 1, Integer::sum);
    }
    Set<Path> taken = new LinkedHashSet<>();
    List<BatchItem> items = new ArrayList<>(found.size());
    for (Map.Entry<Path, String> e : found.entrySet()) {
      String relative = e.getValue();
      String name = outputName(relative, uses.get(outputName(relative, false)) > 1);
      Path output = outputDirectory.resolve(name).normalize();
      for (int n = 2; !taken.add(output); n++) {
        output = outputDirectory.resolve(withSuffix(name, "-" + n)).normalize();
      }
      items.add(new BatchItem(e.getKey(), output, relative));
    }
    return items;
  }

  private String outputName(String relative, boolean disambiguate) {
    int slash = Math.max(relative.lastIndexOf('/'), relative.lastIndexOf(java.io.File.separatorChar));
    String folder = relative.substring(0, slash + 1);
    String file = relative.substring(slash + 1);
    int dot = file.lastIndexOf('.');
    String stem = dot > 0 ? file.substring(0, dot) : file;
    String sourceExtension = dot > 0 ? file.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    String suffix = disambiguate && !sourceExtension.isEmpty() ? "-" + sourceExtension : "";
    return folder + stem + suffix + "." + extension;
  }

  private static String withSuffix(String name, String suffix) {
    int dot = name.lastIndexOf('.');
    return name.substring(0, dot) + suffix + name.substring(dot);
  }
}
