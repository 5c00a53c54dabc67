package io.gpen4j.spark;

import io.gpen4j.DetectedFace;
import io.gpen4j.DetectorType;
import io.gpen4j.FaceRestorer;
import io.gpen4j.Frame;
import io.gpen4j.RestoreOptions;
import io.gpen4j.RestoreResult;
import io.gpen4j.spi.ThreadBudget;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores the photos of one partition: the executor side of {@link FaceRestoreTransformer}.
 *
 * <p>Batching: the photos are taken {@link PhotoSettings#photosPerBatch()} at a time; each is
 * decoded straight into a {@link Frame} and its faces detected ({@link FaceRestorer#detect}), then
 * the faces of all of them go to the generator together ({@link FaceRestorer#restoreFrames}), so
 * a partition of one-face portraits still fills the generator's batches. Rows are produced lazily, a batch at a time, so a partition
 * never holds more than one batch of decoded photos.
 *
 * <p>Errors: a photo that cannot be decoded, detected, restored or encoded gives its own row with
 * status {@code error} and the message; the other photos of its batch are restored one by one when
 * the batch as a whole failed. Only a configuration error (a missing model) fails the task.
 */
final class PartitionRestorer implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(PartitionRestorer.class);

  private final ModelReference generator;
  private final ModelReference detector;
  private final DetectorType detectorType;
  private final int intraOpThreads;
  private final String cacheDirectory;
  private final PhotoSettings settings;
  private final int contentIndex;
  private final int pathIndex;

  PartitionRestorer(ModelReference generator, ModelReference detector, DetectorType detectorType, int intraOpThreads,
      String cacheDirectory, PhotoSettings settings, int contentIndex, int pathIndex) {
    this.generator = generator;
    this.detector = detector;
    this.detectorType = detectorType;
    this.intraOpThreads = intraOpThreads;
    this.cacheDirectory = cacheDirectory;
    this.settings = settings;
    this.contentIndex = contentIndex;
    this.pathIndex = pathIndex;
  }

  /** This executor's key: the models plus the threads its task slots leave each task. */
  RestorerKey key() {
    SparkEnv env = SparkEnv.get();
    SparkConf conf = env != null ? env.conf() : new SparkConf(false);
    TaskSlots slots = TaskSlots.of(conf, ThreadBudget.availableCores());
    int threads = intraOpThreads > 0 ? intraOpThreads : slots.threadsPerTask();
    return new RestorerKey(generator, detector, detectorType, threads, slots.slots(), cacheDirectory);
  }

  /** The restore options of these settings. @return the options */
  RestoreOptions restoreOptions() {
    return settings.options();
  }

  @Override
  public Iterator<Row> call(Iterator<Row> input) {
    if (!input.hasNext()) {
      return input;
    }
    FaceRestorer restorer = ExecutorRestorers.get(key());
    RestoreOptions options = settings.options();
    PhotoCodec codec = new PhotoCodec();
    return new Iterator<>() {
      private Iterator<Row> batch = List.<Row>of().iterator();

      @Override
      public boolean hasNext() {
        while (!batch.hasNext() && input.hasNext()) {
          List<Row> rows = new ArrayList<>(settings.photosPerBatch());
          while (rows.size() < settings.photosPerBatch() && input.hasNext()) {
            rows.add(input.next());
          }
          batch = restoreBatch(restorer, codec, options, rows).iterator();
        }
        return batch.hasNext();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return batch.next();
      }
    };
  }

  private List<Row> restoreBatch(FaceRestorer restorer, PhotoCodec codec, RestoreOptions options, List<Row> rows) {
    int n = rows.size();
    Outcome[] outcomes = new Outcome[n];
    List<Integer> ready = new ArrayList<>();
    List<Frame> frames = new ArrayList<>();
    List<List<DetectedFace>> faces = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Row row = rows.get(i);
      String name = name(row);
      try {
        Frame frame = codec.decode(row.isNullAt(contentIndex) ? null : (byte[]) row.get(contentIndex), name);
        List<DetectedFace> found = restorer.detect(frame, options);
        ready.add(i);
        frames.add(frame);
        faces.add(found);
      } catch (RuntimeException e) {
        outcomes[i] = Outcome.failed(e);
      }
    }
    if (!ready.isEmpty()) {
      List<RestoreResult> results;
      try {
        results = restorer.restoreFrames(frames, faces, options);
      } catch (RuntimeException e) {
        // One photo broke the batch (or the batch did not fit the memory budget): one by one.
        LOG.debug("batch of {} photos failed ({}); restoring them one by one", ready.size(), e.toString());
        results = null;
      }
      for (int k = 0; k < ready.size(); k++) {
        int i = ready.get(k);
        try {
          RestoreResult r = results != null ? results.get(k) : restorer.restore(frames.get(k), faces.get(k), options);
          outcomes[i] = Outcome.restored(r, codec.encode(r.image(), settings.format(), options.jpegBackground()));
        } catch (RuntimeException e) {
          outcomes[i] = Outcome.failed(e);
        }
      }
    }
    List<Row> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(outcomes[i].append(rows.get(i)));
    }
    return out;
  }

  private String name(Row row) {
    return pathIndex >= 0 && !row.isNullAt(pathIndex) ? row.getString(pathIndex) : "the photo";
  }

  /** What became of one photo. */
  private record Outcome(byte[] restored, Object faces, String status, String error) {
    static Outcome restored(RestoreResult r, byte[] bytes) {
      return new Outcome(bytes, SparkArrays.of(r.faces().stream().map(FaceRows::of).toList()),
          FaceRestoreTransformer.STATUS_OK, null);
    }

    static Outcome failed(RuntimeException e) {
      String message = e.getMessage() != null ? e.getMessage() : e.toString();
      return new Outcome(null, SparkArrays.of(List.of()), FaceRestoreTransformer.STATUS_ERROR, message);
    }

    Row append(Row input) {
      Object[] values = new Object[input.length() + 4];
      for (int i = 0; i < input.length(); i++) {
        values[i] = input.get(i);
      }
      values[input.length()] = restored;
      values[input.length() + 1] = faces;
      values[input.length() + 2] = status;
      values[input.length() + 3] = error;
      return RowFactory.create(values);
    }
  }
}
