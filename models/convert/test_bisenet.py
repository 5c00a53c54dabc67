"""Unit tests of the BiSeNet face parser architecture: python3 -m unittest discover models/convert

The state_dict size is checked against the published checkpoint: facexlib's parsing_bisenet.pth
is 53,289,463 bytes, i.e. 13,313,088 float32 values plus about 190 bytes of pickle per tensor.
"""

import os
import subprocess
import sys
import tempfile
import unittest

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bisenet_arch  # noqa: E402

CONVERT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "convert.py")
CHECKPOINT_FLOATS = 13_313_088


class BiSeNetArchTest(unittest.TestCase):
    def test_stateDict_hasTheOfficialKeysAndSize(self):
        sd = bisenet_arch.BiSeNet().state_dict()
        floats = sum(v.numel() for k, v in sd.items() if not k.endswith("num_batches_tracked"))
        self.assertEqual(CHECKPOINT_FLOATS, floats)
        for key in ("cp.resnet.conv1.weight", "cp.resnet.layer2.0.downsample.0.weight", "cp.arm32.conv_atten.weight",
                    "cp.arm16.bn_atten.running_var", "cp.conv_avg.conv.weight", "ffm.convblk.bn.weight",
                    "ffm.conv2.weight", "conv_out.conv_out.weight", "conv_out16.conv.conv.weight"):
            self.assertIn(key, sd)
        self.assertEqual((19, 256, 1, 1), tuple(sd["conv_out.conv_out.weight"].shape))

    def test_forward_returnsThreeScoreMapsAtTheInputSize(self):
        net = bisenet_arch.BiSeNet().eval()
        bisenet_arch.randomize(net, 3)
        with torch.no_grad():
            outputs = net(torch.rand(1, 3, 64, 96))
        self.assertEqual(3, len(outputs))
        for out in outputs:
            self.assertEqual((1, 19, 64, 96), tuple(out.shape))
            self.assertTrue(torch.isfinite(out).all())

    def test_loadOfficial_roundTripsAndRejectsOtherKeys(self):
        source = bisenet_arch.build(None, 7)
        sd = source.net.state_dict()
        loaded = bisenet_arch.build(sd, 0)
        x = torch.rand(1, 3, 64, 64)
        with torch.no_grad():
            self.assertTrue(torch.equal(source(x), loaded(x)))
        sd["extra.weight"] = torch.zeros(1)
        del sd["ffm.conv1.weight"]
        with self.assertRaises(bisenet_arch.StateDictMismatch) as e:
            bisenet_arch.build(sd, 0)
        self.assertIn("ffm.conv1.weight", str(e.exception))
        self.assertIn("extra.weight", str(e.exception))

    def test_convert_bisenetWithTorchScript_isRejected(self):
        with tempfile.TemporaryDirectory() as d:
            result = subprocess.run([sys.executable, CONVERT, "--arch", "bisenet", "--random-weights",
                                     "--torchscript", os.path.join(d, "p.pt")], capture_output=True, text=True)
        self.assertEqual(2, result.returncode, result.stderr)
        self.assertIn("--arch bisenet writes float32 ONNX only", result.stderr)


if __name__ == "__main__":
    unittest.main()
