package io.gpen4j.examples;

import io.gpen4j.BackgroundStage;
import io.gpen4j.DetectorStage;
import io.gpen4j.DetectorType;
import io.gpen4j.FaceRestorer;
import io.gpen4j.GeneratorStage;
import io.gpen4j.Limits;
import io.gpen4j.ModelException;
import io.gpen4j.MattingStage;
import io.gpen4j.ParserStage;
import io.gpen4j.PortraitMatter;
import io.gpen4j.Threads;
import io.gpen4j.models.GeneratorFamily;
import io.gpen4j.models.GeneratorProfile;
import io.gpen4j.models.MattingFamily;
import io.gpen4j.models.Models;
import io.gpen4j.models.ModelRepository;
import io.gpen4j.models.ParserFamily;
import io.gpen4j.onnxformat.OnnxModelFile;
import io.gpen4j.onnxformat.OnnxValueInfo;
import io.gpen4j.spi.Device;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.Precision;
import io.gpen4j.spi.SessionSettings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options that choose the models and how they run, shared by {@code restore} and {@code web}
 * (a picocli mixin). {@link #openRestorer} turns them into a {@link FaceRestorer}.
 */
public final class EngineOptions {
  @Option(
      names = "--model",
      paramLabel = "NAME|FILE",
      description = "Face restorer: a catalogue name (GPEN-BFR-256, GPEN-BFR-512, GPEN-BFR-1024, "
          + "GPEN-BFR-2048, GFPGAN-1.4, CodeFormer, RestoreFormer++) or a model file. "
          + "Default: ${DEFAULT-VALUE}.")
  String model = "GPEN-BFR-512";

  @Option(
      names = "--model-family",
      paramLabel = "FAMILY",
      description = "Which restorer a --model file is (${COMPLETION-CANDIDATES}) when the catalogue "
          + "does not know its SHA-256; its template, size and inputs follow. Default: recognised "
          + "by SHA-256, else by the file's name (gfpgan, codeformer, restoreformer, gpen), else GPEN "
          + "with a warning.")
  GeneratorFamily modelFamily;

  @Option(
      names = "--small-face-model",
      paramLabel = "auto|off|NAME|FILE",
      description = "A smaller model of the --model's family for small faces: faces whose crop is pasted "
          + "smaller than the small model's own side (256 px for GPEN-BFR-256) go to it, at a fraction "
          + "of the time, with no visible loss (the larger model's extra pixels would be shrunk away). "
          + "auto: GPEN-BFR-256 when --model is a larger GPEN and the 256 model is on this machine "
          + "(a file named alike beside a --model file, or the catalogue's copy); never downloaded. "
          + "Default: ${DEFAULT-VALUE}.")
  String smallFaceModel = "auto";

  @Option(
      names = "--small-face-below",
      paramLabel = "PX",
      description = "With a small-face model: faces whose crop is pasted below this many output pixels go "
          + "to it. Default: the small model's crop side.")
  Integer smallFaceBelow;

  @Option(
      names = "--detector",
      paramLabel = "NAME|FILE",
      description = "Face detector: a model file, or one of the catalogue's YuNet, SCRFD-2.5G and "
          + "RetinaFace-MNet0.25. Default: the YuNet detector built into gpen-core.")
  String detector;

  @Option(
      names = "--parsing-model",
      paramLabel = "NAME|FILE",
      description = "Face parser (BiSeNet or ParseNet ONNX, a file or a catalogue name): paste only the "
          + "face's own pixels instead of the whole square around it (hair, ears, background and "
          + "whatever covers the face stay as they were). Default: none (square mask).")
  String parsingModel;

  @Option(
      names = "--parsing-family",
      paramLabel = "FAMILY",
      description = "Which parser a --parsing-model file is (${COMPLETION-CANDIDATES}); class order and "
          + "normalisation differ. Default: PARSENET when the file name says parsenet, else BISENET.")
  ParserFamily parsingFamily;

  @Option(
      names = "--score-floor",
      paramLabel = "0..1",
      description = "Lowest detector score kept (default 0.7 for YuNet, 0.5 for SCRFD and RetinaFace); "
          + "lower it to find faint or blurred faces, at the risk of false ones.")
  Double scoreFloor;

  @Option(
      names = "--detector-type",
      paramLabel = "TYPE",
      description = "Which detector a --detector file is (${COMPLETION-CANDIDATES}), when its name "
          + "does not tell.")
  DetectorType detectorType;

  @Option(
      names = "--backend",
      paramLabel = "NAME",
      description = "Inference backend: onnx, djl-onnxruntime or djl-pytorch (a TorchScript .pt "
          + "generator); by default onnx.")
  String backend;

  @Option(
      names = "--device",
      paramLabel = "DEVICE",
      converter = DeviceConverter.class,
      description = "cpu, cuda[:N] or tensorrt[:N]. Default: cpu.")
  Device device = Device.cpu();

  @Option(
      names = "--precision",
      paramLabel = "P",
      description = "fp32 or fp16 (GPU). Default: ${DEFAULT-VALUE}.")
  Precision precision = Precision.FP32;

  @Option(
      names = "--models-dir",
      paramLabel = "DIR",
      description = "Where your own copies of catalogue models are (default: $GPEN_MODELS_DIR).")
  Path modelsDirectory;

  @Option(
      names = "--cache-dir",
      paramLabel = "DIR",
      description = "Where models prepared for this machine are kept between runs: official GPEN "
          + "exports rewritten into constant-kernel form, FP16 conversions and ONNX Runtime's "
          + "optimised graphs. Later runs then load faster and with less memory (a GPEN-512 official "
          + "export peaks at about 3.4 GB when prepared in memory on every run). Default: sessions/ "
          + "in the download cache ($XDG_CACHE_HOME/gpen4j or ~/.cache/gpen4j).")
  Path cacheDirectory;

  @Option(
      names = "--allow-download",
      description = "Download a catalogue model that is not on this machine yet.")
  boolean allowDownload;

  @Option(
      names = "--accept-license",
      description = "Accept the licence of a model that needs acceptance before it is downloaded "
          + "(GPEN, CodeFormer: academic and non-commercial use only).")
  boolean acceptLicense;

  @Option(
      names = "--background-model",
      paramLabel = "NAME|FILE",
      description = "Enhance the whole photo with a super-resolution model before the faces are pasted: "
          + "a catalogue name (RealESRGAN_x2plus, RealESRGAN_x4plus, realesr-general-x4v3; converted once "
          + "from the official checkpoint, the error says how) or an ONNX file. Default: none, the "
          + "background is only resized.")
  String backgroundModel;

  @Option(
      names = "--denoise",
      paramLabel = "0..1",
      description = "Denoise strength of --background-model realesr-general-x4v3, as Real-ESRGAN's "
          + "--denoise_strength: its weights are blended with realesr-general-wdn-x4v3's (found beside it, "
          + "or the catalogue's) when it is loaded; 1 denoises most, 0 keeps noise and texture; Real-ESRGAN's "
          + "CLI uses 0.5. Default: the model as it is (1).")
  Double denoise;

  @Option(
      names = "--background-tile",
      paramLabel = "N",
      description = "Tile side in pixels for --background-model, 96 to 2048 (default 256): larger tiles "
          + "run a little faster and hold more memory.")
  Integer backgroundTile;

  @Option(
      names = "--memory-budget",
      paramLabel = "MB",
      converter = MemoryBudgetConverter.class,
      description = "Memory that photos being restored may take together, in MB; a photo that does not "
          + "fit waits, one that never could fails. Default: 70%% of the Java heap (-Xmx), at most half "
          + "the machine's memory.")
  Long memoryBudgetBytes;

  /** The command these options are mixed into, for usage errors; null when built by hand. */
  @Spec(Spec.Target.MIXEE) CommandSpec mixee;

  /** Creates the options with their defaults; picocli fills them in. */
  public EngineOptions() {}

  /**
   * Finds (or, when allowed, downloads) the models and builds a restorer.
   *
   * @param concurrentRuns how many threads will call the restorer at once
   * @param log where download progress and notes go
   * @return a restorer; the caller closes it
   * @throws io.gpen4j.ModelException if a model is missing, with what to do about it
   * @throws io.gpen4j.BackendException if the backend or device is not available
   */
  public FaceRestorer openRestorer(int concurrentRuns, PrintWriter log) {
    return openRestorer(concurrentRuns, false, log);
  }

  /**
   * Finds (or, when allowed, downloads) the models and builds a restorer, optionally with a
   * detector session of one thread on the CPU.
   *
   * <p>Why the video command asks for that: there the detector runs on every frame at the same
   * time as the generator, and two ONNX Runtime sessions that each use every core slow each other
   * down. With a one-thread detector, on the 2-core bench machine, the generator took about 11 %
   * less time per face inside the video and the video ran about 13 % more frames per second
   * (gpen-video's README). Photos keep the default: there detection and generation run one after
   * the other.
   *
   * @param concurrentRuns how many threads will call the restorer at once
   * @param singleThreadDetector whether a CPU detector session gets one intra-op thread
   * @param log where download progress and notes go
   * @return a restorer; the caller closes it
   * @throws io.gpen4j.ModelException if a model is missing, with what to do about it
   * @throws io.gpen4j.BackendException if the backend or device is not available
   */
  public FaceRestorer openRestorer(int concurrentRuns, boolean singleThreadDetector, PrintWriter log) {
    return openRestorer(concurrentRuns, 0, singleThreadDetector, log);
  }

  /**
   * Finds (or, when allowed, downloads) the models and builds a restorer whose model runs use a
   * given number of intra-op threads.
   *
   * @param concurrentRuns how many threads will call the restorer at once
   * @param threadsPerRun the intra-op threads of each model run; 0 shares the cores between the
   *     concurrent runs
   * @param singleThreadDetector whether a CPU detector session gets one intra-op thread
   * @param log where download progress and notes go
   * @return a restorer; the caller closes it
   * @throws io.gpen4j.ModelException if a model is missing, with what to do about it
   * @throws io.gpen4j.BackendException if the backend or device is not available
   */
  public FaceRestorer openRestorer(int concurrentRuns, int threadsPerRun, boolean singleThreadDetector,
      PrintWriter log) {
    checkValues();
    ModelLocator locator = new ModelLocator(modelsDirectory, allowDownload, acceptLicense, log);
    // Checked first: a contradictory --model-family fails before any download.
    Optional<GeneratorProfile> profile = locator.generatorProfile(model, modelFamily);
    ModelSource generatorFile = locator.generator(model);
    requireBackendRunsGenerator(generatorFile.path());
    keepDjlOnnxRuntimeAlone();
    GeneratorStage generator = GeneratorStage.of(generatorFile);
    if (profile.isPresent()) {
      generator = generator.withProfile(profile.get());
    }
    Optional<ModelSource> small = locator.smallFaceGenerator(smallFaceModel, model);
    if (small.isPresent()) {
      generator = smallFaceBelow != null ? generator.withSmallFaceModel(small.get(), smallFaceBelow)
          : generator.withSmallFaceModel(small.get());
      if (smallFaceModel.equalsIgnoreCase("auto")) {
        log.println("note: small faces go to " + small.get().name() + " (--small-face-model auto; "
            + "--small-face-model off to restore every face with " + generatorFile.name() + ")");
      }
    }
    FaceRestorer.Builder builder = FaceRestorer.builder()
        .sessionSettings(sessionSettings(concurrentRuns, threadsPerRun, Threads.availableCores()));
    DetectorStage detectorStage = DetectorStage.bundled();
    if (detector != null) {
      ModelLocator.DetectorModel det = locator.detector(detector, detectorType);
      detectorStage = DetectorStage.of(det.type(), det.file());
    }
    // Otherwise the detector (and face parser) follow the generator's settings in FP32, as documented there.
    SessionSettings smallModels = singleThreadDetector && device.kind() == Device.Kind.CPU
        ? SessionSettings.builder().device(device).intraOpThreads(1).build()
        : null;
    if (smallModels != null) {
      detectorStage = detectorStage.withSettings(smallModels);
    }
    if (parsingModel != null) {
      ModelLocator.ParserModel parser = locator.faceParser(parsingModel, parsingFamily);
      ParserStage parserStage = ParserStage.of(parser.file(), parser.family());
      builder.faceParser(smallModels == null ? parserStage : parserStage.withSettings(smallModels));
    }
    if (scoreFloor != null) {
      detectorStage = detectorStage.withScoreFloor(scoreFloor);
    }
    builder.generator(generator).detector(detectorStage);
    if (backend != null) {
      builder.backend(backend);
    }
    if (memoryBudgetBytes != null) {
      builder.limits(Limits.defaults().withMemoryBudget(memoryBudgetBytes));
    }
    if (backgroundModel != null) {
      BackgroundStage background = BackgroundStage.of(locator.background(backgroundModel));
      if (backgroundTile != null) {
        background = background.withTileSize(backgroundTile);
      }
      if (denoise != null) {
        background = background.withDenoise(locator.weakDenoise(backgroundModel).path(), denoise);
      }
      builder.background(background);
    }
    return builder.build();
  }

  /**
   * Opens the portrait matter the {@code idphoto} command cuts the person out with: the given
   * MODNet model (file or catalogue name), else the {@code --parsing-model} face parser as the
   * coarse fallback, else the catalogue's MODNet-Photographic (found, downloaded when allowed, or a
   * message that says where to get it).
   *
   * @param mattingModel the {@code --matting-model} value, or null
   * @param log where download progress goes
   * @return the matter; the caller closes it
   * @throws io.gpen4j.ModelException if the model is missing, with what to do about it
   */
  public PortraitMatter openMatter(String mattingModel, PrintWriter log) {
    ModelLocator locator = new ModelLocator(modelsDirectory, allowDownload, acceptLicense, log);
    MattingStage stage;
    if (mattingModel == null && parsingModel != null) {
      ModelLocator.ParserModel parser = locator.faceParser(parsingModel, parsingFamily);
      stage = MattingStage.fromParser(ParserStage.of(parser.file(), parser.family()));
    } else {
      String name = mattingModel != null ? mattingModel : Models.MODNET_PHOTOGRAPHIC.name();
      stage = MattingStage.of(locator.matting(name), MattingFamily.MODNET);
    }
    PortraitMatter.Builder builder = PortraitMatter.builder(stage)
        .settings(SessionSettings.builder().device(device).build());
    if (backend != null) {
      builder.backend(backend);
    }
    return builder.build();
  }

  /**
   * With PyTorch's engine on the class path (the tool carries it for djl-pytorch), DJL's OnnxRuntime
   * engine loads it as its "alternative engine" for array operations gpen4j never asks for: 432 MB
   * of libtorch unpacked into ~/.djl.ai and its start-up warnings on every djl-onnxruntime run.
   * DJL's own switch turns that off; the tool sets it (an application's choice, so not in the
   * library), unless the user has set it.
   */
  private void keepDjlOnnxRuntimeAlone() {
    if ("djl-onnxruntime".equals(backend) && System.getProperty("ai.djl.onnx.disable_alternative") == null) {
      System.setProperty("ai.djl.onnx.disable_alternative", "true");
    }
  }

  /**
   * djl-pytorch hands ONNX files to DJL's OnnxRuntime engine (that is how its ONNX detectors run),
   * so an ONNX generator named with it would quietly run on ONNX Runtime: the backend named is
   * the backend that runs the generator, or the command stops.
   */
  private void requireBackendRunsGenerator(Path generatorFile) {
    if ("djl-pytorch".equals(backend) && generatorFile.getFileName().toString().toLowerCase(java.util.Locale.ROOT)
        .endsWith(".onnx")) {
      throw new IllegalArgumentException("--backend djl-pytorch runs TorchScript generators (.pt), but "
          + generatorFile.getFileName() + " is an ONNX file: use --backend onnx or djl-onnxruntime for it, "
          + "or convert the checkpoint to TorchScript (models/convert/convert.py --torchscript)");
    }
  }

  /**
   * Rejects bad option values before any model is looked for, as usage errors (one line, exit
   * {@link Gpen4j#EXIT_USAGE}), not as failures of the run.
   *
   * @throws ParameterException naming the option and the rule (IllegalArgumentException when the
   *     options were not parsed by picocli)
   */
  void checkValues() {
    if (parsingFamily != null && parsingModel == null) {
      throw usage("--parsing-family needs --parsing-model (the family says how to read that model)");
    }
    if (smallFaceBelow != null && smallFaceBelow < 1) {
      throw usage("--small-face-below must be at least 1: " + smallFaceBelow);
    }
    if (smallFaceBelow != null && smallFaceModel.equalsIgnoreCase("off")) {
      throw usage("--small-face-below needs a small-face model, but --small-face-model is off");
    }
    if (scoreFloor != null && !(scoreFloor >= 0 && scoreFloor <= 1)) {
      throw usage("--score-floor must be between 0 and 1: " + scoreFloor);
    }
    if (denoise != null && backgroundModel == null) {
      throw usage("--denoise needs --background-model realesr-general-x4v3");
    }
    if (denoise != null && !(denoise >= 0 && denoise <= 1)) {
      throw usage("--denoise must be between 0 and 1: " + denoise);
    }
    if (backgroundTile != null) {
      try {
        BackgroundStage.of(Path.of("none")).withTileSize(backgroundTile);
      } catch (IllegalArgumentException e) {
        throw usage("--background-tile: " + e.getMessage());
      }
    }
    String[][] models = {{"--model", model}, {"--small-face-model", smallFaceModel}, {"--detector", detector},
        {"--parsing-model", parsingModel},
        {"--background-model", backgroundModel}};
    for (String[] option : models) {
      if (option[1] != null && Files.isDirectory(Path.of(option[1]))) {
        throw usage(option[0] + " " + option[1] + " is a folder: give a model file or a catalogue name");
      }
    }
  }

  private RuntimeException usage(String message) {
    return mixee == null ? new IllegalArgumentException(message) : new ParameterException(mixee.commandLine(), message);
  }

  /**
   * The generator's settings for this many concurrent restores: the cores are shared between them
   * (callers x intra-op threads <= cores), so {@code --threads 2} on 2 cores runs two restores of
   * one thread each instead of two that each try to take both cores.
   *
   * @param concurrentRuns how many threads will call the restorer at once
   * @param cores the cores to share
   * @return the settings
   */
  SessionSettings sessionSettings(int concurrentRuns, int cores) {
    return sessionSettings(concurrentRuns, 0, cores);
  }

  /**
   * The generator's settings for this many concurrent restores with a given number of intra-op
   * threads each; idle threads sleep (the library's default), so more threads than free cores cost
   * little on a loaded machine.
   *
   * @param concurrentRuns how many threads will call the restorer at once
   * @param threadsPerRun the intra-op threads of each run; 0 shares the cores between the runs
   * @param cores the cores to share
   * @return the settings
   */
  SessionSettings sessionSettings(int concurrentRuns, int threadsPerRun, int cores) {
    int callers = Math.max(1, concurrentRuns);
    return SessionSettings.builder()
        .device(device)
        .precision(precision)
        .concurrency(callers)
        .intraOpThreads(threadsPerRun > 0 ? threadsPerRun : Threads.sharing(cores, callers).intraOpThreads())
        .cacheDirectory(sessionCache())
        .build();
  }

  /** The --cache-dir, else sessions/ in the library's download cache. */
  Path sessionCache() {
    return cacheDirectory != null
        ? cacheDirectory
        : ModelRepository.builder().build().cacheDirectory().resolve("sessions");
  }

  /**
   * The side of the generator's input crop, read from the model file without opening it (a few
   * milliseconds): what the restore command's default {@code --jobs} depends on. The model is
   * found (or downloaded, when allowed) as {@link #openRestorer} finds it.
   *
   * @param log where download progress and notes go
   * @return the crop side, or 0 when the file does not declare one (TorchScript, a free size, a
   *     file that does not read: {@link #openRestorer} then says what is wrong with it)
   */
  public int generatorCropSize(PrintWriter log) {
    checkValues();
    ModelSource file = new ModelLocator(modelsDirectory, allowDownload, acceptLicense, log).generator(model);
    if (file.path() == null || !file.path().getFileName().toString().endsWith(".onnx")) {
      return 0;
    }
    try {
      List<OnnxValueInfo> inputs = OnnxModelFile.inputs(file.path(), file.name());
      List<Long> dims = inputs.isEmpty() ? List.of() : inputs.get(0).dims();
      return dims.size() == 4 && dims.get(2) > 0 ? dims.get(2).intValue() : 0;
    } catch (ModelException e) {
      return 0;
    }
  }

  /** Whether the models run on the CPU ({@code --device cpu}, the default). @return true on the CPU */
  public boolean onCpu() {
    return device.kind() == Device.Kind.CPU;
  }

  /** The generator as given on the command line, for reports. @return the --model value */
  public String modelName() {
    return model;
  }

  /** The detector as given on the command line, for reports. @return the --detector value */
  public String detectorName() {
    return detector != null ? detector : "YuNet (built in)";
  }

  /** Parses {@code --memory-budget} in MB, at least the library's smallest budget. */
  static final class MemoryBudgetConverter implements picocli.CommandLine.ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      long min = FaceRestorer.Builder.MIN_MEMORY_BUDGET >> 20;
      try {
        long mb = Long.parseLong(value.trim());
        if (mb >= min && mb <= (Long.MAX_VALUE >> 20)) {
          return mb << 20;
        }
      } catch (NumberFormatException e) {
        // Reported below with the rule.
      }
      throw new picocli.CommandLine.TypeConversionException(
          "--memory-budget must be a whole number of MB, at least " + min + ": '" + value + "'");
    }
  }

  /** Parses {@code --device} with {@link Device#parse}. */
  static final class DeviceConverter implements picocli.CommandLine.ITypeConverter<Device> {
    @Override
    public Device convert(String value) {
      return Device.parse(value);
    }
  }
}
