package io.gpen4j;

import io.gpen4j.internal.backend.BackendLocator;
import io.gpen4j.internal.image.RgbaImage;
import io.gpen4j.internal.matting.ImageMatting;
import io.gpen4j.internal.pipeline.StageSessions;
import io.gpen4j.spi.InferenceBackend;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.SessionSettings;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Separates a portrait from its background: a {@link MattingStage}'s model opened on an inference
 * backend, returning an alpha {@link Matte} at the image's size. Build one with
 * {@link #builder(MattingStage)}; it owns its model sessions until {@link #close()}.
 *
 * <p>Thread-safe when the backend's sessions are (ONNX Runtime's and DJL's are): one matter may
 * serve several threads.
 */
public final class PortraitMatter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PortraitMatter.class);

  private final ImageMatting matting;
  private final List<ModelSession> sessions;
  private final String backendName;
  private final AtomicBoolean closed = new AtomicBoolean();

  private PortraitMatter(Builder b) {
    InferenceBackend backend = b.backend != null
        ? b.backend
        : BackendLocator.find(b.backendName, Thread.currentThread().getContextClassLoader());
    StageSessions opened = new StageSessions(backend, b.settings);
    try {
      this.matting = b.stage.open(opened);
    } catch (RuntimeException e) {
      opened.closeAfter(e);
      throw e;
    }
    this.sessions = opened.sessions();
    this.backendName = backend.name();
    LOG.debug("portrait matter ready: backend {}, {}", backendName, matting);
  }

  /**
   * Starts a builder.
   *
   * @param stage the matting model, or a face parser as the coarse fallback
   * @return the builder
   */
  public static Builder builder(MattingStage stage) {
    return new Builder(stage);
  }

  /**
   * Estimates the alpha matte of a portrait.
   *
   * @param image the photo; not modified; its alpha channel, if any, is ignored
   * @return the matte at the image's size, 1 on the person
   * @throws RestorationException if the model run fails or returns a wrong or non-finite matte
   * @throws IllegalStateException if the matter is closed
   */
  public Matte matte(BufferedImage image) {
    Objects.requireNonNull(image, "image");
    if (closed.get()) {
      throw new IllegalStateException("PortraitMatter is closed");
    }
    RgbaImage rgba = RgbaImage.fromBufferedImage(image);
    return Matte.wrap(rgba.width(), rgba.height(), matting.alpha(rgba));
  }

  /** Returns the name of the backend running the model. @return e.g. {@code "onnx"} */
  public String backendName() {
    return backendName;
  }

  /** Closes the model sessions; idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (ModelSession s : sessions) {
      try {
        s.close();
      } catch (RuntimeException e) {
        LOG.warn("closing a model session failed", e);
      }
    }
  }

  @Override
  public String toString() {
    return "PortraitMatter[" + backendName + ", " + matting + "]";
  }

  /**
   * Builds a {@link PortraitMatter}. Not thread-safe; reusable after {@link #build()}.
   */
  public static final class Builder {
    private final MattingStage stage;
    private String backendName;
    private InferenceBackend backend;
    private SessionSettings settings = SessionSettings.DEFAULTS;

    private Builder(MattingStage stage) {
      this.stage = Objects.requireNonNull(stage, "stage");
    }

    /**
     * Chooses the backend by name (such as {@code "onnx"} or {@code "djl"}) among those on the
     * class path. By default the available backend with the highest priority is used.
     *
     * @param name the backend's name
     * @return this builder
     */
    public Builder backend(String name) {
      this.backendName = Objects.requireNonNull(name, "name");
      this.backend = null;
      return this;
    }

    /**
     * Uses this backend instance, bypassing discovery.
     *
     * @param backend the backend
     * @return this builder
     */
    public Builder backend(InferenceBackend backend) {
      this.backend = Objects.requireNonNull(backend, "backend");
      this.backendName = null;
      return this;
    }

    /**
     * Sets how the model runs when the stage sets nothing itself; the precision is FP32 unless the
     * stage's own settings say otherwise. By default {@link SessionSettings#DEFAULTS}.
     *
     * @param settings the settings
     * @return this builder
     */
    public Builder settings(SessionSettings settings) {
      this.settings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * Finds the backend, opens the stage's model and checks it.
     *
     * @return the matter, owning its sessions
     * @throws BackendException if no backend is found
     * @throws ModelException if the model file is missing or is not a model of the stage's family
     */
    public PortraitMatter build() {
      return new PortraitMatter(this);
    }
  }
}
