package io.gpen4j.spark;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Reads the photos of one task's group, one at a time as the restore asks for them, into rows of
 * {@link #SCHEMA}: the bytes Spark's {@code binaryFile} source would give, read where the task runs
 * so that no photo's bytes cross a shuffle. A file that cannot be read (deleted since the listing,
 * no permission, over 2 GB) gives a row with null content and the reason, which the audit reports.
 */
final class PhotoReader implements FlatMapFunction<List<String>, Row> {
  private static final long serialVersionUID = 1L;

  /** The largest file read into one array. */
  private static final long MAX_BYTES = Integer.MAX_VALUE - 8;

  /** The rows: {@code path}, {@code content} (null when unreadable) and {@code read_error}. */
  static final StructType SCHEMA = new StructType(new StructField[] {
      DataTypes.createStructField("path", DataTypes.StringType, false),
      DataTypes.createStructField("content", DataTypes.BinaryType, true),
      DataTypes.createStructField(ResultWriter.READ_ERROR_COL, DataTypes.StringType, true)});

  private final Broadcast<SerializableConfiguration> hadoopConf;

  PhotoReader(Broadcast<SerializableConfiguration> hadoopConf) {
    this.hadoopConf = hadoopConf;
  }

  @Override
  public Iterator<Row> call(List<String> paths) {
    Iterator<String> it = new ArrayList<>(paths).iterator();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public Row next() {
        return read(it.next());
      }
    };
  }

  private Row read(String path) {
    Path file = new Path(path);
    try {
      FileSystem fs = file.getFileSystem(hadoopConf.value().value());
      long length = fs.getFileStatus(file).getLen();
      if (length > MAX_BYTES) {
        return RowFactory.create(path, null, "Cannot decode " + OutputLayout.withoutScheme(path)
            + ": the file is too big to decode (" + length + " bytes)");
      }
      byte[] bytes = new byte[(int) length];
      try (InputStream in = fs.open(file)) {
        int n = in.readNBytes(bytes, 0, bytes.length);
        if (n != bytes.length || in.read() >= 0) {
          return RowFactory.create(path, null, "Cannot decode " + OutputLayout.withoutScheme(path)
              + ": the file changed while it was read");
        }
      }
      return RowFactory.create(path, bytes, null);
    } catch (IOException e) {
      return RowFactory.create(path, null, "Cannot decode " + OutputLayout.withoutScheme(path)
          + ": cannot read the file: " + e);
    }
  }
}
