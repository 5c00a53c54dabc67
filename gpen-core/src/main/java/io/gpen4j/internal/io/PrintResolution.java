package io.gpen4j.internal.io;

import io.gpen4j.ImageFormat;
import java.awt.image.BufferedImage;
import java.io.IOException;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import org.w3c.dom.Node;

/**
 * The print resolution a file records, in each format's own field: JPEG's JFIF density in dots per
 * inch ({@code app0JFIF} {@code resUnits=1}) and PNG's {@code pHYs} chunk in pixels per metre (PNG
 * has no inch unit, so 300 dpi is stored as 11811 px/m and reads back as 299.9994 dpi). Both are
 * set through the writers' native metadata formats, whose names and attributes the JDK documents
 * ("JPEG Metadata Format Specification", "PNG Metadata Format Specification").
 */
public final class PrintResolution {
  private static final String JPEG_FORMAT = "javax_imageio_jpeg_image_1.0";
  private static final String PNG_FORMAT = "javax_imageio_png_1.0";
  private static final double METRES_PER_INCH = 0.0254;

  private PrintResolution() {}

  /**
   * Returns the writer's default metadata for the image with the resolution set.
   *
   * @param writer the writer that will write the image
   * @param image the image
   * @param param the write parameters
   * @param format JPEG or PNG
   * @param dpi dots per inch, positive
   * @return the metadata to pass with the image
   * @throws IOException if the writer's metadata has no native tree to carry the resolution
   */
  static IIOMetadata metadata(ImageWriter writer, BufferedImage image, ImageWriteParam param, ImageFormat format,
      int dpi) throws IOException {
    IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
    try {
      if (format == ImageFormat.JPEG) {
        Node root = metadata.getAsTree(JPEG_FORMAT);
        IIOMetadataNode jfif = find(root, "app0JFIF");
        if (jfif == null) {
          throw new IOException("the JPEG writer's metadata has no JFIF segment to hold " + dpi + " dpi");
        }
        jfif.setAttribute("resUnits", "1");
        jfif.setAttribute("Xdensity", Integer.toString(dpi));
        jfif.setAttribute("Ydensity", Integer.toString(dpi));
        metadata.setFromTree(JPEG_FORMAT, root);
      } else {
        IIOMetadataNode root = new IIOMetadataNode(PNG_FORMAT);
        IIOMetadataNode phys = new IIOMetadataNode("pHYs");
        String perMetre = Long.toString(Math.round(dpi / METRES_PER_INCH));
        phys.setAttribute("pixelsPerUnitXAxis", perMetre);
        phys.setAttribute("pixelsPerUnitYAxis", perMetre);
        phys.setAttribute("unitSpecifier", "meter");
        root.appendChild(phys);
        metadata.mergeTree(PNG_FORMAT, root);
      }
    } catch (IIOInvalidTreeException | IllegalArgumentException e) {
      throw new IOException("cannot record " + dpi + " dpi in " + format + ": " + e.getMessage(), e);
    }
    return metadata;
  }

  /**
   * Reads the resolution a JPEG or PNG file records.
   *
   * @param file the file
   * @return dots per inch (rounded), or 0 when the file records none
   * @throws IOException if the file cannot be read or no reader knows its format
   */
  public static int read(java.nio.file.Path file) throws IOException {
    try (javax.imageio.stream.ImageInputStream in = javax.imageio.ImageIO.createImageInputStream(file.toFile())) {
      java.util.Iterator<javax.imageio.ImageReader> readers = in == null ? null : javax.imageio.ImageIO.getImageReaders(in);
      if (readers == null || !readers.hasNext()) {
        throw new IOException("no image reader for " + file);
      }
      javax.imageio.ImageReader reader = readers.next();
      try {
        reader.setInput(in);
        IIOMetadata metadata = reader.getImageMetadata(0);
        return metadata == null ? 0 : dotsPerInch(metadata);
      } finally {
        reader.dispose();
      }
    }
  }

  /**
   * Reads the resolution a JPEG or PNG file's metadata records.
   *
   * @param metadata the image metadata a reader returned
   * @return dots per inch (rounded), or 0 when the file records none or records only an aspect ratio
   */
  static int dotsPerInch(IIOMetadata metadata) {
    for (String name : metadata.getMetadataFormatNames()) {
      Node root = metadata.getAsTree(name);
      if (name.equals(JPEG_FORMAT)) {
        IIOMetadataNode jfif = find(root, "app0JFIF");
        if (jfif != null) {
          int units = Integer.parseInt(jfif.getAttribute("resUnits"));
          int x = Integer.parseInt(jfif.getAttribute("Xdensity"));
          return units == 1 ? x : units == 2 ? (int) Math.round(x * 2.54) : 0;
        }
      } else if (name.equals(PNG_FORMAT)) {
        IIOMetadataNode phys = find(root, "pHYs");
        if (phys != null && "meter".equals(phys.getAttribute("unitSpecifier"))) {
          return (int) Math.round(Long.parseLong(phys.getAttribute("pixelsPerUnitXAxis")) * METRES_PER_INCH);
        }
      }
    }
    return 0;
  }

  private static IIOMetadataNode find(Node node, String name) {
    if (node.getNodeName().equals(name)) {
      return (IIOMetadataNode) node;
    }
    for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
      IIOMetadataNode found = find(child, name);
      if (found != null) {
        return found;
      }
    }
    return null;
  }
}
