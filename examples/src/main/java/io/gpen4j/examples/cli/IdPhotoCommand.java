package io.gpen4j.examples.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import io.gpen4j.FaceRestorer;
import io.gpen4j.PortraitMatter;
import io.gpen4j.examples.EngineOptions;
import io.gpen4j.idphoto.BackgroundColor;
import io.gpen4j.idphoto.IdPhoto;
import io.gpen4j.idphoto.IdPhotoException;
import io.gpen4j.idphoto.IdPhotoMaker;
import io.gpen4j.idphoto.IdPhotoSpec;
import io.gpen4j.idphoto.IdPhotoSpecs;
import io.gpen4j.idphoto.IdPhotoWriter;
import io.gpen4j.idphoto.PrintSheet;
import io.gpen4j.idphoto.SheetSize;
import io.gpen4j.idphoto.WrittenPhoto;
import io.gpen4j.internal.io.ImageDecoder;
import io.gpen4j.internal.io.ImageEncoder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code gpen4j idphoto PHOTO -o OUT --spec NAME}: an ID photo from a snapshot (the face restored,
 * the eyes levelled, cropped to the spec, the background replaced, the spec's dpi in the file),
 * with its compliance report; optionally under a file-size limit and with a print sheet.
 */
@Command(
    name = "idphoto",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Makes an ID photo from a snapshot: restores the face, levels the eyes, crops to a standard's size and "
          + "head position, puts the person on a plain background, and writes the standard's dpi into the file.",
      "Prints a compliance report: head height and eye line in mm, tilt, background, pass or fail per rule."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the ID photo was written (the report says whether it complies)",
      "1:nothing written (no face, several faces, a face too small, the head cut by the top edge, a size limit"
          + " that cannot be met, a missing model)",
      "64:bad command line"
    })
public final class IdPhotoCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "PHOTO", description = "The snapshot: JPEG, PNG, WebP, BMP.")
  private Path input;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT",
      description = "The ID photo: a .jpg or .png file (replaced if it exists).")
  private Path output;

  @Option(names = "--spec", required = true, paramLabel = "NAME",
      description = "The standard: cn-1inch, cn-2inch, cn-passport, us-passport, eu-schengen, uk-passport, "
          + "jp-passport, in-passport, in-visa, or one from --specs.")
  private String specName;

  @Option(names = "--specs", paramLabel = "FILE",
      description = "A JSON file of your own specs, in the built-in file's form (gpen-idphoto's README).")
  private Path specsFile;

  @Option(names = "--background", paramLabel = "COLOUR", converter = ColourConverter.class,
      description = "white, blue, red or #RRGGBB. Default: the spec's.")
  private BackgroundColor background;

  @Option(names = "--layout", paramLabel = "SHEET", converter = SheetConverter.class,
      description = "Also write a print sheet (6x4, 7x5 or a4 at 300 dpi) with as many copies as fit and cut "
          + "guides, beside OUT as NAME-SHEET.EXT.")
  private SheetSize layout;

  @Option(names = "--max-kb", paramLabel = "N",
      description = "Keep the file at or under N kB (1000 bytes) by lowering the JPEG quality. Default: the "
          + "spec's upload limit, if any.")
  private Integer maxKb;

  @Option(names = "--matting-model", paramLabel = "NAME|FILE",
      description = "Portrait matting model: a MODNet ONNX file or MODNet-Photographic (the catalogue's). "
          + "Default: --parsing-model as a coarse fallback when given, else MODNet-Photographic.")
  private String mattingModel;

  @Option(names = "--no-restore", description = "Crop the photo as it is, without restoring the face.")
  private boolean noRestore;

  @Option(names = "--max-enlargement", paramLabel = "X",
      description = "How much a small head may be enlarged to the spec's size. Default: ${DEFAULT-VALUE}.")
  private double maxEnlargement = 2.0;

  @Option(names = "--json", description = "Print the report as JSON on standard output; the summary goes to "
      + "standard error.")
  private boolean json;

  @Mixin private EngineOptions engine;

  /** Creates the command; picocli fills in its options. */
  public IdPhotoCommand() {}

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter human = json ? spec.commandLine().getErr() : out;
    IdPhotoSpec idSpec = idPhotoSpec();
    BackgroundColor colour = background != null ? background : new BackgroundColor(idSpec.background());
    String extension = extensionOf(output);
    if (!extension.equals("jpg") && !extension.equals("jpeg") && !extension.equals("png")) {
      throw new ParameterException(spec.commandLine(), "-o " + output + ": an ID photo is written as .jpg or .png");
    }
    if (maxKb != null && maxKb <= 0) {
      throw new ParameterException(spec.commandLine(), "--max-kb must be positive: " + maxKb);
    }
    IdPhotoMaker.Builder makerBuilder;
    IdPhoto photo;
    try (FaceRestorer restorer = engine.openRestorer(1, human);
        PortraitMatter matter = engine.openMatter(mattingModel, human)) {
      try {
        makerBuilder = IdPhotoMaker.builder(restorer).matting(matter).restore(!noRestore).maxEnlargement(maxEnlargement);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), flags(e.getMessage()), e);
      }
      var decoded = new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS).decode(input);
      photo = makerBuilder.build().make(decoded.image().view(), idSpec, colour);
    } catch (IdPhotoException e) {
      throw new IdPhotoException(flags(e.getMessage()), e);
    }
    WrittenPhoto written;
    try {
      written = maxKb != null ? IdPhotoWriter.write(photo, output, maxKb) : IdPhotoWriter.write(photo, output);
    } catch (IdPhotoException e) {
      throw new IdPhotoException(flags(e.getMessage()), e);
    }
    WrittenPhoto sheet = null;
    if (layout != null) {
      sheet = IdPhotoWriter.write(PrintSheet.layout(photo, layout), sheetPath(output, layout));
    }
    human.println(written.report().summary());
    human.printf(Locale.ROOT, "Wrote %s (%dx%d px, %d dpi, %.1f kB%s)%n", output, photo.image().getWidth(),
        photo.image().getHeight(), written.dpi(), written.bytes() / 1000.0,
        written.jpegQuality() > 0 ? String.format(Locale.ROOT, ", JPEG quality %.2f", written.jpegQuality()) : "");
    if (sheet != null) {
      human.printf(Locale.ROOT, "Wrote %s (%s sheet, %d copies)%n", sheet.path(), layout.name(),
          PrintSheet.layout(photo, layout).copies().size());
    }
    human.flush();
    if (json) {
      JsonObject o = new JsonObject();
      o.addProperty("input", input.toString());
      o.addProperty("output", output.toString());
      o.addProperty("bytes", written.bytes());
      if (written.jpegQuality() > 0) {
        o.addProperty("jpegQuality", written.jpegQuality());
      }
      if (sheet != null) {
        o.addProperty("sheet", sheet.path().toString());
      }
      o.add("report", written.report().toJsonObject());
      out.println(new GsonBuilder().setPrettyPrinting().create().toJson(o));
      out.flush();
    }
    return 0;
  }

  private IdPhotoSpec idPhotoSpec() {
    try {
      IdPhotoSpecs specs = IdPhotoSpecs.builtIn();
      if (specsFile != null) {
        specs = specs.with(specsFile);
      }
      return specs.get(specName);
    } catch (IOException e) {
      throw new ParameterException(spec.commandLine(), "--specs " + specsFile + ": cannot be read ("
          + e.getMessage() + ")", e);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), (specsFile != null && e.getMessage().contains(specsFile
          .toString()) ? "--specs " : "--spec ") + e.getMessage(), e);
    }
  }

  /** {@code photo.jpg} and 6x4 give {@code photo-6x4.jpg}. */
  static Path sheetPath(Path output, SheetSize sheet) {
    String name = output.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return output.resolveSibling(name.substring(0, dot) + "-" + sheet.name() + name.substring(dot));
  }

  private static String extensionOf(Path file) {
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  /** The library names its options; the command line has flags. */
  private static String flags(String message) {
    return message == null ? null : message.replace("maxKb", "--max-kb").replace("maxEnlargement",
        "--max-enlargement");
  }

  /** {@code --background}. */
  static final class ColourConverter implements ITypeConverter<BackgroundColor> {
    @Override
    public BackgroundColor convert(String value) {
      try {
        return BackgroundColor.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("--" + e.getMessage());
      }
    }
  }

  /** {@code --layout}. */
  static final class SheetConverter implements ITypeConverter<SheetSize> {
    @Override
    public SheetSize convert(String value) {
      try {
        return SheetSize.named(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("--layout: " + e.getMessage());
      }
    }
  }
}
