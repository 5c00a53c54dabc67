#!/usr/bin/env python3
"""Converts an official GPEN checkpoint (or random weights) to ONNX and TorchScript.

Examples (see README.md beside this file):
  python3 models/convert/convert.py --preset GPEN-BFR-512 --checkpoint GPEN-BFR-512.pth --onnx GPEN-BFR-512.onnx
  python3 models/convert/convert.py --preset GPEN-BFR-256 --random-weights --seed 0 \
      --onnx gpen256-randw.onnx --torchscript gpen256-randw.pt --check

The exported files take fixed-size images: input ``input`` and output ``output``, both float32
``[N, 3, S, S]``, RGB in [-1, 1]. N, the batch, is free (``batch`` in ONNX, -1 in the TorchScript
description) with the default ``--modulation input``, so a caller can restore several faces in one
call; ``--modulation weight`` scales kernels per sample and is exported at N = 1. With ``--fp16`` the weights and arithmetic are float16 and the
input and output stay float32 (a cast at each end).

``--check`` runs the PyTorch model on a seeded input and writes, next to each export,
``<file>.check.json`` plus the input and PyTorch's output as raw little-endian float32
(``<file>.check-input.bin``, ``<file>.check-output.bin``), so another runtime (gpen4j's ONNX
Runtime backend, in ConverterExportTest) can confirm it computes the same thing. It also validates
the ONNX file with onnx.checker and strict shape inference, and reloads the TorchScript file and
compares it with the eager model.
"""

import argparse
import copy
import json
import os
import sys
import time
import warnings

import torch

# Keep the source folder clean: no __pycache__ beside the scripts.
sys.dont_write_bytecode = True
warnings.filterwarnings("ignore", category=torch.jit.TracerWarning)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bisenet_arch  # noqa: E402
import check_files  # noqa: E402
import gpen_arch  # noqa: E402  (after the path tweak so the script runs from any directory)
import realesrgan_arch  # noqa: E402

PRESETS = {
    # name: (size, channel_multiplier, narrow). 256/512 are the official GPEN release settings;
    # 1024/2048 are ModelScope's "hires" release, which uses the 512 model's widths.
    "GPEN-BFR-256": (256, 1, 0.5),
    "GPEN-BFR-512": (512, 2, 1.0),
    "GPEN-BFR-1024": (1024, 2, 1.0),
    "GPEN-BFR-2048": (2048, 2, 1.0),
}
# Where training scripts nest the generator's weights inside a checkpoint, most likely first.
CHECKPOINT_WRAPPERS = ("g_ema", "params_ema", "params", "state_dict", "model")
FP32_TOLERANCE = 1e-3
FP16_TOLERANCE = 5e-2


class ConversionError(Exception):
    """Thrown to indicate a problem the user can fix: a bad checkpoint, option or output path."""


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description="Export the GPEN generator (official .pth checkpoint or random weights) "
                    "to ONNX and/or TorchScript.")
    parser.add_argument("--arch", choices=["gpen", "bisenet", "modnet"] + sorted(realesrgan_arch.PRESETS),
                        default="gpen",
                        help="the network: the GPEN generator (default); bisenet, the face parser (facexlib "
                             "parsing_bisenet.pth, [1,3,512,512] -> 19 class scores [1,19,512,512]); modnet, "
                             "MODNet portrait matting (modnet_photographic_portrait_matting.ckpt, [N,3,H,W] -> "
                             "matte [N,1,H,W], H and W free); or a Real-ESRGAN background upscaler (official "
                             "release settings; ONNX with free height and width)")
    parser.add_argument("--num-feat", type=int, help="Real-ESRGAN: feature channels (GPEN's RealESRNet: 32)")
    parser.add_argument("--num-block", type=int,
                        help="Real-ESRGAN: RRDB blocks, or SRVGGNetCompact convolutions (small test models)")
    parser.add_argument("--num-grow-ch", type=int, help="Real-ESRGAN: RRDBNet growth channels")
    parser.add_argument("--preset", choices=sorted(PRESETS),
                        help="architecture of an official release (size, channel multiplier, narrow)")
    parser.add_argument("--size", type=int, help="image side S (256, 512, 1024, 2048)")
    parser.add_argument("--channel-multiplier", type=int, help="GPEN channel_multiplier (1 or 2)")
    parser.add_argument("--narrow", type=float, help="GPEN narrow (0.5 or 1)")
    weights = parser.add_mutually_exclusive_group(required=True)
    weights.add_argument("--checkpoint", help="official GPEN .pth file (a FullGenerator state_dict)")
    weights.add_argument("--random-weights", action="store_true",
                         help="seeded random weights: the real architecture and cost, noise output")
    parser.add_argument("--key", help="entry of the checkpoint that holds the generator's state_dict "
                                      "(default: the file itself, else one of %s)" % ", ".join(CHECKPOINT_WRAPPERS))
    parser.add_argument("--seed", type=int, default=0, help="seed for --random-weights (default 0)")
    parser.add_argument("--onnx", help="write the ONNX model here")
    parser.add_argument("--torchscript", help="write the TorchScript model here (for DJL's PyTorch engine)")
    parser.add_argument("--fp16", action="store_true",
                        help="float16 weights and arithmetic, float32 input and output")
    parser.add_argument("--opset", type=int, default=13, help="ONNX opset, 13 to 17 (default 13)")
    parser.add_argument("--modulation", choices=gpen_arch.MODULATIONS, default="input",
                        help="how modulated convolutions are computed (same result): 'input' scales "
                             "activations and keeps kernels constant (faster on ONNX Runtime CPU); "
                             "'weight' scales the kernels as in the StyleGAN2 paper (default input)")
    parser.add_argument("--official-form", action="store_true",
                        help="export with the official GPEN code's operators (kernels modulated at run "
                             "time, reshape-form blur; see gpen_official_form.py), as public ONNX files "
                             "are: for testing and measuring gpen4j's load-time rewrite of such files; "
                             "implies --modulation weight and allows --opset 11 (what those files use)")
    parser.add_argument("--check", action="store_true",
                        help="validate the exports and write a seeded input and PyTorch's output beside them")
    parser.add_argument("--check-seed", type=int, default=1234, help="seed of the --check input")
    args = parser.parse_args(argv)
    if not args.onnx and not args.torchscript:
        parser.error("nothing to write: give --onnx and/or --torchscript")
    if args.arch == "bisenet" and (args.torchscript or args.fp16):
        parser.error("--arch bisenet writes float32 ONNX only (no --torchscript, no --fp16)")
    if args.official_form and args.arch != "gpen":
        parser.error("--official-form is for the GPEN generator (--arch gpen) only")
    lowest_opset = 11 if args.official_form else 13
    if not lowest_opset <= args.opset <= 17:
        parser.error("--opset must be from %d to 17, got %d" % (lowest_opset, args.opset))
    if args.official_form:
        if args.fp16:
            parser.error("--official-form writes float32 only")
        args.modulation = "weight"
    return args


def read_state_dict(path, key):
    """Reads a checkpoint and returns the generator's state_dict (DataParallel prefix removed)."""
    if not os.path.isfile(path):
        raise ConversionError("checkpoint not found: %s" % path)
    try:
        # weights_only: a checkpoint is data; never run code pickled into it.
        loaded = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as e:  # torch raises several unrelated types for an unreadable file
        raise ConversionError("cannot read checkpoint %s: %s" % (path, e)) from e
    if not isinstance(loaded, dict):
        raise ConversionError("checkpoint %s holds a %s, expected a dict of tensors"
                              % (path, type(loaded).__name__))
    if key is not None:
        if key not in loaded:
            raise ConversionError("checkpoint %s has no entry %r; it has: %s"
                                  % (path, key, ", ".join(map(str, list(loaded)[:20]))))
        loaded = loaded[key]
    elif not all(torch.is_tensor(v) for v in loaded.values()):
        wrapper = next((k for k in CHECKPOINT_WRAPPERS if isinstance(loaded.get(k), dict)), None)
        if wrapper is None:
            raise ConversionError("checkpoint %s is not a state_dict and has none of the entries %s; "
                                  "name the entry with --key (it has: %s)"
                                  % (path, ", ".join(CHECKPOINT_WRAPPERS), ", ".join(map(str, list(loaded)[:20]))))
        print("using checkpoint entry %r" % wrapper)
        loaded = loaded[wrapper]
    if all(k.startswith("module.") for k in loaded):
        loaded = {k[len("module."):]: v for k, v in loaded.items()}
    return loaded


def infer_architecture(state_dict):
    """Reads (size, channel_multiplier, narrow) off a FullGenerator state_dict, or raises."""
    try:
        encoder_levels = sum(1 for k in state_dict if k.startswith("ecd") and k.endswith(".weight"))
        size = 2 ** (encoder_levels + 1)
        wide = state_dict["generator.input.input"].shape[1]
        narrow = wide / 512.0
        full_res_channels = state_dict["ecd0.0.0.weight"].shape[0]
    except KeyError as e:
        raise ConversionError("cannot infer the architecture: the checkpoint has no %s; is it a GPEN "
                              "FullGenerator? Give --preset or --size/--channel-multiplier/--narrow" % e) from e
    base = dict(zip((64, 128, 256, 512, 1024, 2048), (256, 128, 64, 32, 16, 8)))
    multiplier = full_res_channels / (base[size] * narrow) if size in base else 1
    return size, int(round(multiplier)), narrow


def architecture(args, state_dict):
    preset = PRESETS.get(args.preset, (None, None, None))
    chosen = [args.size, args.channel_multiplier, args.narrow]
    chosen = [c if c is not None else p for c, p in zip(chosen, preset)]
    if None in chosen:
        if state_dict is None:
            raise ConversionError("give --preset, or all of --size, --channel-multiplier and --narrow")
        inferred = infer_architecture(state_dict)
        chosen = [c if c is not None else i for c, i in zip(chosen, inferred)]
        print("architecture inferred from the checkpoint: size=%d channel_multiplier=%d narrow=%g" % tuple(chosen))
    return tuple(chosen)


def build_model(args):
    state_dict = read_state_dict(args.checkpoint, args.key) if args.checkpoint else None
    if args.arch == "bisenet":
        try:
            model = bisenet_arch.build(state_dict, args.seed)
        except bisenet_arch.StateDictMismatch as e:
            raise ConversionError("%s: %s" % (args.checkpoint, e)) from e
        print("model: BiSeNet (ResNet-18), weights: %s" % (args.checkpoint or "random weights, seed %d" % args.seed))
        print("parameters: {:,}".format(sum(p.numel() for p in model.parameters())))
        return model
    size, multiplier, narrow = architecture(args, state_dict)
    try:
        model = gpen_arch.FullGenerator(size, multiplier, narrow, modulation=args.modulation)
    except ValueError as e:
        raise ConversionError(str(e)) from e
    if state_dict is None:
        gpen_arch.randomize(model, args.seed)
        source = "random weights, seed %d" % args.seed
    else:
        try:
            gpen_arch.load_official(model, state_dict)
        except gpen_arch.StateDictMismatch as e:
            raise ConversionError("%s: %s" % (args.checkpoint, e)) from e
        source = args.checkpoint
    model.eval()
    for p in model.parameters():
        p.requires_grad_(False)
    if args.official_form:
        import gpen_official_form

        gpen_official_form.to_official_form(model)
    print("model: FullGenerator(size=%d, channel_multiplier=%d, narrow=%g), modulation=%s%s, weights: %s"
          % (size, multiplier, narrow, args.modulation, ", official form" if args.official_form else "", source))
    print("parameters: {:,}".format(gpen_arch.parameter_count(model)))
    return model


class Float32Boundary(torch.nn.Module):
    """Runs a reduced-precision module behind float32 input and output."""

    def __init__(self, inner, dtype: torch.dtype):
        super().__init__()
        self.inner = inner
        self.dtype = dtype

    def forward(self, x):
        return self.inner(x.to(self.dtype)).float()


def dynamic_batch(model):
    """Whether an export takes any batch size: the 'input' modulation keeps every kernel constant
    (one graph for all batches); the 'weight' one traces a batch-1 kernel per sample."""
    if not isinstance(model, gpen_arch.FullGenerator):
        return False  # the face parser is exported for one crop at a time, as gpen4j runs it
    return all(m.mode == "input" for m in model.modules() if isinstance(m, gpen_arch.ModulatedConv2d))


def export_onnx(model, example, path, opset, fp16):
    import onnx  # imported here so a TorchScript-only run does not need it

    started = time.time()
    temp = path + ".fp32.tmp" if fp16 else path
    # Frozen: each kernel is stored once, already scaled, rather than recomputed in the graph.
    frozen = copy.deepcopy(model).freeze()
    axes = {"input": {0: "batch"}, "output": {0: "batch"}} if dynamic_batch(model) else None
    torch.onnx.export(frozen, example, temp, input_names=["input"], output_names=["output"],
                      opset_version=opset, do_constant_folding=True, dynamic_axes=axes)
    if fp16:
        import onnx_fp16

        try:
            onnx.save(onnx_fp16.to_float16(onnx.load(temp)), path)
        finally:
            os.remove(temp)
    print("onnx: %s (%s bytes, opset %d%s) in %.1f s"
          % (path, "{:,}".format(os.path.getsize(path)), opset, ", float16" if fp16 else "", time.time() - started))


def validate_onnx(path, size, batch, out_channels=3):
    import onnx

    onnx.checker.check_model(path, full_check=True)
    model = onnx.shape_inference.infer_shapes(onnx.load(path), check_type=True, strict_mode=True)
    for kind, values, channels in (("input", model.graph.input, 3), ("output", model.graph.output, out_channels)):
        expected = [batch, channels, size, size]
        if [v.name for v in values] != [kind]:
            raise ConversionError("%s: expected one %s named %r, got %s" % (path, kind, kind, [v.name for v in values]))
        tensor_type = values[0].type.tensor_type
        dims = [d.dim_param or d.dim_value for d in tensor_type.shape.dim]
        if dims != expected or tensor_type.elem_type != onnx.TensorProto.FLOAT:
            raise ConversionError("%s: %s is %s of type %d, expected float32 %s"
                                  % (path, kind, dims, tensor_type.elem_type, expected))
    print("onnx checker and strict shape inference: ok, input [1, 3, %d, %d], output %s float32" % (size, size, expected))


def export_torchscript(model, example, path, fp16):
    started = time.time()
    with torch.no_grad():
        # A traced module shares its parameters with the eager one: trace a copy, so converting
        # the trace to float16 leaves the float32 reference model intact.
        traced = torch.jit.trace(copy.deepcopy(model) if fp16 else model, example, check_trace=False)
    if fp16:
        # Traced in float32 (Debian's CPU PyTorch has no float16 kernels), then converted: the
        # trace records no dtype, so the graph runs in whatever precision its weights have.
        traced = torch.jit.script(Float32Boundary(traced.half(), torch.float16))
    # gpen4j's DJL backend reads the I/O contract from this entry (TorchScript keeps no shapes);
    # inputs and outputs stay float32 also for --fp16 files.
    size = example.shape[-1]
    tensor = {"shape": [-1 if dynamic_batch(model) else 1, 3, size, size], "type": "float32"}
    description = json.dumps({"inputs": [dict(name="input", **tensor)],
                              "outputs": [dict(name="output", **tensor)]})
    torch.jit.save(traced, path, _extra_files={"gpen4j.json": description})
    print("torchscript: %s (%s bytes%s) in %.1f s"
          % (path, "{:,}".format(os.path.getsize(path)), ", float16" if fp16 else "", time.time() - started))


def validate_torchscript(path, example, expected, fp16):
    loaded = torch.jit.load(path, map_location="cpu")
    if fp16:
        # CPU PyTorch 1.13 has no float16 (nor bfloat16) convolution. Running the saved graph in
        # float64 instead proves that the trace baked in no precision: a float32 constant would
        # make a convolution fail with a dtype mismatch. On CUDA the file runs in float16.
        loaded.inner.to(torch.float64)
        loaded.dtype = torch.float64
        label, tolerance = "float64 stand-in for float16 (weights rounded to float16)", FP16_TOLERANCE
    else:
        label, tolerance = "float32", FP32_TOLERANCE
    try:
        with torch.no_grad():
            actual = loaded(example)
    except RuntimeError as e:
        raise ConversionError("%s: the saved TorchScript model does not run (%s): %s" % (path, label, e)) from e
    diff = (actual - expected).abs().max().item()
    print("torchscript reload vs eager (%s): max abs difference %.3g" % (label, diff))
    if not diff <= tolerance:
        raise ConversionError("%s: TorchScript output differs from the eager model by %.3g (> %g)"
                              % (path, diff, tolerance))


def write_check_files(export_path, args, size, example, expected, precision):
    tolerance = FP16_TOLERANCE if args.fp16 and export_path == args.onnx else FP32_TOLERANCE
    check_files.write(export_path, example, expected, {
        "input_seed": args.check_seed,
        "reference": "PyTorch %s eager model, float32" % torch.__version__,
        "export_precision": precision,
        "max_abs_tolerance": tolerance,
    })


def main(argv=None):
    args = parse_args(argv)
    torch.set_num_threads(max(1, os.cpu_count() or 1))
    if args.arch == "modnet":
        import modnet_export

        return modnet_export.run(args, read_state_dict, ConversionError)
    if args.arch not in ("gpen", "bisenet"):
        import realesrgan_export

        return realesrgan_export.run(args, read_state_dict, ConversionError)
    model = build_model(args)
    size = model.size
    example = torch.zeros(1, 3, size, size)
    precision = "float16" if args.fp16 else "float32"

    if args.onnx:
        export_onnx(model, example, args.onnx, args.opset, args.fp16)
    if args.torchscript:
        export_torchscript(model, example, args.torchscript, args.fp16)

    if args.check:
        generator = torch.Generator().manual_seed(args.check_seed)
        check_input = torch.rand(1, 3, size, size, generator=generator) * 2 - 1
        with torch.no_grad():
            started = time.time()
            expected = model(check_input)
            print("pytorch reference run: %.1f s, output range [%.3f, %.3f]"
                  % (time.time() - started, expected.min().item(), expected.max().item()))
        if not torch.isfinite(expected).all():
            raise ConversionError("the model's output is not finite; the weights are broken")
        if args.onnx:
            validate_onnx(args.onnx, size, "batch" if dynamic_batch(model) else 1, getattr(model, "out_channels", 3))
            write_check_files(args.onnx, args, size, check_input, expected, precision)
        if args.torchscript:
            validate_torchscript(args.torchscript, check_input, expected, args.fp16)
            write_check_files(args.torchscript, args, size, check_input, expected, precision)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except ConversionError as e:
        print("error: %s" % e, file=sys.stderr)
        sys.exit(2)
