"""The GPEN blind-face-restoration generator (``FullGenerator``), written for export.

Source of the architecture: Yang et al., "GAN Prior Embedded Network for Blind Face Restoration
in the Wild", CVPR 2021, whose decoder is the StyleGAN2 generator of Karras et al., "Analyzing and
Improving the Image Quality of StyleGAN", CVPR 2020. The facts this file is built from are listed
in shared/design/REFERENCE.md section 2.

Design:
- Module and parameter names follow the official GPEN checkpoints (``generator.conv1.conv.weight``,
  ``ecd1.0.1.weight``, ``final_linear.0.bias`` ...), so an official ``state_dict`` loads without a
  key translation table. Everything else (how each layer computes) is our own.
- Equalised learning rate: weights are stored unscaled (unit variance at initialisation) and are
  multiplied by ``1/sqrt(fan_in)`` (times ``lr_mul`` for the mapping network) on every forward, as
  in StyleGAN2. Checkpoints store the unscaled weights, so the scaling must happen here.
- The FIR blur ([1,3,3,1] outer product) runs as ONE depthwise convolution (``groups=C``), and the
  2x upsampling of the RGB skip as ONE depthwise transposed convolution. Both give the same values
  as the zero-insert / pad / convolve formulation ("upfirdn2d") but export to a single ONNX node,
  which ONNX Runtime runs 1.3-1.5x faster on CPU than a reshape into single-channel convolutions.
- The "noise" inputs of the StyleGAN2 decoder are GPEN's encoder features: the network is
  deterministic. Each decoder convolution concatenates ``noise_weight * feature`` of the same
  resolution to its output, so the next layer sees twice the channels.
- Tensors derived from the weights (scaled kernels, blur kernels per channel, demodulation
  energies) are computed on every forward, so loading a state_dict is enough; ``freeze()`` caches
  them as non-persistent buffers before an ONNX export, so the exported graph stores each kernel
  once, already scaled, instead of recomputing it from the raw weight.
- Modulated convolutions can be computed two mathematically identical ways (``modulation``):
  ``"weight"`` scales the kernel by the style and demodulates it per output channel (the
  StyleGAN2 paper's formulation; the kernel becomes a runtime tensor); ``"input"`` scales the input
  channels by the style, convolves with the constant kernel and scales the output channels by the
  demodulation coefficients. The second keeps every kernel constant, which lets ONNX Runtime
  pre-pack it (measured on the project's 2-core CPU: GPEN-BFR-256 131 ms vs 166 ms, GPEN-BFR-512
  1.8 s vs 4.3 s per image), and works for any batch size; it is the converter's default.
"""

import math

import torch
from torch import nn
from torch.nn import functional as F

STYLE_DIM = 512
MAPPING_LAYERS = 8
MAPPING_LR_MUL = 0.01
LEAKY_SLOPE = 0.2
LEAKY_GAIN = math.sqrt(2.0)
# The 4-tap binomial filter of StyleGAN2; its outer product, normalised to sum 1, is the 2-D blur.
BLUR_TAPS = (1.0, 3.0, 3.0, 1.0)
MODULATIONS = ("weight", "input")


def channel_table(channel_multiplier, narrow):
    """Returns the channel count at each resolution from 4 to 2048, as GPEN defines it."""
    wide = int(512 * narrow)
    table = {4: wide, 8: wide, 16: wide, 32: wide}
    for resolution, base in ((64, 256), (128, 128), (256, 64), (512, 32), (1024, 16), (2048, 8)):
        table[resolution] = int(base * channel_multiplier * narrow)
    return table


def blur_kernel(gain=1.0):
    """Returns the 4x4 blur kernel (sum = gain)."""
    taps = torch.tensor(BLUR_TAPS, dtype=torch.float32)
    kernel = taps[:, None] * taps[None, :]
    return kernel / kernel.sum() * gain


def biased_leaky_relu(x, bias):
    """Adds a per-channel bias, applies leaky ReLU (0.2) and the gain sqrt(2) (StyleGAN2's fused op)."""
    shape = [1, -1] + [1] * (x.dim() - 2)
    return F.leaky_relu(x + bias.view(shape), LEAKY_SLOPE) * LEAKY_GAIN


class PixelNorm(nn.Module):
    """Normalises each latent vector to unit root-mean-square."""

    def forward(self, x):
        return x * torch.rsqrt(torch.mean(x * x, dim=1, keepdim=True) + 1e-8)


class Freezable(nn.Module):
    """A layer whose forward uses constants derived from its weights (see ``freeze``)."""

    def __init__(self):
        super().__init__()
        self.frozen = False

    def derived(self):
        """Returns the derived constants by name, computed from the current weights."""
        raise NotImplementedError

    def freeze(self):
        """Caches the derived constants as non-persistent buffers (not in the state_dict)."""
        for name, value in self.derived().items():
            self.register_buffer("frozen_" + name, value.detach().clone(), persistent=False)
        self.frozen = True

    def constants(self):
        if not self.frozen:
            return self.derived()
        return {name[len("frozen_"):]: value for name, value in self.named_buffers(recurse=False)
                if name.startswith("frozen_")}


class BiasLeakyReLU(nn.Module):
    """Per-channel bias followed by the scaled leaky ReLU."""

    def __init__(self, channels):
        super().__init__()
        self.bias = nn.Parameter(torch.zeros(channels))

    def forward(self, x):
        return biased_leaky_relu(x, self.bias)


class ScaledLinear(Freezable):
    """Fully connected layer with equalised learning rate; optionally the biased leaky ReLU."""

    def __init__(self, in_dim, out_dim, bias_init=0.0, lr_mul=1.0, activate=False):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(out_dim, in_dim) / lr_mul)
        self.bias = nn.Parameter(torch.full((out_dim,), float(bias_init)))
        self.scale = lr_mul / math.sqrt(in_dim)
        self.lr_mul = lr_mul
        self.activate = activate

    def derived(self):
        return {"weight": self.weight * self.scale, "bias": self.bias * self.lr_mul}

    def forward(self, x):
        c = self.constants()
        if self.activate:
            return biased_leaky_relu(F.linear(x, c["weight"]), c["bias"])
        return F.linear(x, c["weight"], c["bias"])


class ScaledConv2d(Freezable):
    """Convolution with equalised learning rate and no bias (the activation carries it)."""

    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(out_channels, in_channels, kernel_size, kernel_size))
        self.scale = 1.0 / math.sqrt(in_channels * kernel_size * kernel_size)
        self.stride = stride
        self.padding = padding

    def derived(self):
        return {"weight": self.weight * self.scale}

    def forward(self, x):
        return F.conv2d(x, self.constants()["weight"], stride=self.stride, padding=self.padding)


class DepthwiseBlur(Freezable):
    """The 4x4 FIR blur with symmetric zero padding, as one depthwise convolution.

    The kernel is a buffer named ``kernel`` so official checkpoints (which store it) load strictly.
    """

    def __init__(self, channels, padding, gain=1.0):
        super().__init__()
        self.register_buffer("kernel", blur_kernel(gain))
        self.channels = channels
        self.padding = padding

    def derived(self):
        # conv2d correlates; flipping makes it the true convolution of the FIR definition (the
        # binomial kernel is symmetric, so this only matters for other kernels).
        flipped = torch.flip(self.kernel, [0, 1])
        return {"weight": flipped[None, None].expand(self.channels, 1, 4, 4).contiguous()}

    def forward(self, x):
        return F.conv2d(x, self.constants()["weight"], padding=self.padding, groups=self.channels)


class SkipUpsample(Freezable):
    """2x upsampling of the RGB skip: zero insertion, pad (2,1), 4x4 blur with gain 4.

    That sequence equals one depthwise transposed convolution with stride 2 and padding 1 whose
    kernel is the FIR kernel itself (a transposed convolution does not flip).
    """

    def __init__(self, channels=3):
        super().__init__()
        self.register_buffer("kernel", blur_kernel(4.0))
        self.channels = channels

    def derived(self):
        return {"weight": self.kernel[None, None].expand(self.channels, 1, 4, 4).contiguous()}

    def forward(self, x):
        return F.conv_transpose2d(x, self.constants()["weight"], stride=2, padding=1, groups=self.channels)


class ModulatedConv2d(Freezable):
    """StyleGAN2's modulated convolution, optionally demodulated and optionally upsampling 2x.

    Upsampling is a stride-2 transposed convolution followed by the blur (padding 1, gain 4).
    """

    def __init__(self, in_channels, out_channels, kernel_size, demodulate=True, upsample=False,
                 modulation="weight"):
        super().__init__()
        if modulation not in MODULATIONS:
            raise ValueError("modulation must be one of %s, got %r" % (MODULATIONS, modulation))
        self.weight = nn.Parameter(torch.randn(1, out_channels, in_channels, kernel_size, kernel_size))
        self.modulation = ScaledLinear(STYLE_DIM, in_channels, bias_init=1.0)
        self.scale = 1.0 / math.sqrt(in_channels * kernel_size * kernel_size)
        self.in_channels = in_channels
        self.out_channels = out_channels
        self.kernel_size = kernel_size
        self.demodulate = demodulate
        self.upsample = upsample
        self.mode = modulation
        if upsample:
            self.blur = DepthwiseBlur(out_channels, padding=1, gain=4.0)

    def derived(self):
        if self.mode == "weight":
            return {"weight": self.weight * self.scale}
        kernel = self.weight[0] * self.scale
        constants = {"kernel": kernel.transpose(0, 1) if self.upsample else kernel}
        if self.demodulate:
            # sum over (in, kh, kw) of (scale * W * s)^2 = (s^2) @ (sum over kh, kw of (scale * W)^2)^T
            constants["energy"] = kernel.pow(2).sum([2, 3])
        return constants

    def forward(self, x, latent):
        style = self.modulation(latent)
        if self.mode == "input":
            return self._modulate_input(x, style)
        return self._modulate_weight(x, style)

    def _modulate_weight(self, x, style):
        batch = x.shape[0]
        weight = self.constants()["weight"] * style.view(batch, 1, self.in_channels, 1, 1)
        if self.demodulate:
            weight = weight * torch.rsqrt(weight.pow(2).sum([2, 3, 4], keepdim=True) + 1e-8)
        k = self.kernel_size
        if batch == 1:
            # Batch 1 (every exported file): a plain convolution, no grouped reshape.
            kernel = weight[0]
            if self.upsample:
                return self.blur(F.conv_transpose2d(x, kernel.transpose(0, 1), stride=2))
            return F.conv2d(x, kernel, padding=k // 2)
        height, width = x.shape[2], x.shape[3]
        grouped = x.reshape(1, batch * self.in_channels, height, width)
        if self.upsample:
            kernel = weight.transpose(1, 2).reshape(batch * self.in_channels, self.out_channels, k, k)
            out = F.conv_transpose2d(grouped, kernel, stride=2, groups=batch)
            return self.blur(out.reshape(batch, self.out_channels, out.shape[2], out.shape[3]))
        kernel = weight.reshape(batch * self.out_channels, self.in_channels, k, k)
        out = F.conv2d(grouped, kernel, padding=k // 2, groups=batch)
        return out.reshape(batch, self.out_channels, out.shape[2], out.shape[3])

    def _modulate_input(self, x, style):
        c = self.constants()
        x = x * style[:, :, None, None]
        if self.upsample:
            out = self.blur(F.conv_transpose2d(x, c["kernel"], stride=2))
        else:
            out = F.conv2d(x, c["kernel"], padding=self.kernel_size // 2)
        if self.demodulate:
            demod = torch.rsqrt(F.linear(style * style, c["energy"]) + 1e-8)
            out = out * demod[:, :, None, None]
        return out


class FeatureInjection(nn.Module):
    """Concatenates ``weight * feature`` (an encoder feature) to a decoder activation."""

    def __init__(self):
        super().__init__()
        self.weight = nn.Parameter(torch.zeros(1))

    def forward(self, x, feature):
        return torch.cat((x, feature * self.weight), dim=1)


class StyledConv(nn.Module):
    """Modulated 3x3 convolution, encoder-feature injection, then the biased leaky ReLU."""

    def __init__(self, in_channels, out_channels, upsample=False, modulation="weight"):
        super().__init__()
        self.conv = ModulatedConv2d(in_channels, out_channels, 3, upsample=upsample, modulation=modulation)
        self.noise = FeatureInjection()
        self.activate = BiasLeakyReLU(out_channels * 2)

    def forward(self, x, latent, feature):
        return self.activate(self.noise(self.conv(x, latent), feature))


class ToRGB(nn.Module):
    """1x1 modulated convolution without demodulation to RGB, plus the upsampled skip."""

    def __init__(self, in_channels, upsample=True, modulation="weight"):
        super().__init__()
        if upsample:
            self.upsample = SkipUpsample()
        self.conv = ModulatedConv2d(in_channels, 3, 1, demodulate=False, modulation=modulation)
        self.bias = nn.Parameter(torch.zeros(1, 3, 1, 1))
        self.has_skip = upsample

    def forward(self, x, latent, skip=None):
        out = self.conv(x, latent) + self.bias
        if self.has_skip:
            out = out + self.upsample(skip)
        return out


class ConstantInput(nn.Module):
    """The learned 4x4 input of the StyleGAN2 decoder."""

    def __init__(self, channels):
        super().__init__()
        self.input = nn.Parameter(torch.randn(1, channels, 4, 4))

    def forward(self, batch_like):
        if batch_like.shape[0] == 1:
            # Exports are traced at batch 1; an expand would add shape arithmetic to the graph.
            return self.input
        return self.input.expand(batch_like.shape[0], -1, -1, -1)


class Decoder(nn.Module):
    """The StyleGAN2 synthesis network with its mapping MLP; official name ``generator``."""

    def __init__(self, size, channels, modulation):
        super().__init__()
        layers = [PixelNorm()]
        for _ in range(MAPPING_LAYERS):
            layers.append(ScaledLinear(STYLE_DIM, STYLE_DIM, lr_mul=MAPPING_LR_MUL, activate=True))
        self.style = nn.Sequential(*layers)
        self.input = ConstantInput(channels[4])
        self.conv1 = StyledConv(channels[4], channels[4], modulation=modulation)
        self.to_rgb1 = ToRGB(channels[4] * 2, upsample=False, modulation=modulation)
        self.convs = nn.ModuleList()
        self.to_rgbs = nn.ModuleList()
        in_channels = channels[4]
        resolution = 8
        while resolution <= size:
            out_channels = channels[resolution]
            self.convs.append(StyledConv(in_channels * 2, out_channels, upsample=True, modulation=modulation))
            self.convs.append(StyledConv(out_channels * 2, out_channels, modulation=modulation))
            self.to_rgbs.append(ToRGB(out_channels * 2, modulation=modulation))
            in_channels = out_channels
            resolution *= 2

    def forward(self, code, features):
        """Synthesises the image from the encoder's code and its features (4x4 first)."""
        latent = self.style(code)
        out = self.conv1(self.input(code), latent, features[0])
        skip = self.to_rgb1(out, latent)
        for level, to_rgb in enumerate(self.to_rgbs):
            feature = features[level + 1]
            out = self.convs[2 * level](out, latent, feature)
            out = self.convs[2 * level + 1](out, latent, feature)
            skip = to_rgb(out, latent, skip)
        return skip


class FullGenerator(nn.Module):
    """GPEN's generator: an encoder from the degraded face to a latent code and per-resolution
    features, and the StyleGAN2 decoder that consumes them.

    Input and output: ``[N, 3, size, size]`` RGB in [-1, 1].
    """

    def __init__(self, size, channel_multiplier=2, narrow=1.0, modulation="weight"):
        super().__init__()
        if size < 8 or size > 2048 or size & (size - 1):
            raise ValueError("size must be a power of two from 8 to 2048, got %d" % size)
        self.size = size
        self.channel_multiplier = channel_multiplier
        self.narrow = narrow
        channels = channel_table(channel_multiplier, narrow)
        self.generator = Decoder(size, channels, modulation)
        self.encoder_names = []
        # ecd0: 1x1 conv at full resolution; ecd1..: blur + 3x3 stride-2 conv, halving down to 4x4.
        self.add_module("ecd0", nn.Sequential(nn.Sequential(
            ScaledConv2d(3, channels[size], 1), BiasLeakyReLU(channels[size]))))
        self.encoder_names.append("ecd0")
        resolution = size
        while resolution > 4:
            name = "ecd%d" % len(self.encoder_names)
            in_channels, out_channels = channels[resolution], channels[resolution // 2]
            self.add_module(name, nn.Sequential(nn.Sequential(
                DepthwiseBlur(in_channels, padding=2),
                ScaledConv2d(in_channels, out_channels, 3, stride=2),
                BiasLeakyReLU(out_channels))))
            self.encoder_names.append(name)
            resolution //= 2
        self.final_linear = nn.Sequential(ScaledLinear(channels[4] * 16, STYLE_DIM, activate=True))

    def freeze(self):
        """Caches every weight-derived constant for export; call after loading the weights.

        Returns:
            this model
        """
        for module in self.modules():
            if isinstance(module, Freezable):
                module.freeze()
        return self

    def forward(self, image):
        features = []
        x = image
        for name in self.encoder_names:
            x = getattr(self, name)(x)
            features.append(x)
        code = self.final_linear(x.flatten(1))
        features.reverse()
        return self.generator(code, features)


def parameter_count(model):
    """Returns the number of learned parameters (buffers such as blur kernels excluded)."""
    return sum(p.numel() for p in model.parameters())


def randomize(model, seed):
    """Fills every parameter with seeded random values of a plausible scale.

    Unlike StyleGAN2's initialisation (feature-injection weights and biases at zero), every part
    of the graph then contributes to the output, so an export check exercises all of it.
    """
    generator = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in model.named_parameters():
            values = torch.randn(p.shape, generator=generator)
            if name.endswith("modulation.bias"):
                p.copy_(1.0 + 0.1 * values)
            elif name.endswith("modulation.weight"):
                p.copy_(values)
            elif name.startswith("generator.style."):
                p.copy_(values / MAPPING_LR_MUL if name.endswith("weight") else 0.1 * values)
            elif name.endswith("noise.weight") or name.endswith("bias"):
                p.copy_(0.1 * values)
            else:
                p.copy_(values)
    return model


class StateDictMismatch(Exception):
    """Thrown to indicate that a checkpoint's keys or shapes do not fit the chosen architecture."""


def load_official(model, state_dict):
    """Loads an official GPEN ``state_dict`` strictly.

    Blur kernels are constants: they may be absent from a checkpoint, but when present they must
    equal ours. Every learned parameter must be present with the right shape, and no key may be
    left over.

    Raises:
        StateDictMismatch: listing the missing, unexpected and mis-shaped keys.
    """
    own = model.state_dict()
    missing = [k for k in own if k not in state_dict and not k.endswith(".kernel")]
    unexpected = [k for k in state_dict if k not in own]
    misshaped = ["%s: checkpoint %s, model %s" % (k, tuple(state_dict[k].shape), tuple(own[k].shape))
                 for k in own if k in state_dict and tuple(state_dict[k].shape) != tuple(own[k].shape)]
    wrong_kernels = [k for k in own if k.endswith(".kernel") and k in state_dict
                     and k not in [m.split(":")[0] for m in misshaped]
                     and not torch.allclose(state_dict[k].float(), own[k], atol=1e-6)]
    if missing or unexpected or misshaped or wrong_kernels:
        lines = ["checkpoint does not fit FullGenerator(size=%d, channel_multiplier=%s, narrow=%s)"
                 % (model.size, model.channel_multiplier, model.narrow)]
        for title, keys in (("missing keys", missing), ("unexpected keys", unexpected),
                            ("shape mismatches", misshaped), ("blur kernels that differ", wrong_kernels)):
            if keys:
                lines.append("%s (%d): %s" % (title, len(keys), ", ".join(keys[:20])
                                               + (", ..." if len(keys) > 20 else "")))
        raise StateDictMismatch("\n  ".join(lines))
    with torch.no_grad():
        for k, v in own.items():
            if k in state_dict:
                v.copy_(state_dict[k].to(v.dtype))
    return model
