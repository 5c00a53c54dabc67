package io.gpen4j.onnxformat.rewrite;

import io.gpen4j.ModelException;
import io.gpen4j.onnxformat.OnnxFields.Graph;
import io.gpen4j.onnxformat.OnnxFields.Model;
import io.gpen4j.onnxformat.ProtoMessage;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.SessionSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the model to load in its constant-kernel form: the source file when it needs no rewrite,
 * or its {@link ConstantKernelRewrite} (official GPEN exports), cached in the cache folder under
 * the source's SHA-256 like the FP16 conversion. A model that needs no rewrite leaves a small
 * marker file there, so later loads skip reading its graph. Without a cache folder the rewrite
 * goes to a temporary file, deleted once the session exists. When the Java heap is too small for
 * the rewrite ({@link #heapNeeded}) the file is loaded as exported, with one WARN. On unless
 * {@code SessionSettings.rewriteOfficialExports()} is false.
 *
 * <p>The entry point of this package: both ONNX Runtime bindings (the {@code onnx} backend and DJL's
 * OnnxRuntime engine) open the file it prepares, so they run the same graph. One instance per
 * model being opened; not thread-safe.
 */
public final class ConstantKernelForm {
  private static final Logger LOG = LoggerFactory.getLogger(ConstantKernelForm.class);

  /**
   * The model to load.
   *
   * @param path the file, or null when only {@code bytes} hold it
   * @param bytes the model in memory (no cache folder and no writable temporary folder), or null
   * @param key the cache-file key of this form: the source's SHA-256, plus the rewrite's format
   *     when rewritten (null without a cache folder)
   * @param rewritten whether this is a rewrite of the source
   * @param fromCache whether {@code path} is a cache file (deleted and rebuilt if it will not load)
   * @param temporary whether {@code path} is a temporary file, to delete once the session exists
   */
  public record Prepared(Path path, byte[] bytes, String key, boolean rewritten, boolean fromCache, boolean temporary) {
    static Prepared source(Path path, String key) {
      return new Prepared(path, null, key, false, false, false);
    }
  }

  /**
   * Java heap the rewrite needs beyond a quarter of the model file's size. Weights stay slices of
   * the mapped file and computed kernels are made one at a time while written, so what the heap
   * holds is the graph's index (about a tenth of the file) and one kernel in three forms. Measured
   * on the 284 MB GPEN-512 official export: works at -Xmx96m, fails at -Xmx80m; this asks 103 MB.
   */
  static final long HEAP_MARGIN = 32L << 20;

  /** The largest file whose image size is freed ({@code SessionSettings.freeImageSize()}). */
  static final long MAX_FREED_MODEL = 64L << 20;

  /** Names files derived from a model with its image size freed, apart from the declared form's. */
  static final String FREE_IMAGE_SIZE_FORMAT = "free-size-v1";

  private final ModelCache cache;
  private final ModelSource source;
  private final long maxHeap;

  /**
   * Prepares one model.
   *
   * @param cache the cache's digests (shared by a backend's opens)
   * @param source the model as given
   */
  public ConstantKernelForm(ModelCache cache, ModelSource source) {
    this(cache, source, Runtime.getRuntime().maxMemory());
  }

  /** @param maxHeap the Java heap the rewrite may assume (a seam: tests pass a small one) */
  ConstantKernelForm(ModelCache cache, ModelSource source, long maxHeap) {
    this.cache = cache;
    this.source = source;
    this.maxHeap = maxHeap;
  }

  /**
   * Reads a model file's graph and says, in words, how it holds its convolution kernels and what
   * loading it does: {@code "constant-kernel form"}, {@code "official-style export, rewritten at
   * load"} or {@code "run-time kernels, loaded as exported"}. Reads the whole graph (about a second
   * for an official GPEN-512 export); meant for reports, not for every load.
   *
   * @param model an ONNX file
   * @return the form, for a report
   * @throws ModelException if the file cannot be read or holds no ONNX graph
   */
  public static String describe(Path model) {
    return KernelForm.of(model).description();
  }

  /** The Java heap the rewrite of a model file of this size needs. */
  static long heapNeeded(long fileSize) {
    return fileSize / 4 + HEAP_MARGIN;
  }

  /**
   * Prepares the model and loads it with {@code loader}; when a cached rewrite will not load
   * (damaged on disk), deletes it, writes it again from the source and loads that. The one place
   * both ONNX Runtime backends (gpen-onnx, gpen-djl's) recover from a bad cache file.
   *
   * @param settings as for {@link #prepare}
   * @param loader opens a session on a prepared model
   * @param <T> the session type
   * @return the loader's session
   * @throws ModelException if the source cannot be read or the model does not load
   */
  public <T> T load(SessionSettings settings, java.util.function.Function<Prepared, T> loader) {
    Prepared form = withFreeImageSize(settings, prepare(settings, false));
    try {
      return loader.apply(form);
    } catch (ModelException e) {
      if (!form.fromCache()) {
        throw e;
      }
      LOG.warn("{}: cached constant-kernel form {} cannot be loaded ({}); rebuilding it",
          source.name(), form.path(), e.getMessage());
      ModelCache.deleteQuietly(form.path());
      return loader.apply(withFreeImageSize(settings, prepare(settings, true)));
    }
  }

  /**
   * The prepared model with its image's height and width freed ({@link SpatialAxes}) when the
   * settings ask for it ({@code freeImageSize}) and the graph allows it; otherwise {@code form}.
   * Done in memory on every load, not cached: it is meant for detectors (YuNet: 0.23 MB), and
   * files over {@link #MAX_FREED_MODEL} are left as they are.
   */
  private Prepared withFreeImageSize(SessionSettings settings, Prepared form) {
    if (!settings.freeImageSize()) {
      return form;
    }
    byte[] freed;
    try {
      ByteBuffer bytes = form.bytes() != null ? ByteBuffer.wrap(form.bytes()) : ModelCache.map(form.path());
      if (bytes.remaining() > MAX_FREED_MODEL) {
        LOG.debug("{}: {} bytes, over the {} a free image size is tried on; keeping its declared size",
            source.name(), bytes.remaining(), MAX_FREED_MODEL);
        return form;
      }
      Optional<ProtoMessage> model = SpatialAxes.free(ProtoMessage.parse(bytes));
      if (model.isEmpty()) {
        return form;
      }
      freed = model.get().toByteArray();
    } catch (ModelException e) {
      LOG.debug("{}: image size not freed: {}", source.name(), e.getMessage());
      return form;
    }
    LOG.debug("{}: image input's height and width freed", source.name());
    if (form.temporary()) {
      ModelCache.deleteQuietly(form.path());
    }
    String key = form.key() == null ? null : form.key() + "." + FREE_IMAGE_SIZE_FORMAT;
    Path tmp = null;
    try {
      // A file, as for the rewrite: DJL opens models from files.
      tmp = Files.createTempFile("gpen4j-free-size-", ".onnx");
      Files.write(tmp, freed);
      return new Prepared(tmp, null, key, true, false, true);
    } catch (IOException e) {
      if (tmp != null) {
        ModelCache.deleteQuietly(tmp);
      }
      return new Prepared(null, freed, key, true, false, false);
    }
  }

  /**
   * Returns the model to load.
   *
   * @param settings the cache folder ({@code cacheDirectory}) and whether to rewrite at all
   *     ({@code rewriteOfficialExports})
   * @param rebuild ignore a cached rewrite (it failed to load) and write it again
   * @return the file (or bytes) to load
   * @throws ModelException if the source file cannot be read
   */
  public Prepared prepare(SessionSettings settings, boolean rebuild) {
    Optional<Path> dir = settings.cacheDirectory();
    if (!settings.rewriteOfficialExports()) {
      return Prepared.source(source.path(), dir.map(d -> cache.sha256(source.path(), dir)).orElse(null));
    }
    if (dir.isEmpty()) {
      return prepareUncached();
    }
    String sha = cache.sha256(source.path(), dir);
    Path rewritten = ModelCache.constantKernelModel(dir.get(), sha);
    Path unchanged = ModelCache.constantKernelUnchanged(dir.get(), sha);
    String key = ModelCache.constantKernelKey(sha);
    if (Files.isRegularFile(unchanged)) {
      return Prepared.source(source.path(), sha);
    }
    if (!rebuild && Files.isRegularFile(rewritten) && parses(rewritten)) {
      LOG.debug("{}: reusing constant-kernel form {}", source.name(), rewritten);
      return new Prepared(rewritten, null, key, true, true, false);
    }
    long needed = heapNeeded(size());
    if (needed > maxHeap) {
      return skipped(needed, sha);
    }
    try {
      Optional<ConstantKernelRewrite.Result> parsed = rewrite(rewritten);
      if (parsed.isEmpty()) {
        return Prepared.source(source.path(), sha);
      }
      ConstantKernelRewrite.Result r = parsed.get();
      if (!r.changed()) {
        try {
          ModelCache.write(unchanged, new byte[0]);
        } catch (UncheckedIOException e) {
          // A read-only cache: the model loads as it is; the next process checks it again.
          LOG.warn("{}: cannot cache in {} that it needs no constant-kernel form: {}", source.name(), dir.get(),
              e.getMessage());
        }
        return Prepared.source(source.path(), sha);
      }
      try {
        ModelCache.write(rewritten, r::writeTo);
        return new Prepared(rewritten, null, key, true, true, false);
      } catch (UncheckedIOException e) {
        LOG.warn("{}: cannot cache the constant-kernel form in {}: {}", source.name(), dir.get(), e.getMessage());
        return outsideCache(r, key);
      }
    } catch (OutOfMemoryError e) {
      // Only here: the rewrite's allocations are its own and dropped with this frame, so the heap
      // is usable again and the file still loads as exported (the rewrite is a speed-up only).
      return skipped(Math.max(needed, maxHeap) + HEAP_MARGIN, sha);
    }
  }

  private Prepared prepareUncached() {
    long needed = heapNeeded(size());
    if (needed > maxHeap) {
      return skipped(needed, null);
    }
    try {
      Optional<ConstantKernelRewrite.Result> r = rewrite(null);
      return r.isPresent() && r.get().changed() ? outsideCache(r.get(), null) : Prepared.source(source.path(), null);
    } catch (OutOfMemoryError e) {
      // As in prepare: the rewrite's own allocations are gone; the file loads as exported.
      return skipped(Math.max(needed, maxHeap) + HEAP_MARGIN, null);
    }
  }

  /**
   * A rewrite with no cache file: a temporary file (ONNX Runtime reads it from disk, so the rewrite
   * is never a heap array), or bytes when the temporary folder cannot be written.
   */
  private Prepared outsideCache(ConstantKernelRewrite.Result r, String key) {
    Path tmp = null;
    boolean written = false;
    try {
      tmp = Files.createTempFile("gpen4j-constant-kernel-", ".onnx");
      ModelCache.writeTo(tmp, r::writeTo);
      written = true;
      return new Prepared(tmp, null, key, true, false, true);
    } catch (IOException e) {
      LOG.debug("{}: cannot write the constant-kernel form to a temporary file ({}); keeping it in memory",
          source.name(), e.getMessage());
      return new Prepared(null, r.model().toByteArray(), key, true, false, false);
    } finally {
      if (!written && tmp != null) {
        ModelCache.deleteQuietly(tmp);
      }
    }
  }

  private Prepared skipped(long needed, String sha) {
    long neededMb = (needed + (1 << 20) - 1) >> 20;
    LOG.warn("{}: not rewritten into constant-kernel form for lack of Java heap (has {} MB, needs about {} MB: "
        + "run with -Xmx{}m or more); loading it as exported, which runs slower and needs more native memory",
        source.name(), maxHeap >> 20, neededMb, neededMb);
    return Prepared.source(source.path(), sha);
  }

  private long size() {
    try {
      return Files.size(source.path());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the size of " + source.path(), e);
    }
  }

  /** Rewrites the source; empty when it is not an ONNX graph, which ONNX Runtime then reports. */
  private Optional<ConstantKernelRewrite.Result> rewrite(Path cacheFile) {
    long start = System.nanoTime();
    ConstantKernelRewrite.Result r;
    try {
      // Constant gains are not folded here: 1.02-1.05x faster and equal within 1e-5 (GainFold,
      // gpen-bench README), but that moves 8-bit pixels at rounding boundaries, and the recorded
      // pixel checksums that guard every other change would have to be recorded again.
      r = ConstantKernelRewrite.rewrite(ProtoMessage.parse(ModelCache.map(source.path())));
    } catch (ModelException e) {
      LOG.debug("{}: not checked for run-time kernels: {}", source.name(), e.getMessage());
      return Optional.empty();
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    r.leftAlone().forEach(c -> LOG.debug("{}: left as exported: {}", source.name(), c));
    String file = source.path().getFileName().toString();
    String cached = cacheFile == null ? "not cached: no cache folder" : "caching it at " + cacheFile;
    if (r.changed()) {
      LOG.info("{}: rewrote {} run-time-modulated convolutions and {} blurs of {} into constant-kernel form{} "
          + "in {} ms ({}{})", source.name(), r.convolutions(), r.blurs(), file,
          r.batchFreed() ? ", taking a batch of faces" : "", ms, cached,
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
