package io.gpen4j.video;

import io.gpen4j.FaceRestorer;
import io.gpen4j.video.internal.live.QualityController;
import io.gpen4j.video.internal.pipeline.FramePipeline;
import io.gpen4j.video.internal.pipeline.VideoJob;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Restores faces in videos and live frame streams with a {@link FaceRestorer}: decodes, follows
 * faces from frame to frame, restores them through the photo pipeline, and encodes, with the
 * audio, timestamps and orientation kept.
 *
 * <pre>{@code
 * try (FaceRestorer faces = FaceRestorer.builder()
 *         .generator(GeneratorStage.of(Path.of("GPEN-BFR-512.onnx")))
 *         .detector(DetectorStage.of(DetectorType.YUNET, Path.of("face_detection_yunet_2023mar.onnx")))
 *         .build()) {
 *   VideoRestorer video = VideoRestorer.builder(faces).build();
 *   VideoResult r = video.restore(Path.of("in.mp4"), Path.of("out.mp4"), VideoOptions.DEFAULTS);
 * }
 * }</pre>
 *
 * <p>Inputs: whatever the bundled FFmpeg reads (MP4, MOV, MKV, WebM, AVI; H.264, H.265, VP9,
 * AV1, MPEG-4 ...), or a folder of numbered frames. Outputs: by extension, {@code .mp4}/{@code
 * .m4v}/{@code .mov}/{@code .mkv} (H.264 + AAC), {@code .webm} (VP9 + Opus), {@code .avi} (MPEG-4
 * + MP3), or a name without extension for a folder of frames.
 *
 * <p>Thread-safety: immutable and thread-safe; several videos may be restored at once, each call
 * with its own threads and tracker. Ownership: it does not own the {@link FaceRestorer}; close
 * that yourself after the last call. It holds nothing to close.
 */
public final class VideoRestorer {
  private final FaceRestorer restorer;
  private final AtomicInteger streams = new AtomicInteger();

  private VideoRestorer(Builder b) {
    this.restorer = b.restorer;
  }

  /**
   * Returns a builder over a face restorer.
   *
   * @param restorer the restorer that detects and restores faces; stays the caller's to close
   * @return a new builder
   */
  public static Builder builder(FaceRestorer restorer) {
    return new Builder(restorer);
  }

  /**
   * Restores a video file or a folder of frames and writes the result.
   *
   * <p>The output is written under a temporary name beside it and moved into place when complete;
   * on any failure or cancellation nothing is left at the output path and no temporary file
   * remains. Output duration and frame count equal the input's (in the start/duration window);
   * each frame keeps its timestamp (variable frame rate included). Frames are decoded upright: a
   * phone video's rotation is applied to the pixels and the output is written upright, untagged.
   * Every audio stream is copied without re-encoding when the output's container holds its codec;
   * otherwise the first audio stream is re-encoded into the container's audio codec and the others
   * are dropped. A folder output drops the audio.
   *
   * @param input a video file, or a folder of numbered frames (ordered by the number in the name)
   * @param output a video file whose extension picks the container ({@code .mp4}, {@code .m4v},
   *     {@code .mov}, {@code .mkv}, {@code .webm}, {@code .avi}), or a folder (a path that is a
   *     folder or has no extension) for frames
   * @param options what to restore and how to write it
   * @return the frame counts, faces per frame, stage timings and throughput
   * @throws IllegalArgumentException if the output's extension is not one of those above; checked
   *     before anything is read
   * @throws VideoException if the output exists (without {@link VideoOptions.Builder#overwrite}),
   *     the input is missing, corrupt, truncated, has no video stream or an unknown codec, or the
   *     output cannot be written (a full disk); also when the face restorer fails on a frame, with
   *     its exception as the cause
   * @throws VideoCancelledException if the calling thread is interrupted; the interrupt status is
   *     kept
   */
  public VideoResult restore(Path input, Path output, VideoOptions options) {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(options, "options");
    return new VideoJob(restorer, input, output, options).run();
  }

  /**
   * Opens a stream for live frames, with its own tracker and threads.
   *
   * @param options the restore, tracking and pipeline options (the file options such as start,
   *     quality and progress listener are not used)
   * @return the stream; the caller closes it
   */
  public FrameStream openStream(VideoOptions options) {
    Objects.requireNonNull(options, "options");
    return new FrameStream(new FramePipeline(restorer, options, "stream-" + streams.incrementAndGet()));
  }

  /**
   * Opens a live stream at the options' fixed quality: latest frame wins, latency and frame rate
   * measured. Same as {@code openLiveStream(options, LiveOptions.DEFAULTS)}.
   *
   * @param options the restore and tracking options (the file and pipeline options such as start,
   *     quality, K and the listeners are not used)
   * @return the stream; the caller closes it
   */
  public LiveStream openLiveStream(VideoOptions options) {
    return openLiveStream(options, LiveOptions.DEFAULTS);
  }

  /**
   * Opens a live stream, with its own tracker and threads: one frame restored at a time, at most
   * one waiting, older waiting frames dropped; see {@link LiveStream}.
   *
   * @param options the restore and tracking options (the file and pipeline options such as start,
   *     quality, K and the listeners are not used)
   * @param live the target for adaptive quality, the statistics window, the listener and the clock
   * @return the stream; the caller closes it
   */
  public LiveStream openLiveStream(VideoOptions options, LiveOptions live) {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(live, "live");
    String name = "live-" + streams.incrementAndGet();
    QualityController quality = new QualityController(live, options.tracking().detectEvery(), restorer.modelSize(),
        restorer.smallFaceModelSize());
    // One frame in the pipeline at a time: the stream submits the next only after taking the last.
    VideoOptions single = options.toBuilder().maxFramesInFlight(1).restoreThreads(1).build();
    return new LiveStream(new FramePipeline(restorer, single, quality, name), quality, live, name);
  }

  /** Builds a {@link VideoRestorer}. Not thread-safe. */
  public static final class Builder {
    private final FaceRestorer restorer;

    private Builder(FaceRestorer restorer) {
      this.restorer = Objects.requireNonNull(restorer, "restorer");
    }

    /**
     * Builds the video restorer.
     *
     * @return the restorer
     */
    public VideoRestorer build() {
      return new VideoRestorer(this);
    }
  }
}
