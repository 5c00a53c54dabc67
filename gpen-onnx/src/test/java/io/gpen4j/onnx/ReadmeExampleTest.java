package io.gpen4j.onnx;

import io.gpen4j.onnxformat.testing.ModelBuilder;
import io.gpen4j.onnxformat.rewrite.FloatTensors;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.BackgroundStage;
import io.gpen4j.DetectorStage;
import io.gpen4j.DetectorType;
import io.gpen4j.FaceMask;
import io.gpen4j.FaceRegion;
import io.gpen4j.FaceRestorer;
import io.gpen4j.GeneratorStage;
import io.gpen4j.Limits;
import io.gpen4j.ParserStage;
import io.gpen4j.RestoreOptions;
import io.gpen4j.RestoreResult;
import io.gpen4j.RestoredFace;
import io.gpen4j.Threads;
import io.gpen4j.models.GeneratorFamily;
import io.gpen4j.models.GeneratorProfile;
import io.gpen4j.models.ParserFamily;
import io.gpen4j.spi.Device;
import io.gpen4j.spi.Precision;
import io.gpen4j.spi.SessionSettings;
import io.gpen4j.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library example of README.md, line for line, with the model and photo paths pointed at the
 * test data. Keep the two in step.
 */
final class ReadmeExampleTest {
  @TempDir Path tmp;

  @Test
  void readmeLibraryExample_runs() throws IOException {
    Path gpen = SharedData.randomGpen256();
    Path yunet = SharedData.yunet();
    Path photo = SharedData.image("grace_hopper.jpg");
    Path restored = tmp.resolve("restored.png");

    int faces = 0;
    // --- README.md "Use it as a library" ---
    try (FaceRestorer restorer = FaceRestorer.builder()
        .generator(GeneratorStage.of(gpen))
        .detector(DetectorStage.of(DetectorType.YUNET, yunet))
        .build()) {
      RestoreOptions options = RestoreOptions.builder()
          .onlyLargestFace()       // or maxFaces(n); all faces by default
          .minFaceSize(32)         // skip faces under 32 px
          .fidelity(0.8)           // 0 = original, 1 = generator output (default)
          .upscale(2)              // 1, 2 or 4: background resized, faces pasted at 2x
          .progressListener(p -> System.out.printf("%d/%d faces%n", p.facesDone(), p.facesTotal()))
          .build();
      RestoreResult result = restorer.restore(photo, restored, options);
      for (RestoredFace face : result.faces()) {
        System.out.println(face.box() + " score " + face.score() + " took " + face.timings().total());
      }
      // --- end of the README example ---
      faces = result.faces().size();
      assertEquals("onnx", restorer.backendName());
    }
    assertEquals(1, faces);
    assertTrue(Files.size(restored) > 0);
  }

  @Test
  void readmeBatchExample_sendsUpToTheCapPerCall() throws IOException {
    Path freeBatch = TestModels.path(TestModels.CONV_256_BATCH);
    Path group = SharedData.image("solvay_conference_1927.png");
    Path restored = tmp.resolve("group-restored.png");
    int perCall;
    // --- README.md "Several faces per generator call" ---
    try (FaceRestorer restorer = FaceRestorer.builder()
        .generator(GeneratorStage.of(freeBatch))   // exported by models/convert: input [N,3,512,512]
        .limits(Limits.defaults().withMaxBatchSize(8))   // 1: one call per face
        .build()) {
      System.out.println(restorer.batchSize() + " faces per generator call");  // 1 for a batch-1 model
      restorer.restore(group, restored);
      // --- end of the README example ---
      perCall = restorer.batchSize();
    }
    assertEquals(8, perCall);
    assertTrue(Files.size(restored) > 0);
    try (FaceRestorer official = FaceRestorer.builder().generator(GeneratorStage.of(TestModels.path(TestModels.CONV_256)))
        .limits(Limits.defaults().withMaxBatchSize(8))
        .build()) {
      assertEquals(1, official.batchSize());
    }
  }

  @Test
  void readmeBackendSettings_withoutGpu_fallBackToCpu() throws IOException {
    Path modelCache = tmp.resolve("model-cache");
    // --- README.md "Backends" ---
    SessionSettings gpu = SessionSettings.builder()
        .device(Device.parse("cuda:0"))
        .precision(Precision.FP16)          // FP32 files are converted at load, inputs/outputs stay FP32
        .cacheDirectory(modelCache)
        .allowCpuFallback(true)             // else a BackendException says why the GPU cannot be used
        .build();
    // --- end of the README example ---
    try (FaceRestorer restorer = FaceRestorer.builder()
        .sessionSettings(gpu)
        .generator(GeneratorStage.of(SharedData.randomGpen256()))
        .detector(DetectorStage.of(DetectorType.YUNET, SharedData.yunet()))
        .build()) {
      RestoreResult result = restorer.restore(SharedData.image("astronaut.png"), tmp.resolve("fp16.png"));
      assertEquals(1, result.faces().size());
      assertTrue(result.faces().get(0).enhanced());
    }
  }

  @Test
  void readmeOtherRestorersExample_runsCodeFormerWithW() throws IOException {
    Path yunet = SharedData.yunet();
    Path photo = SharedData.image("astronaut.png");
    Path restored = tmp.resolve("codeformer.png");
    Path codeFormer = TestModels.path(TestModels.CODEFORMER_ECHO_512);
    GeneratorProfile used;
    // --- README.md "Other restorers" ---
    try (FaceRestorer restorer = FaceRestorer.builder()
        .generator(GeneratorStage.of(codeFormer)
            .withProfile(GeneratorFamily.CODEFORMER.profile()))   // 512, FFHQ, [-1,1] RGB, input w
        .detector(DetectorStage.of(DetectorType.YUNET, yunet))
        .build()) {
      restorer.restore(photo, restored, RestoreOptions.builder().fidelity(0.7).build());  // w = 0.7
      // --- end of the README example ---
      used = restorer.generatorProfile();
    }
    assertEquals(GeneratorFamily.CODEFORMER, used.family());
    assertTrue(Files.size(restored) > 0);
  }

  @Test
  void readmeFaceParsingExample_pastesThroughTheParser() throws IOException {
    Path gpen = SharedData.randomGpen256();
    Path yunet = SharedData.yunet();
    Path photo = SharedData.image("grace_hopper.jpg");
    Path restored = tmp.resolve("parsed.png");
    Path bisenet = TestModels.path(TestModels.PARSER_BLOCKS_512);
    boolean parsing;
    // --- README.md "Face-parsing paste mask" ---
    try (FaceRestorer restorer = FaceRestorer.builder()
        .generator(GeneratorStage.of(gpen))
        .detector(DetectorStage.of(DetectorType.YUNET, yunet))
        .faceParser(ParserStage.of(bisenet, ParserFamily.BISENET))   // or PARSENET (GPEN's ParseNet)
        .build()) {
      EnumSet<FaceRegion> regions = EnumSet.copyOf(FaceRegion.DEFAULTS);  // skin, brows, eyes, nose, mouth, lips
      regions.add(FaceRegion.HAIR);                                       // paste the restored hair too
      restorer.restore(photo, restored, RestoreOptions.builder()
          .faceMask(FaceMask.PARSING)    // AUTO (default): parsing when a parser is set, else SQUARE
          .faceRegions(regions)
          .build());
      // --- end of the README example ---
      parsing = restorer.hasFaceParser();
    }
    assertTrue(parsing);
    assertTrue(Files.size(restored) > 0);
  }

  @Test
  void readmeBackgroundExample_restoresTheWholePhotoAt2x() throws IOException {
    Path gpen = TestModels.path(TestModels.IDENTITY_256);
    Path yunet = SharedData.yunet();
    Path photo = SharedData.image("astronaut.png");
    Path restored = tmp.resolve("whole-photo.png");
    // A nearest-neighbour x2 "upscaler" stands in for RealESRGAN_x2plus.onnx.
    Path upscaler = tmp.resolve("nearest-x2.onnx");
    Files.write(upscaler, new ModelBuilder("nearest_x2")
        .input("input", io.gpen4j.onnxformat.OnnxFields.DataType.FLOAT, 1, 3, -1, -1)
        .output("output", io.gpen4j.onnxformat.OnnxFields.DataType.FLOAT, 1, 3, -1, -1)
        .initializer(FloatTensors.floatTensor("scales", new long[] {4}, new float[] {1, 1, 2, 2}))
        .node("Resize", java.util.List.of("input", "", "scales"), java.util.List.of("output"),
            ModelBuilder.stringAttr("mode", "nearest"))
        .toByteArray());
    int backgroundScale;
    // --- README.md "Whole-photo restoration" ---
    try (FaceRestorer restorer = FaceRestorer.builder()
        .generator(GeneratorStage.of(gpen))
        .detector(DetectorStage.of(DetectorType.YUNET, yunet))
        .background(BackgroundStage.of(upscaler)   // converted once, see below
            .withTileSize(256))                    // the default: bounds the model's memory
        .build()) {
      restorer.restore(photo, restored, RestoreOptions.builder().upscale(2).build());   // whole photo at 2x
      // --- end of the README example ---
      backgroundScale = restorer.backgroundScale();
    }
    assertEquals(2, backgroundScale);
    assertEquals(1024, javax.imageio.ImageIO.read(restored.toFile()).getWidth());
  }

  @Test
  void readmeThreadsAndMemoryExample_restoresAsTheDefaults() throws IOException {
    // --- README.md "Backends": threads and memory ---
    int callers = 4;                        // threads calling restore() at once
    SessionSettings shared = SessionSettings.builder()
        .concurrency(callers)
        .intraOpThreads(Threads.sharedBy(callers).intraOpThreads())  // callers x threads <= cores
        .build();
    SessionSettings smallHost = SessionSettings.builder()
        .lowMemory(true)                    // smallest peak memory, slower: see gpen-onnx/README.md
        .build();
    // --- end of the README example ---
    assertEquals(Math.max(1, Runtime.getRuntime().availableProcessors() / 4), shared.resolvedIntraOpThreads());
    java.awt.image.BufferedImage photo = javax.imageio.ImageIO.read(SharedData.image("grace_hopper.jpg").toFile());
    int[] expected = restore(SessionSettings.DEFAULTS, photo);
    // The allocator changes where buffers live, not the result; the thread count changes how the
    // work is split, which may move a float sum by an ulp and an 8-bit channel by one at most.
    assertArrayEquals(expected, restore(smallHost, photo));
    int[] threaded = restore(shared, photo);
    for (int i = 0; i < expected.length; i++) {
      for (int shift = 0; shift < 32; shift += 8) {
        int a = (expected[i] >>> shift) & 0xFF;
        int b = (threaded[i] >>> shift) & 0xFF;
        assertTrue(Math.abs(a - b) <= 1, "pixel " + i + ": " + a + " vs " + b);
      }
    }
  }

  private static int[] restore(SessionSettings settings, java.awt.image.BufferedImage photo) {
    try (FaceRestorer restorer = FaceRestorer.builder()
        .backend(new OnnxBackend())
        .sessionSettings(settings)
        .generator(GeneratorStage.of(SharedData.randomGpen256()))
        .detector(DetectorStage.of(DetectorType.YUNET, SharedData.yunet()))
        .build()) {
      RestoreResult result = restorer.restore(photo);
      assertEquals(1, result.faces().size());
      java.awt.image.BufferedImage out = result.image();
      return out.getRGB(0, 0, out.getWidth(), out.getHeight(), null, 0, out.getWidth());
    }
  }
}
