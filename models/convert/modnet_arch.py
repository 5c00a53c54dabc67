"""MODNet portrait matting (Ke et al., "MODNet: Real-Time Trimap-Free Portrait Matting via Objective
Decomposition", AAAI 2022; ZHKKKe/MODNet), inference path only, for exporting the official
``modnet_photographic_portrait_matting.ckpt`` or random weights.

Written from the paper and the official module's layout (read, not copied). The structure:

- A MobileNetV2 encoder (width 1.0, expansion 6: a stride-2 3x3 stem of 32, then inverted residual
  stages (t, c, n, s) = (1,16,1,1) (6,24,2,2) (6,32,3,2) (6,64,4,2) (6,96,3,1) (6,160,3,2)
  (6,320,1,1), then a 1x1 to 1280; BatchNorm and ReLU6). Its features at 1/2, 1/4 and 1/32 feed the
  branches (16, 24 and 1280 channels).
- The low-resolution (semantic) branch: a squeeze-excitation block on the 1/32 feature, two
  bilinear x2 upsamplings each followed by a 5x5 convolution (1280 -> 96 -> 32), giving lr8x.
- The high-resolution (detail) branch at 1/4 and 1/2 with ``hr`` = 32 channels, fed with the image
  downsampled by 2 and 4, the encoder's 1/2 and 1/4 features and lr8x.
- The fusion branch: lr8x upsampled and convolved, joined with the detail branch's 1/2 feature,
  upsampled to the input and joined with the image; a sigmoid gives the matte.

Every convolution but the three last ones is followed by "IBNorm" (BatchNorm on the first half of
the channels, a non-affine InstanceNorm on the rest, as the paper's section 3.1 describes) and
ReLU. Upsampling and downsampling are bilinear without corner alignment. The semantic and detail
heads that only training uses (``lr_branch.conv_lr``, ``hr_branch.conv_hr``) are kept so that the
official checkpoint loads strictly; they are not run.

Module names are the official ``state_dict`` keys (``backbone.model.features.3.conv.6.weight``,
``lr_branch.se_block.fc.0.weight``, ``hr_branch.conv_hr4x.0.layers.1.bnorm.running_mean``,
``f_branch.conv_f.1.layers.0.bias`` ...). The official model registers its encoder twice (as
``backbone`` and as ``lr_branch.backbone``), so its checkpoint holds every encoder tensor under
both names; this module shares the encoder the same way. ``DataParallel``'s ``module.`` prefix is
removed by convert.py. Input: RGB in [-1, 1], [N, 3, H, W] with H and W multiples of 32; output:
the alpha matte [N, 1, H, W] in [0, 1].
"""

import torch
from torch import nn
from torch.nn import functional as F

HR_CHANNELS = 32
# (expansion t, channels c, repeats n, first stride s) of MobileNetV2 at width 1.0.
INVERTED_RESIDUALS = ((1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1),
                      (6, 160, 3, 2), (6, 320, 1, 1))
STEM_CHANNELS = 32
LAST_CHANNELS = 1280
# Encoder outputs the branches use: after features 1 (1/2), 3 (1/4), 6 (1/8), 13 (1/16), 18 (1/32).
ENCODER_TAPS = (1, 3, 6, 13, 18)
ENCODER_CHANNELS = (16, 24, 32, 96, 1280)


class StateDictMismatch(Exception):
    """Thrown to indicate that a checkpoint does not fit this architecture; lists the differences."""


def _bn_relu6(channels, relu):
    layers = [nn.BatchNorm2d(channels)]
    if relu:
        layers.append(nn.ReLU6(inplace=True))
    return layers


class InvertedResidual(nn.Module):
    """MobileNetV2 block: 1x1 expansion (skipped at t = 1), 3x3 depthwise, linear 1x1 projection;
    the input is added back when the shape is unchanged."""

    def __init__(self, in_ch, out_ch, stride, expansion):
        super().__init__()
        hidden = int(round(in_ch * expansion))
        layers = []
        if expansion != 1:
            layers += [nn.Conv2d(in_ch, hidden, 1, bias=False)] + _bn_relu6(hidden, True)
        layers += [nn.Conv2d(hidden, hidden, 3, stride, 1, groups=hidden, bias=False)] + _bn_relu6(hidden, True)
        layers += [nn.Conv2d(hidden, out_ch, 1, bias=False)] + _bn_relu6(out_ch, False)
        self.conv = nn.Sequential(*layers)
        self.residual = stride == 1 and in_ch == out_ch

    def forward(self, x):
        y = self.conv(x)
        return x + y if self.residual else y


class MobileNetV2(nn.Module):
    """The encoder's layers as one ``features`` sequence (the official key layout)."""

    def __init__(self, in_channels=3):
        super().__init__()
        features = [nn.Sequential(nn.Conv2d(in_channels, STEM_CHANNELS, 3, 2, 1, bias=False),
                                  *_bn_relu6(STEM_CHANNELS, True))]
        channels = STEM_CHANNELS
        for t, c, n, s in INVERTED_RESIDUALS:
            for i in range(n):
                features.append(InvertedResidual(channels, c, s if i == 0 else 1, t))
                channels = c
        features.append(nn.Sequential(nn.Conv2d(channels, LAST_CHANNELS, 1, bias=False),
                                      *_bn_relu6(LAST_CHANNELS, True)))
        self.features = nn.Sequential(*features)


class Encoder(nn.Module):
    """MobileNetV2 returning its features at 1/2, 1/4, 1/8, 1/16 and 1/32."""

    def __init__(self):
        super().__init__()
        self.model = MobileNetV2()

    def forward(self, x):
        taps = []
        for i, layer in enumerate(self.model.features):
            x = layer(x)
            if i in ENCODER_TAPS:
                taps.append(x)
        return taps


class IBNorm(nn.Module):
    """BatchNorm on the first half of the channels (rounded down), InstanceNorm on the rest."""

    def __init__(self, channels):
        super().__init__()
        self.split = channels // 2
        self.bnorm = nn.BatchNorm2d(self.split)
        self.inorm = nn.InstanceNorm2d(channels - self.split, affine=False)

    def forward(self, x):
        return torch.cat((self.bnorm(x[:, :self.split]), self.inorm(x[:, self.split:])), 1)


class ConvBlock(nn.Module):
    """Convolution with bias, then IBNorm and ReLU unless told otherwise (``layers`` 0, 1, 2)."""

    def __init__(self, in_ch, out_ch, kernel, stride=1, norm=True, relu=True):
        super().__init__()
        layers = [nn.Conv2d(in_ch, out_ch, kernel, stride, kernel // 2)]
        if norm:
            layers.append(IBNorm(out_ch))
        if relu:
            layers.append(nn.ReLU(inplace=True))
        self.layers = nn.Sequential(*layers)

    def forward(self, x):
        return self.layers(x)


def _head(in_ch, out_ch, kernel, stride=1):
    """A last convolution: no norm, no activation."""
    return ConvBlock(in_ch, out_ch, kernel, stride, norm=False, relu=False)


def _resize(x, factor):
    return F.interpolate(x, scale_factor=factor, mode="bilinear", align_corners=False)


class SqueezeExcitation(nn.Module):
    """Channel weights from the global mean through two bias-free linear layers (reduction 4)."""

    def __init__(self, channels, reduction=4):
        super().__init__()
        self.fc = nn.Sequential(nn.Linear(channels, channels // reduction, bias=False), nn.ReLU(inplace=True),
                                nn.Linear(channels // reduction, channels, bias=False), nn.Sigmoid())

    def forward(self, x):
        weights = self.fc(x.mean(dim=(2, 3)))
        return x * weights[:, :, None, None]


class LowResolutionBranch(nn.Module):
    def __init__(self, encoder):
        super().__init__()
        c = ENCODER_CHANNELS
        self.backbone = encoder
        self.se_block = SqueezeExcitation(c[4])
        self.conv_lr16x = ConvBlock(c[4], c[3], 5)
        self.conv_lr8x = ConvBlock(c[3], c[2], 5)
        self.conv_lr = _head(c[2], 1, 3, stride=2)  # training's semantic head; not run

    def forward(self, img):
        enc2x, enc4x, _, _, enc32x = self.backbone(img)
        lr16x = self.conv_lr16x(_resize(self.se_block(enc32x), 2))
        lr8x = self.conv_lr8x(_resize(lr16x, 2))
        return lr8x, enc2x, enc4x


class HighResolutionBranch(nn.Module):
    def __init__(self, hr=HR_CHANNELS):
        super().__init__()
        c = ENCODER_CHANNELS
        self.tohr_enc2x = ConvBlock(c[0], hr, 1)
        self.conv_enc2x = ConvBlock(hr + 3, hr, 3, stride=2)
        self.tohr_enc4x = ConvBlock(c[1], hr, 1)
        self.conv_enc4x = ConvBlock(2 * hr, 2 * hr, 3)
        self.conv_hr4x = nn.Sequential(ConvBlock(3 * hr + 3, 2 * hr, 3), ConvBlock(2 * hr, 2 * hr, 3),
                                       ConvBlock(2 * hr, hr, 3))
        self.conv_hr2x = nn.Sequential(ConvBlock(2 * hr, 2 * hr, 3), ConvBlock(2 * hr, hr, 3), ConvBlock(hr, hr, 3),
                                       ConvBlock(hr, hr, 3))
        self.conv_hr = nn.Sequential(ConvBlock(hr + 3, hr, 3), _head(hr, 1, 1))  # training's detail head; not run

    def forward(self, img, enc2x, enc4x, lr8x):
        half = _resize(img, 0.5)
        quarter = _resize(img, 0.25)
        enc2x = self.tohr_enc2x(enc2x)
        hr4x = self.conv_enc2x(torch.cat((half, enc2x), 1))
        hr4x = self.conv_enc4x(torch.cat((hr4x, self.tohr_enc4x(enc4x)), 1))
        hr4x = self.conv_hr4x(torch.cat((hr4x, _resize(lr8x, 2), quarter), 1))
        return self.conv_hr2x(torch.cat((_resize(hr4x, 2), enc2x), 1))


class FusionBranch(nn.Module):
    def __init__(self, hr=HR_CHANNELS):
        super().__init__()
        self.conv_lr4x = ConvBlock(ENCODER_CHANNELS[2], hr, 5)
        self.conv_f2x = ConvBlock(2 * hr, hr, 3)
        self.conv_f = nn.Sequential(ConvBlock(hr + 3, hr // 2, 3), _head(hr // 2, 1, 1))

    def forward(self, img, lr8x, hr2x):
        lr2x = _resize(self.conv_lr4x(_resize(lr8x, 2)), 2)
        f2x = self.conv_f2x(torch.cat((lr2x, hr2x), 1))
        return torch.sigmoid(self.conv_f(torch.cat((_resize(f2x, 2), img), 1)))


class MODNet(nn.Module):
    """Image [N, 3, H, W] in [-1, 1] (H, W multiples of 32) to its alpha matte [N, 1, H, W]."""

    def __init__(self):
        super().__init__()
        self.backbone = Encoder()
        self.lr_branch = LowResolutionBranch(self.backbone)
        self.hr_branch = HighResolutionBranch()
        self.f_branch = FusionBranch()

    def forward(self, img):
        lr8x, enc2x, enc4x = self.lr_branch(img)
        hr2x = self.hr_branch(img, enc2x, enc4x, lr8x)
        return self.f_branch(img, lr8x, hr2x)


def randomize(model, seed):
    """Seeded random weights and batch-norm statistics that keep the activations in range, so the
    matte is not saturated at 0 or 1 (a check of a saturated sigmoid would prove little)."""
    generator = torch.Generator().manual_seed(seed)

    def uniform(t, lo, hi):
        t.copy_(torch.rand(t.shape, generator=generator) * (hi - lo) + lo)

    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, (nn.Conv2d, nn.Linear)):
                fan_in = module.weight[0].numel()
                module.weight.copy_(torch.randn(module.weight.shape, generator=generator) / fan_in ** 0.5)
                if module.bias is not None:
                    uniform(module.bias, -0.1, 0.1)
            elif isinstance(module, nn.BatchNorm2d):
                uniform(module.weight, 0.5, 1.5)
                uniform(module.bias, -0.1, 0.1)
                uniform(module.running_mean, -0.1, 0.1)
                uniform(module.running_var, 0.5, 1.5)
    return model


def load_official(model, state_dict):
    """Loads an official state_dict strictly (every tensor, right shapes, nothing left over)."""
    own = model.state_dict()
    missing = sorted(k for k in own if k not in state_dict)
    unexpected = sorted(k for k in state_dict if k not in own)
    mis_shaped = sorted("%s %s (expected %s)" % (k, tuple(v.shape), tuple(own[k].shape))
                        for k, v in state_dict.items() if k in own and tuple(v.shape) != tuple(own[k].shape))
    if missing or unexpected or mis_shaped:
        raise StateDictMismatch("not a MODNet checkpoint: missing %s; unexpected %s; mis-shaped %s"
                                % (_few(missing), _few(unexpected), _few(mis_shaped)))
    model.load_state_dict(state_dict, strict=True)
    return model


def _few(keys, limit=8):
    return "[]" if not keys else "%d: %s%s" % (len(keys), ", ".join(keys[:limit]), ", ..." if len(keys) > limit else "")


def build(state_dict, seed):
    """The model in eval mode without gradients: the checkpoint's weights, or random ones."""
    model = MODNet()
    if state_dict is None:
        randomize(model, seed)
    else:
        load_official(model, state_dict)
    model.eval()
    for p in model.parameters():
        p.requires_grad_(False)
    return model
