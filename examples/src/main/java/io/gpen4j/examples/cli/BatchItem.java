package io.gpen4j.examples.cli;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One photo of a batch: where it is, where its result goes, and the name to show for it (its path
 * relative to the folder it was found in).
 *
 * @param input the photo
 * @param output the restored photo's path
 * @param label the input's path as the user knows it
 */
record BatchItem(Path input, Path output, String label) {
  BatchItem {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(label, "label");
  }
}
