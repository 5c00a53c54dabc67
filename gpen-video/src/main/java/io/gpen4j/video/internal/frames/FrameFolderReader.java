package io.gpen4j.video.internal.frames;

import io.gpen4j.video.VideoException;
import io.gpen4j.video.internal.codec.Decoded;
import io.gpen4j.video.internal.codec.FrameSource;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Reads a folder of numbered frames ({@code frame_0001.png}, {@code 12.jpg}, ...) in the order of
 * the last number in each name (so {@code f9} comes before {@code f10}), each frame at
 * {@code index / fps}. Files without a number come after the numbered ones, by name.
 *
 * <p>Not thread-safe: one decoding thread.
 */
public final class FrameFolderReader implements FrameSource {
  private static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp");
  private static final Pattern LAST_NUMBER = Pattern.compile("(\\d+)(?!.*\\d)");

  private final List<Path> frames;
  private final int first;
  private final double fps;
  private int next;

  private FrameFolderReader(List<Path> frames, int first, int end, double fps) {
    this.frames = frames.subList(0, end);
    this.first = first;
    this.next = first;
    this.fps = fps;
  }

  /**
   * Lists the frames of a folder and picks the window.
   *
   * @param folder the folder
   * @param fps the frame rate that gives frames their timestamps
   * @param start where the window starts
   * @param duration the window's length, or null for all frames after the start
   * @return the reader
   * @throws VideoException if the folder cannot be listed or holds no frames
   */
  public static FrameFolderReader open(Path folder, double fps, Duration start, Duration duration) {
    List<Path> frames;
    try (Stream<Path> list = Files.list(folder)) {
      frames = list.filter(Files::isRegularFile)
          .filter(p -> EXTENSIONS.contains(extension(p)))
          .sorted(Comparator.comparing(FrameFolderReader::number, Comparator.nullsLast(Comparator.naturalOrder()))
              .thenComparing(p -> p.getFileName().toString()))
          .toList();
    } catch (IOException e) {
      throw new VideoException("cannot list the frames in " + folder + ": " + e.getMessage(), e);
    }
    if (frames.isEmpty()) {
      throw new VideoException("no frames (" + String.join(", ", EXTENSIONS) + ") in " + folder);
    }
    int first = (int) Math.min(frames.size(), Math.ceil(start.toNanos() / 1e9 * fps - 1e-9));
    int end = frames.size();
    if (duration != null) {
      end = (int) Math.min(end, Math.ceil((start.plus(duration)).toNanos() / 1e9 * fps - 1e-9));
    }
    return new FrameFolderReader(frames, first, Math.max(first, end), fps);
  }

  @Override
  public Decoded next() {
    if (next >= frames.size()) {
      return null;
    }
    Path file = frames.get(next);
    long t0 = System.nanoTime();
    BufferedImage image;
    try {
      image = ImageIO.read(file.toFile());
    } catch (IOException | RuntimeException e) {
      throw new VideoException("cannot read frame " + file + ": " + e.getMessage(), e);
    }
    if (image == null) {
      throw new VideoException("cannot decode frame " + file);
    }
    long ts = Math.round((next - first) * 1e6 / fps);
    next++;
    return new Decoded.Video(image, ts, Duration.ofNanos(System.nanoTime() - t0));
  }

  @Override
  public OptionalLong frameCountEstimate() {
    return OptionalLong.of(frames.size() - first);
  }

  /**
   * Returns the file name of a frame in the window, for an output folder that mirrors the input.
   *
   * @param index the frame's position in the window, from 0
   * @return its file name
   */
  public String name(long index) {
    return frames.get((int) (first + index)).getFileName().toString();
  }

  @Override
  public void close() {
    next = frames.size();
  }

  static BigInteger number(Path p) {
    Matcher m = LAST_NUMBER.matcher(p.getFileName().toString());
    return m.find() ? new BigInteger(m.group(1)) : null;
  }

  static String extension(Path p) {
    String n = p.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
