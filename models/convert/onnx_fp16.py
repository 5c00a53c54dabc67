"""Rewrites a float32 ONNX graph to compute in float16 while keeping float32 inputs and outputs.

PyTorch's CPU build in Debian (1.13) has no float16 kernels, so a half-precision model cannot be
traced on the CPU; instead the float32 export is converted here, node by node. Every float32
initializer and constant becomes float16, every Cast to float32 becomes a Cast to float16, and a
Cast is inserted after each float32 graph input and before each float32 graph output, so callers
keep exchanging float32 tensors. Integer tensors (shapes, indices) are left alone.
"""

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

FLOAT = TensorProto.FLOAT
FLOAT16 = TensorProto.FLOAT16


def _half_tensor(tensor):
    if tensor.data_type != FLOAT:
        return tensor
    values = numpy_helper.to_array(tensor)
    if np.isfinite(values).all() and np.abs(values).max(initial=0.0) > np.finfo(np.float16).max:
        raise ValueError("tensor %r holds values beyond the float16 range (max |x| = %g)"
                         % (tensor.name, float(np.abs(values).max())))
    return numpy_helper.from_array(values.astype(np.float16), tensor.name)


def _rename_uses(graph, old, new):
    for node in graph.node:
        for i, name in enumerate(node.input):
            if name == old:
                node.input[i] = new


def to_float16(model):
    """Returns a copy of ``model`` whose arithmetic runs in float16, with float32 I/O.

    Raises:
        ValueError: if a constant does not fit in float16.
    """
    model = onnx.ModelProto.FromString(model.SerializeToString())
    graph = model.graph

    halved = [_half_tensor(t) for t in graph.initializer]
    del graph.initializer[:]
    graph.initializer.extend(halved)

    for node in graph.node:
        for attribute in node.attribute:
            if attribute.type == onnx.AttributeProto.TENSOR:
                attribute.t.CopyFrom(_half_tensor(attribute.t))
            elif node.op_type == "Cast" and attribute.name == "to" and attribute.i == FLOAT:
                attribute.i = FLOAT16

    casts_in = []
    for graph_input in graph.input:
        if graph_input.type.tensor_type.elem_type != FLOAT:
            continue
        half_name = graph_input.name + "_fp16"
        _rename_uses(graph, graph_input.name, half_name)
        casts_in.append(helper.make_node("Cast", [graph_input.name], [half_name], to=FLOAT16,
                                         name="cast_" + graph_input.name + "_to_fp16"))

    casts_out = []
    for graph_output in graph.output:
        if graph_output.type.tensor_type.elem_type != FLOAT:
            continue
        half_name = graph_output.name + "_fp16"
        for node in graph.node:
            for i, name in enumerate(node.output):
                if name == graph_output.name:
                    node.output[i] = half_name
        _rename_uses(graph, graph_output.name, half_name)
        casts_out.append(helper.make_node("Cast", [half_name], [graph_output.name], to=FLOAT,
                                          name="cast_" + graph_output.name + "_to_fp32"))

    nodes = casts_in + list(graph.node) + casts_out
    del graph.node[:]
    graph.node.extend(nodes)
    # Intermediate type annotations from the float32 export are now wrong; shape inference
    # recomputes them.
    del graph.value_info[:]
    return onnx.shape_inference.infer_shapes(model, check_type=True, strict_mode=True)
