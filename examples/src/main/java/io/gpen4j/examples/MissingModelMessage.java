package io.gpen4j.examples;

import io.gpen4j.models.ModelRepository;
import io.gpen4j.models.ModelSpec;
import java.util.Locale;

/**
 * The message shown when a catalogue model is not on this machine: which model, its licence, the
 * flags that download it, and where to put a copy fetched by hand.
 */
final class MissingModelMessage {
  private MissingModelMessage() {}

  static String text(ModelSpec spec, ModelRepository repository, String option, boolean downloadsAllowed) {
    StringBuilder s = new StringBuilder();
    s.append(option).append(' ').append(spec.name()).append(": the model file ").append(spec.fileName())
        .append(" is not on this machine");
    if (spec.requiresLicenseAcceptance()) {
      s.append(downloadsAllowed ? ", and its licence has not been accepted.\n" : ".\n");
    } else {
      s.append(", and downloads are off.\n");
    }
    s.append("  Licence: ").append(spec.license().name()).append("\n")
        .append("           ").append(spec.license().uri()).append(" (read it first)\n");
    s.append("  To let gpen4j download and verify it");
    spec.sizeBytes().ifPresent(size -> s.append(String.format(Locale.ROOT, " (%.0f MB)", size / 1e6)));
    s.append(", run the same command again with\n      --allow-download");
    if (spec.requiresLicenseAcceptance()) {
      s.append(" --accept-license");
    }
    s.append("\n  Or download it yourself");
    if (!spec.locations().isEmpty()) {
      s.append(" from\n      ").append(spec.locations().get(0).uri());
    }
    s.append("\n  and put it at\n      ").append(repository.cachePath(spec));
    repository.modelsDirectory().ifPresent(dir -> s.append("\n   or ").append(dir.resolve(spec.fileName())));
    s.append("\n  (sha256 ").append(spec.sha256()).append(").\n");
    s.append("  Or pass a model file you already have: ").append(option).append(" /path/to/model.onnx");
    return s.toString();
  }
}
