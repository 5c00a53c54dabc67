package io.gpen4j.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.ModelException;
import io.gpen4j.internal.image.FloatImage;
import io.gpen4j.models.GeneratorFamily;
import io.gpen4j.models.GeneratorProfile;
import io.gpen4j.spi.ElementType;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.Tensor;
import io.gpen4j.spi.TensorInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

final class FaceEnhancerTest {
  private static final int S = 512;

  /** Echoes its image input and records every feed. */
  private static final class EchoSession implements ModelSession {
    final List<TensorInfo> inputs;
    final List<Map<String, Tensor>> feeds = new ArrayList<>();

    EchoSession(List<TensorInfo> inputs) {
      this.inputs = inputs;
    }

    @Override
    public List<TensorInfo> inputs() {
      return inputs;
    }

    @Override
    public List<TensorInfo> outputs() {
      return List.of(image("output", S));
    }

    @Override
    public Map<String, Tensor> run(Map<String, Tensor> feed) {
      feeds.add(feed);
      return Map.of("output", feed.get(inputs.get(0).name()));
    }

    @Override
    public void close() {}
  }

  private static TensorInfo image(String name, int size) {
    return new TensorInfo(name, new long[] {1, 3, size, size}, ElementType.FLOAT32);
  }

  private static TensorInfo scalar(String name, long... shape) {
    return new TensorInfo(name, shape, ElementType.FLOAT64);
  }

  /** A crop whose red, green and blue planes hold 0, 127.5 and 255 plus a ramp. */
  private static FloatImage crop() {
    float[] px = new float[3 * S * S];
    for (int i = 0; i < S * S; i++) {
      px[i] = i % 50;
      px[S * S + i] = 127.5f;
      px[2 * S * S + i] = 255 - i % 50;
    }
    return FloatImage.wrap(S, S, 3, px);
  }

  @ParameterizedTest
  @EnumSource(GeneratorFamily.class)
  void enhance_echoModel_feedsRgbInMinusOneToOneAndRoundTrips(GeneratorFamily family) {
    List<TensorInfo> inputs = family == GeneratorFamily.CODEFORMER
        ? List.of(image("input", S), scalar("weight", 1))
        : List.of(image("input", S));
    EchoSession session = new EchoSession(inputs);
    FaceEnhancer enhancer = new FaceEnhancer(session, "m", family.profile());
    FloatImage in = crop();
    FloatImage out = enhancer.enhance(in, 0.5);

    float[] fed = session.feeds.get(0).get("input").toArray();
    int plane = S * S;
    // Channel 0 is red (RGB order) and every value is (v - 127.5) / 127.5 (REFERENCE.md §1, §8).
    assertEquals(-1f, fed[0], 1e-6f);
    assertEquals((49 - 127.5f) / 127.5f, fed[49], 1e-6f);
    assertEquals(0f, fed[plane + 7], 1e-6f);
    assertEquals(1f, fed[2 * plane], 1e-6f);
    for (int i = 0; i < in.data().length; i++) {
      assertEquals(in.data()[i], out.data()[i], 1e-3f, "value " + i);
    }
  }

  @Test
  void families_useTheDocumentedTemplates() {
    assertEquals(io.gpen4j.AlignmentTemplate.GPEN, GeneratorFamily.GPEN.profile().template());
    assertEquals(0, GeneratorFamily.GPEN.profile().inputSize());
    for (GeneratorFamily f : List.of(
        GeneratorFamily.GFPGAN, GeneratorFamily.CODEFORMER, GeneratorFamily.RESTOREFORMER_PLUS_PLUS)) {
      assertEquals(io.gpen4j.AlignmentTemplate.FFHQ, f.profile().template(), f.name());
      assertEquals(512, f.profile().inputSize(), f.name());
      assertFalse(f.profile().normalization().bgr(), f.name());
    }
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, 0.3, 1.0})
  void enhance_codeFormer_feedsFidelityToWeight(double fidelity) {
    EchoSession session = new EchoSession(List.of(image("input", S), scalar("weight", 1)));
    FaceEnhancer enhancer = new FaceEnhancer(session, "cf", GeneratorFamily.CODEFORMER.profile());
    assertTrue(enhancer.takesFidelity());
    enhancer.enhance(crop(), fidelity);
    Tensor w = session.feeds.get(0).get("weight");
    assertArrayEquals(new long[] {1}, w.shape());
    assertEquals((float) fidelity, w.toArray()[0], 0f);
  }

  @Test
  void enhance_codeFormerExportWithOtherNames_feedsTheOnlyScalarInput() {
    // Rope's codeformer_fp16.onnx calls its inputs x and w.
    EchoSession session = new EchoSession(List.of(image("x", S), scalar("w")));
    FaceEnhancer enhancer = new FaceEnhancer(session, "rope", GeneratorFamily.CODEFORMER.profile());
    enhancer.enhance(crop(), 0.7);
    Tensor w = session.feeds.get(0).get("w");
    assertArrayEquals(new long[0], w.shape());
    assertEquals(0.7f, w.toArray()[0], 0f);
  }

  @Test
  void enhance_plainGenerator_feedsNoScalarAndDoesNotTakeFidelity() {
    EchoSession session = new EchoSession(List.of(image("input", S)));
    FaceEnhancer enhancer = new FaceEnhancer(session, "g", GeneratorFamily.GFPGAN.profile());
    assertFalse(enhancer.takesFidelity());
    enhancer.enhance(crop(), 0.2);
    assertEquals(List.of("input"), List.copyOf(session.feeds.get(0).keySet()));
  }

  @Test
  void open_codeFormerWithoutWeightInput_namesWhatItNeedsAndWhatTheFileHas() {
    EchoSession session = new EchoSession(List.of(image("input", S)));
    ModelException e = assertThrows(ModelException.class,
        () -> new FaceEnhancer(session, "cf.onnx", GeneratorFamily.CODEFORMER.profile()));
    String m = e.getMessage();
    assertTrue(m.contains("cf.onnx"), m);
    assertTrue(m.contains("CODEFORMER"), m);
    assertTrue(m.contains("'weight' [1] for FIDELITY_WEIGHT"), m);
    assertTrue(m.contains("the file has inputs [input:float32[1,3,512,512]]"), m);
  }

  @Test
  void open_gfpganAtWrongSize_namesBothSizes() {
    EchoSession session = new EchoSession(List.of(image("input", 256)));
    ModelException e = assertThrows(ModelException.class,
        () -> new FaceEnhancer(session, "gfpgan.onnx", GeneratorFamily.GFPGAN.profile()));
    String m = e.getMessage();
    assertTrue(m.contains("GFPGAN takes 512x512 crops"), m);
    assertTrue(m.contains("a 256x256 model"), m);
  }

  @Test
  void open_codeFormerFileTakenForGpen_suggestsTheCodeFormerProfile() {
    EchoSession session = new EchoSession(List.of(image("input", S), scalar("weight", 1)));
    ModelException e = assertThrows(ModelException.class, () -> new FaceEnhancer(session, "unknown.onnx"));
    String m = e.getMessage();
    assertTrue(m.contains("expected a GPEN generator"), m);
    assertTrue(m.contains("weight:float64[1]"), m);
    assertTrue(m.contains("GeneratorFamily.CODEFORMER.profile()"), m);
  }

  @Test
  void open_gpenProfileWithoutSize_takesTheModelsSize() {
    EchoSession session = new EchoSession(List.of(image("input", S)));
    FaceEnhancer enhancer = new FaceEnhancer(session, "gpen");
    assertEquals(S, enhancer.size());
    assertEquals(GeneratorFamily.GPEN, enhancer.profile().family());
  }

  @Test
  void enhance_fidelityOutsideUnitRange_isRejected() {
    FaceEnhancer enhancer = new FaceEnhancer(
        new EchoSession(List.of(image("input", S), scalar("weight", 1))), "cf", GeneratorFamily.CODEFORMER.profile());
    assertThrows(IllegalArgumentException.class, () -> enhancer.enhance(crop(), 1.5));
  }

  @Test
  void profile_rejectsNegativeSizeAndDuplicateScalarNames() {
    GeneratorProfile cf = GeneratorFamily.CODEFORMER.profile();
    assertThrows(IllegalArgumentException.class, () -> cf.withInputSize(-1));
    assertThrows(IllegalArgumentException.class, () -> new GeneratorProfile(cf.family(), 512, cf.template(),
        cf.normalization(), List.of(cf.scalarInputs().get(0), cf.scalarInputs().get(0))));
    assertEquals(io.gpen4j.AlignmentTemplate.GPEN, cf.withTemplate(io.gpen4j.AlignmentTemplate.GPEN).template());
  }
}
