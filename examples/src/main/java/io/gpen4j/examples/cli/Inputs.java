package io.gpen4j.examples.cli;

import java.nio.file.Path;
import java.util.List;

/**
 * What the command line named: the photos to restore, and the arguments that named nothing.
 *
 * @param items the photos, in a stable order, with distinct outputs
 * @param missing arguments that are neither a file nor a folder
 */
record Inputs(List<BatchItem> items, List<Path> missing) {
  Inputs {
    items = List.copyOf(items);
    missing = List.copyOf(missing);
  }
}
