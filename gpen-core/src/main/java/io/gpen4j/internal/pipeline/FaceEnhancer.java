package io.gpen4j.internal.pipeline;

import io.gpen4j.ModelException;
import io.gpen4j.RestorationException;
import io.gpen4j.internal.backend.SessionContract;
import io.gpen4j.internal.image.FloatImage;
import io.gpen4j.models.GeneratorFamily;
import io.gpen4j.models.GeneratorProfile;
import io.gpen4j.models.ScalarInput;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.Tensor;
import io.gpen4j.spi.TensorInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The enhance stage: runs a face generator (GPEN, GFPGAN, CodeFormer, RestoreFormer++) on one
 * aligned crop, as its {@link GeneratorProfile} describes it. The crop size is read from the model
 * and checked against the profile's; each scalar input of the profile (CodeFormer's w) is matched
 * to a one-element model input, by name or, when the export names it otherwise, as the model's
 * only such input. Thread-safe when its session is; it does not own the session.
 *
 * <p>Batches: a model whose image input has a free batch dimension (the converter's default
 * export) takes up to any number of crops in one call ({@link #enhance(List, double, int)}); one
 * with a fixed batch N takes exactly N, padded with blank crops when fewer are given. The official
 * exports take batch 1 and run one call per face, exactly as {@link #enhance(FloatImage, double)}.
 */
public final class FaceEnhancer {
  private final ModelSession session;
  private final String modelName;
  private final GeneratorProfile profile;
  private final String inputName;
  private final String outputName;
  /** Model input name to the scalar input it receives, in the profile's order. */
  private final Map<String, ScalarInput> scalarFeeds;
  /** Model input name to the shape a one-element feed must have ({@code [1]} or {@code []}). */
  private final Map<String, long[]> scalarShapes;
  private final int size;
  /** The model's fixed batch, or 0 when its batch dimension is free. */
  private final int fixedBatch;

  /**
   * Checks that a session looks like a GPEN generator of any fixed size.
   *
   * @param session the generator
   * @param modelName the model's name, for messages
   * @throws ModelException naming the expected and the actual inputs and outputs when they do not fit
   */
  public FaceEnhancer(ModelSession session, String modelName) {
    this(session, modelName, GeneratorFamily.GPEN.profile());
  }

  /**
   * Checks that a session fits a generator profile: one float image input {@code [N, 3, S, S]} (N
   * fixed or free) with a fixed S (equal to the profile's size when it sets one), one one-element input per scalar input
   * of the profile and no other input, and an image output of the same shape.
   *
   * @param session the generator
   * @param modelName the model's name, for messages
   * @param profile what the model is expected to need
   * @throws ModelException naming what the profile needs and what the model has when they do not fit
   */
  public FaceEnhancer(ModelSession session, String modelName, GeneratorProfile profile) {
    this.session = Objects.requireNonNull(session, "session");
    this.modelName = Objects.requireNonNull(modelName, "modelName");
    this.profile = Objects.requireNonNull(profile, "profile");
    List<TensorInfo> inputs = session.inputs();
    List<TensorInfo> outputs = session.outputs();
    SessionContract contract = new SessionContract(modelName, expected(), session);
    List<TensorInfo> images = new ArrayList<>();
    List<TensorInfo> scalars = new ArrayList<>();
    for (TensorInfo in : inputs) {
      (isOneElement(in) ? scalars : images).add(in);
    }
    if (images.size() != 1 || outputs.isEmpty()) {
      throw contract.mismatch("");
    }
    long[] in = images.get(0).shape();
    if (in.length != 4 || (in[0] < 1 && in[0] != -1) || in[0] > Integer.MAX_VALUE || in[1] != 3 || in[2] <= 0 || in[2] != in[3]) {
      throw contract.mismatch("");
    }
    if (profile.inputSize() != 0 && in[2] != profile.inputSize()) {
      throw contract.mismatch(familyName() + " takes " + profile.inputSize() + "x"
          + profile.inputSize() + " crops, but the file's image input '" + images.get(0).name() + "' is "
          + images.get(0).shapeText() + " (a " + in[2] + "x" + in[3] + " model)");
    }
    long[] out = outputs.get(0).shape();
    if (!outputs.get(0).accepts(in[0] == -1 ? 1 : in[0], 3, in[2], in[3]) && !(out.length == 4 && Arrays.stream(out).allMatch(d -> d == -1))) {
      throw contract.mismatch("");
    }
    this.scalarFeeds = matchScalars(scalars, contract);
    this.scalarShapes = new HashMap<>();
    for (TensorInfo s : scalars) {
      scalarShapes.put(s.name(), s.shape().length == 0 ? new long[0] : new long[] {1});
    }
    this.inputName = images.get(0).name();
    this.outputName = outputs.get(0).name();
    this.size = Math.toIntExact(in[2]);
    this.fixedBatch = in[0] == -1 ? 0 : (int) in[0];
  }

  /** A rank-0 or rank-1 input with at most one element: a scalar such as CodeFormer's w. */
  private static boolean isOneElement(TensorInfo info) {
    long[] s = info.shape();
    return s.length == 0 || (s.length == 1 && (s[0] == 1 || s[0] == -1));
  }

  private Map<String, ScalarInput> matchScalars(List<TensorInfo> scalars, SessionContract contract) {
    List<ScalarInput> wanted = profile.scalarInputs();
    if (scalars.size() != wanted.size()) {
      String hint = wanted.isEmpty() && profile.family() != GeneratorFamily.CODEFORMER && scalars.size() == 1
          ? " A file with one extra scalar input is probably CodeFormer: describe it with"
              + " GeneratorStage.withProfile(GeneratorFamily.CODEFORMER.profile())."
          : "";
      throw contract.mismatch("", "." + hint);
    }
    Map<String, ScalarInput> feeds = new LinkedHashMap<>();
    for (ScalarInput s : wanted) {
      TensorInfo match = scalars.stream().filter(t -> t.name().equals(s.name())).findFirst()
          .orElse(wanted.size() == 1 ? scalars.get(0) : null);
      if (match == null || feeds.containsKey(match.name())) {
        throw contract.mismatch("no input '" + s.name() + "' for " + s.meaning());
      }
      feeds.put(match.name(), s);
    }
    return Map.copyOf(feeds);
  }

  private String familyName() {
    return profile.family().toString();
  }

  private String expected() {
    String s = profile.inputSize() == 0 ? "S" : Integer.toString(profile.inputSize());
    StringBuilder b = new StringBuilder("expected a " + familyName() + " generator: one image input [1,3,"
        + s + "," + s + "]" + (profile.inputSize() == 0 ? " with S fixed" : ""));
    for (ScalarInput in : profile.scalarInputs()) {
      b.append(", one input '").append(in.name()).append("' [1] for ").append(in.meaning());
    }
    if (profile.scalarInputs().isEmpty()) {
      b.append(" and no other input");
    }
    return b.append(", and one output [1,3,").append(s).append(',').append(s).append(']').toString();
  }

  /**
   * Returns the most crops one model call takes.
   *
   * @return the model's fixed batch, or {@link Integer#MAX_VALUE} when its batch dimension is free
   */
  public int batchCapacity() {
    return fixedBatch == 0 ? Integer.MAX_VALUE : fixedBatch;
  }

  /** Returns the model's name, for reports. @return the name it was opened with */
  public String modelName() {
    return modelName;
  }

  /** Returns the crop side the model takes. @return S */
  public int size() {
    return size;
  }

  /** Returns what the model needs. @return the profile it was checked against */
  public GeneratorProfile profile() {
    return profile;
  }

  /**
   * Returns whether the model takes the fidelity as an input; its output is then pasted whole.
   *
   * @return true for CodeFormer
   */
  public boolean takesFidelity() {
    return profile.takesFidelity();
  }

  /**
   * Enhances one crop with the fidelity of a plain generator (1: unused by models without the input).
   *
   * @param crop an aligned {@code S x S} 3-channel crop in [0, 255]
   * @return the restored crop, or null for NaN or infinity in the output
   * @throws RestorationException if the model run fails or returns the wrong shape
   */
  public FloatImage enhance(FloatImage crop) {
    return enhance(crop, 1.0);
  }

  /**
   * Enhances one crop.
   *
   * @param crop an aligned {@code S x S} 3-channel crop in [0, 255]
   * @param fidelity the value fed to a {@link io.gpen4j.models.ScalarInputMeaning#FIDELITY_WEIGHT}
   *     input, in [0, 1]; ignored by models without one
   * @return the restored crop in [0, 255], or null when the generator produced NaN or infinity
   *     (the caller keeps the original face)
   * @throws IllegalArgumentException if the crop has the wrong size or the fidelity is outside [0, 1]
   * @throws RestorationException if the model run fails or returns the wrong shape
   */
  public FloatImage enhance(FloatImage crop, double fidelity) {
    return enhance(List.of(crop), fidelity, 1).get(0);
  }

  /**
   * Enhances several crops in one model call, all with the same fidelity (the scalar inputs of
   * CodeFormer-like models hold one value per call).
   *
   * @param crops aligned {@code S x S} 3-channel crops in [0, 255], at most {@link #batchCapacity()}
   * @param fidelity as in {@link #enhance(FloatImage, double)}
   * @param callBatch the batch the model is called with: the crops are padded with blank ones up to
   *     it (a TensorRT engine is built per input shape, so a fixed call batch keeps one engine); the
   *     model's fixed batch, when it has one, wins
   * @return one restored crop per crop, in order; an element is null when the generator produced
   *     NaN or infinity for that crop (only that face keeps its original)
   * @throws IllegalArgumentException if a crop has the wrong size, there are no crops or more than
   *     the model takes, or the fidelity is outside [0, 1]
   * @throws RestorationException if the model run fails or returns the wrong shape
   */
  public List<FloatImage> enhance(List<FloatImage> crops, double fidelity, int callBatch) {
    if (crops.isEmpty() || crops.size() > batchCapacity()) {
      throw new IllegalArgumentException(crops.size() + " crops for one call; model " + modelName + " takes 1 to "
          + batchCapacity());
    }
    for (FloatImage crop : crops) {
      if (crop.width() != size || crop.height() != size) {
        throw new IllegalArgumentException(
            "crop is " + crop.width() + "x" + crop.height() + ", model " + modelName + " takes " + size);
      }
    }
    if (!(fidelity >= 0 && fidelity <= 1)) {
      throw new IllegalArgumentException("fidelity must be in [0, 1]: " + fidelity);
    }
    int batch = fixedBatch != 0 ? fixedBatch : Math.max(crops.size(), Math.max(1, callBatch));
    Map<String, Tensor> feed = new HashMap<>();
    feed.put(inputName, batchInput(crops, batch));
    for (Map.Entry<String, ScalarInput> e : scalarFeeds.entrySet()) {
      float value = switch (e.getValue().meaning()) {
        case FIDELITY_WEIGHT -> (float) fidelity;
      };
      feed.put(e.getKey(), Tensor.wrap(new float[] {value}, scalarShapes.get(e.getKey())));
    }
    Map<String, Tensor> outputs = session.run(feed);
    Tensor out = outputs.get(outputName);
    if (out == null || out.rank() != 4 || out.dim(0) != batch || out.dim(1) != 3 || out.dim(2) != size
        || out.dim(3) != size) {
      throw new RestorationException("stage 'enhance': model " + modelName + " returned "
          + (out == null ? "no output '" + outputName + "'" : out) + ", expected [" + batch + ",3," + size + ","
          + size + "]");
    }
    if (batch == 1) {
      return Collections.singletonList(CropNormalization.fromOutput(out, size, profile.normalization()));
    }
    // Each face is normalised back on its own slice, so NaN in one face leaves the others usable.
    float[] all = out.toArray();
    int values = 3 * size * size;
    List<FloatImage> restored = new ArrayList<>(crops.size());
    for (int i = 0; i < crops.size(); i++) {
      Tensor one = Tensor.wrap(Arrays.copyOfRange(all, i * values, (i + 1) * values), 1, 3, size, size);
      restored.add(CropNormalization.fromOutput(one, size, profile.normalization()));
    }
    return restored;
  }

  /** The crops' input tensors stacked along the batch, padded with zeros (mid-grey) up to {@code batch}. */
  private Tensor batchInput(List<FloatImage> crops, int batch) {
    if (batch == 1) {
      return CropNormalization.toInput(crops.get(0), profile.normalization());
    }
    int values = 3 * size * size;
    float[] stacked = new float[Math.multiplyExact(batch, values)];
    for (int i = 0; i < crops.size(); i++) {
      Tensor one = CropNormalization.toInput(crops.get(i), profile.normalization());
      one.buffer().get(stacked, i * values, values);
    }
    return Tensor.wrap(stacked, batch, 3, size, size);
  }
}
