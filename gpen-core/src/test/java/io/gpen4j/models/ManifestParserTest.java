package io.gpen4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.ModelException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class ManifestParserTest {
  private static final String MODEL =
      "{\"name\":\"M\",\"file\":\"m.onnx\",\"role\":\"DETECTOR\",\"license\":\"free\","
          + "\"sha256\":\"" + "ab".repeat(32) + "\",\"size\":10,\"inputSize\":640,"
          + "\"normalization\":\"BGR_0_255\",\"detector\":\"YUNET\","
          + "\"sources\":[{\"url\":\"https://example.org/m.onnx\"},"
          + "{\"url\":\"https://mirror.example.org/m.onnx\",\"sha256\":\"" + "cd".repeat(32)
          + "\",\"size\":12}]}";
  private static final String LICENSES =
      "\"licenses\":{\"free\":{\"name\":\"Free\",\"url\":\"https://example.org/l\","
          + "\"requiresAcceptance\":false}}";

  private static List<ModelSpec> parse(String json) {
    return ManifestParser.parse(new StringReader(json), "test.json");
  }

  private static String manifest(String... models) {
    return "{\"schemaVersion\":1," + LICENSES + ",\"models\":[" + String.join(",", models) + "]}";
  }

  @Test
  void parse_readsLocationsWithOwnHashAndSize() {
    ModelSpec spec = parse(manifest(MODEL)).get(0);

    assertEquals("M", spec.name());
    assertEquals(OptionalLong.of(10), spec.locations().get(0).sizeBytes());
    assertEquals("ab".repeat(32), spec.locations().get(0).sha256());
    assertEquals("cd".repeat(32), spec.locations().get(1).sha256());
    assertEquals(OptionalLong.of(12), spec.locations().get(1).sizeBytes());
    assertEquals("Free", spec.license().name());
  }

  @Test
  void parse_realManifestFile_equalsBundledResource() throws IOException {
    Path file = Paths.get(System.getProperty("gpen4j.repo", "..")).resolve("models/manifest.json");
    List<ModelSpec> fromFile =
        ManifestParser.parse(Files.newBufferedReader(file, StandardCharsets.UTF_8), file.toString());

    assertEquals(ManifestParser.loadBundled(), fromFile);
    assertEquals(16, fromFile.size());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "\"sha256\":\"" + "ab" + "|\"sha256\":\"zz|model M",
        "\"license\":\"free\"|\"license\":\"paid\"|licence 'paid' is not in",
        "\"role\":\"DETECTOR\"|\"role\":\"SINGER\"|role 'SINGER' is not one of",
        "\"inputSize\":640|\"inputSize\":-3|inputSize must be a positive int",
        "\"size\":10|\"size\":\"ten\"|field 'size' must be a number",
        "\"file\":\"m.onnx\"|\"file\":\"../m.onnx\"|plain file name",
        "https://example.org/m.onnx|ftp://example.org/m.onnx|sources[0]",
        "\"detector\":\"YUNET\"|\"template\":\"GPEN\"|needs a detector type",
        "\"detector\":\"YUNET\"|\"detector\":\"YUNET\",\"family\":\"GFPGAN\"|family is for restorers only",
      })
  void parse_badField_failsNamingModelAndField(String from, String to, String expected) {
    String broken = MODEL.replace(from, to);
    ModelException e = assertThrows(ModelException.class, () -> parse(manifest(broken)));
    assertTrue(e.getMessage().contains("test.json"), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void parse_duplicateNames_fail() {
    String twin = MODEL.replace("\"file\":\"m.onnx\"", "\"file\":\"m2.onnx\"").replace("\"M\"", "\"m\"");
    ModelException e = assertThrows(ModelException.class, () -> parse(manifest(MODEL, twin)));
    assertTrue(e.getMessage().contains("appears twice"), e.getMessage());
  }

  @Test
  void parse_wrongSchemaOrJson_fails() {
    ModelException version =
        assertThrows(
            ModelException.class,
            () -> parse(manifest(MODEL).replace("\"schemaVersion\":1", "\"schemaVersion\":2")));
    assertTrue(version.getMessage().contains("schemaVersion 2"), version.getMessage());
    ModelException json = assertThrows(ModelException.class, () -> parse("{\"models\": ["));
    assertTrue(json.getMessage().contains("test.json"), json.getMessage());
    ModelException missing = assertThrows(ModelException.class, () -> parse("{\"schemaVersion\":1}"));
    assertTrue(missing.getMessage().contains("'licenses' is missing"), missing.getMessage());
  }

  @Test
  void parse_restorerFamily_givesItsProfileAndDefaultsToGpen() {
    String restorer = MODEL.replace("\"role\":\"DETECTOR\"", "\"role\":\"RESTORER\"")
        .replace("\"inputSize\":640", "\"inputSize\":512")
        .replace("\"normalization\":\"BGR_0_255\"", "\"normalization\":\"RGB_MINUS_ONE_TO_ONE\"");
    ModelSpec codeFormer = parse(manifest(
        restorer.replace("\"detector\":\"YUNET\"", "\"template\":\"FFHQ\",\"family\":\"CODEFORMER\""))).get(0);
    assertEquals(GeneratorFamily.CODEFORMER.profile(), codeFormer.generatorProfile().orElseThrow());
    ModelSpec plain = parse(manifest(restorer.replace("\"detector\":\"YUNET\"", "\"template\":\"GPEN\""))).get(0);
    assertEquals(GeneratorFamily.GPEN.profile().withInputSize(512), plain.generatorProfile().orElseThrow());
    ModelException e = assertThrows(ModelException.class, () -> parse(manifest(
        restorer.replace("\"detector\":\"YUNET\"", "\"template\":\"GPEN\",\"family\":\"VQFR\""))));
    assertTrue(e.getMessage().contains("family 'VQFR' is not one of"), e.getMessage());
  }

  @Test
  void parse_faceParser_needsItsFamilyAndTheFamilysNormalization() {
    String parser = MODEL.replace("\"role\":\"DETECTOR\"", "\"role\":\"FACE_PARSER\"")
        .replace("\"inputSize\":640", "\"inputSize\":512")
        .replace("\"normalization\":\"BGR_0_255\"", "\"normalization\":\"RGB_IMAGENET\"");
    ModelSpec bisenet = parse(manifest(parser.replace("\"detector\":\"YUNET\"", "\"parser\":\"BISENET\""))).get(0);
    assertEquals(ModelRole.FACE_PARSER, bisenet.role());
    assertEquals(ParserFamily.BISENET, bisenet.parserFamily().orElseThrow());

    ModelException missing = assertThrows(ModelException.class,
        () -> parse(manifest(parser.replace(",\"detector\":\"YUNET\"", ""))));
    assertTrue(missing.getMessage().contains("'parser'"), missing.getMessage());
    ModelException onDetector = assertThrows(ModelException.class,
        () -> parse(manifest(MODEL.replace("\"detector\":\"YUNET\"", "\"detector\":\"YUNET\",\"parser\":\"BISENET\""))));
    assertTrue(onDetector.getMessage().contains("'parser'"), onDetector.getMessage());
    ModelException wrongNorm = assertThrows(ModelException.class, () -> parse(manifest(
        parser.replace("\"detector\":\"YUNET\"", "\"parser\":\"PARSENET\""))));
    assertTrue(wrongNorm.getMessage().contains("PARSENET, which takes RGB_MINUS_ONE_TO_ONE"), wrongNorm.getMessage());
  }

  @Test
  void parse_portraitMatter_readsTheMattingFamilyAndRejectsItElsewhere() {
    String matter = MODEL.replace("\"role\":\"DETECTOR\"", "\"role\":\"PORTRAIT_MATTER\"")
        .replace("\"normalization\":\"BGR_0_255\"", "\"normalization\":\"RGB_MINUS_ONE_TO_ONE\"");
    ModelSpec modnet = parse(manifest(matter.replace("\"detector\":\"YUNET\"", "\"matting\":\"MODNET\""))).get(0);
    assertEquals(ModelRole.PORTRAIT_MATTER, modnet.role());
    assertEquals(MattingFamily.MODNET, modnet.mattingFamily().orElseThrow());
    assertEquals(Optional.empty(), modnet.parserFamily());
    ModelException missing = assertThrows(ModelException.class,
        () -> parse(manifest(matter.replace(",\"detector\":\"YUNET\"", ""))));
    assertTrue(missing.getMessage().contains("field 'matting' ([MODNET]) is required for portrait matters"),
        missing.getMessage());
    ModelException onDetector = assertThrows(ModelException.class, () -> parse(manifest(
        MODEL.replace("\"detector\":\"YUNET\"", "\"detector\":\"YUNET\",\"matting\":\"MODNET\""))));
    assertTrue(onDetector.getMessage().contains("'matting'"), onDetector.getMessage());
    ModelException unknown = assertThrows(ModelException.class,
        () -> parse(manifest(matter.replace("\"detector\":\"YUNET\"", "\"matting\":\"U2NET\""))));
    assertTrue(unknown.getMessage().contains("matting 'U2NET' is not one of [MODNET]"), unknown.getMessage());
    ModelException wrongNorm = assertThrows(ModelException.class, () -> parse(manifest(
        MODEL.replace("\"role\":\"DETECTOR\"", "\"role\":\"PORTRAIT_MATTER\"")
            .replace("\"detector\":\"YUNET\"", "\"matting\":\"MODNET\""))));
    assertTrue(wrongNorm.getMessage().contains("MODNET, which takes RGB_MINUS_ONE_TO_ONE (BGR_0_255 given)"),
        wrongNorm.getMessage());
  }

  @Test
  void parse_backgroundUpscaler_readsScaleAndRejectsItElsewhere() {
    String upscaler = MODEL.replace("\"role\":\"DETECTOR\"", "\"role\":\"BACKGROUND_UPSCALER\"")
        .replace("\"normalization\":\"BGR_0_255\"", "\"normalization\":\"RGB_ZERO_TO_ONE\"");
    ModelSpec x2 = parse(manifest(upscaler.replace("\"detector\":\"YUNET\"", "\"scale\":2"))).get(0);
    assertEquals(ModelRole.BACKGROUND_UPSCALER, x2.role());
    assertEquals(java.util.OptionalInt.of(2), x2.scale());
    assertEquals(Optional.empty(), x2.family());
    ModelException three = assertThrows(ModelException.class,
        () -> parse(manifest(upscaler.replace("\"detector\":\"YUNET\"", "\"scale\":3"))));
    assertTrue(three.getMessage().contains("scale must be 1, 2 or 4: 3"), three.getMessage());
    ModelException none = assertThrows(ModelException.class,
        () -> parse(manifest(upscaler.replace(",\"detector\":\"YUNET\"", ""))));
    assertTrue(none.getMessage().contains("scale is required for background upscalers"), none.getMessage());
    ModelException onDetector = assertThrows(ModelException.class,
        () -> parse(manifest(MODEL.replace("\"detector\":\"YUNET\"", "\"detector\":\"YUNET\",\"scale\":2"))));
    assertTrue(onDetector.getMessage().contains("for them only"), onDetector.getMessage());
  }
}
