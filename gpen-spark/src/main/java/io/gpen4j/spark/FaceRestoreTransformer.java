package io.gpen4j.spark;

import io.gpen4j.DetectorType;
import io.gpen4j.FaceRestorer;
import io.gpen4j.ImageFormat;
import io.gpen4j.RestoreOptions;
import java.util.Arrays;
import java.util.Locale;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A Spark ML transformer that restores the faces in a column of encoded photos: Spark's
 * {@code binaryFile} source ({@code path}, {@code content}, ...) or any binary column.
 *
 * <pre>{@code
 * Dataset<Row> photos = spark.read().format("binaryFile").load("hdfs:///archive/scans");
 * FaceRestoreTransformer restore = new FaceRestoreTransformer()
 *     .setModel("GPEN-BFR-512").setModelsDirectory("/opt/gpen4j/models")
 *     .setOnlyLargestFace(true).setFidelity(0.8);
 * Dataset<Row> restored = restore.transform(photos);   // + restored, faces, status, error
 * new Pipeline().setStages(new PipelineStage[] {restore}).fit(photos).save("restore-pipeline");
 * }</pre>
 *
 * <p>Output columns, added to the input's: {@value #RESTORED_COL} (the restored photo's bytes in
 * {@link #outputFormat()}; null on error), {@value #FACES_COL} (an array of the restored faces
 * with the fields of the CLI's {@code --json}: {@code x, y, width, height, score, landmarks,
 * alignment, enhanced, timingsMillis{align, enhance, paste}}), {@value #STATUS_COL}
 * ({@value #STATUS_OK} or {@value #STATUS_ERROR}) and {@value #ERROR_COL} (the message, null when
 * restored). A photo that cannot be decoded or restored gives an error row; the job goes on. A
 * model that cannot be found fails the task (and the job): that is a configuration error.
 *
 * <p>Models: each executor JVM opens one {@link FaceRestorer} per configuration and shares it
 * between its tasks (see the module README); its intra-op threads are the executor's cores divided
 * by its task slots unless {@link #intraOpThreads()} is set. {@link #model()} and
 * {@link #detector()} take a path present on every node, the name of a file distributed with
 * {@code --files} or {@code SparkContext.addFile}, or a catalogue name found in
 * {@link #modelsDirectory()}; files are checked by SHA-256 (the given one, else the catalogue's).
 *
 * <p>Saved and loaded with its parameters ({@link DefaultParamsWritable}, {@link #read()}), alone
 * or inside a {@code Pipeline}. Immutable apart from its parameters, like every Spark transformer.
 */
public final class FaceRestoreTransformer extends Transformer implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  /** The output column with the restored photo's bytes. */
  public static final String RESTORED_COL = "restored";
  /** The output column with the per-face records. */
  public static final String FACES_COL = "faces";
  /** The output column with {@value #STATUS_OK} or {@value #STATUS_ERROR}. */
  public static final String STATUS_COL = "status";
  /** The output column with the error message. */
  public static final String ERROR_COL = "error";
  /** The status of a restored photo. */
  public static final String STATUS_OK = "ok";
  /** The status of a photo that could not be restored. */
  public static final String STATUS_ERROR = "error";

  private final String uid;
  private final Param<String> inputCol;
  private final Param<String> pathCol;
  private final Param<String> model;
  private final Param<String> modelSha256;
  private final Param<String> detector;
  private final Param<String> detectorType;
  private final Param<String> detectorSha256;
  private final Param<String> modelsDirectory;
  private final BooleanParam onlyLargestFace;
  private final IntParam minFaceSize;
  private final DoubleParam fidelity;
  private final IntParam upscale;
  private final Param<String> outputFormat;
  private final IntParam photosPerBatch;
  private final IntParam intraOpThreads;
  private final Param<String> cacheDirectory;

  /** Creates a transformer with a random uid and the default parameters. */
  public FaceRestoreTransformer() {
    this(Identifiable$.MODULE$.randomUID("gpen4jFaceRestore"));
  }

  /**
   * Creates a transformer with the given uid and the default parameters (Spark's readers call this).
   *
   * @param uid the uid
   */
  public FaceRestoreTransformer(String uid) {
    this.uid = uid;
    inputCol = new Param<>(this, "inputCol", "the binary column with the encoded photos");
    pathCol = new Param<>(this, "pathCol", "the column that names each photo in messages; empty for none");
    model = new Param<>(this, "model", "the face restorer: a path on every node, a file distributed with "
        + "--files/addFile, or a catalogue name (GPEN-BFR-512)");
    modelSha256 = new Param<>(this, "modelSha256", "the model's SHA-256 (64 hex digits); empty: the catalogue's");
    detector = new Param<>(this, "detector", "the face detector as model takes it; empty: the built-in YuNet");
    detectorType = new Param<>(this, "detectorType", "YUNET, SCRFD or RETINAFACE; empty: told by the name");
    detectorSha256 = new Param<>(this, "detectorSha256", "the detector's SHA-256; empty: the catalogue's");
    modelsDirectory = new Param<>(this, "modelsDirectory", "the folder with catalogue models on every node");
    onlyLargestFace = new BooleanParam(this, "onlyLargestFace", "restore only the largest face");
    minFaceSize = new IntParam(this, "minFaceSize", "skip faces smaller than this many pixels (0: all)",
        ParamValidators.gtEq(0));
    fidelity = new DoubleParam(this, "fidelity", "0 keeps the original, 1 takes the generator's face",
        ParamValidators.inRange(0, 1));
    upscale = new IntParam(this, "upscale", "the output scale: 1, 2 or 4",
        ParamValidators.inArray(new int[] {1, 2, 4}));
    outputFormat = new Param<>(this, "outputFormat", "png, jpg or bmp");
    photosPerBatch = new IntParam(this, "photosPerBatch", "photos whose faces go to the generator together",
        ParamValidators.gtEq(1));
    intraOpThreads = new IntParam(this, "intraOpThreads", "intra-op threads per task; 0: cores / task slots",
        ParamValidators.gtEq(0));
    cacheDirectory = new Param<>(this, "cacheDirectory", "where each node keeps models prepared for it "
        + "(rewritten GPEN exports, optimised graphs), so later loads are faster; empty: none");
    setDefault(cacheDirectory, "");
    setDefault(inputCol, "content");
    setDefault(pathCol, "path");
    setDefault(modelSha256, "");
    setDefault(detector, "");
    setDefault(detectorType, "");
    setDefault(detectorSha256, "");
    setDefault(modelsDirectory, "");
    setDefault(onlyLargestFace, false);
    setDefault(minFaceSize, 0);
    setDefault(fidelity, 1.0);
    setDefault(upscale, 1);
    setDefault(outputFormat, "png");
    setDefault(photosPerBatch, 4);
    setDefault(intraOpThreads, 0);
  }

  /**
   * Returns a reader that loads a saved transformer (Spark's convention, also used by {@code
   * Pipeline.load}).
   *
   * @return the reader
   */
  public static MLReader<FaceRestoreTransformer> read() {
    return new DefaultParamsReader<>();
  }

  /**
   * Loads a transformer saved with {@code write().save(path)}.
   *
   * @param path where it was saved
   * @return the transformer
   */
  public static FaceRestoreTransformer load(String path) {
    return read().load(path);
  }

  @Override
  public String uid() {
    return uid;
  }

  /** The binary input column. @return the parameter, default {@code content} */
  public Param<String> inputCol() {
    return inputCol;
  }

  /** The column that names photos in error messages. @return the parameter, default {@code path} */
  public Param<String> pathCol() {
    return pathCol;
  }

  /** The face restorer model. @return the parameter; it has no default */
  public Param<String> model() {
    return model;
  }

  /** The model's expected SHA-256. @return the parameter, default empty (the catalogue's) */
  public Param<String> modelSha256() {
    return modelSha256;
  }

  /** The face detector model. @return the parameter, default empty (gpen-core's YuNet) */
  public Param<String> detector() {
    return detector;
  }

  /** Which detector a detector file is. @return the parameter, default empty (told by its name) */
  public Param<String> detectorType() {
    return detectorType;
  }

  /** The detector's expected SHA-256. @return the parameter, default empty (the catalogue's) */
  public Param<String> detectorSha256() {
    return detectorSha256;
  }

  /** The folder with catalogue models on every node. @return the parameter, default empty */
  public Param<String> modelsDirectory() {
    return modelsDirectory;
  }

  /** Whether only the largest face is restored. @return the parameter, default false */
  public BooleanParam onlyLargestFace() {
    return onlyLargestFace;
  }

  /** The smallest face restored, in pixels. @return the parameter, default 0 (all) */
  public IntParam minFaceSize() {
    return minFaceSize;
  }

  /** How much of the restored face replaces the original. @return the parameter, default 1 */
  public DoubleParam fidelity() {
    return fidelity;
  }

  /** The output scale. @return the parameter, default 1 */
  public IntParam upscale() {
    return upscale;
  }

  /** The output format: png, jpg or bmp. @return the parameter, default png */
  public Param<String> outputFormat() {
    return outputFormat;
  }

  /** How many photos send their faces to the generator together. @return the parameter, default 4 */
  public IntParam photosPerBatch() {
    return photosPerBatch;
  }

  /** Intra-op threads per task. @return the parameter, default 0 (the executor's cores / task slots) */
  public IntParam intraOpThreads() {
    return intraOpThreads;
  }

  /** Where each node keeps the models the backend prepared for it. @return the parameter, default empty (none) */
  public Param<String> cacheDirectory() {
    return cacheDirectory;
  }

  /**
   * Sets where each node keeps the models the backend prepared for it (a local folder on every node;
   * the CLI's {@code --cache-dir}).
   *
   * @param value the folder, or empty for none
   * @return this transformer
   */
  public FaceRestoreTransformer setCacheDirectory(String value) {
    set(cacheDirectory, value);
    return this;
  }

  /**
   * Sets the binary input column.
   *
   * @param value the column name
   * @return this transformer
   */
  public FaceRestoreTransformer setInputCol(String value) {
    set(inputCol, value);
    return this;
  }

  /**
   * Sets the column that names photos in messages.
   *
   * @param value the column name, or empty for none
   * @return this transformer
   */
  public FaceRestoreTransformer setPathCol(String value) {
    set(pathCol, value);
    return this;
  }

  /**
   * Sets the face restorer model.
   *
   * @param value a path on every node, a distributed file's name, or a catalogue name
   * @return this transformer
   */
  public FaceRestoreTransformer setModel(String value) {
    set(model, value);
    return this;
  }

  /**
   * Sets the model's expected SHA-256.
   *
   * @param value 64 hex digits, or empty
   * @return this transformer
   */
  public FaceRestoreTransformer setModelSha256(String value) {
    set(modelSha256, value);
    return this;
  }

  /**
   * Sets the face detector model.
   *
   * @param value as {@link #setModel(String)} takes it, or empty for the built-in YuNet
   * @return this transformer
   */
  public FaceRestoreTransformer setDetector(String value) {
    set(detector, value);
    return this;
  }

  /**
   * Sets which detector a detector file is.
   *
   * @param value YUNET, SCRFD or RETINAFACE, or empty to tell by its name
   * @return this transformer
   */
  public FaceRestoreTransformer setDetectorType(String value) {
    set(detectorType, value);
    return this;
  }

  /**
   * Sets the detector's expected SHA-256.
   *
   * @param value 64 hex digits, or empty
   * @return this transformer
   */
  public FaceRestoreTransformer setDetectorSha256(String value) {
    set(detectorSha256, value);
    return this;
  }

  /**
   * Sets the folder with catalogue models on every node.
   *
   * @param value the folder
   * @return this transformer
   */
  public FaceRestoreTransformer setModelsDirectory(String value) {
    set(modelsDirectory, value);
    return this;
  }

  /**
   * Sets whether only the largest face is restored.
   *
   * @param value true for the largest face only
   * @return this transformer
   */
  public FaceRestoreTransformer setOnlyLargestFace(boolean value) {
    set(onlyLargestFace, value);
    return this;
  }

  /**
   * Sets the smallest face restored.
   *
   * @param value pixels on the box's shorter side, 0 for all
   * @return this transformer
   */
  public FaceRestoreTransformer setMinFaceSize(int value) {
    set(minFaceSize, value);
    return this;
  }

  /**
   * Sets how much of the restored face replaces the original.
   *
   * @param value 0 to 1
   * @return this transformer
   */
  public FaceRestoreTransformer setFidelity(double value) {
    set(fidelity, value);
    return this;
  }

  /**
   * Sets the output scale.
   *
   * @param value 1, 2 or 4
   * @return this transformer
   */
  public FaceRestoreTransformer setUpscale(int value) {
    set(upscale, value);
    return this;
  }

  /**
   * Sets the output format.
   *
   * @param value png, jpg (or jpeg) or bmp
   * @return this transformer
   */
  public FaceRestoreTransformer setOutputFormat(String value) {
    set(outputFormat, value);
    return this;
  }

  /**
   * Sets how many photos send their faces to the generator together.
   *
   * @param value at least 1
   * @return this transformer
   */
  public FaceRestoreTransformer setPhotosPerBatch(int value) {
    set(photosPerBatch, value);
    return this;
  }

  /**
   * Sets the intra-op threads of each task's model runs.
   *
   * @param value at least 1, or 0 for the executor's cores divided by its task slots
   * @return this transformer
   */
  public FaceRestoreTransformer setIntraOpThreads(int value) {
    set(intraOpThreads, value);
    return this;
  }

  /**
   * Returns the output format as gpen-core names it.
   *
   * @return the format
   * @throws IllegalArgumentException if {@link #outputFormat()} names none
   */
  ImageFormat format() {
    String value = getOrDefault(outputFormat);
    return ImageFormat.forExtension(value).orElseThrow(() -> new IllegalArgumentException(
        "outputFormat must be png, jpg, jpeg or bmp: '" + value + "'"));
  }

  /** The per-photo settings for the executors. */
  PhotoSettings photoSettings() {
    return new PhotoSettings((Boolean) getOrDefault(onlyLargestFace), (Integer) getOrDefault(minFaceSize),
        (Double) getOrDefault(fidelity), (Integer) getOrDefault(upscale), format(),
        (Integer) getOrDefault(photosPerBatch));
  }

  /** The function that restores a partition of a frame with this schema. */
  PartitionRestorer partitionRestorer(StructType schema) {
    if (!isDefined(model) || getOrDefault(model).isBlank()) {
      throw new IllegalArgumentException("model must be set: a path on every node, a distributed file or a "
          + "catalogue name");
    }
    String dir = blankToNull(getOrDefault(modelsDirectory));
    ModelReference generator = new ModelReference(getOrDefault(model), blankToNull(getOrDefault(modelSha256)), dir);
    String det = blankToNull(getOrDefault(detector));
    ModelReference detectorRef = det == null ? null
        : new ModelReference(det, blankToNull(getOrDefault(detectorSha256)), dir);
    String type = blankToNull(getOrDefault(detectorType));
    DetectorType detType = null;
    if (type != null) {
      try {
        detType = DetectorType.valueOf(type.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("detectorType must be one of " + Arrays.toString(DetectorType.values())
            + ": '" + type + "'", e);
      }
    }
    String path = getOrDefault(pathCol);
    int pathIndex = path.isEmpty() || !Arrays.asList(schema.fieldNames()).contains(path) ? -1
        : schema.fieldIndex(path);
    return new PartitionRestorer(generator, detectorRef, detType, (Integer) getOrDefault(intraOpThreads),
        blankToNull(getOrDefault(cacheDirectory)), photoSettings(), schema.fieldIndex(getOrDefault(inputCol)),
        pathIndex);
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    StructType out = transformSchema(dataset.schema(), true);
    Dataset<Row> frame = dataset.toDF();
    return frame.mapPartitions(partitionRestorer(frame.schema()), Encoders.row(out));
  }

  @Override
  public StructType transformSchema(StructType schema) {
    String input = getOrDefault(inputCol);
    if (!Arrays.asList(schema.fieldNames()).contains(input)) {
      throw new IllegalArgumentException("inputCol " + input + " is not a column; the columns are "
          + Arrays.toString(schema.fieldNames()));
    }
    if (!schema.apply(input).dataType().equals(DataTypes.BinaryType)) {
      throw new IllegalArgumentException("inputCol " + input + " must be binary (encoded photos), not "
          + schema.apply(input).dataType().simpleString());
    }
    for (String name : new String[] {RESTORED_COL, FACES_COL, STATUS_COL, ERROR_COL}) {
      if (Arrays.asList(schema.fieldNames()).contains(name)) {
        throw new IllegalArgumentException("the input already has a column " + name + ", which this transformer adds");
      }
    }
    photoSettings();
    return schema
        .add(DataTypes.createStructField(RESTORED_COL, DataTypes.BinaryType, true))
        .add(DataTypes.createStructField(FACES_COL, DataTypes.createArrayType(FaceRows.FACE, false), false))
        .add(DataTypes.createStructField(STATUS_COL, DataTypes.StringType, false))
        .add(DataTypes.createStructField(ERROR_COL, DataTypes.StringType, true));
  }

  @Override
  public FaceRestoreTransformer copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  /** What the restore options of these parameters are, as gpen-core checks them. */
  RestoreOptions restoreOptions() {
    return photoSettings().options();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
