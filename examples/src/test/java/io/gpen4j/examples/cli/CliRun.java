package io.gpen4j.examples.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.gpen4j.examples.Gpen4j;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * One run of the {@code gpen4j} command line in this JVM, with what it printed.
 *
 * @param exitCode the exit code
 * @param out standard output
 * @param err standard error
 */
record CliRun(int exitCode, String out, String err) {
  /** Runs the command line. */
  static CliRun gpen4j(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Gpen4j.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new CliRun(code, out.toString(), err.toString());
  }

  /** Standard output as the JSON report. */
  JsonObject json() {
    return JsonParser.parseString(out).getAsJsonObject();
  }
}
