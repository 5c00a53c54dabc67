package io.gpen4j.idphoto;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A set of ID-photo specifications by name: the ones built in ({@code id-photo-specs.json} beside
 * this class, each with its official source) and any a user adds from a file of the same form.
 *
 * <p>The file is a JSON object with a {@code specs} array; each element has the keys of
 * {@link IdPhotoSpec}: {@code name}, {@code title}, {@code widthMm}, {@code heightMm}, {@code dpi},
 * {@code widthPx}, {@code heightPx}, {@code headHeightMm} ({@code [min, max]}), {@code eyeLineMm}
 * and/or {@code topMarginMm} ({@code [min, max]}), {@code background} ({@code "#RRGGBB"}), and
 * optionally {@code allowedBackgrounds} (colours), {@code minFileKb}, {@code maxFileKb},
 * {@code source} and {@code unverified} (field names). A user's spec with a built-in name replaces
 * the built-in one. See the module's README for an example.
 *
 * <p>Immutable and thread-safe.
 */
public final class IdPhotoSpecs {
  private static final String BUILT_IN = "id-photo-specs.json";
  private final Map<String, IdPhotoSpec> specs;

  private IdPhotoSpecs(Map<String, IdPhotoSpec> specs) {
    this.specs = specs;
  }

  /**
   * Returns the built-in specifications.
   *
   * @return the specs, in the file's order
   */
  public static IdPhotoSpecs builtIn() {
    try (InputStream in = IdPhotoSpecs.class.getResourceAsStream(BUILT_IN)) {
      if (in == null) {
        throw new IllegalStateException(BUILT_IN + " is missing from the gpen-idphoto jar");
      }
      return new IdPhotoSpecs(parse(new InputStreamReader(in, StandardCharsets.UTF_8), BUILT_IN, new LinkedHashMap<>()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Returns these specifications with a user's file added; a spec of the same name replaces the
   * one here.
   *
   * @param file a JSON file of the built-in file's form
   * @return a new set
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if the file is not such JSON or a spec in it is invalid; the
   *     message names the file, the spec and the field
   */
  public IdPhotoSpecs with(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return new IdPhotoSpecs(parse(in, file.toString(), new LinkedHashMap<>(specs)));
    }
  }

  /**
   * Returns a specification by name, ignoring case.
   *
   * @param name the spec's name, such as {@code us-passport}
   * @return the spec
   * @throws IllegalArgumentException if there is none of that name; the message lists the names
   */
  public IdPhotoSpec get(String name) {
    IdPhotoSpec spec = specs.get(Objects.requireNonNull(name, "name").toLowerCase(Locale.ROOT));
    if (spec == null) {
      throw new IllegalArgumentException("unknown ID-photo spec '" + name + "'; known specs: " + String.join(", ", specs.keySet()));
    }
    return spec;
  }

  /**
   * Returns every specification.
   *
   * @return the specs, built-in ones first, in file order
   */
  public Collection<IdPhotoSpec> all() {
    return List.copyOf(specs.values());
  }

  private static Map<String, IdPhotoSpec> parse(Reader in, String file, Map<String, IdPhotoSpec> into) {
    JsonArray array;
    try {
      JsonElement root = JsonParser.parseReader(in);
      if (!root.isJsonObject() || !root.getAsJsonObject().has("specs") || !root.getAsJsonObject().get("specs").isJsonArray()) {
        throw new IllegalArgumentException(file + ": expected a JSON object with a \"specs\" array");
      }
      array = root.getAsJsonObject().getAsJsonArray("specs");
    } catch (JsonParseException e) {
      throw new IllegalArgumentException(file + " is not valid JSON: " + e.getMessage(), e);
    }
    int index = 0;
    for (JsonElement e : array) {
      String where = file + ", specs[" + index++ + "]";
      if (!e.isJsonObject()) {
        throw new IllegalArgumentException(where + ": expected an object");
      }
      IdPhotoSpec spec = spec(e.getAsJsonObject(), where);
      into.put(spec.name(), spec);
    }
    return into;
  }

  private static IdPhotoSpec spec(JsonObject o, String where) {
    String name = string(o, "name", where, null);
    String at = where + " (" + name + ")";
    try {
      List<Integer> allowed = new ArrayList<>();
      if (o.has("allowedBackgrounds")) {
        for (JsonElement c : o.getAsJsonArray("allowedBackgrounds")) {
          allowed.add(BackgroundColor.parse(c.getAsString()).rgb());
        }
      }
      List<String> unverified = new ArrayList<>();
      if (o.has("unverified")) {
        o.getAsJsonArray("unverified").forEach(u -> unverified.add(u.getAsString()));
      }
      return new IdPhotoSpec(name, string(o, "title", at, name), number(o, "widthMm", at), number(o, "heightMm", at),
          (int) number(o, "dpi", at), (int) number(o, "widthPx", at), (int) number(o, "heightPx", at),
          range(o, "headHeightMm", at).orElseThrow(() -> new IllegalArgumentException(at + ": headHeightMm is missing")),
          range(o, "eyeLineMm", at), range(o, "topMarginMm", at),
          BackgroundColor.parse(string(o, "background", at, "#FFFFFF")).rgb(), allowed,
          o.has("minFileKb") ? (int) number(o, "minFileKb", at) : 0,
          o.has("maxFileKb") ? (int) number(o, "maxFileKb", at) : 0,
          string(o, "source", at, "(not given)"), unverified);
    } catch (IllegalArgumentException | IllegalStateException | ClassCastException e) {
      String m = e.getMessage();
      throw new IllegalArgumentException(m != null && m.startsWith(where) ? m : at + ": " + m, e);
    }
  }

  private static String string(JsonObject o, String key, String where, String fallback) {
    if (!o.has(key)) {
      if (fallback == null) {
        throw new IllegalArgumentException(where + ": " + key + " is missing");
      }
      return fallback;
    }
    return o.get(key).getAsString();
  }

  private static double number(JsonObject o, String key, String where) {
    if (!o.has(key) || !o.get(key).isJsonPrimitive() || !o.get(key).getAsJsonPrimitive().isNumber()) {
      throw new IllegalArgumentException(where + ": " + key + " must be a number");
    }
    return o.get(key).getAsDouble();
  }

  private static Optional<MmRange> range(JsonObject o, String key, String where) {
    if (!o.has(key) || o.get(key).isJsonNull()) {
      return Optional.empty();
    }
    JsonElement e = o.get(key);
    if (!e.isJsonArray() || e.getAsJsonArray().size() != 2) {
      throw new IllegalArgumentException(where + ": " + key + " must be [min, max] in mm");
    }
    return Optional.of(new MmRange(e.getAsJsonArray().get(0).getAsDouble(), e.getAsJsonArray().get(1).getAsDouble()));
  }
}
