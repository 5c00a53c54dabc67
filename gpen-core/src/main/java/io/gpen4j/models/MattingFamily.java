package io.gpen4j.models;

/**
 * The portrait-matting networks gpen4j can run through a {@link io.gpen4j.MattingStage}: each
 * takes one RGB image {@code [1, 3, H, W]} and returns its alpha matte {@code [1, 1, H, W]} in
 * [0, 1] (1 on the person). They differ in the input size they want and how pixels are fed, which
 * the family holds as data.
 */
public enum MattingFamily {
  /**
   * MODNet (ZHKKKe/MODNet, "Is a Green Screen Really Necessary for Real-Time Portrait Matting?"):
   * RGB in [-1, 1] ({@code Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5))} in the official demo) and
   * its size rule, short side to 512, both sides multiples of 32 (see {@link MattingInputSize}).
   */
  MODNET(Normalization.RGB_MINUS_ONE_TO_ONE, MattingInputSize.rule(512, 32));

  private final Normalization normalization;
  private final MattingInputSize inputSize;

  MattingFamily(Normalization normalization, MattingInputSize inputSize) {
    this.normalization = normalization;
    this.inputSize = inputSize;
  }

  /**
   * Returns how the image's pixels are fed to the model: channel order and value map.
   *
   * @return the normalisation
   */
  public Normalization normalization() {
    return normalization;
  }

  /**
   * Returns the input size for a model whose height and width are free; a model with a fixed
   * input size is fed at that size instead.
   *
   * @return the size rule
   */
  public MattingInputSize inputSize() {
    return inputSize;
  }
}
