package io.gpen4j.examples;

import io.gpen4j.GpenException;
import io.gpen4j.examples.cli.FaceOptions;
import io.gpen4j.examples.cli.LiveCommand;
import io.gpen4j.examples.cli.RestoreCommand;
import io.gpen4j.examples.cli.SparkCommand;
import io.gpen4j.examples.cli.VideoCommand;
import io.gpen4j.examples.web.WebCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code gpen4j} command: {@code gpen4j restore FILES... -o DIR} restores photos and folders,
 * {@code gpen4j video IN -o OUT} restores a video, {@code gpen4j live IN -o OUT} restores a camera or
 * stream with bounded latency, {@code gpen4j web} starts the local web demo.
 *
 * <p>Exit codes: 0 every input restored (or already there with {@code --skip-existing}), 2 some
 * inputs failed, 1 nothing restored (a missing model, no inputs, every input failed), 64 a bad
 * command line.
 */
@Command(
    name = "gpen4j",
    mixinStandardHelpOptions = true,
    versionProvider = Gpen4j.Version.class,
    description = "Restores faces in photos and videos with GPEN, GFPGAN, CodeFormer or RestoreFormer++.",
    subcommands = {RestoreCommand.class, VideoCommand.class, LiveCommand.class, WebCommand.class,
        SparkCommand.class, CommandLine.HelpCommand.class})
public final class Gpen4j implements Runnable {
  /** The exit code of a command line that cannot be parsed (BSD's EX_USAGE). */
  public static final int EXIT_USAGE = 64;

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  /** Creates the command; picocli calls this. */
  public Gpen4j() {}

  /**
   * Runs the command and exits the JVM with its exit code. SIGTERM, SIGINT and SIGHUP stop it in
   * order ({@link OrderlyShutdown}).
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    OrderlyShutdown shutdown = OrderlyShutdown.process();
    shutdown.installSignalHandlers(OrderlyShutdown.DEFAULT_BOUND, System.err);
    shutdown.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /**
   * Runs the command without exiting the JVM.
   *
   * @param args the command line
   * @param out where results and progress go
   * @param err where errors go
   * @return the exit code
   */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    return commandLine(out, err).execute(args);
  }

  /**
   * Builds the picocli command line with this tool's conventions: enum values in any case, usage
   * errors exit with {@link #EXIT_USAGE}, and a library error prints its message, not a stack trace.
   *
   * @param out where results and progress go
   * @param err where errors go
   * @return the command line, ready to execute
   */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new Gpen4j());
    // Every subcommand's --version prints what the top command's does.
    cl.getSubcommands().values().forEach(sub -> sub.getCommandSpec().versionProvider(new Version()));
    cl.setOut(out);
    cl.setErr(err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setParameterExceptionHandler((e, args) -> {
      CommandLine line = e.getCommandLine();
      line.getErr().println("error: " + usageMessage(e.getMessage()));
      line.getErr().println("Try '" + line.getCommandSpec().qualifiedName() + " --help' for the options.");
      line.getErr().flush();
      return EXIT_USAGE;
    });
    cl.setExecutionExceptionHandler((e, line, parsed) -> {
      if (e instanceof java.io.IOException io) {
        line.getErr().println("error: " + FileErrors.describe(io));
      } else if (e instanceof java.io.UncheckedIOException io) {
        line.getErr().println("error: " + FileErrors.describe(io.getCause()));
      } else if (e instanceof GpenException) {
        line.getErr().println("error: " + FaceOptions.stageOptionsAsTyped(e.getMessage()));
      } else {
        e.printStackTrace(line.getErr());
      }
      line.getErr().flush();
      return 1;
    });
    return cl;
  }

  /**
   * A picocli usage message as this tool prints it: without picocli's own "Error: " prefix (the
   * line already starts with "error: "), and with its wording for exclusive options made plain.
   */
  static String usageMessage(String message) {
    String m = message == null ? "" : message;
    if (m.startsWith("Error: ")) {
      m = m.substring("Error: ".length());
    }
    java.util.regex.Matcher exclusive = java.util.regex.Pattern
        .compile("^(--[\\w-]+(?:=\\S*)?), (--[\\w-]+(?:=\\S*)?) are mutually exclusive.*$").matcher(m);
    if (exclusive.matches()) {
      return exclusive.group(1) + " and " + exclusive.group(2) + " cannot be used together: give one of them";
    }
    return m;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a command: restore, video, live, spark or web");
  }

  /**
   * Reports the version from the jar manifest ({@code Implementation-Version}), or "development
   * build" when run from a classes folder, as an IDE does.
   */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Gpen4j.class.getPackage().getImplementationVersion();
      return new String[] {"gpen4j " + (v != null ? v : "(development build)")};
    }
  }
}
