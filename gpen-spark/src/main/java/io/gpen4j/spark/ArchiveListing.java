package io.gpen4j.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * The files of an archive, listed once on the driver as Spark's file sources list them: every file
 * under the input (recursively, or the input itself when it is a file), by its qualified path
 * ({@code file:/scans/1975/beach.jpg}), without hidden names (a file or folder below the input whose
 * name starts with {@code .} or {@code _}).
 *
 * <p>Why on the driver: the job needs the list three times (outputs that two inputs would share,
 * outputs already there, zero-byte files) and once more to give each task its photos; one listing
 * answers all four without a Spark job, which is what Spark's own file index does for one input
 * folder.
 *
 * @param root the qualified input path
 * @param files the files, in listing order
 */
record ArchiveListing(String root, List<File> files) {
  /**
   * A listed file.
   *
   * @param path the qualified path
   * @param length its size in bytes
   */
  record File(String path, long length) {}

  ArchiveListing {
    files = List.copyOf(files);
  }

  /**
   * Lists an input folder or file.
   *
   * @param input the input as Spark's file sources take it ({@code /scans}, {@code hdfs:///scans})
   * @param conf the Hadoop configuration that resolves its file system
   * @return the listing
   * @throws UncheckedIOException if the input cannot be listed (it does not exist, say)
   */
  static ArchiveListing of(String input, Configuration conf) {
    Path given = new Path(input);
    List<File> files = new ArrayList<>();
    Path root;
    try {
      FileSystem fs = given.getFileSystem(conf);
      root = fs.makeQualified(given);
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
      while (it.hasNext()) {
        LocatedFileStatus f = it.next();
        if (!hidden(root, f.getPath())) {
          files.add(new File(f.getPath().toString(), f.getLen()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + input + ": " + e.getMessage(), e);
    }
    return new ArchiveListing(root.toString(), files);
  }

  /**
   * The relative paths without extension that several inputs share, which {@link OutputLayout}
   * then tells apart by the input's extension.
   *
   * @param layout a layout of this archive's root (its shared stems are not read)
   * @return the shared stems
   */
  Set<String> sharedStems(OutputLayout layout) {
    Map<String, Integer> counts = new HashMap<>();
    for (File f : files) {
      counts.merge(OutputLayout.stem(layout.relative(f.path())), 1, Integer::sum);
    }
    Set<String> shared = new HashSet<>();
    counts.forEach((stem, n) -> {
      if (n > 1) {
        shared.add(stem);
      }
    });
    return shared;
  }

  /**
   * Deals files into groups of about equal work: largest first, round-robin, so that every group
   * gets a share of the large and the small photos and the tasks end together.
   *
   * @param pending the files to deal
   * @param groups how many groups, at least 1
   * @return the groups, each a list of paths; none empty when there are at least as many files
   */
  static List<List<String>> deal(List<File> pending, int groups) {
    List<List<String>> out = new ArrayList<>(groups);
    for (int i = 0; i < groups; i++) {
      out.add(new ArrayList<>());
    }
    List<File> bySize = new ArrayList<>(pending);
    bySize.sort(Comparator.comparingLong(File::length).reversed().thenComparing(File::path));
    for (int i = 0; i < bySize.size(); i++) {
      out.get(i % groups).add(bySize.get(i).path());
    }
    return out;
  }

  private static boolean hidden(Path root, Path file) {
    String rootPath = root.toUri().getPath();
    for (Path p = file; p != null && !p.toUri().getPath().equals(rootPath); p = p.getParent()) {
      String name = p.getName();
      if (name.startsWith(".") || name.startsWith("_")) {
        return true;
      }
    }
    return false;
  }
}
