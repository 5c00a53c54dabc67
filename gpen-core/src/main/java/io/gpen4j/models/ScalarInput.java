package io.gpen4j.models;

import java.util.Objects;

/**
 * A generator input besides the image: a one-element tensor (shape {@code [1]} or a scalar) whose
 * value the pipeline sets per run.
 *
 * @param name the input's name in the public exports; a model whose only other input has another
 *     name (exports differ: CodeFormer's is {@code weight} in facefusion's file, {@code w} in
 *     Rope's) gets the value through that input
 * @param meaning what value it receives
 */
public record ScalarInput(String name, ScalarInputMeaning meaning) {
  /**
   * Validates the input.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if the name is blank
   */
  public ScalarInput {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(meaning, "meaning");
    if (name.isBlank()) {
      throw new IllegalArgumentException("scalar input name must not be blank");
    }
  }
}
