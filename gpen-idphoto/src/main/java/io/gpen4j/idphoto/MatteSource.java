package io.gpen4j.idphoto;

import io.gpen4j.Matte;
import java.awt.image.BufferedImage;

/** Where {@link IdPhotoMaker} gets a photo's portrait matte from. */
@FunctionalInterface
interface MatteSource {
  /**
   * Mattes a photo.
   *
   * @param photo the restored photo; not modified
   * @return a matte of the photo's size
   */
  Matte matte(BufferedImage photo);
}
