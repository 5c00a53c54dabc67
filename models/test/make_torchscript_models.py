#!/usr/bin/env python3
"""Writes the tiny TorchScript models that gpen-djl's tests run through DJL's PyTorch engine.

Each model embeds its own description as the TorchScript extra file ``gpen4j.json`` (TorchScript
records no tensor shapes; gpen-djl reads this entry to describe inputs and outputs):

    identity-256.pt      output = input * 1, [1,3,256,256]     contract: describe, run, concurrency, close
    nan-256.pt           output = input * NaN, [1,3,256,256]   NaN output detection
    wrong-rank.pt        output = input * 1, [1,256]           a model that is no image model
    conv-small.pt        Conv 3x3 (3->8) + LeakyReLU(0.2) + Conv 1x1 (8->3), [1,3,32,32], seeded weights
    conv-small-fp16.pt   the same module after .half(); takes and returns float16
    gpen-identity-256-undescribed.pt
                         identity-256 without gpen4j.json: described by its file name

It also exports conv-small's exact weights to ONNX as
gpen-djl/src/test/resources/io/gpen4j/djl/conv-small-twin.onnx, so a test can check that DJL's
PyTorch and OnnxRuntime engines agree on the same network.

Run from the repository root with a Python that has PyTorch (1.13 or later; libtorch 2.7 reads
what 1.13 writes), such as Debian's python3-torch:

    /usr/bin/python3 models/test/make_torchscript_models.py
"""

import copy
import json
import os
import sys

import torch
from torch import nn

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "models", "test")
TWIN = os.path.join(ROOT, "gpen-djl", "src", "test", "resources", "io", "gpen4j", "djl", "conv-small-twin.onnx")
LIMIT = 200 * 1024


class Scale(nn.Module):
    """Multiplies by a constant: a real operator, so no runtime sees a graph that returns its input."""

    def __init__(self, factor):
        super().__init__()
        self.factor = factor

    def forward(self, x):
        return x * self.factor


class ConvSmall(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 3, padding=1)
        self.act = nn.LeakyReLU(0.2)
        self.conv2 = nn.Conv2d(8, 3, 1)

    def forward(self, x):
        return self.conv2(self.act(self.conv1(x)))


def description(shape, dtype="float32"):
    tensor = lambda name: {"name": name, "shape": list(shape), "type": dtype}
    return json.dumps({"inputs": [tensor("input")], "outputs": [tensor("output")]}, sort_keys=True)


def save(module, example, name, shape=None, dtype="float32", describe=True, half=False):
    traced = torch.jit.trace(module.eval(), example)
    if half:
        traced = traced.half()
    path = os.path.join(OUT, name)
    extra = {"gpen4j.json": description(shape or example.shape, dtype)} if describe else {}
    torch.jit.save(traced, path, _extra_files=extra)
    size = os.path.getsize(path)
    if size > LIMIT:
        sys.exit(f"{name} is {size} bytes, over the {LIMIT}-byte limit for checked-in test models")
    print(f"{path}: {size} bytes")


def main():
    torch.manual_seed(20240611)
    image256 = torch.rand(1, 3, 256, 256) * 2 - 1
    save(Scale(1.0), image256, "identity-256.pt")
    save(Scale(float("nan")), image256, "nan-256.pt")
    save(Scale(1.0), torch.rand(1, 256), "wrong-rank.pt")
    save(Scale(1.0), image256, "gpen-identity-256-undescribed.pt", describe=False)

    conv = ConvSmall()
    with torch.no_grad():
        for p in conv.parameters():
            p.copy_(torch.randn_like(p) * 0.3)
    image32 = torch.rand(1, 3, 32, 32) * 2 - 1
    save(conv, image32, "conv-small.pt")
    # A traced module shares its parameters with the original: halve a copy.
    save(copy.deepcopy(conv), image32, "conv-small-fp16.pt", dtype="float16", half=True)

    os.makedirs(os.path.dirname(TWIN), exist_ok=True)
    torch.onnx.export(conv.eval(), image32, TWIN, input_names=["input"], output_names=["output"],
                      opset_version=13)
    print(f"{TWIN}: {os.path.getsize(TWIN)} bytes")


if __name__ == "__main__":
    main()
