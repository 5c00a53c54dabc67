package io.gpen4j.onnxformat.rewrite;

import io.gpen4j.onnxformat.OnnxNode;
import java.util.List;
import java.util.Set;

/**
 * One matched subgraph and what replaces it: the new nodes go where the node at {@code anchor}
 * was, the nodes in {@code removed} go away, and the new nodes write {@code output}, the tensor
 * the rest of the graph already reads. Nodes that only fed the removed ones are left for dead-node
 * removal.
 *
 * @param anchor index of the node whose place the new nodes take
 * @param removed indices of nodes to drop (anchor included)
 * @param added the new nodes, in execution order
 * @param output the tensor the new nodes write for the rest of the graph
 * @param channels the channel count of {@code output}
 */
record GraphReplacement(int anchor, Set<Integer> removed, List<OnnxNode> added, String output, long channels) {
  GraphReplacement {
    removed = Set.copyOf(removed);
    added = List.copyOf(added);
  }
}
