package io.gpen4j.examples.cli;

import io.gpen4j.FaceRestorer;
import io.gpen4j.RestoreOptions;
import io.gpen4j.Threads;
import io.gpen4j.Ticker;
import io.gpen4j.examples.EngineOptions;
import io.gpen4j.examples.OrderlyShutdown;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gpen4j restore FILES/FOLDERS... -o DIR}: restores photos one by one or a whole folder,
 * with a progress bar, a summary, and an optional JSON report. See {@link io.gpen4j.examples.Gpen4j}
 * for the exit codes.
 */
@Command(
    name = "restore",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Restores the faces in photos and writes the results to a folder.",
      "Outputs keep each input's path relative to the folder given and its name, with the output "
          + "format's extension. Broken or unreadable files are reported and skipped."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every input restored (or already there with --skip-existing)",
      "2:some inputs failed",
      "1:nothing restored (all failed, no inputs, or a setup error such as a missing model)",
      "64:bad command line"
    })
public final class RestoreCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE|FOLDER", description = "Photos and folders of photos.")
  private List<Path> inputs = new ArrayList<>();

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Output folder.")
  private Path output;

  @Mixin private EngineOptions engine;

  @Mixin private FaceOptions faces;

  @Option(names = "--format", paramLabel = "FMT", converter = OutputFormatOption.Converter.class,
      description = "png, jpg or webp-if-available (PNG when no WebP writer is installed). Default: png.")
  private OutputFormatOption format = OutputFormatOption.PNG;

  @Option(names = "--jpeg-background", paramLabel = "RRGGBB", converter = BackgroundColour.Converter.class,
      description = "Colour under transparent areas when writing JPEG (hex, e.g. ffffff or #000000). "
          + "Default: ffffff (white).")
  private int jpegBackground = 0xFFFFFF;

  @Option(names = {"-r", "--recursive"}, description = "Also restore photos in subfolders.")
  private boolean recursive;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  private Existing existing = new Existing();

  @Option(names = "--jobs", paramLabel = "N",
      description = "Photos restored at once (one shared model). Default: 2 for several photos with a "
          + "model of 256 px or less on a CPU of 2 or more cores (about a third faster there, at more "
          + "memory), else 1: one photo at a time on every core, fastest for one photo and for 512 px models.")
  private Integer jobs;

  @Option(names = "--threads", paramLabel = "N",
      description = "Threads of each photo's model runs (ONNX Runtime's intra-op threads). Default: the "
          + "cores shared between the --jobs photos (cores / jobs, at least 1). Before --jobs existed this "
          + "option set the photos at once.")
  private Integer threads;

  @Option(names = "--json", description = "Print a machine-readable report on standard output; "
      + "progress and the summary go to standard error.")
  private boolean json;

  @Option(names = "--progress", paramLabel = "MODE", description = "auto (a bar on a terminal, lines "
      + "otherwise), bar, plain or none. Default: ${DEFAULT-VALUE}.")
  private ProgressMode progress = ProgressMode.AUTO;

  /** Creates the command; picocli fills in its options. */
  public RestoreCommand() {}

  /** {@code --overwrite} and {@code --skip-existing}, of which at most one may be given. */
  static final class Existing {
    @Option(names = "--overwrite", description = "Replace outputs that exist.")
    boolean overwrite;

    @Option(names = "--skip-existing", description = "Keep outputs that exist and skip their inputs "
        + "(resumes an interrupted batch).")
    boolean skipExisting;

    ExistingOutputPolicy policy() {
      return overwrite ? ExistingOutputPolicy.OVERWRITE
          : skipExisting ? ExistingOutputPolicy.SKIP : ExistingOutputPolicy.FAIL;
    }
  }

  /** How progress is shown. */
  enum ProgressMode {
    AUTO,
    BAR,
    PLAIN,
    NONE
  }

  @Override
  public Integer call() throws IOException {
    RestoreOptions options = restoreOptions();
    if (jobs != null && jobs < 1) {
      throw new ParameterException(spec.commandLine(), "--jobs must be at least 1: " + jobs);
    }
    if (threads != null && threads < 1) {
      throw new ParameterException(spec.commandLine(), "--threads must be at least 1: " + threads);
    }
    int photosAtOnce = jobs != null ? jobs : 1;
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter human = json ? err : out;

    String extension = format.extension();
    if (format == OutputFormatOption.WEBP_IF_AVAILABLE && !extension.equals("webp")) {
      human.println("note: no WebP writer is installed; writing PNG");
    }
    Inputs found = new InputCollector(output, extension, recursive).collect(inputs);
    if (found.items().isEmpty() && found.missing().isEmpty()) {
      err.println("error: no " + (found.skipped().isEmpty() ? "files" : "images") + " found in " + inputs
          + (found.skipped().isEmpty() ? "" : " (" + found.skipped().size() + " other files skipped)")
          + (recursive ? "" : " (add --recursive for subfolders)"));
      return 1;
    }
    if (threads != null && threads > 1 && jobs == null && found.items().size() > 1) {
      human.println("note: --threads " + threads + " sets the threads of each photo's model runs; to restore "
          + threads + " photos at once (what --threads meant before), use --jobs " + threads);
    }
    if (jobs == null && threads == null && found.items().size() > 1) {
      int crop = engine.generatorCropSize(human);
      photosAtOnce = DefaultJobs.of(found.items().size(), crop, Threads.availableCores(), engine.onCpu());
      if (photosAtOnce > 1) {
        int each = Math.max(1, Threads.availableCores() / photosAtOnce);
        human.println("note: restoring " + photosAtOnce + " photos at once, on " + each
            + (each == 1 ? " thread" : " threads") + " each (faster for a folder with a " + crop
            + " px model; --jobs 1 for one photo at a time on every core)");
      }
    }
    if (!found.skipped().isEmpty()) {
      human.println("note: skipped " + describeSkipped(found.skipped())
          + " (not images; name a file on the command line to try it anyway)");
    }

    long t0 = Ticker.system().read();
    List<FileOutcome> outcomes = new ArrayList<>();
    for (Path missing : found.missing()) {
      BatchItem item = new BatchItem(missing.toAbsolutePath(), output.toAbsolutePath(), missing.toString());
      outcomes.add(FileOutcome.failed(item, Duration.ZERO, "no such file or folder: " + missing.toAbsolutePath()));
    }
    String backend = "none";
    if (!found.items().isEmpty()) {
      try (FaceRestorer restorer = engine.openRestorer(photosAtOnce, threads == null ? 0 : threads, false, human);
          OrderlyShutdown.Registration closing = OrderlyShutdown.process().onStop("closing the models",
              restorer::close)) {
        backend = restorer.backendName();
        BatchRunner runner = new BatchRunner(restorer, options, output, extension, existing.policy(), photosAtOnce,
            display(human), Ticker.system());
        outcomes.addAll(runner.run(found.items()));
        runner.warnings().forEach(w -> err.println("warning: " + w));
      }
    }
    BatchSummary summary = BatchSummary.of(outcomes, Duration.ofNanos(Ticker.system().read() - t0));
    printSummary(human, outcomes, summary);
    if (json) {
      out.println(JsonReport.render(engine.modelName(), engine.detectorName(), backend, outcomes, summary));
      out.flush();
    }
    return summary.exitCode();
  }

  private RestoreOptions restoreOptions() {
    RestoreOptions.Builder b = faces.restoreOptions(spec);
    try {
      return b.jpegBackground(jpegBackground).build();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), FaceOptions.asTyped(e.getMessage()), e);
    }
  }

  private ProgressDisplay display(PrintWriter human) {
    ProgressMode mode = progress;
    if (mode == ProgressMode.AUTO) {
      mode = System.console() != null ? ProgressMode.BAR : ProgressMode.PLAIN;
    }
    return switch (mode) {
      case BAR -> new TerminalProgressBar(human, Ticker.system());
      case PLAIN -> new PlainProgressLog(human);
      case NONE, AUTO -> ProgressDisplay.NONE;
    };
  }

  /** "3 files: notes.txt, Thumbs.db, clip.mp4", at most five names. */
  private static String describeSkipped(List<Path> skipped) {
    List<String> names = skipped.stream().limit(5).map(p -> p.getFileName().toString()).toList();
    return skipped.size() + (skipped.size() == 1 ? " file: " : " files: ") + String.join(", ", names)
        + (skipped.size() > names.size() ? ", ..." : "");
  }

  private static void printSummary(PrintWriter human, List<FileOutcome> outcomes, BatchSummary summary) {
    List<FileOutcome> failed = outcomes.stream().filter(o -> o.status() == FileOutcome.Status.FAILED).toList();
    if (!failed.isEmpty()) {
      human.println("Failed:");
      for (FileOutcome o : failed) {
        human.println("  " + o.item().label() + ": " + o.message());
      }
    }
    human.println("Summary: " + summary.line());
    human.flush();
  }
}
