package io.gpen4j.djl;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.gpen4j.ModelException;
import io.gpen4j.spi.ElementType;
import io.gpen4j.spi.TensorInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Describes a TorchScript model's inputs and outputs. A TorchScript archive records no tensor
 * shapes (a traced module accepts whatever its operators accept), yet the pipeline needs the
 * generator's crop size before it runs anything, so the description comes from, in order:
 *
 * <ol>
 *   <li>a {@value #EXTRA_FILE} entry embedded in the archive ({@code torch.jit.save(m, path,
 *       _extra_files={"gpen4j.json": ...})}), as {@code models/test/make_torchscript_models.py}
 *       writes it: the file describes itself and cannot drift from a separate file;
 *   <li>a sidecar beside the model named after it plus {@code .json}
 *       ({@code GPEN-BFR-512.pt.json}), for traced models made elsewhere;
 *   <li>the file name: a name containing {@code gpen} and one of the GPEN sizes 256, 512, 1024 or
 *       2048 describes a generator with input {@code input} and output {@code output}, both
 *       {@code [1,3,S,S]}, float32 (float16 when the module's weights are).
 * </ol>
 *
 * <p>Running the model to find out was rejected: the crop size is exactly what is unknown, and a
 * GPEN-2048 run costs seconds. A model none of these describe is refused with a message that
 * shows the JSON to write:
 *
 * <pre>{@code
 * {"inputs":  [{"name": "input",  "shape": [1, 3, 512, 512], "type": "float32"}],
 *  "outputs": [{"name": "output", "shape": [1, 3, 512, 512], "type": "float32"}]}
 * }</pre>
 *
 * <p>{@code shape} may hold -1 for a free dimension; {@code type} defaults to {@code float32} and
 * may be {@code float16} for a module that takes and returns half-precision tensors.
 */
final class TorchScriptSignature {
  /** The name of the description embedded in a TorchScript archive. */
  static final String EXTRA_FILE = "gpen4j.json";

  private static final Pattern GPEN_SIZE = Pattern.compile("(?<![0-9])(256|512|1024|2048)(?![0-9])");

  private TorchScriptSignature() {}

  /**
   * Describes a model.
   *
   * @param file the TorchScript file
   * @param name the model's name for messages
   * @param embedded the {@value #EXTRA_FILE} text read from the archive, or null/empty when absent
   * @param halfWeights whether the module's weights are float16
   * @return the inputs and outputs
   * @throws ModelException if a description is malformed, or none is found
   */
  static ModelSignature describe(Path file, String name, String embedded, boolean halfWeights) {
    if (embedded != null && !embedded.isBlank()) {
      return parse(embedded, name + " (" + file + ", embedded " + EXTRA_FILE + ")").withHalfWeights(halfWeights);
    }
    Path sidecar = sidecar(file);
    if (Files.isRegularFile(sidecar)) {
      try {
        return parse(Files.readString(sidecar, StandardCharsets.UTF_8), sidecar.toString()).withHalfWeights(halfWeights);
      } catch (IOException e) {
        throw new ModelException("cannot read the description " + sidecar + " of model " + name + ": " + e.getMessage(), e);
      }
    }
    Optional<ModelSignature> byName = fromFileName(file, halfWeights);
    if (byName.isPresent()) {
      return byName.get();
    }
    throw new ModelException("TorchScript model " + name + " (" + file + ") does not say what it takes: "
        + "TorchScript files carry no tensor shapes. Embed a " + EXTRA_FILE + " entry when saving it "
        + "(torch.jit.save(m, path, _extra_files={'" + EXTRA_FILE + "': ...})) or write " + sidecar
        + " holding {\"inputs\": [{\"name\": \"input\", \"shape\": [1, 3, 512, 512], \"type\": \"float32\"}], "
        + "\"outputs\": [{\"name\": \"output\", \"shape\": [1, 3, 512, 512], \"type\": \"float32\"}]}");
  }

  /** Returns the sidecar description's path: the model's file name plus {@code .json}. */
  static Path sidecar(Path file) {
    return file.resolveSibling(file.getFileName() + ".json");
  }

  /**
   * Describes a GPEN generator by its file name. Nothing says which type it takes, so a module
   * with half-precision weights is taken to take and return half-precision tensors.
   */
  static Optional<ModelSignature> fromFileName(Path file, boolean halfWeights) {
    String fileName = file.getFileName().toString();
    if (!fileName.toLowerCase(Locale.ROOT).contains("gpen")) {
      return Optional.empty();
    }
    Matcher m = GPEN_SIZE.matcher(fileName);
    if (!m.find()) {
      return Optional.empty();
    }
    long s = Long.parseLong(m.group(1));
    long[] shape = {1, 3, s, s};
    ElementType type = halfWeights ? ElementType.FLOAT16 : ElementType.FLOAT32;
    return Optional.of(new ModelSignature(
        List.of(new TensorInfo("input", shape, type)),
        List.of(new TensorInfo("output", shape, type)),
        halfWeights));
  }

  static ModelSignature parse(String json, String where) {
    try {
      JsonObject root = JsonParser.parseString(json).getAsJsonObject();
      return new ModelSignature(tensors(root, "inputs"), tensors(root, "outputs"), false);
    } catch (JsonParseException | IllegalStateException | IllegalArgumentException
        | UnsupportedOperationException e) {
      throw new ModelException("malformed model description in " + where + ": " + e.getMessage()
          + "; expected {\"inputs\": [{\"name\": ..., \"shape\": [...], \"type\": \"float32\"}], \"outputs\": [...]}", e);
    }
  }

  private static List<TensorInfo> tensors(JsonObject root, String key) {
    JsonElement list = root.get(key);
    if (list == null || !list.isJsonArray() || list.getAsJsonArray().isEmpty()) {
      throw new IllegalArgumentException("'" + key + "' must be a non-empty array");
    }
    List<TensorInfo> out = new ArrayList<>();
    for (JsonElement e : list.getAsJsonArray()) {
      JsonObject t = e.getAsJsonObject();
      if (!t.has("name")) {
        throw new IllegalArgumentException("a tensor in '" + key + "' has no 'name'");
      }
      String name = t.get("name").getAsString();
      JsonArray dims = t.getAsJsonArray("shape");
      if (dims == null) {
        throw new IllegalArgumentException("tensor '" + name + "' has no 'shape'");
      }
      long[] shape = new long[dims.size()];
      for (int i = 0; i < shape.length; i++) {
        shape[i] = dims.get(i).getAsLong();
        if (shape[i] == 0 || shape[i] < -1) {
          throw new IllegalArgumentException("tensor '" + name + "' has dimension " + shape[i]
              + "; use a positive size or -1 for a free one");
        }
      }
      String type = t.has("type") ? t.get("type").getAsString() : "float32";
      if (!type.equals("float32") && !type.equals("float16")) {
        throw new IllegalArgumentException("tensor '" + name + "' has type '" + type
            + "'; this backend exchanges float32 or float16 tensors");
      }
      out.add(new TensorInfo(name, shape, type.equals("float16") ? ElementType.FLOAT16 : ElementType.FLOAT32));
    }
    return out;
  }
}
