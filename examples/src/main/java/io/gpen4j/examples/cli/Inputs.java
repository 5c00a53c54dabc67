package io.gpen4j.examples.cli;

import java.nio.file.Path;
import java.util.List;

/**
 * What the command line named: the photos to restore, the arguments that named nothing, and the
 * files found in folders that are not photos.
 *
 * @param items the photos, in a stable order, with distinct outputs
 * @param missing arguments that are neither a file nor a folder
 * @param skipped files found in the folders that are not images (see {@link PhotoFiles})
 */
record Inputs(List<BatchItem> items, List<Path> missing, List<Path> skipped) {
  Inputs {
    items = List.copyOf(items);
    missing = List.copyOf(missing);
    skipped = List.copyOf(skipped);
  }
}
