"""Exports Real-ESRGAN background upscalers (convert.py --arch realesrgan_x2plus | realesrgan_x4plus |
realesr-general-x4v3) to ONNX with a free height and width.

The file takes ``input`` float32 [1, 3, H, W], RGB in [0, 1], and gives ``output`` float32
[1, 3, sH, sW] (not clamped). ``--check`` compares ONNX's shapes after strict shape inference and
writes a seeded non-square input and PyTorch's output beside the file (``.check.json`` and two
``.bin`` files, as for GPEN), so gpen4j's backend can confirm it computes the same thing.
"""

import copy
import os
import time

import torch

import check_files
import realesrgan_arch

# Non-square and a multiple of 4, so a swapped height and width or an x1/x2 unshuffle show.
CHECK_HEIGHT, CHECK_WIDTH = 40, 56
TOLERANCE = 1e-3


def build_model(args, read_state_dict, error):
    overrides = dict(num_feat=args.num_feat, num_block=args.num_block, num_grow_ch=args.num_grow_ch)
    if args.arch == "realesr-general-x4v3":
        overrides = dict(num_feat=args.num_feat, num_conv=args.num_block)
    try:
        model = realesrgan_arch.build(args.arch, **overrides)
    except (ValueError, TypeError) as e:
        raise error(str(e)) from e
    if args.checkpoint:
        state_dict = read_state_dict(args.checkpoint, args.key)
        try:
            realesrgan_arch.load_official(model, state_dict)
        except realesrgan_arch.StateDictMismatch as e:
            raise error("%s: %s" % (args.checkpoint, e)) from e
        source = args.checkpoint
    else:
        realesrgan_arch.randomize(model, args.seed)
        source = "random weights, seed %d" % args.seed
    model.eval()
    for p in model.parameters():
        p.requires_grad_(False)
    print("model: %s %s (scale %d), weights: %s" % (args.arch, type(model).__name__, model.scale, source))
    print("parameters: {:,}".format(sum(p.numel() for p in model.parameters())))
    return model


def export_onnx(model, path, opset):
    started = time.time()
    example = torch.rand(1, 3, CHECK_HEIGHT, CHECK_WIDTH, generator=torch.Generator().manual_seed(0))
    axes = {0: "batch", 2: "height", 3: "width"}
    out_axes = {0: "batch", 2: "out_height", 3: "out_width"}
    torch.onnx.export(copy.deepcopy(model), example, path, input_names=["input"], output_names=["output"],
                      opset_version=opset, do_constant_folding=True,
                      dynamic_axes={"input": axes, "output": out_axes})
    print("onnx: %s (%s bytes, opset %d, dynamic height and width) in %.1f s"
          % (path, "{:,}".format(os.path.getsize(path)), opset, time.time() - started))


def validate_onnx(path, error):
    import onnx

    onnx.checker.check_model(path, full_check=True)
    model = onnx.shape_inference.infer_shapes(onnx.load(path), check_type=True, strict_mode=True)
    for kind, values in (("input", model.graph.input), ("output", model.graph.output)):
        if [v.name for v in values] != [kind]:
            raise error("%s: expected one %s named %r, got %s" % (path, kind, kind, [v.name for v in values]))
        dims = values[0].type.tensor_type.shape.dim
        if len(dims) != 4 or dims[1].dim_value != 3 or dims[2].dim_value or dims[3].dim_value:
            raise error("%s: %s should be [N,3,H,W] with free H and W" % (path, kind))
    print("onnx checker and strict shape inference: ok, input/output float32 [N,3,H,W], H and W free")


def write_check_files(path, args, example, expected):
    check_files.write(path, example, expected, {
        "input_seed": args.check_seed,
        "reference": "PyTorch %s eager model, float32" % torch.__version__,
        "export_precision": "float32",
        "max_abs_tolerance": TOLERANCE,
    })


def run(args, read_state_dict, error):
    """Converts as convert.py's options say; ``error`` is its ConversionError."""
    if args.torchscript or args.fp16:
        raise error("--arch %s exports ONNX only (float32): drop --torchscript and --fp16" % args.arch)
    if not args.onnx:
        raise error("nothing to write: give --onnx")
    model = build_model(args, read_state_dict, error)
    export_onnx(model, args.onnx, args.opset)
    if args.check:
        generator = torch.Generator().manual_seed(args.check_seed)
        example = torch.rand(1, 3, CHECK_HEIGHT, CHECK_WIDTH, generator=generator)
        with torch.no_grad():
            expected = model(example)
        if not torch.isfinite(expected).all():
            raise error("the model's output is not finite; the weights are broken")
        print("pytorch reference: output %s, range [%.3f, %.3f]"
              % (list(expected.shape), expected.min().item(), expected.max().item()))
        validate_onnx(args.onnx, error)
        write_check_files(args.onnx, args, example, expected)
    return 0
