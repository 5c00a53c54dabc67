package io.gpen4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.testing.SharedData;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The transformer on its own: any binary column, its output columns, and saving inside a Pipeline. */
final class FaceRestoreTransformerTest {
  @TempDir static Path dir;
  private static SparkSession spark;
  private static Dataset<Row> photos;

  @BeforeAll
  static void start() throws IOException {
    spark = SparkSessions.shared();
    StructType schema = new StructType().add("name", DataTypes.StringType).add("photo", DataTypes.BinaryType);
    photos = spark.createDataFrame(List.of(
        RowFactory.create("astronaut", Files.readAllBytes(SharedData.image("astronaut.png"))),
        RowFactory.create("truncated", Files.readAllBytes(SharedData.image("truncated.jpg"))),
        RowFactory.create("missing", null)), schema).repartition(1);
  }

  private static FaceRestoreTransformer restore() {
    return ArchiveRestoreJobTest.transformer().setInputCol("photo").setPathCol("name").setOnlyLargestFace(true)
        .setOutputFormat("jpg");
  }

  @Test
  void transform_anyBinaryColumn_addsTheRestoredPhotoItsFacesAndAStatus() throws IOException {
    List<Row> rows = restore().transform(photos).orderBy("name").collectAsList();

    assertEquals(List.of("name", "photo", "restored", "faces", "status", "error"),
        List.of(rows.get(0).schema().fieldNames()));
    Row astronaut = rows.get(0);
    assertEquals("ok", astronaut.getString(4));
    assertNull(astronaut.get(5));
    BufferedImage restored = ImageIO.read(new ByteArrayInputStream((byte[]) astronaut.get(2)));
    assertEquals(512, restored.getWidth(), "JPEG of the 512 x 512 photo");
    assertEquals(1, astronaut.getList(3).size());
    Row missing = rows.get(1);
    assertEquals("error", missing.getString(4));
    assertTrue(missing.getString(5).contains("missing"), missing.getString(5));
    Row truncated = rows.get(2);
    assertEquals("error", truncated.getString(4));
    assertTrue(truncated.getString(5).contains("truncated"), truncated.getString(5));
    assertNull(truncated.get(2));
    assertTrue(truncated.getList(3).isEmpty());
  }

  @Test
  void savedInsideAPipeline_loadsWithItsParameters_andRestoresTheSame() throws IOException {
    FaceRestoreTransformer restore = restore().setMinFaceSize(30);
    PipelineModel fitted = new Pipeline().setStages(new PipelineStage[] {restore}).fit(photos);
    String saved = dir.resolve("pipeline").toString();
    fitted.write().overwrite().save(saved);

    PipelineModel loaded = PipelineModel.load(saved);
    FaceRestoreTransformer stage = (FaceRestoreTransformer) loaded.stages()[0];
    assertEquals(restore.uid(), stage.uid());
    assertEquals(restore.getOrDefault(restore.model()), stage.getOrDefault(stage.model()));
    assertEquals(30, (int) (Integer) stage.getOrDefault(stage.minFaceSize()));
    assertEquals(0.8, (double) (Double) stage.getOrDefault(stage.fidelity()));
    assertEquals(true, stage.getOrDefault(stage.onlyLargestFace()));
    assertEquals("jpg", stage.getOrDefault(stage.outputFormat()));
    assertEquals("photo", stage.getOrDefault(stage.inputCol()));

    byte[] before = (byte[]) fitted.transform(photos).filter("name = 'astronaut'").first().getAs("restored");
    byte[] after = (byte[]) loaded.transform(photos).filter("name = 'astronaut'").first().getAs("restored");
    assertArrayEquals(before, after);
  }

  @Test
  void transformSchema_namesWhatIsWrong() {
    StructType strings = new StructType().add("content", DataTypes.StringType);
    IllegalArgumentException notBinary = assertThrows(IllegalArgumentException.class,
        () -> ArchiveRestoreJobTest.transformer().transformSchema(strings));
    assertTrue(notBinary.getMessage().contains("inputCol content must be binary"), notBinary.getMessage());

    StructType binary = new StructType().add("content", DataTypes.BinaryType);
    IllegalArgumentException format = assertThrows(IllegalArgumentException.class,
        () -> ArchiveRestoreJobTest.transformer().setOutputFormat("gif").transformSchema(binary));
    assertTrue(format.getMessage().contains("outputFormat must be png, jpg, jpeg or bmp"), format.getMessage());

    assertThrows(IllegalArgumentException.class, () -> new FaceRestoreTransformer().setFidelity(1.5));
    assertThrows(IllegalArgumentException.class, () -> new FaceRestoreTransformer().setUpscale(3));
  }
}
