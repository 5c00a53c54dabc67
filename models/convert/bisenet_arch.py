"""BiSeNet face parser with a ResNet-18 context path, as facexlib (parsing/bisenet.py) and
zllrunning/face-parsing.PyTorch define it, for exporting ``parsing_bisenet.pth`` or random weights.

Module names follow the official ``state_dict`` keys (``cp.resnet.layer1.0.conv1.weight``,
``ffm.convblk.conv.weight``, ``conv_out.conv_out.weight`` ...) so the checkpoint loads strictly.
The spatial path of the BiSeNet paper is not used: the ResNet's 1/8 feature replaces it, as in
those projects. Input: RGB normalised with ImageNet's mean and std, [1, 3, 512, 512]; output: 19
class scores at the input's size (CelebAMask-HQ order: background, skin, l_brow, r_brow, l_eye,
r_eye, eye_g, l_ear, r_ear, ear_r, nose, mouth, u_lip, l_lip, neck, neck_l, cloth, hair, hat).
"""

import torch
from torch import nn
from torch.nn import functional as F

NUM_CLASSES = 19
INPUT_SIZE = 512


class ConvBNReLU(nn.Module):
    """Convolution without bias, batch norm, ReLU."""

    def __init__(self, in_ch, out_ch, kernel=3, stride=1, padding=1):
        super().__init__()
        self.conv = nn.Conv2d(in_ch, out_ch, kernel, stride, padding, bias=False)
        self.bn = nn.BatchNorm2d(out_ch)

    def forward(self, x):
        return F.relu(self.bn(self.conv(x)))


class BasicBlock(nn.Module):
    """ResNet basic block; a 1x1 projection on the shortcut when the shape changes."""

    def __init__(self, in_ch, out_ch, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(in_ch, out_ch, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(out_ch)
        self.conv2 = nn.Conv2d(out_ch, out_ch, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(out_ch)
        self.downsample = None
        if in_ch != out_ch or stride != 1:
            self.downsample = nn.Sequential(nn.Conv2d(in_ch, out_ch, 1, stride, bias=False), nn.BatchNorm2d(out_ch))

    def forward(self, x):
        residual = self.bn2(self.conv2(F.relu(self.bn1(self.conv1(x)))))
        shortcut = x if self.downsample is None else self.downsample(x)
        return F.relu(shortcut + residual)


def _stage(in_ch, out_ch, stride):
    return nn.Sequential(BasicBlock(in_ch, out_ch, stride), BasicBlock(out_ch, out_ch, 1))


class ResNet18(nn.Module):
    """ResNet-18 without its classifier; returns the 1/8, 1/16 and 1/32 features."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 64, 7, 2, 3, bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        self.maxpool = nn.MaxPool2d(3, 2, 1)
        self.layer1 = _stage(64, 64, 1)
        self.layer2 = _stage(64, 128, 2)
        self.layer3 = _stage(128, 256, 2)
        self.layer4 = _stage(256, 512, 2)

    def forward(self, x):
        x = self.maxpool(F.relu(self.bn1(self.conv1(x))))
        feat8 = self.layer2(self.layer1(x))
        feat16 = self.layer3(feat8)
        return feat8, feat16, self.layer4(feat16)


def _global_mean(x):
    return torch.mean(x, dim=(2, 3), keepdim=True)


class AttentionRefinementModule(nn.Module):
    """Features reweighted per channel by a sigmoid of their global mean."""

    def __init__(self, in_ch, out_ch):
        super().__init__()
        self.conv = ConvBNReLU(in_ch, out_ch)
        self.conv_atten = nn.Conv2d(out_ch, out_ch, 1, bias=False)
        self.bn_atten = nn.BatchNorm2d(out_ch)

    def forward(self, x):
        feat = self.conv(x)
        return feat * torch.sigmoid(self.bn_atten(self.conv_atten(_global_mean(feat))))


class ContextPath(nn.Module):
    """ResNet features refined top-down: 1/32 -> 1/16 -> 1/8, with a global context term."""

    def __init__(self):
        super().__init__()
        self.resnet = ResNet18()
        self.arm16 = AttentionRefinementModule(256, 128)
        self.arm32 = AttentionRefinementModule(512, 128)
        self.conv_head32 = ConvBNReLU(128, 128)
        self.conv_head16 = ConvBNReLU(128, 128)
        self.conv_avg = ConvBNReLU(512, 128, kernel=1, padding=0)

    def forward(self, x):
        feat8, feat16, feat32 = self.resnet(x)
        context = F.interpolate(self.conv_avg(_global_mean(feat32)), size=feat32.shape[2:], mode="nearest")
        up32 = self.conv_head32(F.interpolate(self.arm32(feat32) + context, size=feat16.shape[2:], mode="nearest"))
        up16 = self.conv_head16(F.interpolate(self.arm16(feat16) + up32, size=feat8.shape[2:], mode="nearest"))
        return feat8, up16, up32


class FeatureFusionModule(nn.Module):
    """Concatenated features, mixed by a 1x1 conv, plus themselves reweighted per channel."""

    def __init__(self, in_ch, out_ch):
        super().__init__()
        self.convblk = ConvBNReLU(in_ch, out_ch, kernel=1, padding=0)
        self.conv1 = nn.Conv2d(out_ch, out_ch // 4, 1, bias=False)
        self.conv2 = nn.Conv2d(out_ch // 4, out_ch, 1, bias=False)

    def forward(self, spatial, context):
        feat = self.convblk(torch.cat([spatial, context], dim=1))
        atten = torch.sigmoid(self.conv2(F.relu(self.conv1(_global_mean(feat)))))
        return feat * atten + feat


class BiSeNetOutput(nn.Module):
    """A 3x3 ConvBNReLU then a 1x1 convolution to class scores."""

    def __init__(self, in_ch, mid_ch, classes):
        super().__init__()
        self.conv = ConvBNReLU(in_ch, mid_ch)
        self.conv_out = nn.Conv2d(mid_ch, classes, 1, bias=False)

    def forward(self, x):
        return self.conv_out(self.conv(x))


class BiSeNet(nn.Module):
    """The face parser; ``forward`` returns the main scores and the two auxiliary heads' scores,
    all bilinearly resized (corners aligned) to the input's size, as the official model does."""

    def __init__(self, classes=NUM_CLASSES):
        super().__init__()
        self.cp = ContextPath()
        self.ffm = FeatureFusionModule(256, 256)
        self.conv_out = BiSeNetOutput(256, 256, classes)
        self.conv_out16 = BiSeNetOutput(128, 64, classes)
        self.conv_out32 = BiSeNetOutput(128, 64, classes)

    def forward(self, x):
        size = x.shape[2:]
        feat8, cp8, cp16 = self.cp(x)
        heads = (self.conv_out(self.ffm(feat8, cp8)), self.conv_out16(cp8), self.conv_out32(cp16))
        return tuple(F.interpolate(h, size=size, mode="bilinear", align_corners=True) for h in heads)


class ParserExport(nn.Module):
    """What is exported: the main scores only (facexlib and facefusion use ``output[0]``)."""

    def __init__(self, net):
        super().__init__()
        self.net = net
        self.size = INPUT_SIZE
        self.out_channels = NUM_CLASSES

    def forward(self, x):
        return self.net(x)[0]

    def freeze(self):
        """Nothing to fold: BiSeNet has no runtime weight scaling (convert.py freezes GPEN)."""
        return self


def randomize(model, seed):
    """Seeded random weights: He-normal convolutions, batch norms near identity."""
    generator = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, nn.Conv2d):
                fan_in = module.weight[0].numel()
                module.weight.copy_(torch.randn(module.weight.shape, generator=generator) * (2.0 / fan_in) ** 0.5)
            elif isinstance(module, nn.BatchNorm2d):
                n = module.num_features
                module.weight.copy_(1 + 0.1 * torch.randn(n, generator=generator))
                module.bias.copy_(0.1 * torch.randn(n, generator=generator))
                module.running_mean.zero_()
                module.running_var.fill_(1)


class StateDictMismatch(Exception):
    """Thrown to indicate that a checkpoint's keys or shapes do not fit BiSeNet."""


def load_official(model, state_dict):
    """Loads ``parsing_bisenet.pth`` (or face-parsing.PyTorch's ``79999_iter.pth``) strictly.

    Raises:
        StateDictMismatch: listing the missing, unexpected and mis-shaped keys.
    """
    own = model.state_dict()
    missing = [k for k in own if k not in state_dict and not k.endswith("num_batches_tracked")]
    unexpected = [k for k in state_dict if k not in own]
    shapes = [k for k in own if k in state_dict and tuple(state_dict[k].shape) != tuple(own[k].shape)]
    if missing or unexpected or shapes:
        raise StateDictMismatch("not a BiSeNet state_dict: missing %s, unexpected %s, wrong shape %s"
                                % (missing[:5], unexpected[:5], shapes[:5]))
    model.load_state_dict(state_dict, strict=False)


def build(checkpoint_state_dict, seed):
    """Returns the export module with official or seeded random weights, in eval mode."""
    net = BiSeNet()
    if checkpoint_state_dict is None:
        randomize(net, seed)
    else:
        load_official(net, checkpoint_state_dict)
    model = ParserExport(net).eval()
    for p in model.parameters():
        p.requires_grad_(False)
    return model
