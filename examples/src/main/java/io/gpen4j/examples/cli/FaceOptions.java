package io.gpen4j.examples.cli;

import io.gpen4j.DetectionMode;
import io.gpen4j.FaceMask;
import io.gpen4j.FaceRegion;
import io.gpen4j.RestoreOptions;
import java.util.EnumSet;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options that choose and blend faces, shared by {@code restore} and {@code video} (a picocli
 * mixin): which faces, how they are searched for, and how strongly they are restored.
 */
public final class FaceOptions {
  private static final Map<String, String> OPTION_NAMES = Map.of(
      "maxFaces", "--max-faces",
      "minFaceSize", "--min-face-size",
      "fidelity", "--fidelity",
      "upscale", "--upscale",
      "jpegBackground", "--jpeg-background");

  @Option(names = "--only-largest-face", description = "Restore only the largest face.")
  private boolean onlyLargestFace;

  @Option(names = "--max-faces", paramLabel = "N", description = "Restore at most N faces, largest first (0: all).")
  private int maxFaces;

  @Option(names = "--min-face-size", paramLabel = "PX", description = "Skip faces smaller than PX pixels; "
      + "also the smallest face searched for (default search: down to 20 px).")
  private int minFaceSize;

  @Option(names = "--single-pass", description = "Search with one detector pass over the shrunk image: "
      + "faster on large images, but misses faces under about 3%% of the long side.")
  private boolean singlePass;

  @Option(names = "--guided-tiles", description = "Search at full resolution only around what a coarser pass "
      + "sees as face-like: 2.5-7x faster than the full search on large group photos, but it can miss small "
      + "faces on busy backgrounds that the full search finds.")
  private boolean guidedTiles;

  @Option(names = "--fidelity", paramLabel = "0..1",
      description = "0 keeps the original, 1 takes the generator's face; for CodeFormer, its w "
          + "(0 restores most, 1 stays closest to the input). Default: 1; for CodeFormer 0.5, its "
          + "official default.")
  private Double fidelity;

  @Option(names = "--upscale", paramLabel = "1|2|4", description = "Output scale. Default: ${DEFAULT-VALUE}.")
  private int upscale = 1;

  @Option(names = "--face-mask", paramLabel = "MASK",
      description = "How restored faces are pasted: AUTO (the face-parsing mask with --parsing-model, else "
          + "SQUARE), SQUARE (the whole aligned square, feathered) or PARSING. Default: ${DEFAULT-VALUE}.")
  private FaceMask faceMask = FaceMask.AUTO;

  @Option(names = "--mask-hair", description = "With a face-parsing mask, paste the restored hair too.")
  private boolean maskHair;

  @Option(names = "--no-color-match", negatable = false,
      description = "Do not match the restored faces' colours to the image.")
  private boolean noColorMatch;

  /**
   * Returns restore options from these settings.
   *
   * @param spec the command, for errors that name the option as typed
   * @return a builder the command can add to
   * @throws ParameterException if a value is out of range
   */
  RestoreOptions.Builder restoreOptions(CommandSpec spec) {
    try {
      RestoreOptions.Builder b = RestoreOptions.builder()
          .maxFaces(maxFaces)
          .minFaceSize(minFaceSize)
          .upscale(upscale)
          .colorMatching(!noColorMatch)
          .faceMask(faceMask);
      if (fidelity != null) {
        b.fidelity(fidelity);
      }
      if (maskHair) {
        EnumSet<FaceRegion> regions = EnumSet.copyOf(FaceRegion.DEFAULTS);
        regions.add(FaceRegion.HAIR);
        b.faceRegions(regions);
      }
      if (onlyLargestFace) {
        b.onlyLargestFace();
      }
      if (singlePass && guidedTiles) {
        throw new IllegalArgumentException("--single-pass and --guided-tiles are different searches: give one");
      }
      if (singlePass) {
        b.detectionMode(DetectionMode.SINGLE_PASS);
      } else if (guidedTiles) {
        b.detectionMode(DetectionMode.TILED_GUIDED);
      }
      return b;
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), asTyped(e.getMessage()), e);
    }
  }

  /** The library's stage options, named in its messages, and the options typed for them. */
  private static final Map<String, String> STAGE_OPTIONS = Map.of(
      "GeneratorStage.withProfile(GeneratorFamily.CODEFORMER.profile())", "--model-family CODEFORMER",
      "FaceRestorer.Builder.faceParser(ParserStage)", "--parsing-model",
      "FaceRestorer.Builder.background(BackgroundStage)", "--background-model");

  /**
   * A library failure as the command line says it: the stage options the library's messages name
   * replaced with the options typed for them.
   *
   * @param message the library's message
   * @return the message naming command-line options
   */
  public static String stageOptionsAsTyped(String message) {
    String m = message == null ? "" : message;
    for (Map.Entry<String, String> e : STAGE_OPTIONS.entrySet()) {
      m = m.replace(e.getKey(), e.getValue());
    }
    return m;
  }

  /**
   * A message about the restore options as the command line says it: the library's names for the
   * options (its builders' and its stages') replaced with the options as typed.
   *
   * @param message the library's message
   * @return the message naming command-line options
   */
  static String asTyped(String message) {
    String m = stageOptionsAsTyped(message);
    for (Map.Entry<String, String> e : OPTION_NAMES.entrySet()) {
      m = m.replaceAll("(?<![-\\w])" + e.getKey() + "\\b", e.getValue());
    }
    return m;
  }
}
