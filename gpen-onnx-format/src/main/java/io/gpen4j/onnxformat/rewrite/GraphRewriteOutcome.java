package io.gpen4j.onnxformat.rewrite;

import io.gpen4j.onnxformat.OnnxNode;
import java.util.List;

/**
 * What one of the optional graph rewrites ({@link SubPixelUpsample}, {@link GainFold},
 * {@link ScaleBiasFusion}) did to a node list.
 *
 * @param nodes the new node list (the input list when nothing matched)
 * @param count the places rewritten (up-samplings, gain Muls removed, styled convolutions)
 */
record GraphRewriteOutcome(List<OnnxNode> nodes, int count) {}
