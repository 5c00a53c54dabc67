"""Exports MODNet portrait matting (convert.py --arch modnet) to ONNX with a free batch, height and
width, as MODNet's own onnx/export_onnx.py names and shapes it: ``input`` float32 [N, 3, H, W], RGB
in [-1, 1], H and W multiples of 32; ``output`` float32 [N, 1, H, W], the alpha matte.

``--check`` writes, beside the file, an 8-bit RGB image of CHECK_WIDTH x CHECK_HEIGHT normalised as
MODNet's demo does ((v - 127.5) / 127.5) and PyTorch's matte for it (``.check.json`` and two
``.bin`` files, as for GPEN). The size is one that MODNet's size rule keeps as it is (96 <= 512 <= 512,
both multiples of 32; narrow, to keep the check fast), so gpen4j's matting stage, fed the same
8-bit image, must give the same matte.
"""

import os
import time

import torch

import check_files
import modnet_arch

CHECK_WIDTH, CHECK_HEIGHT = 96, 512
TRACE_HEIGHT, TRACE_WIDTH = 64, 96
TOLERANCE = 1e-4


def build_model(args, read_state_dict, error):
    state_dict = read_state_dict(args.checkpoint, args.key) if args.checkpoint else None
    try:
        model = modnet_arch.build(state_dict, args.seed)
    except modnet_arch.StateDictMismatch as e:
        raise error("%s: %s" % (args.checkpoint, e)) from e
    print("model: MODNet (MobileNetV2, hr 32), weights: %s"
          % (args.checkpoint or "random weights, seed %d" % args.seed))
    print("parameters: {:,}".format(sum(p.numel() for p in model.parameters())))
    return model


def export_onnx(model, path, opset):
    started = time.time()
    example = torch.rand(1, 3, TRACE_HEIGHT, TRACE_WIDTH, generator=torch.Generator().manual_seed(0)) * 2 - 1
    axes = {0: "batch", 2: "height", 3: "width"}
    torch.onnx.export(model, example, path, input_names=["input"], output_names=["output"],
                      opset_version=opset, do_constant_folding=True, dynamic_axes={"input": axes, "output": axes})
    print("onnx: %s (%s bytes, opset %d, free batch, height and width) in %.1f s"
          % (path, "{:,}".format(os.path.getsize(path)), opset, time.time() - started))


def validate_onnx(path, error):
    import onnx

    onnx.checker.check_model(path, full_check=True)
    model = onnx.shape_inference.infer_shapes(onnx.load(path), check_type=True, strict_mode=True)
    for kind, values, channels in (("input", model.graph.input, 3), ("output", model.graph.output, 1)):
        if [v.name for v in values] != [kind]:
            raise error("%s: expected one %s named %r, got %s" % (path, kind, kind, [v.name for v in values]))
        dims = values[0].type.tensor_type.shape.dim
        if len(dims) != 4 or dims[1].dim_value != channels or any(dims[i].dim_value for i in (0, 2, 3)):
            raise error("%s: %s should be [N,%d,H,W] with N, H and W free" % (path, kind, channels))
    print("onnx checker and strict shape inference: ok, input [N,3,H,W], output [N,1,H,W], float32")


def check_image(seed):
    """An 8-bit RGB image (values 0..255 as floats) [1, 3, H, W]: smooth shapes plus noise."""
    generator = torch.Generator().manual_seed(seed)
    ys = torch.linspace(0, 1, CHECK_HEIGHT)[:, None]
    xs = torch.linspace(0, 1, CHECK_WIDTH)[None, :]
    person = ((xs - 0.5) ** 2 / 0.06 + (ys - 0.45) ** 2 / 0.12 < 1).float()
    base = torch.stack((200 * person + 30 * xs, 90 + 60 * ys - 40 * person, 160 - 120 * person * ys))
    noise = torch.randint(-25, 26, (3, CHECK_HEIGHT, CHECK_WIDTH), generator=generator).float()
    return (base + noise).round().clamp(0, 255)[None]


def write_check_files(path, args, normalised, expected):
    check_files.write(path, normalised, expected, {
        "input_meaning": "an 8-bit RGB image v normalised as (v - 127.5) / 127.5",
        "input_seed": args.check_seed,
        "reference": "PyTorch %s eager model, float32" % torch.__version__,
        "export_precision": "float32",
        "max_abs_tolerance": TOLERANCE,
    })


def run(args, read_state_dict, error):
    """Converts as convert.py's options say; ``error`` is its ConversionError."""
    if args.torchscript or args.fp16:
        raise error("--arch modnet exports ONNX only (float32): drop --torchscript and --fp16")
    if not args.onnx:
        raise error("nothing to write: give --onnx")
    model = build_model(args, read_state_dict, error)
    export_onnx(model, args.onnx, args.opset)
    if args.check:
        image = check_image(args.check_seed)
        normalised = (image - 127.5) / 127.5
        with torch.no_grad():
            expected = model(normalised)
        if not torch.isfinite(expected).all():
            raise error("the model's output is not finite; the weights are broken")
        print("pytorch reference: matte %s, range [%.3f, %.3f]"
              % (list(expected.shape), expected.min().item(), expected.max().item()))
        validate_onnx(args.onnx, error)
        write_check_files(args.onnx, args, normalised, expected)
    return 0
