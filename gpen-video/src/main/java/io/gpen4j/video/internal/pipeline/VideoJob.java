package io.gpen4j.video.internal.pipeline;

import io.gpen4j.FaceRestorer;
import io.gpen4j.StageTimings;
import io.gpen4j.video.RestoredFrame;
import io.gpen4j.video.VideoCancelledException;
import io.gpen4j.video.VideoException;
import io.gpen4j.video.VideoOptions;
import io.gpen4j.video.VideoProgress;
import io.gpen4j.video.VideoResult;
import io.gpen4j.video.internal.codec.AudioRemuxer;
import io.gpen4j.video.internal.codec.Decoded;
import io.gpen4j.video.internal.codec.EncoderSettings;
import io.gpen4j.video.internal.codec.FrameSink;
import io.gpen4j.video.internal.codec.FrameSource;
import io.gpen4j.video.internal.codec.VideoContainer;
import io.gpen4j.video.internal.codec.VideoReader;
import io.gpen4j.video.internal.codec.VideoSpec;
import io.gpen4j.video.internal.codec.VideoWriter;
import io.gpen4j.video.internal.frames.FrameFolderReader;
import io.gpen4j.video.internal.frames.FrameFolderWriter;
import io.gpen4j.video.internal.io.AtomicOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One restoration of a video file or frame folder into a video file or frame folder: the chain
 * from the input's bytes to the output's, assembled in {@link #run()}.
 *
 * <p>Threads: a decoding thread reads frames (and audio, when it is re-encoded); the {@link
 * FramePipeline} tracks (one thread) and restores (a pool); the calling thread encodes, in order,
 * and reports progress.
 *
 * <p>Audio: when the output container holds every audio codec of the input, the video is encoded
 * alone into a second temporary file and {@link AudioRemuxer} then merges it with the input's
 * audio packets, unchanged. Otherwise the first audio stream is decoded with the video; its blocks
 * wait in a queue and are encoded just before the first frame after them, so the muxer interleaves
 * them without buffering; the queue holds at most the audio of K frames, since the decoder waits
 * for room in the pipeline.
 */
public final class VideoJob {
  private static final Logger LOG = LoggerFactory.getLogger(VideoJob.class);

  private final FaceRestorer restorer;
  private final Path input;
  private final Path output;
  private final VideoOptions options;
  private final boolean inputIsFolder;
  private final VideoContainer format;

  /**
   * Checks the paths' kinds; nothing is opened yet.
   *
   * @param restorer the restorer
   * @param input a video file or a folder of frames
   * @param output a video file (by its extension) or a folder
   * @param options the options
   * @throws IllegalArgumentException if the output is neither a known video extension nor a folder name
   */
  public VideoJob(FaceRestorer restorer, Path input, Path output, VideoOptions options) {
    this.restorer = restorer;
    this.input = input;
    this.output = output;
    this.options = options;
    this.inputIsFolder = Files.isDirectory(input);
    this.format = isFolderName(output) ? null : VideoContainer.forFile(output);
    if (format != null) {
      options.videoCodec().ifPresent(format::checkVideoEncoder);
    }
  }

  /** A path names a folder when it is one, or when its name has no extension. */
  private static boolean isFolderName(Path output) {
    return Files.isDirectory(output) || !output.getFileName().toString().contains(".");
  }

  /**
   * Runs the restoration: opens the output (and the video-only file when the audio is copied),
   * the source and the frame pipeline, starts the decoding thread, encodes every restored frame in
   * order, merges the copied audio, and commits the output; on any failure nothing is left at the
   * output path.
   *
   * @return what was done
   * @throws VideoException if the input cannot be read, the output exists or cannot be written
   * @throws VideoCancelledException if the thread is interrupted
   */
  public VideoResult run() {
    long started = System.nanoTime();
    Encoding encoding = null;
    try (AtomicOutput out = AtomicOutput.begin(output, options.overwrite(), format == null,
            format == null ? "" : format.extension());
        AtomicOutput videoOnly = copiesAudio() ? AtomicOutput.begin(output.resolveSibling(output.getFileName()
            + ".video." + format.extension()), true, false, format.extension()) : null;
        FrameSource source = openSource(videoOnly != null);
        FramePipeline pipeline = new FramePipeline(restorer, options, output.getFileName().toString())) {
      Queue<Decoded.Audio> audio = new ConcurrentLinkedQueue<>();
      AtomicLong framesRead = new AtomicLong();
      Thread decoder = startDecoder(source, pipeline, audio, framesRead);
      encoding = new Encoding(source, pipeline, audio, videoOnly != null ? videoOnly.temp() : out.temp(), started);
      try {
        while (encoding.next()) {
          // one restored frame encoded and reported
        }
        encoding.finish();
        if (videoOnly != null) {
          long t0 = System.nanoTime();
          mergeAudio(videoOnly.temp(), out.temp(), encoding.written);
          encoding.encodeNanos += System.nanoTime() - t0;
        }
        out.commit();
        LOG.debug("restored {} frames of {} into {}", encoding.written, input, output);
        return encoding.result(framesRead.get());
      } finally {
        encoding.close();
        stop(decoder, pipeline);
        audio.forEach(a -> a.samples().close());
      }
    } finally {
      if (encoding != null && encoding.interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private Thread startDecoder(FrameSource source, FramePipeline pipeline, Queue<Decoded.Audio> audio,
      AtomicLong framesRead) {
    Thread decoder = new Thread(() -> decode(source, pipeline, audio, framesRead), "gpen-video-decode");
    decoder.setDaemon(true);
    decoder.start();
    return decoder;
  }

  /** Merges the encoded video with the input's audio packets, unchanged, and checks the frame count. */
  private void mergeAudio(Path videoOnly, Path merged, long frames) {
    long startMicros = options.start().toNanos() / 1000;
    long endMicros = options.duration().map(d -> startMicros + d.toNanos() / 1000).orElse(Long.MAX_VALUE);
    AudioRemuxer.remux(videoOnly, input, startMicros, endMicros, format, merged);
    VideoWriter.verify(merged, frames);
  }

  /**
   * The calling thread's part: takes restored frames in order, encodes them (with the audio blocks
   * due before each), reports progress, and counts what was done. The sink opens on the first frame,
   * whose size it takes.
   */
  private final class Encoding implements AutoCloseable {
    private final FrameSource source;
    private final FramePipeline pipeline;
    private final Queue<Decoded.Audio> audio;
    private final Path target;
    private final long started;
    private final OptionalLong total;
    private final List<Integer> faces = new ArrayList<>();
    private StageTimings timings = StageTimings.ZERO;
    private long encodeNanos;
    private long written;
    private FrameSink sink;
    private boolean interrupted;

    Encoding(FrameSource source, FramePipeline pipeline, Queue<Decoded.Audio> audio, Path target, long started) {
      this.source = source;
      this.pipeline = pipeline;
      this.audio = audio;
      this.target = target;
      this.started = started;
      this.total = source.frameCountEstimate();
    }

    /** Encodes the next restored frame; false after the last one. */
    boolean next() {
      RestoredFrame frame;
      try {
        frame = pipeline.take();
      } catch (InterruptedException e) {
        throw cancelled();
      }
      if (frame == null) {
        return false;
      }
      long t0 = System.nanoTime();
      if (sink == null) {
        sink = openSink(target, source, frame);
      }
      while (!audio.isEmpty() && audio.peek().timestampMicros() <= frame.timestampMicros()) {
        sink.writeAudio(audio.poll().samples());
      }
      sink.writeVideo(frame.image(), written, frame.timestampMicros());
      written++;
      encodeNanos += System.nanoTime() - t0;
      faces.add(frame.faces().size());
      timings = timings.plus(frame.timings());
      if (Thread.interrupted()) {
        throw cancelled();
      }
      options.frameListener().onFrame(written - 1, frame);
      double seconds = (System.nanoTime() - started) / 1e9;
      options.progressListener().onProgress(new VideoProgress(written,
          total.isPresent() ? OptionalLong.of(Math.max(written, total.getAsLong())) : total,
          written / Math.max(seconds, 1e-9), Duration.ofNanos(System.nanoTime() - started)));
      return true;
    }

    private VideoCancelledException cancelled() {
      interrupted = true;
      return new VideoCancelledException("restoring " + input + " was cancelled");
    }

    /** Writes the audio left after the last frame and closes the file. */
    void finish() {
      if (sink == null) {
        throw new VideoException("no video frames in " + input + (options.start().isZero() ? ""
            : " after " + options.start()));
      }
      long t0 = System.nanoTime();
      while (!audio.isEmpty()) {
        sink.writeAudio(audio.poll().samples());
      }
      sink.finish();
      sink.close();
      encodeNanos += System.nanoTime() - t0;
    }

    VideoResult result(long framesRead) {
      return new VideoResult(framesRead, written, faces, timings, Duration.ofNanos(encodeNanos),
          Duration.ofNanos(System.nanoTime() - started), pipeline.peakInFlight());
    }

    @Override
    public void close() {
      if (sink != null) {
        sink.close();
      }
    }
  }

  /**
   * Whether every audio stream can be copied as it is (else the first one is re-encoded): asked
   * after the output check, so an existing output fails before the input is read.
   */
  private boolean copiesAudio() {
    return format != null && !inputIsFolder && options.keepAudio() && Files.isRegularFile(input)
        && AudioRemuxer.canCopyAudio(input, format);
  }

  private FrameSource openSource(boolean copyAudio) {
    if (inputIsFolder) {
      return FrameFolderReader.open(input, options.framesPerSecond(), options.start(), options.duration().orElse(null));
    }
    return VideoReader.open(input, options.start(), options.duration().orElse(null),
        options.keepAudio() && format != null && !copyAudio);
  }

  private FrameSink openSink(Path temp, FrameSource source, RestoredFrame first) {
    int w = first.image().getWidth();
    int h = first.image().getHeight();
    if (format == null) {
      if (source instanceof FrameFolderReader folder) {
        return new FrameFolderWriter(temp, folder::name);
      }
      return new FrameFolderWriter(temp, FrameFolderWriter::numberedPng);
    }
    if (source instanceof VideoReader video) {
      return VideoWriter.open(temp, format, new VideoSpec(w, h, video.frameRate(), video.ticksPerSecond(),
          video.pixelAspectRatio(), encoderSettings(), video.audioChannels(), video.sampleRate(),
          video.audioBitrate()));
    }
    return VideoWriter.open(temp, format, new VideoSpec(w, h, options.framesPerSecond(), options.framesPerSecond(), 1,
        encoderSettings(), 0, 0, 0));
  }

  private EncoderSettings encoderSettings() {
    return new EncoderSettings(options.videoCodec().orElse(null), options.quality(), options.videoBitrate().orElse(0));
  }

  /** The decoding thread: frames into the pipeline (waiting for room), audio into the queue. */
  private static void decode(FrameSource source, FramePipeline pipeline, Queue<Decoded.Audio> audio, AtomicLong read) {
    try {
      Decoded item;
      while ((item = source.next()) != null) {
        if (item instanceof Decoded.Video v) {
          pipeline.submit(v.image(), v.timestampMicros(), v.decodeTime());
          read.incrementAndGet();
        } else if (item instanceof Decoded.Audio a) {
          audio.add(a);
        }
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
      }
      pipeline.end();
    } catch (InterruptedException e) {
      // Stopped by the encoding thread, which is already failing or cancelled.
    } catch (RuntimeException e) {
      pipeline.fail(e);
    }
  }

  /** Stops the decoder before the source is closed: FFmpeg must not be freed under a running grab. */
  private static void stop(Thread decoder, FramePipeline pipeline) {
    if (decoder == null) {
      return;
    }
    decoder.interrupt();
    pipeline.close();
    boolean wasInterrupted = Thread.interrupted();
    try {
      while (decoder.isAlive()) {
        try {
          decoder.join();
        } catch (InterruptedException e) {
          wasInterrupted = true;
        }
      }
    } finally {
      if (wasInterrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
