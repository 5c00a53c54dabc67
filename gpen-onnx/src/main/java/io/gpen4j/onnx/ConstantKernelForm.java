package io.gpen4j.onnx;

import io.gpen4j.ModelException;
import io.gpen4j.onnxformat.OnnxFields.Graph;
import io.gpen4j.onnxformat.OnnxFields.Model;
import io.gpen4j.onnxformat.ProtoMessage;
import io.gpen4j.spi.ModelSource;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the model to load in its constant-kernel form: the source file when it needs no rewrite,
 * or its {@link ConstantKernelRewrite} (official GPEN exports), cached in the cache folder under
 * the source's SHA-256 like the FP16 conversion. A model that needs no rewrite leaves a small
 * marker file there, so later loads skip reading its graph. On by default; the system property
 * {@value #PROPERTY}{@code =false} turns it off.
 */
final class ConstantKernelForm {
  /** System property that turns the rewrite off when set to {@code false}. */
  static final String PROPERTY = "gpen4j.onnx.rewriteOfficialExports";

  private static final Logger LOG = LoggerFactory.getLogger(ConstantKernelForm.class);

  /**
   * The model to load.
   *
   * @param path the file, or null when only {@code bytes} hold it
   * @param bytes the model in memory (no cache folder, or it cannot be written), or null
   * @param key the cache-file key of this form: the source's SHA-256, plus the rewrite's format
   *     when rewritten (null without a cache folder)
   * @param rewritten whether this is a rewrite of the source
   * @param fromCache whether {@code path} is a cache file (deleted and rebuilt if it will not load)
   */
  record Prepared(Path path, byte[] bytes, String key, boolean rewritten, boolean fromCache) {}

  private final ModelCache cache;
  private final ModelSource source;

  ConstantKernelForm(ModelCache cache, ModelSource source) {
    this.cache = cache;
    this.source = source;
  }

  /** Whether the rewrite is on: unless the system property says {@code false}. */
  static boolean enabled() {
    return !Boolean.FALSE.toString().equalsIgnoreCase(System.getProperty(PROPERTY, "true").trim());
  }

  /**
   * Returns the model to load.
   *
   * @param dir the cache folder, if any
   * @param rebuild ignore a cached rewrite (it failed to load) and write it again
   */
  Prepared prepare(Optional<Path> dir, boolean rebuild) {
    if (!enabled()) {
      return new Prepared(source.path(), null, dir.map(d -> cache.sha256(source.path(), dir)).orElse(null), false, false);
    }
    if (dir.isEmpty()) {
      Optional<ConstantKernelRewrite.Result> r = rewrite(null);
      return r.isPresent() && r.get().changed()
          ? new Prepared(null, r.get().model().toByteArray(), null, true, false)
          : new Prepared(source.path(), null, null, false, false);
    }
    String sha = cache.sha256(source.path(), dir);
    Path rewritten = ModelCache.constantKernelModel(dir.get(), sha);
    Path unchanged = ModelCache.constantKernelUnchanged(dir.get(), sha);
    String key = ModelCache.constantKernelKey(sha);
    if (Files.isRegularFile(unchanged)) {
      return new Prepared(source.path(), null, sha, false, false);
    }
    if (!rebuild && Files.isRegularFile(rewritten) && parses(rewritten)) {
      LOG.debug("{}: reusing constant-kernel form {}", source.name(), rewritten);
      return new Prepared(rewritten, null, key, true, true);
    }
    Optional<ConstantKernelRewrite.Result> parsed = rewrite(rewritten);
    if (parsed.isEmpty()) {
      return new Prepared(source.path(), null, sha, false, false);
    }
    ConstantKernelRewrite.Result r = parsed.get();
    try {
      if (!r.changed()) {
        ModelCache.write(unchanged, new byte[0]);
        return new Prepared(source.path(), null, sha, false, false);
      }
      ModelCache.write(rewritten, r.model());
      return new Prepared(rewritten, null, key, true, true);
    } catch (UncheckedIOException e) {
      LOG.warn("{}: cannot cache the constant-kernel form in {}: {}", source.name(), dir.get(), e.getMessage());
      return r.changed()
          ? new Prepared(null, r.model().toByteArray(), key, true, false)
          : new Prepared(source.path(), null, sha, false, false);
    }
  }

  /** Rewrites the source; empty when it is not an ONNX graph, which ONNX Runtime then reports. */
  private Optional<ConstantKernelRewrite.Result> rewrite(Path cacheFile) {
    long start = System.nanoTime();
    ConstantKernelRewrite.Result r;
    try {
      r = ConstantKernelRewrite.rewrite(ProtoMessage.parse(ModelCache.map(source.path())));
    } catch (ModelException e) {
      LOG.debug("{}: not checked for run-time kernels: {}", source.name(), e.getMessage());
      return Optional.empty();
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    r.leftAlone().forEach(c -> LOG.debug("{}: left as exported: {}", source.name(), c));
    String file = source.path().getFileName().toString();
    if (r.changed()) {
      LOG.info("{}: rewrote {} run-time-modulated convolutions and {} blurs of {} into constant-kernel form "
          + "in {} ms ({}{})", source.name(), r.convolutions(), r.blurs(), file, ms,
          cacheFile == null ? "not cached: no cache folder" : "cached at " + cacheFile,
          r.leftAlone().isEmpty() ? "" : "; " + r.leftAlone().size() + " convolutions with computed kernels left as exported");
    } else if (!r.leftAlone().isEmpty()) {
      LOG.info("{}: {} convolutions of {} compute their kernels at run time in a form the constant-kernel "
          + "rewrite does not know; left as exported", source.name(), r.leftAlone().size(), file);
    }
    return Optional.of(r);
  }

  private static boolean parses(Path file) {
    try {
      ProtoMessage graph = ProtoMessage.parse(ModelCache.map(file)).message(Model.GRAPH).orElse(null);
      return graph != null && graph.has(Graph.NODE);
    } catch (ModelException | IllegalArgumentException e) {
      return false;
    }
  }
}
