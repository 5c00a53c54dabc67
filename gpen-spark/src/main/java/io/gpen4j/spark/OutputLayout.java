package io.gpen4j.spark;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Where each input's output goes: under the output folder, at the input's path relative to the
 * input folder, with the output format's extension, as the CLI lays out a batch:
 * {@code archive/1975/beach.jpg} becomes {@code out/1975/beach.png}. Two inputs that would share an
 * output ({@code a.jpg}, {@code a.png}) get {@code a-jpg.png} and {@code a-png.png}.
 *
 * @param inputRoot the input folder (or file) as a path without scheme
 * @param outputFolder the output folder, a path every executor can write
 * @param extension the output extension, such as {@code png}
 * @param sharedStems the relative paths without extension that several inputs share
 */
record OutputLayout(String inputRoot, String outputFolder, String extension, Set<String> sharedStems)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The hidden folder in the output folder where files are written before they are moved into place. */
  static final String STAGING = ".gpen4j-spark-staging";

  OutputLayout {
    Objects.requireNonNull(inputRoot, "inputRoot");
    Objects.requireNonNull(outputFolder, "outputFolder");
    Objects.requireNonNull(extension, "extension");
    sharedStems = Set.copyOf(sharedStems);
  }

  /**
   * Returns an input's path relative to the input root.
   *
   * @param inputPath the path as Spark's binaryFile source gives it ({@code file:/a/b.jpg})
   * @return such as {@code 1975/beach.jpg}
   */
  String relative(String inputPath) {
    String path = withoutScheme(inputPath);
    String root = inputRoot.endsWith("/") ? inputRoot : inputRoot + "/";
    if (path.startsWith(root)) {
      return path.substring(root.length());
    }
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /**
   * Returns the relative path without its extension.
   *
   * @param relative such as {@code 1975/beach.jpg}
   * @return such as {@code 1975/beach}
   */
  static String stem(String relative) {
    int slash = relative.lastIndexOf('/');
    int dot = relative.lastIndexOf('.');
    return dot > slash + 1 ? relative.substring(0, dot) : relative;
  }

  /**
   * Returns where an input's output goes.
   *
   * @param inputPath the path as the binaryFile source gives it
   * @return the output file
   */
  Path target(String inputPath) {
    String relative = relative(inputPath);
    String stem = stem(relative);
    String name = stem;
    if (sharedStems.contains(stem) && stem.length() < relative.length()) {
      name = stem + "-" + relative.substring(stem.length() + 1).toLowerCase(Locale.ROOT);
    }
    return Path.of(outputFolder).resolve(name + "." + extension);
  }

  /**
   * Returns where an input's output goes when it keeps the input's name and extension (videos:
   * the extension picks the container).
   *
   * @param inputPath the path as Spark lists it
   * @return the output file
   */
  Path sameNameTarget(String inputPath) {
    return Path.of(outputFolder).resolve(relative(inputPath));
  }

  /** The staging folder. @return {@code OUTPUT/.gpen4j-spark-staging} */
  Path staging() {
    return Path.of(outputFolder).resolve(STAGING);
  }

  /**
   * Turns a Hadoop path or URI ({@code file:/a/b}, {@code hdfs://nn/a/b}) into its path part.
   *
   * @param path the path
   * @return such as {@code /a/b}
   */
  static String withoutScheme(String path) {
    return new org.apache.hadoop.fs.Path(path).toUri().getPath();
  }
}
