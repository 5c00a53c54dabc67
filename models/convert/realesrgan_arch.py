"""Real-ESRGAN's background super-resolution networks, written from their published description.

RRDBNet (ESRGAN's generator, used by RealESRGAN_x4plus and x2plus) and SRVGGNetCompact (used by
realesr-general-x4v3), with the module names of the official code (xinntao/Real-ESRGAN and
BasicSR), so an official ``.pth`` state_dict loads strictly. Input RGB in [0, 1], output the same
at ``scale`` times the size (not clamped: callers clamp). Both take any height and width; RRDBNet
x2 needs them even (it pixel-unshuffles by 2 first), x1 a multiple of 4.

Licence of the original work: BSD-3-Clause (Real-ESRGAN); this file is gpen4j's own code.
"""

import torch
from torch import nn
from torch.nn import functional as F

# name: (class, keyword arguments), the settings of the official releases.
PRESETS = {
    "realesrgan_x4plus": ("RRDBNet", dict(scale=4, num_feat=64, num_block=23, num_grow_ch=32)),
    "realesrgan_x2plus": ("RRDBNet", dict(scale=2, num_feat=64, num_block=23, num_grow_ch=32)),
    "realesr-general-x4v3": ("SRVGGNetCompact", dict(upscale=4, num_feat=64, num_conv=32)),
}
# Where Real-ESRGAN's checkpoints keep the weights: x4plus/x2plus under params_ema, v3 under params.
CHECKPOINT_WRAPPERS = ("params_ema", "params")


class StateDictMismatch(Exception):
    """Thrown to indicate that a checkpoint's keys or shapes do not fit the chosen architecture."""


def pixel_unshuffle(x, factor: int):
    """Folds each factor x factor block into channels: (c, h, w) -> (c * factor^2, h / f, w / f)."""
    b, c, h, w = x.shape
    x = x.reshape(b, c, h // factor, factor, w // factor, factor)
    return x.permute(0, 1, 3, 5, 2, 4).reshape(b, c * factor * factor, h // factor, w // factor)


class ResidualDenseBlock(nn.Module):
    """Five 3x3 convolutions, each seeing every earlier output; residual scaled by 0.2."""

    def __init__(self, num_feat, num_grow_ch):
        super().__init__()
        for i in range(5):
            setattr(self, "conv%d" % (i + 1),
                    nn.Conv2d(num_feat + i * num_grow_ch, num_grow_ch if i < 4 else num_feat, 3, 1, 1))
        self.lrelu = nn.LeakyReLU(negative_slope=0.2)

    def forward(self, x):
        x1 = self.lrelu(self.conv1(x))
        x2 = self.lrelu(self.conv2(torch.cat((x, x1), 1)))
        x3 = self.lrelu(self.conv3(torch.cat((x, x1, x2), 1)))
        x4 = self.lrelu(self.conv4(torch.cat((x, x1, x2, x3), 1)))
        x5 = self.conv5(torch.cat((x, x1, x2, x3, x4), 1))
        return x5 * 0.2 + x


class RRDB(nn.Module):
    """Three dense blocks in a row, residual scaled by 0.2."""

    def __init__(self, num_feat, num_grow_ch):
        super().__init__()
        self.rdb1 = ResidualDenseBlock(num_feat, num_grow_ch)
        self.rdb2 = ResidualDenseBlock(num_feat, num_grow_ch)
        self.rdb3 = ResidualDenseBlock(num_feat, num_grow_ch)

    def forward(self, x):
        return self.rdb3(self.rdb2(self.rdb1(x))) * 0.2 + x


class RRDBNet(nn.Module):
    """ESRGAN's generator: a trunk of RRDBs at the input (or unshuffled) size, then two nearest x2
    upsamplings with a convolution each, so the output is 4x the trunk's size: x4 as is, x2 and x1
    by unshuffling the input by 2 or 4 first."""

    def __init__(self, num_in_ch=3, num_out_ch=3, scale=4, num_feat=64, num_block=23, num_grow_ch=32):
        super().__init__()
        if scale not in (1, 2, 4):
            raise ValueError("RRDBNet scale must be 1, 2 or 4, got %r" % scale)
        self.scale = scale
        self.unshuffle = {4: 1, 2: 2, 1: 4}[scale]
        self.conv_first = nn.Conv2d(num_in_ch * self.unshuffle ** 2, num_feat, 3, 1, 1)
        self.body = nn.Sequential(*[RRDB(num_feat, num_grow_ch) for _ in range(num_block)])
        self.conv_body = nn.Conv2d(num_feat, num_feat, 3, 1, 1)
        self.conv_up1 = nn.Conv2d(num_feat, num_feat, 3, 1, 1)
        self.conv_up2 = nn.Conv2d(num_feat, num_feat, 3, 1, 1)
        self.conv_hr = nn.Conv2d(num_feat, num_feat, 3, 1, 1)
        self.conv_last = nn.Conv2d(num_feat, num_out_ch, 3, 1, 1)
        self.lrelu = nn.LeakyReLU(negative_slope=0.2)

    def forward(self, x):
        feat = pixel_unshuffle(x, self.unshuffle) if self.unshuffle > 1 else x
        feat = self.conv_first(feat)
        feat = feat + self.conv_body(self.body(feat))
        feat = self.lrelu(self.conv_up1(F.interpolate(feat, scale_factor=2.0, mode="nearest")))
        feat = self.lrelu(self.conv_up2(F.interpolate(feat, scale_factor=2.0, mode="nearest")))
        return self.conv_last(self.lrelu(self.conv_hr(feat)))


class SRVGGNetCompact(nn.Module):
    """A plain stack of 3x3 convolutions with PReLU at the input size, a pixel shuffle to the output
    size, plus the nearest-upsampled input (the network learns the residual)."""

    def __init__(self, num_in_ch=3, num_out_ch=3, num_feat=64, num_conv=16, upscale=4):
        super().__init__()
        self.scale = upscale
        layers = [nn.Conv2d(num_in_ch, num_feat, 3, 1, 1), nn.PReLU(num_parameters=num_feat)]
        for _ in range(num_conv):
            layers += [nn.Conv2d(num_feat, num_feat, 3, 1, 1), nn.PReLU(num_parameters=num_feat)]
        layers.append(nn.Conv2d(num_feat, num_out_ch * upscale * upscale, 3, 1, 1))
        # A ModuleList, not a Sequential: the official keys are body.<i>.weight either way.
        self.body = nn.ModuleList(layers)
        self.upsampler = nn.PixelShuffle(upscale)

    def forward(self, x):
        out = x
        for layer in self.body:
            out = layer(out)
        return self.upsampler(out) + F.interpolate(x, scale_factor=float(self.scale), mode="nearest")


def build(preset, **overrides):
    """Builds a preset's network, with keyword overrides (e.g. num_block for a small test model)."""
    if preset not in PRESETS:
        raise ValueError("unknown architecture %r; known: %s" % (preset, ", ".join(sorted(PRESETS))))
    kind, kwargs = PRESETS[preset]
    kwargs = dict(kwargs, **{k: v for k, v in overrides.items() if v is not None})
    return (RRDBNet if kind == "RRDBNet" else SRVGGNetCompact)(**kwargs)


def randomize(model, seed):
    """Seeded random weights whose activations stay in a sane range through the whole depth:
    He-scaled kernels shrunk by the depth's residual scaling, small biases, PReLU slopes near 0.25."""
    generator = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in model.named_parameters():
            values = torch.randn(p.shape, generator=generator)
            if p.dim() == 4:
                fan_in = p.shape[1] * p.shape[2] * p.shape[3]
                p.copy_(values * (0.5 / fan_in) ** 0.5)
            elif p.dim() == 1 and name.startswith("body.") and isinstance(model, SRVGGNetCompact) \
                    and not name.endswith("bias"):
                p.copy_(0.25 + 0.05 * values)
            else:
                p.copy_(0.01 * values)
    return model


def unwrap(state_dict):
    """Returns the weights inside an official checkpoint (under params_ema or params)."""
    if all(torch.is_tensor(v) for v in state_dict.values()):
        return state_dict
    for key in CHECKPOINT_WRAPPERS:
        if isinstance(state_dict.get(key), dict):
            return state_dict[key]
    raise StateDictMismatch("checkpoint is not a state_dict and has none of the entries %s (it has: %s)"
                            % (", ".join(CHECKPOINT_WRAPPERS), ", ".join(map(str, list(state_dict)[:20]))))


def load_official(model, state_dict):
    """Loads an official Real-ESRGAN state_dict strictly, listing every missing, unexpected and
    mis-shaped key when it does not fit."""
    state_dict = unwrap(state_dict)
    own = model.state_dict()
    missing = [k for k in own if k not in state_dict]
    unexpected = [k for k in state_dict if k not in own]
    misshaped = ["%s: checkpoint %s, model %s" % (k, tuple(state_dict[k].shape), tuple(own[k].shape))
                 for k in own if k in state_dict and tuple(state_dict[k].shape) != tuple(own[k].shape)]
    if missing or unexpected or misshaped:
        lines = ["checkpoint does not fit %s" % type(model).__name__]
        for title, keys in (("missing keys", missing), ("unexpected keys", unexpected),
                            ("shape mismatches", misshaped)):
            if keys:
                lines.append("%s (%d): %s" % (title, len(keys), ", ".join(keys[:20])
                                               + (", ..." if len(keys) > 20 else "")))
        raise StateDictMismatch("; ".join(lines))
    model.load_state_dict(state_dict, strict=True)
    return model
