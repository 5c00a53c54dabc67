package io.gpen4j.internal.pipeline;

import io.gpen4j.internal.image.RgbaImage;
import io.gpen4j.internal.io.ImageDecoder;
import java.util.function.Function;

/**
 * A source whose every decode makes a new image (from a file, bytes, or a conversion of the
 * caller's image), so the pipeline may paste into it.
 *
 * @param decoding how the image is made
 */
record OwnedImageSource(Function<ImageDecoder, RgbaImage> decoding) implements ImageSource {
  @Override
  public RgbaImage decode(ImageDecoder decoder) {
    return decoding.apply(decoder);
  }

  @Override
  public boolean yieldsOwnedImage() {
    return true;
  }
}
