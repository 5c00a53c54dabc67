"""Switches a ``gpen_arch.FullGenerator`` to the official GPEN code's operator sequence, for export.

Why: the ONNX files users download were exported from the official GPEN code (StyleGAN2 as in
rosinality's implementation), whose graph differs from ours though it computes the same values:
- modulated convolutions scale and demodulate the KERNEL at run time, fold the batch into the
  channels and run one convolution with ``groups = batch``;
- the FIR blur is ``upfirdn2d_native``: NCHW to NHWC, zero insertion by padding a 6-D view, pad,
  crop, back to NCHW, every channel reshaped into a single-channel image, one single-channel
  convolution with the flipped kernel, reshape back;
- PixelNorm squares with ``pow`` and the constant input is ``repeat``-ed to the batch.
gpen4j's ``onnx`` backend rewrites such files at load into the constant-kernel form; this module
produces one from our architecture (same weights, same state_dict) so that rewrite can be tested
and measured at sizes for which no official-style file is at hand. The facts are in
shared/design/REFERENCE.md; the code here is written from them, not copied.

Use: ``to_official_form(model)`` after loading the weights and before ``torch.onnx.export``; do
not ``freeze()`` (kernels are scaled in the graph, which the exporter folds into one constant per
layer, as in an official export).
"""

import types

import torch
from torch.nn import functional as F

import gpen_arch


def upfirdn2d_native(x, kernel, up, pad0, pad1):
    """Upsample by zero insertion, pad (pad0, pad1) on both axes, correlate with the flipped kernel."""
    x = x.permute(0, 2, 3, 1)
    _, in_h, in_w, minor = x.shape
    kernel_h, kernel_w = kernel.shape
    out = x.view(-1, in_h, 1, in_w, 1, minor)
    out = F.pad(out, [0, 0, 0, up - 1, 0, 0, 0, up - 1])
    out = out.view(-1, in_h * up, in_w * up, minor)
    out = F.pad(out, [0, 0, max(pad0, 0), max(pad1, 0), max(pad0, 0), max(pad1, 0)])
    out = out[:, max(-pad0, 0): out.shape[1] - max(-pad1, 0), max(-pad0, 0): out.shape[2] - max(-pad1, 0), :]
    out = out.permute(0, 3, 1, 2)
    out = out.reshape([-1, 1, in_h * up + pad0 + pad1, in_w * up + pad0 + pad1])
    w = torch.flip(kernel, [0, 1]).view(1, 1, kernel_h, kernel_w)
    out = F.conv2d(out, w)
    return out.reshape(-1, minor, in_h * up + pad0 + pad1 - kernel_h + 1, in_w * up + pad0 + pad1 - kernel_w + 1)


def _blur(self, x):
    # Ours correlates with flip(kernel); upfirdn2d_native flips the kernel it is given, so it is
    # given the kernel itself.
    return upfirdn2d_native(x, self.kernel, 1, self.padding, self.padding)


def _skip_upsample(self, x):
    return upfirdn2d_native(x, self.kernel, 2, 2, 1)


def _modulate_weight(self, x, style):
    # Sizes as traced constants (int()): torch 1.13's exporter rejects a convolution whose
    # operands' shapes it cannot infer, which sizes read from x at run time would cause.
    batch, in_channels = int(style.shape[0]), self.in_channels
    height, width = int(x.shape[2]), int(x.shape[3])
    k = self.kernel_size
    weight = self.scale * self.weight * style.view(batch, 1, in_channels, 1, 1)
    if self.demodulate:
        demod = torch.rsqrt(weight.pow(2).sum([2, 3, 4]) + 1e-8)
        weight = weight * demod.view(batch, self.out_channels, 1, 1, 1)
    weight = weight.view(batch * self.out_channels, in_channels, k, k)
    x = x.view(1, batch * in_channels, height, width)
    if self.upsample:
        weight = weight.view(batch, self.out_channels, in_channels, k, k)
        weight = weight.transpose(1, 2).reshape(batch * in_channels, self.out_channels, k, k)
        out = F.conv_transpose2d(x, weight, padding=0, stride=2, groups=batch)
        out = out.view(batch, self.out_channels, out.shape[2], out.shape[3])
        return self.blur(out)
    out = F.conv2d(x, weight, padding=k // 2, groups=batch)
    return out.view(batch, self.out_channels, height, width)


def _pixel_norm(self, x):
    return x * torch.rsqrt(torch.mean(x ** 2, dim=1, keepdim=True) + 1e-8)


def _constant_input(self, batch_like):
    # int(): the batch becomes a traced constant, so the exporter keeps the input's shape known
    # (the first modulated convolution needs it); official exports are traced at batch 1 too.
    return self.input.repeat(int(batch_like.shape[0]), 1, 1, 1)


def to_official_form(model):
    """Makes ``model`` (a FullGenerator built with ``modulation="weight"``) compute as the official
    code does; returns it. Values are unchanged; only the operator sequence differs."""
    if model.generator.conv1.conv.mode != "weight":
        raise ValueError("the official form needs modulation='weight'")
    for module in model.modules():
        if isinstance(module, gpen_arch.ModulatedConv2d):
            module.forward = types.MethodType(
                lambda self, x, latent: _modulate_weight(self, x, self.modulation(latent)), module)
        elif isinstance(module, gpen_arch.DepthwiseBlur):
            module.forward = types.MethodType(_blur, module)
        elif isinstance(module, gpen_arch.SkipUpsample):
            module.forward = types.MethodType(_skip_upsample, module)
        elif isinstance(module, gpen_arch.PixelNorm):
            module.forward = types.MethodType(_pixel_norm, module)
        elif isinstance(module, gpen_arch.ConstantInput):
            module.forward = types.MethodType(_constant_input, module)
    return model
