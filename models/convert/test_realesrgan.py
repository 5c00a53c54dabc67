"""Unit tests of the Real-ESRGAN architectures and convert.py --arch: python3 -m unittest discover models/convert

Parameter counts are those of the official checkpoints (RealESRGAN_x4plus.pth holds 16,697,987
float32 values in 67,040,989 bytes; realesr-general-x4v3 about 1.2 M, REFERENCE.md section 8).
"""

import os
import subprocess
import sys
import tempfile
import unittest

import torch
from torch.nn import functional as F

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import realesrgan_arch  # noqa: E402

CONVERT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "convert.py")


def count(model):
    return sum(p.numel() for p in model.parameters())


class ArchitectureTest(unittest.TestCase):
    def test_pixelUnshuffle_equalsTorchs(self):
        x = torch.randn(2, 3, 8, 12, generator=torch.Generator().manual_seed(1))
        for factor in (2, 4):
            torch.testing.assert_close(realesrgan_arch.pixel_unshuffle(x, factor), F.pixel_unshuffle(x, factor))

    def test_parameterCounts_matchOfficialReleases(self):
        self.assertEqual(16_697_987, count(realesrgan_arch.build("realesrgan_x4plus")))
        # x2plus differs only by conv_first taking the 12 unshuffled channels: 9 * 64 * 9 more weights.
        self.assertEqual(16_697_987 + 9 * 64 * 9, count(realesrgan_arch.build("realesrgan_x2plus")))
        self.assertEqual(1_213_296, count(realesrgan_arch.build("realesr-general-x4v3")))

    def test_stateDictKeys_areTheOfficialNames(self):
        rrdb = realesrgan_arch.build("realesrgan_x2plus", num_block=2).state_dict()
        for key in ("conv_first.weight", "body.0.rdb1.conv1.weight", "body.1.rdb3.conv5.bias",
                    "conv_body.weight", "conv_up1.weight", "conv_up2.weight", "conv_hr.weight", "conv_last.bias"):
            self.assertIn(key, rrdb)
        self.assertEqual((64, 12, 3, 3), tuple(rrdb["conv_first.weight"].shape))
        vgg = realesrgan_arch.build("realesr-general-x4v3").state_dict()
        self.assertEqual((64,), tuple(vgg["body.1.weight"].shape))  # PReLU, one slope per channel
        self.assertEqual((48, 64, 3, 3), tuple(vgg["body.66.weight"].shape))  # 3 * 4 * 4 for the shuffle
        self.assertEqual(34 * 2 + 33, len(vgg))  # 34 convs (weight, bias) + 33 PReLUs (weight)

    def test_outputs_areScaleTimesTheInput(self):
        x = torch.rand(1, 3, 12, 20, generator=torch.Generator().manual_seed(2))
        for name, scale, blocks in (("realesrgan_x4plus", 4, 1), ("realesrgan_x2plus", 2, 1),
                                    ("realesr-general-x4v3", 4, None)):
            overrides = dict(num_block=blocks) if blocks else dict(num_conv=2)
            model = realesrgan_arch.randomize(realesrgan_arch.build(name, **overrides), 0).eval()
            with torch.no_grad():
                self.assertEqual((1, 3, 12 * scale, 20 * scale), tuple(model(x).shape), name)

    def test_srvggWithZeroBody_isNearestUpsampling(self):
        model = realesrgan_arch.build("realesr-general-x4v3", num_conv=1).eval()
        with torch.no_grad():
            for p in model.parameters():
                p.zero_()
            x = torch.rand(1, 3, 5, 7, generator=torch.Generator().manual_seed(3))
            torch.testing.assert_close(model(x), x.repeat_interleave(4, 2).repeat_interleave(4, 3))

    def test_loadOfficial_acceptsWrappedCheckpointAndListsMismatches(self):
        source = realesrgan_arch.randomize(realesrgan_arch.build("realesrgan_x4plus", num_block=1), 5)
        target = realesrgan_arch.build("realesrgan_x4plus", num_block=1)
        realesrgan_arch.load_official(target, {"params_ema": source.state_dict()})
        torch.testing.assert_close(target.conv_last.weight, source.conv_last.weight)
        broken = dict(source.state_dict())
        del broken["conv_hr.weight"]
        broken["conv_extra.weight"] = torch.zeros(1)
        with self.assertRaises(realesrgan_arch.StateDictMismatch) as caught:
            realesrgan_arch.load_official(target, {"params": broken})
        self.assertIn("missing keys (1): conv_hr.weight", str(caught.exception))
        self.assertIn("unexpected keys (1): conv_extra.weight", str(caught.exception))


class ConvertArchTest(unittest.TestCase):
    def run_convert(self, *args):
        return subprocess.run([sys.executable, CONVERT] + list(args), capture_output=True, text=True,
                              env=dict(os.environ, PYTHONDONTWRITEBYTECODE="1"))

    def test_convertArch_exportsDynamicOnnxWithCheckFiles(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "x2.onnx")
            done = self.run_convert("--arch", "realesrgan_x2plus", "--random-weights", "--num-block", "1",
                                    "--onnx", out, "--check")
            self.assertEqual(0, done.returncode, done.stdout + done.stderr)
            self.assertIn("H and W free", done.stdout)
            for suffix in (".check.json", ".check-input.bin", ".check-output.bin"):
                self.assertTrue(os.path.isfile(out + suffix), suffix)

    def test_convertArch_rejectsAMismatchedCheckpoint(self):
        with tempfile.TemporaryDirectory() as tmp:
            pth = os.path.join(tmp, "vgg.pth")
            torch.save({"params": realesrgan_arch.build("realesr-general-x4v3").state_dict()}, pth)
            done = self.run_convert("--arch", "realesrgan_x4plus", "--checkpoint", pth,
                                    "--onnx", os.path.join(tmp, "x.onnx"))
            self.assertEqual(2, done.returncode, done.stdout + done.stderr)
            self.assertIn("checkpoint does not fit RRDBNet", done.stderr)


if __name__ == "__main__":
    unittest.main()
