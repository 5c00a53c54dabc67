package io.gpen4j.models;

import io.gpen4j.AlignmentTemplate;
import java.util.List;
import java.util.Objects;

/**
 * What a face generator needs from the pipeline: its crop size, the template its training faces
 * were aligned to, how pixels are mapped to its input (range and colour order, see
 * {@link Normalization#bgr()}), and the scalar inputs it takes besides the image. Catalogue
 * restorers carry one ({@link ModelSpec#generatorProfile()}); a file the catalogue does not know
 * is described with {@code GeneratorStage.withProfile}. Start from
 * {@link GeneratorFamily#profile()} and adjust:
 *
 * <pre>{@code
 * GeneratorProfile own = GeneratorFamily.GFPGAN.profile().withTemplate(AlignmentTemplate.GPEN);
 * }</pre>
 *
 * @param family the network family, for messages and reports
 * @param inputSize the side of the square crop the model takes, or 0 for "whatever fixed size the
 *     model declares" (GPEN's default); a model of another size is rejected when it is opened
 * @param template the alignment template
 * @param normalization the input (and output) pixel mapping
 * @param scalarInputs the extra inputs, each fed one value per run
 */
public record GeneratorProfile(
    GeneratorFamily family,
    int inputSize,
    AlignmentTemplate template,
    Normalization normalization,
    List<ScalarInput> scalarInputs) {

  /**
   * Validates the profile and copies the list.
   *
   * @throws NullPointerException if a component or a scalar input is null
   * @throws IllegalArgumentException if the size is negative or two scalar inputs share a name
   */
  public GeneratorProfile {
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(normalization, "normalization");
    scalarInputs = List.copyOf(scalarInputs);
    if (inputSize < 0) {
      throw new IllegalArgumentException("inputSize must be 0 (the model's) or positive: " + inputSize);
    }
    if (scalarInputs.stream().map(ScalarInput::name).distinct().count() != scalarInputs.size()) {
      throw new IllegalArgumentException("scalar input names must be distinct: " + scalarInputs);
    }
  }

  /**
   * Returns this profile with another template.
   *
   * @param newTemplate the template
   * @return a new profile
   * @throws NullPointerException if {@code newTemplate} is null
   */
  public GeneratorProfile withTemplate(AlignmentTemplate newTemplate) {
    return new GeneratorProfile(family, inputSize, newTemplate, normalization, scalarInputs);
  }

  /**
   * Returns this profile with another crop size.
   *
   * @param newInputSize the side in pixels, or 0 for the model's own
   * @return a new profile
   * @throws IllegalArgumentException if {@code newInputSize} is negative
   */
  public GeneratorProfile withInputSize(int newInputSize) {
    return new GeneratorProfile(family, newInputSize, template, normalization, scalarInputs);
  }

  /**
   * Returns whether the model takes the fidelity as an input (CodeFormer's w).
   *
   * @return true if a scalar input has {@link ScalarInputMeaning#FIDELITY_WEIGHT}
   */
  public boolean takesFidelity() {
    return scalarInputs.stream().anyMatch(s -> s.meaning() == ScalarInputMeaning.FIDELITY_WEIGHT);
  }
}
