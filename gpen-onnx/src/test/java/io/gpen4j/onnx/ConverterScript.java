package io.gpen4j.onnx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the checkpoint converter ({@code models/convert/convert.py}) from tests. It needs a Python
 * that can import Debian's {@code python3-torch} and {@code python3-onnx}; a pyenv or virtualenv
 * {@code python3} on the PATH usually cannot, so {@code /usr/bin/python3} is tried as well.
 */
final class ConverterScript {
  private static final Pattern PARAMETERS = Pattern.compile("(?m)^parameters: ([0-9,]+)$");

  /** What a finished run printed (stdout and stderr together) and how it exited. */
  record Result(int exitCode, String output) {
    /** Returns the parameter count the converter printed. @return the count */
    long parameterCount() {
      Matcher m = PARAMETERS.matcher(output);
      if (!m.find()) {
        throw new AssertionError("converter printed no 'parameters:' line:\n" + output);
      }
      return Long.parseLong(m.group(1).replace(",", ""));
    }
  }

  private ConverterScript() {}

  /** Returns the converter script in this checkout. @return the path, which may not exist */
  static Path script() {
    return Paths.get(System.getProperty("gpen4j.repo", ".."), "models", "convert", "convert.py")
        .toAbsolutePath().normalize();
  }

  /**
   * Finds a Python that imports torch and onnx: {@code -Dgpen4j.python}, {@code $GPEN4J_PYTHON},
   * {@code python3}, then {@code /usr/bin/python3}.
   *
   * @param work a folder for the probe's output
   * @return the interpreter, or empty when none has both packages
   */
  static Optional<String> findPython(Path work) {
    Set<String> candidates = new LinkedHashSet<>();
    Optional.ofNullable(System.getProperty("gpen4j.python")).ifPresent(candidates::add);
    Optional.ofNullable(System.getenv("GPEN4J_PYTHON")).ifPresent(candidates::add);
    candidates.add("python3");
    candidates.add("/usr/bin/python3");
    for (String python : candidates) {
      try {
        if (run(List.of(python, "-c", "import torch, onnx"), work, 120).exitCode() == 0) {
          return Optional.of(python);
        }
      } catch (UncheckedIOException e) {
        // Not installed under that name: try the next one.
      }
    }
    return Optional.empty();
  }

  /**
   * Runs the converter.
   *
   * @param python the interpreter
   * @param args the converter's arguments
   * @param work a folder for the run's log
   * @return what it printed and its exit status
   */
  static Result convert(String python, List<String> args, Path work) {
    List<String> command = new ArrayList<>(List.of(python, script().toString()));
    command.addAll(args);
    return run(command, work, 600);
  }

  /**
   * Runs a command, waiting at most {@code timeoutSeconds}.
   *
   * @param command the program and its arguments
   * @param work a folder for the log
   * @param timeoutSeconds the limit
   * @return what it printed and its exit status
   * @throws UncheckedIOException if the program cannot be started
   */
  static Result run(List<String> command, Path work, long timeoutSeconds) {
    try {
      Path log = Files.createTempFile(work, "process", ".log");
      ProcessBuilder builder = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(log.toFile());
      // No __pycache__ folders in the source tree.
      builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
      Process process = builder.start();
      try {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new AssertionError(command + " did not finish in " + timeoutSeconds + " s:\n"
              + Files.readString(log, StandardCharsets.UTF_8));
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while running " + command, e);
      }
      return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    }
  }

  /**
   * Reads a raw little-endian float32 file written by {@code --check}.
   *
   * @param file the file
   * @return its values
   */
  static float[] readFloats(Path file) {
    try {
      ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
      float[] values = new float[bytes.remaining() / Float.BYTES];
      bytes.asFloatBuffer().get(values);
      return values;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
