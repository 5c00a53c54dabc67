package io.gpen4j.onnxformat.rewrite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.onnxformat.ProtoMessage;
import io.gpen4j.onnxformat.testing.OfficialStyleGraphs;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.SessionSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What {@link ConstantKernelForm#prepare} hands a binding: a temporary file, a cache file, or the source. */
final class ConstantKernelPrepareTest {
  @TempDir
  Path tmp;

  private Path model;
  private Path cacheDir;
  private String sha;

  @BeforeEach
  void writeModel() throws IOException {
    model = tmp.resolve("official-style.onnx");
    Files.write(model, OfficialStyleGraphs.modulatedConv(5, true, false, 6, 4, 3, 9, 2, 3, 4));
    cacheDir = tmp.resolve("cache");
    sha = new ModelCache().sha256(model);
  }

  @Test
  void prepare_withoutCacheFolder_writesTheRewriteToATemporaryFile() throws Exception {
    ConstantKernelForm.Prepared p = new ConstantKernelForm(new ModelCache(), ModelSource.of(model))
        .prepare(SessionSettings.DEFAULTS, false);
    try {
      assertTrue(p.rewritten() && p.temporary() && p.bytes() == null, p.toString());
      byte[] expected = ConstantKernelRewrite.rewrite(ProtoMessage.parse(Files.readAllBytes(model))).model().toByteArray();
      assertArrayEquals(expected, Files.readAllBytes(p.path()));
    } finally {
      Files.deleteIfExists(p.path());
    }
  }

  @Test
  void prepare_rewriteSwitchedOff_givesTheSource() {
    ConstantKernelForm.Prepared p = new ConstantKernelForm(new ModelCache(), ModelSource.of(model))
        .prepare(SessionSettings.builder().cacheDirectory(cacheDir).rewriteOfficialExports(false).build(), false);
    assertEquals(model, p.path());
    assertFalse(p.rewritten(), p.toString());
    assertFalse(Files.exists(ModelCache.constantKernelModel(cacheDir, sha)));
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void prepare_heapTooSmall_givesTheFileAsExportedAndCachesNothing(boolean withCacheFolder) throws Exception {
    SessionSettings settings = withCacheFolder
        ? SessionSettings.builder().cacheDirectory(cacheDir).build() : SessionSettings.DEFAULTS;
    long needed = ConstantKernelForm.heapNeeded(Files.size(model));
    ConstantKernelForm.Prepared p = new ConstantKernelForm(new ModelCache(), ModelSource.of(model), needed - 1)
        .prepare(settings, false);
    assertEquals(model, p.path());
    assertFalse(p.rewritten() || p.temporary() || p.fromCache(), p.toString());
    // No marker either: a later run with more heap still rewrites it.
    assertFalse(Files.exists(ModelCache.constantKernelUnchanged(cacheDir, sha)));
    assertFalse(Files.exists(ModelCache.constantKernelModel(cacheDir, sha)));

    ConstantKernelForm.Prepared enough = new ConstantKernelForm(new ModelCache(), ModelSource.of(model), needed)
        .prepare(settings, false);
    try {
      assertTrue(enough.rewritten(), enough.toString());
      assertEquals(withCacheFolder, Files.exists(ModelCache.constantKernelModel(cacheDir, sha)));
    } finally {
      if (enough.temporary()) {
        Files.delete(enough.path());
      }
    }
  }

  @Test
  void describe_officialStyleAndConstantKernelFiles() throws IOException {
    assertEquals("official-style export, rewritten at load", ConstantKernelForm.describe(model));
    Path constant = tmp.resolve("constant.onnx");
    Files.write(constant, ConstantKernelRewrite.rewrite(ProtoMessage.parse(Files.readAllBytes(model))).model().toByteArray());
    assertEquals("constant-kernel form", ConstantKernelForm.describe(constant));
  }
}
