package io.gpen4j.models;

import io.gpen4j.AlignmentTemplate;
import java.util.List;

/**
 * The face restoration networks gpen4j can run, each with the input contract its public ONNX
 * exports share (docs/REFERENCE.md §1, §4, §8). All of them take one aligned RGB crop in [-1, 1] and
 * return one in the same range; they differ in the template their training faces were aligned to,
 * their size and, for CodeFormer, a second input. {@link #profile()} gives that contract as a
 * {@link GeneratorProfile}.
 */
public enum GeneratorFamily {
  /** GPEN (yangxy/GPEN): any fixed size (256 to 2048), GPEN's own template. */
  GPEN(0, AlignmentTemplate.GPEN, List.of()),
  /** GFPGAN 1.2 to 1.4 (TencentARC/GFPGAN): 512, FFHQ template. */
  GFPGAN(512, AlignmentTemplate.FFHQ, List.of()),
  /**
   * CodeFormer (sczhou/CodeFormer): 512, FFHQ template, and a second input, the fidelity weight w
   * in [0, 1] (0 restores most, 1 stays closest to the input), fed as a one-element tensor.
   */
  CODEFORMER(512, AlignmentTemplate.FFHQ,
      List.of(new ScalarInput("weight", ScalarInputMeaning.FIDELITY_WEIGHT))),
  /** RestoreFormer++ (wzhouxiff/RestoreFormerPlusPlus): 512, FFHQ template. */
  RESTOREFORMER_PLUS_PLUS(512, AlignmentTemplate.FFHQ, List.of());

  private final int inputSize;
  private final AlignmentTemplate template;
  private final List<ScalarInput> scalarInputs;

  GeneratorFamily(int inputSize, AlignmentTemplate template, List<ScalarInput> scalarInputs) {
    this.inputSize = inputSize;
    this.template = template;
    this.scalarInputs = scalarInputs;
  }

  /**
   * Returns the contract the family's public exports share: its size (for GPEN, 0: the model's
   * own), its template, RGB in [-1, 1], and its extra scalar inputs.
   *
   * @return the family's default profile
   */
  public GeneratorProfile profile() {
    return new GeneratorProfile(this, inputSize, template, Normalization.RGB_MINUS_ONE_TO_ONE, scalarInputs);
  }
}
