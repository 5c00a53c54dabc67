package io.gpen4j.onnxformat.rewrite;

import io.gpen4j.onnxformat.OnnxFields.Attribute;
import io.gpen4j.onnxformat.OnnxFields.Graph;
import io.gpen4j.onnxformat.OnnxFields.Model;
import io.gpen4j.onnxformat.OnnxFields.Shape;
import io.gpen4j.onnxformat.OnnxFields.ValueInfo;
import io.gpen4j.onnxformat.OnnxNode;
import io.gpen4j.onnxformat.ProtoField;
import io.gpen4j.onnxformat.ProtoMessage;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The height and width of an image model exported at one input size: whether every node works at
 * any size, and the model with them freed. YuNet 2023mar declares {@code [1, 3, 640, 640]} but is
 * fully convolutional (OpenCV's {@code FaceDetectorYN} runs it at any size); freed, a detector
 * search can run it on a region cut to the faces it looks for instead of a whole 640 x 640 tile.
 * Run at the declared size the freed model computes exactly what the exported one does.
 *
 * <p>The check is structural and conservative: each node that reads a tensor computed from the
 * image must be an operator that works on any height and width (element-wise, convolutions,
 * pooling with a kernel, transposes, concatenations on the channel axis, resizes by constant
 * factors), or a reshape to a constant {@code [1 or 0, -1, k]}, the flatten of a detector head
 * into one row per cell. A shape computed from the image, a reshape that names a size, a slice or
 * any other operator keeps the declared size. Stateless.
 */
public final class SpatialAxes {
  private static final Logger LOG = LoggerFactory.getLogger(SpatialAxes.class);

  /** The name given to the image input's freed height. */
  static final String HEIGHT = "height";

  /** The name given to the image input's freed width. */
  static final String WIDTH = "width";

  /** Operators whose output is defined at any height and width of their input. */
  private static final Set<String> ANY_SIZE = Set.of("Add", "Sub", "Mul", "Div", "Neg", "Abs", "Exp", "Log",
      "Sqrt", "Tanh", "Sigmoid", "Relu", "LeakyRelu", "PRelu", "Clip", "HardSigmoid", "HardSwish", "Softmax",
      "Identity", "Max", "Min", "Conv", "ConvTranspose", "BatchNormalization", "InstanceNormalization",
      "MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool", "DepthToSpace", "SpaceToDepth");

  private SpatialAxes() {}

  /**
   * Returns the model with its image input's height and width free, when every node allows it.
   *
   * @param model a ModelProto with one graph input of shape {@code [1, C, H, W]} (fixed H and W)
   * @return the freed model; empty when the input is not such an image, its size is already free,
   *     or a node depends on the size (named at DEBUG)
   * @throws io.gpen4j.ModelException if the model is malformed
   */
  public static Optional<ProtoMessage> free(ProtoMessage model) {
    Optional<ProtoMessage> graphField = model.message(Model.GRAPH);
    if (graphField.isEmpty()) {
      return Optional.empty();
    }
    ProtoMessage graph = graphField.get();
    Set<String> initializers = DeclaredShape.initializerNames(graph);
    List<ProtoMessage> inputs = graph.messages(Graph.INPUT).stream()
        .filter(i -> !initializers.contains(i.string(ValueInfo.NAME))).toList();
    if (inputs.size() != 1 || !fixedImage(DeclaredShape.dims(inputs.get(0)))) {
      return Optional.empty();
    }
    List<OnnxNode> nodes = graph.messages(Graph.NODE).stream().map(OnnxNode::of).toList();
    GraphConstants constants = new GraphConstants(graph, nodes);
    Set<String> sized = new HashSet<>();
    sized.add(inputs.get(0).string(ValueInfo.NAME));
    for (OnnxNode n : nodes) {
      if (n.inputs().stream().noneMatch(sized::contains)) {
        continue;
      }
      if (!n.domain().isEmpty() || !worksAtAnySize(n, sized, constants)) {
        LOG.debug("declared size kept: {} '{}' may depend on the image's height or width", n.opType(), n.name());
        return Optional.empty();
      }
      sized.addAll(n.outputs());
    }
    ProtoMessage.Builder g = ProtoMessage.builder();
    for (ProtoField f : graph.fields()) {
      if (f.number() == Graph.INPUT && !initializers.contains(f.asMessage().string(ValueInfo.NAME))) {
        g.add(ProtoField.message(Graph.INPUT,
            DeclaredShape.withNamedAxes(f.asMessage(), axis -> axis == 2 ? HEIGHT : axis == 3 ? WIDTH : null)));
      } else if (f.number() == Graph.OUTPUT) {
        // Every output axis after the first is left to inference, under a name of its own.
        String name = f.asMessage().string(ValueInfo.NAME);
        g.add(DeclaredShape.dims(f.asMessage()).isEmpty() ? f : ProtoField.message(Graph.OUTPUT,
            DeclaredShape.withNamedAxes(f.asMessage(), axis -> axis > 0 ? name + "_" + axis : null)));
      } else if (f.number() != Graph.VALUE_INFO) {
        // Intermediate shapes were inferred at the declared size; ONNX Runtime infers them again.
        g.add(f);
      }
    }
    return Optional.of(model.toBuilder().set(ProtoField.message(Model.GRAPH, g.build())).build());
  }

  private static boolean worksAtAnySize(OnnxNode n, Set<String> sized, GraphConstants constants) {
    String op = n.opType();
    if (ANY_SIZE.contains(op)) {
      return true;
    }
    switch (op) {
      case "Concat":
        return n.attribute("axis").map(a -> a.varint(Attribute.I, 0)).orElse(0L) == 1;
      case "Transpose":
        return true;
      case "Reshape": {
        // Only the flatten of a head, [N, cells, values]: the cells absorb whatever size came in.
        Optional<long[]> shape = n.inputs().size() > 1 && !sized.contains(n.inputs().get(1))
            ? constants.longs(n.inputs().get(1)) : Optional.empty();
        return shape.filter(s -> s.length == 3 && (s[0] == 1 || s[0] == 0) && s[1] == -1 && s[2] > 0).isPresent();
      }
      case "Resize":
      case "Upsample": {
        // Scaling by constant factors; a target size ("sizes", or computed scales) names the size.
        List<String> in = n.inputs();
        int scalesAt = op.equals("Upsample") ? 1 : 2;
        boolean noSizes = in.size() <= 3 || in.get(3).isEmpty();
        return noSizes && in.size() > scalesAt && !in.get(scalesAt).isEmpty() && !sized.contains(in.get(scalesAt))
            && constants.value(in.get(scalesAt)).isPresent() || n.attribute("scales").isPresent() && in.size() == 1;
      }
      default:
        return false;
    }
  }

  private static boolean fixedImage(List<ProtoMessage> dims) {
    return dims.size() == 4 && dims.get(2).varint(Shape.DIM_VALUE, -1) > 0 && dims.get(3).varint(Shape.DIM_VALUE, -1) > 0;
  }
}
