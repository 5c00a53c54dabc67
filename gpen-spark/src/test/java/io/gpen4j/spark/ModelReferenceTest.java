package io.gpen4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.ModelException;
import io.gpen4j.models.Models;
import io.gpen4j.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three ways a model reaches an executor, each checked by SHA-256. */
final class ModelReferenceTest {
  private static final String YUNET_SHA256 = "8f2383e4dd3cfbb4553ea8718107fc0423210dc964f9f4280604804ed2552fa4";

  @TempDir Path dir;

  @Test
  void aFileDistributedWithAddFile_isFoundByItsName_andCheckedAgainstTheCatalogue() {
    SparkSessions.shared().sparkContext().addFile(SharedData.yunet().toString());
    Path resolved = new ModelReference("face_detection_yunet_2023mar.onnx", null, null).resolve();
    assertEquals(Path.of(SparkFiles.get("face_detection_yunet_2023mar.onnx")), resolved);
  }

  @Test
  void aCatalogueName_isFoundInTheModelsFolder() throws IOException {
    Files.copy(SharedData.yunet(), dir.resolve(Models.YUNET.fileName()));
    assertEquals(dir.resolve(Models.YUNET.fileName()), new ModelReference("YuNet", null, dir.toString()).resolve());
  }

  @Test
  void aFileWithTheCataloguesNameButOtherBytes_failsWithBothHashes() throws IOException {
    Path fake = dir.resolve(Models.YUNET.fileName());
    Files.write(fake, new byte[] {1, 2, 3});
    ModelException e = assertThrows(ModelException.class,
        () -> new ModelReference(fake.toString(), null, null).resolve());
    assertTrue(e.getMessage().contains(YUNET_SHA256), e.getMessage());
  }

  @Test
  void aGivenSha256_isChecked() {
    String path = SharedData.yunet().toString();
    assertEquals(Path.of(path), new ModelReference(path, YUNET_SHA256.toUpperCase(), null).resolve());
    ModelException e = assertThrows(ModelException.class,
        () -> new ModelReference(path, "0".repeat(64), null).resolve());
    assertTrue(e.getMessage().contains("has sha256 " + YUNET_SHA256 + " but " + "0".repeat(64)), e.getMessage());
  }

  @Test
  void aNameThatIsNothing_saysWhereItLooked() {
    ModelException e = assertThrows(ModelException.class,
        () -> new ModelReference("no-such-model", null, null).resolve());
    assertTrue(e.getMessage().contains("not a file on this node, not a file distributed with --files"), e.getMessage());
  }
}
