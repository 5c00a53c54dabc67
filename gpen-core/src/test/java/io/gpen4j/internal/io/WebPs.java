package io.gpen4j.internal.io;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Writes WebP files with OpenCV's libwebp (test scope only; TwelveMonkeys reads WebP but has no
 * writer), and wraps them in the extended (VP8X) container to add an EXIF chunk.
 */
final class WebPs {
  private WebPs() {}

  /**
   * Encodes an ARGB image.
   *
   * @param quality 1..100 for lossy, above 100 for lossless (OpenCV's convention)
   * @param alpha whether to keep the alpha channel
   */
  static byte[] encode(BufferedImage image, int quality, boolean alpha) {
    nu.pattern.OpenCV.loadLocally();
    int w = image.getWidth();
    int h = image.getHeight();
    int channels = alpha ? 4 : 3;
    byte[] bgra = new byte[w * h * channels];
    for (int y = 0, i = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int p = image.getRGB(x, y);
        bgra[i++] = (byte) p;
        bgra[i++] = (byte) (p >> 8);
        bgra[i++] = (byte) (p >> 16);
        if (alpha) {
          bgra[i++] = (byte) (p >>> 24);
        }
      }
    }
    Mat mat = new Mat(h, w, alpha ? CvType.CV_8UC4 : CvType.CV_8UC3);
    mat.put(0, 0, bgra);
    MatOfByte out = new MatOfByte();
    if (!Imgcodecs.imencode(
        ".webp", mat, out, new MatOfInt(Imgcodecs.IMWRITE_WEBP_QUALITY, quality))) {
      throw new IllegalStateException("OpenCV could not encode WebP");
    }
    return out.toArray();
  }

  /**
   * Rewraps a simple WebP (one VP8 or VP8L chunk) as an extended one: VP8X with the EXIF flag, the
   * image chunk, then an EXIF chunk (WebP container spec, "Extended File Format").
   */
  static byte[] withExif(byte[] simpleWebp, int width, int height, boolean alpha, byte[] exif) {
    byte[] imageChunk = Arrays.copyOfRange(simpleWebp, 12, simpleWebp.length);
    ByteBuffer vp8x = ByteBuffer.allocate(18).order(ByteOrder.LITTLE_ENDIAN);
    vp8x.put("VP8X".getBytes(StandardCharsets.US_ASCII)).putInt(10);
    vp8x.put((byte) (0x08 | (alpha ? 0x10 : 0))).put((byte) 0).put((byte) 0).put((byte) 0);
    putUint24(vp8x, width - 1);
    putUint24(vp8x, height - 1);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes("WEBP".getBytes(StandardCharsets.US_ASCII));
    body.writeBytes(vp8x.array());
    body.writeBytes(imageChunk);
    ByteBuffer exifHeader = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    exifHeader.put("EXIF".getBytes(StandardCharsets.US_ASCII)).putInt(exif.length);
    body.writeBytes(exifHeader.array());
    body.writeBytes(exif);
    if (exif.length % 2 == 1) {
      body.write(0);
    }
    ByteBuffer riff = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    riff.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(body.size());
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.writeBytes(riff.array());
    file.writeBytes(body.toByteArray());
    return file.toByteArray();
  }

  private static void putUint24(ByteBuffer buf, int v) {
    buf.put((byte) v).put((byte) (v >> 8)).put((byte) (v >> 16));
  }
}
