package io.gpen4j.spark;

import io.gpen4j.testing.SharedData;
import io.gpen4j.testing.TestImages;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * A test archive of 24 files in subfolders: 17 photos made from ../shared's photographs (copies,
 * crops, rescales, other formats, an EXIF-rotated JPEG, a face-less one) and 7 broken files
 * (../shared's truncated JPEG, and the decoder tests' cases: empty, noise, text, a cut PNG, a JPEG
 * whose header is overwritten, a PNG whose header says 1 GPx).
 *
 * @param root the archive folder
 * @param photos the photos' paths relative to it
 * @param broken the broken files' paths relative to it
 */
record PhotoArchive(Path root, List<String> photos, List<String> broken) {
  static PhotoArchive create(Path root) {
    try {
      List<String> photos = new ArrayList<>();
      List<String> broken = new ArrayList<>();
      BufferedImage astronaut = ImageIO.read(SharedData.image("astronaut.png").toFile());
      BufferedImage grace = ImageIO.read(SharedData.image("grace_hopper.jpg").toFile());
      BufferedImage solvay = ImageIO.read(SharedData.image("solvay_conference_1927.png").toFile());
      copy(root, "shared/astronaut.png", SharedData.image("astronaut.png"), photos);
      copy(root, "shared/grace_hopper.jpg", SharedData.image("grace_hopper.jpg"), photos);
      copy(root, "shared/no_face_coffee.png", SharedData.image("no_face_coffee.png"), photos);
      copy(root, "shared/truncated.jpg", SharedData.image("truncated.jpg"), broken);
      write(root, "1975/astronaut-small.png", TestImages.encode(scaled(astronaut, 256, 256), "png"), photos);
      write(root, "1975/astronaut-crop.jpg", TestImages.jpeg(astronaut.getSubimage(96, 0, 320, 320), false), photos);
      write(root, "1975/astronaut.bmp", TestImages.encode(scaled(astronaut, 300, 300), "bmp"), photos);
      write(root, "1975/grace-progressive.jpg", TestImages.jpeg(scaled(grace, 341, 400), true), photos);
      write(root, "1975/grace-rotated.jpg",
          TestImages.withExifOrientation(TestImages.jpeg(scaled(grace, 300, 352), false), 6), photos);
      write(root, "1980/grace-crop.png", TestImages.encode(grace.getSubimage(100, 50, 300, 300), "png"), photos);
      write(root, "1980/solvay-left.png", TestImages.encode(solvay.getSubimage(0, 0, 360, 280), "png"), photos);
      write(root, "1980/solvay-right.jpg", TestImages.jpeg(rgb(solvay.getSubimage(968, 288, 360, 280)), false), photos);
      write(root, "1980/astronaut-grey.png", TestImages.encode(grey(scaled(astronaut, 320, 320)), "png"), photos);
      write(root, "1980/deep/astronaut-wide.png",
          TestImages.encode(padded(scaled(astronaut, 240, 240), 480, 260), "png"), photos);
      write(root, "1980/deep/grace-small.jpg", TestImages.jpeg(scaled(grace, 200, 234), false), photos);
      write(root, "same/a.jpg", TestImages.jpeg(scaled(astronaut, 280, 280), false), photos);
      write(root, "same/a.png", TestImages.encode(scaled(grace, 256, 300), "png"), photos);
      write(root, "same/gradient.png", TestImages.encode(TestImages.gradient(200, 150), "png"), photos);
      write(root, "broken/empty.jpg", new byte[0], broken);
      byte[] noise = new byte[8192];
      new Random(7).nextBytes(noise);
      write(root, "broken/noise.png", noise, broken);
      write(root, "broken/notes.txt", "not a photo\n".getBytes(StandardCharsets.UTF_8), broken);
      byte[] png = TestImages.encode(scaled(grace, 256, 300), "png");
      write(root, "broken/cut.png", Arrays.copyOf(png, png.length / 2), broken);
      byte[] jpeg = TestImages.jpeg(scaled(astronaut, 256, 256), false);
      Arrays.fill(jpeg, 2, 200, (byte) 0x5A);
      write(root, "broken/bad-header.jpg", jpeg, broken);
      write(root, "broken/huge.png", hugeHeaderPng(), broken);
      return new PhotoArchive(root, List.copyOf(photos), List.copyOf(broken));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The output a photo gets, as the CLI names it. */
  Path output(Path folder, String relative) {
    String stem = OutputLayout.stem(relative);
    if (relative.startsWith("same/a.")) {
      stem = stem + "-" + relative.substring(stem.length() + 1);
    }
    return folder.resolve(stem + ".png");
  }

  private static void copy(Path root, String relative, Path source, List<String> list) throws IOException {
    write(root, relative, Files.readAllBytes(source), list);
  }

  private static void write(Path root, String relative, byte[] bytes, List<String> list) throws IOException {
    Path p = root.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.write(p, bytes);
    list.add(relative);
  }

  private static BufferedImage scaled(BufferedImage image, int width, int height) {
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(image, 0, 0, width, height, null);
    g.dispose();
    return out;
  }

  private static BufferedImage rgb(BufferedImage image) {
    return scaled(image, image.getWidth(), image.getHeight());
  }

  private static BufferedImage grey(BufferedImage image) {
    BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = out.createGraphics();
    g.drawImage(image, 0, 0, null);
    g.dispose();
    return out;
  }

  private static BufferedImage padded(BufferedImage image, int width, int height) {
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setColor(java.awt.Color.DARK_GRAY);
    g.fillRect(0, 0, width, height);
    g.drawImage(image, (width - image.getWidth()) / 2, (height - image.getHeight()) / 2, null);
    g.dispose();
    return out;
  }

  /** A valid PNG signature and IHDR that declares 40000 x 40000 pixels, with no image data. */
  private static byte[] hugeHeaderPng() {
    byte[] png = TestImages.encode(TestImages.gradient(8, 8), "png");
    // IHDR's width and height are bytes 16..23; the CRC no longer matches, which readers check later.
    java.nio.ByteBuffer.wrap(png, 16, 8).putInt(40000).putInt(40000);
    return png;
  }
}
