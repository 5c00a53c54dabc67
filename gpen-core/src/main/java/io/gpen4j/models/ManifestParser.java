package io.gpen4j.models;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.gpen4j.AlignmentTemplate;
import io.gpen4j.DetectorType;
import io.gpen4j.ModelException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads the model manifest ({@code models/manifest.json}, shipped as {@value #RESOURCE}) into
 * {@link ModelSpec}s. The format: {@code schemaVersion} (1), {@code licenses} (id to {@code name},
 * {@code url}, {@code requiresAcceptance}) and {@code models}, each with {@code name}, {@code file},
 * {@code description}, {@code role}, {@code license} (an id), {@code sha256}, optional {@code size},
 * {@code inputSize}, {@code normalization}, {@code template} and optional {@code family}
 * (restorers; a {@link GeneratorFamily} name, GPEN when absent) or {@code detector} (detectors) or
 * {@code parser} (face parsers; a {@link ParserFamily} name), {@code matting} (portrait matters; a
 * {@link MattingFamily} name), {@code scale} (background upscalers:
 * 1, 2 or 4), and {@code sources}: objects with a {@code url} and, when that location serves
 * another export, its own {@code sha256} and {@code size}. Every error names the manifest, the model
 * and the field.
 */
final class ManifestParser {
  /** Where the manifest lives on the class path. */
  static final String RESOURCE = "/io/gpen4j/models/manifest.json";

  private static final int SCHEMA_VERSION = 1;

  private final String source;

  private ManifestParser(String source) {
    this.source = source;
  }

  /**
   * Reads the manifest bundled in gpen-core's jar.
   *
   * @return the models in manifest order
   * @throws ModelException if the resource is missing or invalid
   */
  static List<ModelSpec> loadBundled() {
    try (InputStream in = ManifestParser.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new ModelException("model manifest " + RESOURCE + " is missing from the class path");
      }
      return parse(new InputStreamReader(in, StandardCharsets.UTF_8), "classpath:" + RESOURCE);
    } catch (IOException e) {
      throw new ModelException("cannot read model manifest " + RESOURCE + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses a manifest.
   *
   * @param reader the JSON text; not closed
   * @param source a name for the manifest in error messages
   * @return the models in manifest order
   * @throws ModelException if the text is not a valid manifest
   */
  static List<ModelSpec> parse(Reader reader, String source) {
    ManifestParser parser = new ManifestParser(source);
    JsonElement root;
    try {
      root = JsonParser.parseReader(reader);
    } catch (JsonParseException e) {
      throw new ModelException("model manifest " + source + " is not valid JSON: " + e.getMessage(), e);
    }
    return parser.read(root);
  }

  private List<ModelSpec> read(JsonElement root) {
    if (!root.isJsonObject()) {
      throw error("the top level must be a JSON object");
    }
    JsonObject top = root.getAsJsonObject();
    long version = integer(top, "schemaVersion", "manifest");
    if (version != SCHEMA_VERSION) {
      throw error("schemaVersion " + version + " is not supported (expected " + SCHEMA_VERSION + ")");
    }
    Map<String, ModelLicense> licenses = readLicenses(object(top, "licenses", "manifest"));
    JsonArray models = array(top, "models", "manifest");
    List<ModelSpec> specs = new ArrayList<>(models.size());
    Set<String> names = new HashSet<>();
    Set<String> files = new HashSet<>();
    for (int i = 0; i < models.size(); i++) {
      JsonElement element = models.get(i);
      if (!element.isJsonObject()) {
        throw error("models[" + i + "] must be an object");
      }
      ModelSpec spec = readModel(element.getAsJsonObject(), "models[" + i + "]", licenses);
      if (!names.add(ModelNames.key(spec.name()))) {
        throw error("model name " + spec.name() + " appears twice");
      }
      if (!files.add(spec.fileName())) {
        throw error("file name " + spec.fileName() + " appears twice");
      }
      specs.add(spec);
    }
    return List.copyOf(specs);
  }

  private Map<String, ModelLicense> readLicenses(JsonObject object) {
    Map<String, ModelLicense> licenses = new HashMap<>();
    for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
      String where = "licence " + entry.getKey();
      if (!entry.getValue().isJsonObject()) {
        throw error(where + " must be an object");
      }
      JsonObject o = entry.getValue().getAsJsonObject();
      try {
        licenses.put(
            entry.getKey(),
            new ModelLicense(
                entry.getKey(),
                string(o, "name", where),
                uri(o, "url", where),
                bool(o, "requiresAcceptance", where)));
      } catch (IllegalArgumentException e) {
        throw error(where + ": " + e.getMessage());
      }
    }
    return licenses;
  }

  private ModelSpec readModel(JsonObject o, String where, Map<String, ModelLicense> licenses) {
    String name = string(o, "name", where);
    where = "model " + name;
    String licenseId = string(o, "license", where);
    ModelLicense license = licenses.get(licenseId);
    if (license == null) {
      throw error(where + ": licence '" + licenseId + "' is not in 'licenses' " + licenses.keySet());
    }
    String sha256 = string(o, "sha256", where);
    OptionalLong size = optionalSize(o, "size", where);
    List<DownloadLocation> locations = new ArrayList<>();
    JsonArray sources = array(o, "sources", where);
    for (int i = 0; i < sources.size(); i++) {
      String at = where + " sources[" + i + "]";
      if (!sources.get(i).isJsonObject()) {
        throw error(at + " must be an object");
      }
      JsonObject s = sources.get(i).getAsJsonObject();
      boolean ownHash = s.has("sha256");
      try {
        locations.add(
            new DownloadLocation(
                uri(s, "url", at),
                ownHash ? string(s, "sha256", at) : sha256,
                ownHash ? optionalSize(s, "size", at) : size));
      } catch (IllegalArgumentException e) {
        throw error(at + ": " + e.getMessage());
      }
    }
    ModelRole role = enumValue(ModelRole.class, string(o, "role", where), where, "role");
    Optional<AlignmentTemplate> template =
        o.has("template")
            ? Optional.of(enumValue(AlignmentTemplate.class, string(o, "template", where), where, "template"))
            : Optional.empty();
    Optional<DetectorType> detector =
        o.has("detector")
            ? Optional.of(enumValue(DetectorType.class, string(o, "detector", where), where, "detector"))
            : Optional.empty();
    if (o.has("family") && role != ModelRole.RESTORER) {
      throw error(where + ": family is for restorers only");
    }
    Optional<GeneratorFamily> family = role != ModelRole.RESTORER
        ? Optional.empty()
        : Optional.of(o.has("family")
            ? enumValue(GeneratorFamily.class, string(o, "family", where), where, "family")
            : GeneratorFamily.GPEN);
    if (o.has("parser") != (role == ModelRole.FACE_PARSER)) {
      throw error(where + ": field 'parser' (" + java.util.Arrays.toString(ParserFamily.values())
          + ") is required for face parsers and only for them");
    }
    Optional<ParserFamily> parser = role != ModelRole.FACE_PARSER
        ? Optional.empty()
        : Optional.of(enumValue(ParserFamily.class, string(o, "parser", where), where, "parser"));
    if (o.has("matting") != (role == ModelRole.PORTRAIT_MATTER)) {
      throw error(where + ": field 'matting' (" + java.util.Arrays.toString(MattingFamily.values())
          + ") is required for portrait matters and only for them");
    }
    Optional<MattingFamily> matting = role != ModelRole.PORTRAIT_MATTER
        ? Optional.empty()
        : Optional.of(enumValue(MattingFamily.class, string(o, "matting", where), where, "matting"));
    if (o.has("scale") != (role == ModelRole.BACKGROUND_UPSCALER)) {
      throw error(where + ": scale is required for background upscalers and for them only");
    }
    OptionalInt scale = OptionalInt.empty();
    if (o.has("scale")) {
      long s = integer(o, "scale", where);
      if (s != 1 && s != 2 && s != 4) {
        throw error(where + ": scale must be 1, 2 or 4: " + s);
      }
      scale = OptionalInt.of((int) s);
    }
    long inputSize = integer(o, "inputSize", where);
    if (inputSize <= 0 || inputSize > Integer.MAX_VALUE) {
      throw error(where + ": inputSize must be a positive int: " + inputSize);
    }
    try {
      return new ModelSpec(
          name,
          string(o, "file", where),
          o.has("description") ? string(o, "description", where) : name,
          role,
          license,
          sha256,
          size,
          locations,
          (int) inputSize,
          enumValue(Normalization.class, string(o, "normalization", where), where, "normalization"),
          template,
          detector,
          family,
          parser, scale, matting);
    } catch (IllegalArgumentException e) {
      throw error(where + ": " + e.getMessage());
    }
  }

  private <E extends Enum<E>> E enumValue(Class<E> type, String value, String where, String field) {
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      List<String> known = new ArrayList<>();
      for (E constant : type.getEnumConstants()) {
        known.add(constant.name());
      }
      throw error(where + ": " + field + " '" + value + "' is not one of " + known);
    }
  }

  private JsonElement required(JsonObject o, String field, String where) {
    JsonElement e = o.get(field);
    if (e == null || e.isJsonNull()) {
      throw error(where + ": field '" + field + "' is missing");
    }
    return e;
  }

  private String string(JsonObject o, String field, String where) {
    JsonElement e = required(o, field, where);
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
      throw error(where + ": field '" + field + "' must be a string");
    }
    return e.getAsString();
  }

  private boolean bool(JsonObject o, String field, String where) {
    JsonElement e = required(o, field, where);
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
      throw error(where + ": field '" + field + "' must be true or false");
    }
    return e.getAsBoolean();
  }

  private long integer(JsonObject o, String field, String where) {
    JsonElement e = required(o, field, where);
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
      throw error(where + ": field '" + field + "' must be a number");
    }
    try {
      return e.getAsBigDecimal().longValueExact();
    } catch (ArithmeticException ex) {
      throw error(where + ": field '" + field + "' must be a whole number: " + e);
    }
  }

  private OptionalLong optionalSize(JsonObject o, String field, String where) {
    if (!o.has(field) || o.get(field).isJsonNull()) {
      return OptionalLong.empty();
    }
    long size = integer(o, field, where);
    if (size <= 0) {
      throw error(where + ": field '" + field + "' must be positive: " + size);
    }
    return OptionalLong.of(size);
  }

  private URI uri(JsonObject o, String field, String where) {
    String text = string(o, field, where);
    try {
      return new URI(text);
    } catch (URISyntaxException e) {
      throw error(where + ": field '" + field + "' is not a valid URI: " + text);
    }
  }

  private JsonObject object(JsonObject o, String field, String where) {
    JsonElement e = required(o, field, where);
    if (!e.isJsonObject()) {
      throw error(where + ": field '" + field + "' must be an object");
    }
    return e.getAsJsonObject();
  }

  private JsonArray array(JsonObject o, String field, String where) {
    JsonElement e = required(o, field, where);
    if (!e.isJsonArray()) {
      throw error(where + ": field '" + field + "' must be an array");
    }
    return e.getAsJsonArray();
  }

  private ModelException error(String problem) {
    return new ModelException("model manifest " + source + ": " + problem);
  }
}
