package io.gpen4j.internal.detect;

import io.gpen4j.ModelException;
import io.gpen4j.internal.store.DefaultDirectories;
import io.gpen4j.internal.store.Sha256;
import io.gpen4j.spi.ModelSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default face detector: YuNet 2023mar (MIT licence, 232,589 bytes), shipped inside this jar
 * with its licence text ({@code io/gpen4j/detectors/LICENSE-yunet.txt}) so a restorer needs only a
 * generator.
 *
 * <p>Backends open models from files, so the resource is unpacked once into the download cache
 * ({@code ~/.cache/gpen4j/detectors}, or the temporary folder when that is not writable), written
 * beside its name and moved into place, and checked by SHA-256 before every use: a damaged or
 * half-written copy is replaced, never loaded.
 */
public final class BundledYuNet {
  /** The detector's file name. */
  public static final String FILE_NAME = "face_detection_yunet_2023mar.onnx";

  /** The detector's SHA-256. */
  public static final String SHA256 = "8f2383e4dd3cfbb4553ea8718107fc0423210dc964f9f4280604804ed2552fa4";

  private static final String RESOURCE = "/io/gpen4j/detectors/" + FILE_NAME;
  private static final Logger LOG = LoggerFactory.getLogger(BundledYuNet.class);

  private BundledYuNet() {}

  /**
   * Returns the bundled detector as a file, unpacking it when no verified copy exists.
   *
   * @return the model source, named {@code "YuNet (built in)"}
   * @throws ModelException if the resource is missing from the class path or cannot be unpacked
   *     anywhere
   */
  public static ModelSource source() {
    Path cache = DefaultDirectories.cacheDirectory(System::getenv, System::getProperty).resolve("detectors");
    Path temp = Paths.get(System.getProperty("java.io.tmpdir"), "gpen4j-detectors");
    IOException first = null;
    for (Path dir : new Path[] {cache, temp}) {
      try {
        return new ModelSource(unpack(dir), "YuNet (built in)");
      } catch (IOException e) {
        LOG.debug("cannot unpack the built-in detector into {}", dir, e);
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    throw new ModelException("cannot unpack the built-in YuNet detector into " + cache + " or " + temp + ": "
        + first.getMessage(), first);
  }

  private static Path unpack(Path dir) throws IOException {
    Path target = dir.resolve(FILE_NAME);
    if (Files.isRegularFile(target) && SHA256.equals(Sha256.of(target))) {
      return target;
    }
    Files.createDirectories(dir);
    Path part = Files.createTempFile(dir, FILE_NAME, ".part");
    try {
      try (InputStream in = BundledYuNet.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new ModelException("the built-in YuNet detector " + RESOURCE + " is missing from the class path "
              + "(is gpen-core's jar complete?)");
        }
        Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
      }
      String sha = Sha256.of(part);
      if (!SHA256.equals(sha)) {
        throw new ModelException("the built-in YuNet detector in gpen-core's jar is damaged: SHA-256 " + sha
            + ", expected " + SHA256);
      }
      Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return target;
    } finally {
      Files.deleteIfExists(part);
    }
  }
}
