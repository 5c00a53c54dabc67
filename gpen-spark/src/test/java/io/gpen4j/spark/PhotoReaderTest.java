package io.gpen4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.util.SerializableConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A task's reads: the file's bytes as Spark's binaryFile source gives them, or the reason it has none. */
final class PhotoReaderTest {
  @TempDir Path dir;

  @Test
  void call_readsEachFileInOrder_andAFileThatIsGoneGivesItsReason() throws Exception {
    SparkContext sc = SparkSessions.shared().sparkContext();
    PhotoReader reader = new PhotoReader(sc.broadcast(new SerializableConfiguration(sc.hadoopConfiguration()),
        scala.reflect.ClassTag$.MODULE$.apply(SerializableConfiguration.class)));
    Path photo = SharedData.image("grace_hopper.jpg");
    Path gone = dir.resolve("gone.jpg");
    String goneUri = "file:" + gone.toAbsolutePath();

    List<Row> rows = new ArrayList<>();
    Iterator<Row> it = reader.call(List.of("file:" + photo.toAbsolutePath(), goneUri));
    it.forEachRemaining(rows::add);

    assertEquals(2, rows.size());
    assertEquals(PhotoReader.SCHEMA.size(), rows.get(0).length());
    assertArrayEquals(Files.readAllBytes(photo), (byte[]) rows.get(0).get(1));
    assertNull(rows.get(0).get(2));
    assertEquals(goneUri, rows.get(1).getString(0));
    assertNull(rows.get(1).get(1));
    assertTrue(rows.get(1).getString(2).startsWith("Cannot decode " + gone.toAbsolutePath() + ": cannot read the file: "),
        rows.get(1).getString(2));
  }
}
