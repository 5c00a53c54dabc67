package io.gpen4j.examples;

import io.gpen4j.DetectorType;
import io.gpen4j.ModelException;
import io.gpen4j.models.DownloadListener;
import io.gpen4j.models.GeneratorFamily;
import io.gpen4j.models.GeneratorProfile;
import io.gpen4j.models.ModelRepository;
import io.gpen4j.models.ModelRole;
import io.gpen4j.models.ModelSpec;
import io.gpen4j.models.ParserFamily;
import io.gpen4j.models.Models;
import io.gpen4j.spi.ModelSource;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns what a user typed for {@code --model} and {@code --detector} into model files: an existing
 * file is used as it is; a catalogue name is looked up in the model repository and downloaded only
 * when the user allowed it (and accepted the licence where one must be accepted). When a model is
 * missing the error says exactly how to get it, in command-line terms.
 */
final class ModelLocator {
  /** A detector model file and which detector it is. */
  record DetectorModel(DetectorType type, Path file) {
    DetectorModel {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(file, "file");
    }
  }

  private final Path modelsDirectory;
  private final boolean allowDownload;
  private final boolean acceptLicense;
  private final PrintWriter log;

  ModelLocator(Path modelsDirectory, boolean allowDownload, boolean acceptLicense, PrintWriter log) {
    this.modelsDirectory = modelsDirectory;
    this.allowDownload = allowDownload;
    this.acceptLicense = acceptLicense;
    this.log = Objects.requireNonNull(log, "log");
  }

  ModelSource generator(String text) {
    Path file = Path.of(text);
    if (Files.isRegularFile(file)) {
      return ModelSource.of(file);
    }
    ModelSpec spec = catalogueModel(text, ModelRole.RESTORER, "--model");
    return new ModelSource(locate(spec, "--model"), spec.name());
  }

  /** The smallest GPEN, the small-face model {@code --small-face-model auto} looks for. */
  static final String SMALL_GPEN = "GPEN-BFR-256";

  /** A larger GPEN's name, in the catalogue or in a file name: {@code GPEN-BFR-512} and up. */
  private static final Pattern LARGER_GPEN = Pattern.compile("(?i)GPEN-BFR-(512|1024|2048)");

  /**
   * The {@code --small-face-model}: none for {@code off}; for {@code auto}, GPEN-BFR-256 when the
   * {@code --model} is a larger GPEN and the 256 model is already on this machine (never
   * downloaded): a file named as the model's with 256 for its size beside a model file, else the
   * catalogue's copy in the models folder or cache; else a file or catalogue name as for
   * {@code --model}.
   *
   * @param text the option's value
   * @param modelText the {@code --model} value
   * @return the small-face model, if any
   */
  Optional<ModelSource> smallFaceGenerator(String text, String modelText) {
    if (text.equalsIgnoreCase("off")) {
      return Optional.empty();
    }
    if (!text.equalsIgnoreCase("auto")) {
      return Optional.of(generator(text));
    }
    Path file = Path.of(modelText);
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    Matcher larger = LARGER_GPEN.matcher(name);
    if (!larger.find()) {
      return Optional.empty();
    }
    if (Files.isRegularFile(file)) {
      Path twin = file.resolveSibling(name.substring(0, larger.start()) + SMALL_GPEN + name.substring(larger.end()));
      return Files.isRegularFile(twin) ? Optional.of(ModelSource.of(twin)) : Optional.empty();
    }
    ModelSpec small = Models.find(SMALL_GPEN).orElseThrow();
    return repositoryFor(small).findLocal(small).map(p -> new ModelSource(p, small.name()));
  }

  /**
   * What the restorer should treat the {@code --model} as: the family given for a file, the
   * catalogue entry's profile for a catalogue name, else nothing (the library recognises a file by
   * its SHA-256, or takes it for GPEN).
   */
  Optional<GeneratorProfile> generatorProfile(String text, GeneratorFamily declaredFamily) {
    if (Files.isRegularFile(Path.of(text))) {
      return Optional.ofNullable(declaredFamily).map(GeneratorFamily::profile);
    }
    ModelSpec spec = catalogueModel(text, ModelRole.RESTORER, "--model");
    GeneratorProfile profile = spec.generatorProfile().orElseThrow();
    if (declaredFamily != null && declaredFamily != profile.family()) {
      throw new ModelException("--model-family " + declaredFamily + " contradicts --model " + text + ", a "
          + profile.family() + " model in the catalogue; --model-family is for model files the catalogue"
          + " does not know");
    }
    return Optional.of(profile);
  }

  DetectorModel detector(String text, DetectorType declaredType) {
    Path file = Path.of(text);
    if (Files.isRegularFile(file)) {
      DetectorType type = declaredType != null ? declaredType : detectorTypeOf(file);
      return new DetectorModel(type, file);
    }
    ModelSpec spec = catalogueModel(text, ModelRole.DETECTOR, "--detector");
    return new DetectorModel(spec.detectorType().orElseThrow(), locate(spec, "--detector"));
  }

  /**
   * The face parser named by {@code --parsing-model}: a file with its declared family (else told
   * by its name), or a catalogue face parser with its family.
   */
  ParserModel faceParser(String text, ParserFamily declaredFamily) {
    Path file = Path.of(text);
    if (Files.isRegularFile(file)) {
      ParserFamily family = declaredFamily != null ? declaredFamily
          : file.getFileName().toString().toLowerCase(Locale.ROOT).contains("parsenet")
              ? ParserFamily.PARSENET : ParserFamily.BISENET;
      return new ParserModel(file, family);
    }
    ModelSpec spec = catalogueModel(text, ModelRole.FACE_PARSER, "--parsing-model");
    ParserFamily family = spec.parserFamily().orElseThrow();
    if (declaredFamily != null && declaredFamily != family) {
      throw new ModelException("--parsing-family " + declaredFamily + " contradicts --parsing-model " + text
          + ", a " + family + " model in the catalogue");
    }
    return new ParserModel(locate(spec, "--parsing-model"), family);
  }

  /** A face-parser file and its family. */
  record ParserModel(Path file, ParserFamily family) {}

  /**
   * The {@code --matting-model}: a MODNet ONNX file, or a catalogue portrait matter (located, or
   * downloaded when allowed).
   */
  ModelSource matting(String text) {
    Path file = Path.of(text);
    if (Files.isRegularFile(file)) {
      return ModelSource.of(file);
    }
    ModelSpec spec = catalogueModel(text, ModelRole.PORTRAIT_MATTER, "--matting-model");
    return new ModelSource(locate(spec, "--matting-model"), spec.name());
  }

  /**
   * The {@code --background-model}: an existing file as it is; for a catalogue name, the ONNX
   * file converted from the official checkpoint, expected beside it under the same name with
   * {@code .onnx}. When that is missing, the checkpoint is located (downloaded when allowed) and the
   * error gives the conversion command.
   */
  ModelSource background(String text) {
    Path file = Path.of(text);
    if (Files.isRegularFile(file)) {
      return ModelSource.of(file);
    }
    ModelSpec spec = catalogueModel(text, ModelRole.BACKGROUND_UPSCALER, "--background-model");
    Path checkpoint = locate(spec, "--background-model");
    if (!spec.fileName().endsWith(".pth")) {
      return new ModelSource(checkpoint, spec.name());
    }
    Path converted = checkpoint.resolveSibling(spec.fileName().replaceFirst("\\.pth$", ".onnx"));
    if (Files.isRegularFile(converted)) {
      return new ModelSource(converted, spec.name());
    }
    throw new ModelException("--background-model " + text + ": " + spec.name() + " is published as a PyTorch "
        + "checkpoint, " + checkpoint + "; convert it once to ONNX beside it (Debian's python3-torch and "
        + "python3-onnx):\n  python3 models/convert/convert.py --arch " + spec.name().toLowerCase(Locale.ROOT)
        + " --checkpoint " + checkpoint + " --onnx " + converted);
  }

  /**
   * The weak-denoise twin of a {@code --background-model} realesr-general-x4v3, for {@code --denoise}:
   * for a file, the file beside it whose name has {@code realesr-general-wdn-x4v3} in place of
   * {@code realesr-general-x4v3} (how Real-ESRGAN's CLI finds it); for the catalogue name, the
   * catalogue's realesr-general-wdn-x4v3, converted beside its checkpoint.
   */
  ModelSource weakDenoise(String backgroundText) {
    String general = "realesr-general-x4v3";
    Path file = Path.of(backgroundText);
    if (Files.isRegularFile(file)) {
      String name = file.getFileName().toString();
      if (!name.contains(general)) {
        throw new ModelException("--denoise: --background-model " + file + " is not named " + general
            + ", whose weak-denoise twin it blends with; --denoise is for that model only");
      }
      Path twin = file.resolveSibling(name.replace(general, "realesr-general-wdn-x4v3"));
      if (!Files.isRegularFile(twin)) {
        throw new ModelException("--denoise: the weak-denoise model " + twin + " is missing; convert "
            + "realesr-general-wdn-x4v3.pth there with models/convert/convert.py --arch " + general);
      }
      return ModelSource.of(twin);
    }
    if (!backgroundText.equalsIgnoreCase(general)) {
      throw new ModelException("--denoise is for --background-model " + general + " only, not " + backgroundText);
    }
    return background("realesr-general-wdn-x4v3");
  }

  private static ModelSpec catalogueModel(String text, ModelRole role, String option) {
    Optional<ModelSpec> spec = Models.find(text);
    if (spec.isEmpty()) {
      String known = Models.all().stream()
          .filter(m -> m.role() == role)
          .map(ModelSpec::name)
          .collect(Collectors.joining(", "));
      if (known.isEmpty()) {
        known = "no " + role.toString().toLowerCase(Locale.ROOT).replace('_', ' ') + " yet (give a model file)";
      }
      if (text.contains("/") || text.contains("\\") || text.contains(".")) {
        throw new ModelException(option + " " + text + ": no such file (" + Path.of(text).toAbsolutePath()
            + "). Give an existing model file or a catalogue name: " + known);
      }
      throw new ModelException(option + " " + text + ": not a file and not a catalogue model; the catalogue has "
          + known);
    }
    if (spec.get().role() != role) {
      throw new ModelException(option + " " + text + ": " + spec.get().name() + " is a "
          + spec.get().role().toString().toLowerCase(Locale.ROOT) + ", not a "
          + role.toString().toLowerCase(Locale.ROOT));
    }
    return spec.get();
  }

  private Path locate(ModelSpec spec, String option) {
    ModelRepository repository = repositoryFor(spec);
    Optional<Path> local = repository.findLocal(spec);
    if (local.isPresent()) {
      return local.get();
    }
    if (!allowDownload || (spec.requiresLicenseAcceptance() && !acceptLicense)) {
      Optional<String> found = repository.cachedFileSha256(spec).filter(h -> !spec.acceptedSha256().contains(h));
      if (found.isPresent()) {
        // A file is there but not the model's: not "missing", and putting it "there" would not help.
        throw new ModelException(option + " " + spec.name() + ": the cached file " + repository.cachePath(spec)
            + " is corrupted: expected sha256 " + spec.sha256() + ", found " + found.get() + ".\n  Delete it and"
            + " run again with --allow-download" + (spec.requiresLicenseAcceptance() ? " --accept-license" : "")
            + " to download it again, or put a good copy there.");
      }
      throw new ModelException(MissingModelMessage.text(spec, repository, option, allowDownload));
    }
    return repository.resolve(spec);
  }

  private ModelRepository repositoryFor(ModelSpec spec) {
    ModelRepository.Builder b = ModelRepository.builder()
        .allowDownload(allowDownload)
        .downloadListener(new DownloadLog(log));
    if (modelsDirectory != null) {
      b.modelsDirectory(modelsDirectory);
    }
    if (acceptLicense && spec.requiresLicenseAcceptance()) {
      // --accept-license accepts the licence of the model being located, never a blanket "all".
      b.acceptLicense(spec.license().id());
    }
    return b.build();
  }

  private static DetectorType detectorTypeOf(Path file) {
    Optional<DetectorType> fromCatalogue = Models.find(file.getFileName().toString())
        .flatMap(ModelSpec::detectorType);
    if (fromCatalogue.isPresent()) {
      return fromCatalogue.get();
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    for (DetectorType type : DetectorType.values()) {
      if (name.contains(type.name().toLowerCase(Locale.ROOT))) {
        return type;
      }
    }
    throw new ModelException("--detector " + file + ": cannot tell which detector this file is from its name; "
        + "add --detector-type yunet, scrfd or retinaface");
  }

  /** Prints download progress, one line per tenth, so a log stays readable. */
  private static final class DownloadLog implements DownloadListener {
    private final PrintWriter log;
    private int lastTenth = -1;

    DownloadLog(PrintWriter log) {
      this.log = Objects.requireNonNull(log, "log");
    }

    @Override
    public synchronized void started(ModelSpec model, URI uri, long resumedFrom, long totalBytes) {
      lastTenth = -1;
      log.printf(Locale.ROOT, "Downloading %s from %s%s%n", model.name(), uri,
          resumedFrom > 0 ? " (resuming at " + resumedFrom + " bytes)" : "");
      log.flush();
    }

    @Override
    public synchronized void progressed(ModelSpec model, long bytesSoFar, long totalBytes) {
      if (totalBytes <= 0) {
        return;
      }
      int tenth = (int) (bytesSoFar * 10 / totalBytes);
      if (tenth != lastTenth) {
        lastTenth = tenth;
        log.printf(Locale.ROOT, "  %s: %d%% of %.1f MB%n", model.name(), tenth * 10, totalBytes / 1e6);
        log.flush();
      }
    }

    @Override
    public synchronized void attemptFailed(ModelSpec model, URI uri, String reason) {
      log.printf(Locale.ROOT, "  %s: %s failed (%s); trying the next location%n", model.name(), uri, reason);
      log.flush();
    }

    @Override
    public synchronized void finished(ModelSpec model, Path file) {
      log.printf(Locale.ROOT, "  %s: saved to %s%n", model.name(), file);
      log.flush();
    }
  }
}
