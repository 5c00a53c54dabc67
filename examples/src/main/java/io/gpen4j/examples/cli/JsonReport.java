package io.gpen4j.examples.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.gpen4j.examples.FaceJson;
import java.util.List;
import java.util.Locale;

/**
 * The machine-readable report of {@code restore --json}: the settings, one entry per input
 * ({@code input}, {@code output} (absent when failed), {@code status} done/skipped/failed, {@code faces} (the count),
 * {@code restoredFaces} (each face: see {@link FaceJson}), {@code millis}, {@code error}), and the
 * summary with the exit code.
 */
final class JsonReport {
  private JsonReport() {}

  static String render(String model, String detector, String backend, List<FileOutcome> outcomes,
      BatchSummary summary) {
    JsonObject root = new JsonObject();
    root.addProperty("model", model);
    root.addProperty("detector", detector);
    root.addProperty("backend", backend);
    JsonArray files = new JsonArray();
    for (FileOutcome o : outcomes) {
      JsonObject f = new JsonObject();
      f.addProperty("input", o.item().input().toString());
      f.addProperty("label", o.item().label());
      if (o.status() != FileOutcome.Status.FAILED) {
        // A failed input has no output: naming one would send a reader to a file that is not there.
        f.addProperty("output", o.item().output().toString());
      }
      f.addProperty("status", o.status().name().toLowerCase(Locale.ROOT));
      f.addProperty("faces", o.faces().size());
      JsonArray faces = new JsonArray();
      o.faces().forEach(face -> faces.add(FaceJson.of(face)));
      f.add("restoredFaces", faces);
      f.addProperty("millis", o.time().toMillis());
      if (o.status() == FileOutcome.Status.FAILED) {
        f.addProperty("error", o.message());
      } else if (o.status() == FileOutcome.Status.SKIPPED) {
        f.addProperty("reason", o.message());
      }
      files.add(f);
    }
    root.add("files", files);
    JsonObject s = new JsonObject();
    s.addProperty("done", summary.done());
    s.addProperty("skipped", summary.skipped());
    s.addProperty("failed", summary.failed());
    s.addProperty("faces", summary.faces());
    s.addProperty("totalMillis", summary.totalTime().toMillis());
    s.addProperty("exitCode", summary.exitCode());
    root.add("summary", s);
    return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root);
  }
}
