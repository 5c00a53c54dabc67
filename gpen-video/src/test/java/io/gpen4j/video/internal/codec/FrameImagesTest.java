package io.gpen4j.video.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class FrameImagesTest {
  /** A 3x2 BGR frame whose pixel (x, y) has blue = 10x + y, green = 7, red = 200. */
  private static Frame frame() {
    Frame f = new Frame(3, 2, Frame.DEPTH_UBYTE, 3);
    ByteBuffer b = (ByteBuffer) f.image[0];
    for (int y = 0; y < 2; y++) {
      for (int x = 0; x < 3; x++) {
        int i = y * f.imageStride + x * 3;
        b.put(i, (byte) (10 * x + y));
        b.put(i + 1, (byte) 7);
        b.put(i + 2, (byte) 200);
      }
    }
    return f;
  }

  private static int blue(BufferedImage img, int x, int y) {
    return img.getRGB(x, y) & 0xff;
  }

  @Test
  void toImage_noRotation_copiesPixels() {
    BufferedImage img = FrameImages.toImage(frame(), 0);
    assertEquals(3, img.getWidth());
    assertEquals(2, img.getHeight());
    assertEquals(21, blue(img, 2, 1));
    assertEquals(200 << 16 | 7 << 8, img.getRGB(0, 0) & 0xffff00, "red 200, green 7");
  }

  @Test
  void toImage_90CounterClockwise_putsTopRightAtTopLeft() {
    BufferedImage img = FrameImages.toImage(frame(), 90);
    assertEquals(2, img.getWidth());
    assertEquals(3, img.getHeight());
    assertEquals(20, blue(img, 0, 0), "source top-right corner");
    assertEquals(0, blue(img, 0, 2), "source top-left goes to bottom-left");
    assertEquals(1, blue(img, 1, 2), "source bottom-left goes to bottom-right");
  }

  @Test
  void toImage_270CounterClockwise_putsBottomLeftAtTopLeft() {
    BufferedImage img = FrameImages.toImage(frame(), 270);
    assertEquals(1, blue(img, 0, 0));
    assertEquals(0, blue(img, 1, 0));
    assertEquals(20, blue(img, 1, 2));
  }

  @Test
  void toImage_180_flipsBothWays() {
    BufferedImage img = FrameImages.toImage(frame(), 180);
    assertEquals(21, blue(img, 0, 0));
    assertEquals(0, blue(img, 2, 1));
  }

  @Test
  void toImage_oddAngle_isRejected() {
    assertThrows(IllegalArgumentException.class, () -> FrameImages.toImage(frame(), 45));
  }

  @ParameterizedTest
  @ValueSource(ints = {BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB,
      BufferedImage.TYPE_4BYTE_ABGR})
  void copyInto_anyImageType_roundTrips(int type) {
    BufferedImage src = FrameImages.toImage(frame(), 0);
    BufferedImage typed = new BufferedImage(3, 2, type);
    typed.createGraphics().drawImage(src, 0, 0, null);
    Frame out = FrameImages.copyInto(typed, new Frame(3, 2, Frame.DEPTH_UBYTE, 3));
    BufferedImage back = FrameImages.toImage(out, 0);
    for (int y = 0; y < 2; y++) {
      for (int x = 0; x < 3; x++) {
        assertEquals(src.getRGB(x, y), back.getRGB(x, y), "pixel " + x + "," + y);
      }
    }
  }
}
