package io.gpen4j.spi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks the tensors given to {@link ModelSession#run} against the model's inputs, for backend
 * implementers: call {@link #validate} at the start of {@code run} so that every backend rejects
 * a bad feed the same way, with the same messages, before any native code sees it.
 *
 * <p>A tensor's element count always matches its shape ({@link Tensor#wrap} guarantees it), so
 * checking the shape against the model's also checks the count. Thread-safe (stateless).
 */
public final class InputFeeds {
  private InputFeeds() {}

  /**
   * Checks a feed and returns its tensors in the model's input order.
   *
   * @param modelName the model's name, for messages
   * @param inputs the model's inputs, as {@link ModelSession#inputs()} describes them
   * @param feed the tensors given to {@link ModelSession#run}, by input name
   * @return the tensors, one per input, in the order of {@code inputs}
   * @throws IllegalArgumentException if the feed names a tensor the model has no input for (the
   *     message lists the inputs), lacks a tensor for an input (the message names it and its
   *     shape), or holds a tensor whose shape the input does not accept (the message gives the
   *     expected and the actual shape)
   * @throws NullPointerException if an argument or a tensor in the feed is null
   */
  public static List<Tensor> validate(String modelName, List<TensorInfo> inputs, Map<String, Tensor> feed) {
    Objects.requireNonNull(modelName, "modelName");
    Objects.requireNonNull(inputs, "inputs");
    Objects.requireNonNull(feed, "feed");
    for (String name : feed.keySet()) {
      if (inputs.stream().noneMatch(i -> i.name().equals(name))) {
        throw new IllegalArgumentException("model " + modelName + " has no input '" + name
            + "'; its inputs are " + inputs);
      }
    }
    List<Tensor> ordered = new ArrayList<>(inputs.size());
    for (TensorInfo info : inputs) {
      Tensor t = feed.get(info.name());
      if (t == null) {
        throw new IllegalArgumentException("missing input '" + info.name() + "' " + info.shapeText()
            + " for model " + modelName);
      }
      if (!info.accepts(t.shape())) {
        throw new IllegalArgumentException("input '" + info.name() + "' of model " + modelName
            + ": expected shape " + info.shapeText() + ", actual " + Arrays.toString(t.shape()));
      }
      ordered.add(t);
    }
    return ordered;
  }
}
