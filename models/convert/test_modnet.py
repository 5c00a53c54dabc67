"""Unit tests of the MODNet portrait matting architecture: python3 -m unittest discover models/convert

The architecture is checked against the official module (ZHKKKe/MODNet, src/models/modnet.py) with
the same random weights: live when MODNET_OFFICIAL names a checkout of that repository, and always
against testdata/modnet-official-seed0.bin, the official module's matte for this file's seed-0
random weights on a seeded input, recorded with that checkout (commit 28165a4; see
testdata/README.md). The parameter count is the official module's.
"""

import os
import subprocess
import sys
import tempfile
import unittest

import numpy
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import convert  # noqa: E402
import modnet_arch  # noqa: E402

CONVERT = os.path.join(HERE, "convert.py")
GOLDEN = os.path.join(HERE, "testdata", "modnet-official-seed0.bin")
PARAMETERS = 6_487_075
TOLERANCE = 1e-5


def golden_input():
    """The input of the recorded official matte: [1, 3, 64, 96] in [-1, 1], seed 5."""
    return torch.rand(1, 3, 64, 96, generator=torch.Generator().manual_seed(5)) * 2 - 1


class ModnetArchTest(unittest.TestCase):
    def test_stateDict_hasTheOfficialKeysAndParameterCount(self):
        net = modnet_arch.MODNet()
        self.assertEqual(PARAMETERS, sum(p.numel() for p in net.parameters()))
        sd = net.state_dict()
        for key in ("backbone.model.features.0.0.weight", "backbone.model.features.1.conv.3.weight",
                    "backbone.model.features.3.conv.7.running_var", "backbone.model.features.18.1.weight",
                    "lr_branch.backbone.model.features.18.0.weight", "lr_branch.se_block.fc.2.weight",
                    "lr_branch.conv_lr16x.layers.1.bnorm.running_mean", "lr_branch.conv_lr.layers.0.bias",
                    "hr_branch.conv_hr4x.2.layers.0.weight", "hr_branch.conv_hr.1.layers.0.weight",
                    "f_branch.conv_f.0.layers.1.bnorm.weight", "f_branch.conv_f.1.layers.0.bias"):
            self.assertIn(key, sd)
        self.assertEqual((1, 16, 1, 1), tuple(sd["f_branch.conv_f.1.layers.0.weight"].shape))
        self.assertEqual((320, 1280), tuple(sd["lr_branch.se_block.fc.0.weight"].shape))

    def test_forward_isAMatteInZeroOneAtTheInputSize_notSaturated(self):
        net = modnet_arch.build(None, 3)
        with torch.no_grad():
            matte = net(torch.rand(2, 3, 64, 96) * 2 - 1)
        self.assertEqual((2, 1, 64, 96), tuple(matte.shape))
        self.assertTrue(bool(((matte > 0) & (matte < 1)).all()))
        self.assertGreater(matte.std().item(), 0.01)

    def test_seed0_matchesTheOfficialModulesRecordedMatte(self):
        expected = torch.from_numpy(numpy.fromfile(GOLDEN, dtype="<f4").reshape(1, 1, 64, 96))
        with torch.no_grad():
            actual = modnet_arch.build(None, 0)(golden_input())
        torch.testing.assert_close(actual, expected, rtol=0, atol=TOLERANCE)

    @unittest.skipUnless(os.environ.get("MODNET_OFFICIAL"),
                         "set MODNET_OFFICIAL to a checkout of github.com/ZHKKKe/MODNet to compare with it live")
    def test_randomWeights_matchTheOfficialModule(self):
        sys.path.insert(0, os.environ["MODNET_OFFICIAL"])
        from src.models.modnet import MODNet  # the official module

        for seed in (0, 1, 2):
            ours = modnet_arch.build(None, seed)
            official = MODNet(backbone_pretrained=False)
            official.load_state_dict(ours.state_dict(), strict=True)
            official.eval()
            x = torch.rand(1, 3, 96, 64, generator=torch.Generator().manual_seed(seed)) * 2 - 1
            with torch.no_grad():
                torch.testing.assert_close(ours(x), official(x, True)[2], rtol=0, atol=TOLERANCE)

    def test_dataParallelCheckpoint_loadsThroughTheConverter_andAMismatchIsListed(self):
        source = modnet_arch.build(None, 4)
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "modnet.ckpt")
            # The official file is the state_dict of nn.DataParallel(MODNet): every key under "module.".
            torch.save({"module." + k: v for k, v in source.state_dict().items()}, path)
            loaded = modnet_arch.build(convert.read_state_dict(path, None), 0)
        x = torch.rand(1, 3, 64, 64) * 2 - 1
        with torch.no_grad():
            self.assertTrue(torch.equal(source(x), loaded(x)))
        broken = dict(source.state_dict())
        del broken["f_branch.conv_f.1.layers.0.weight"]
        broken["extra.weight"] = torch.zeros(1)
        with self.assertRaises(modnet_arch.StateDictMismatch) as e:
            modnet_arch.build(broken, 0)
        self.assertIn("f_branch.conv_f.1.layers.0.weight", str(e.exception))
        self.assertIn("extra.weight", str(e.exception))

    def test_convert_modnetWithTorchScript_isRejected(self):
        with tempfile.TemporaryDirectory() as d:
            result = subprocess.run([sys.executable, CONVERT, "--arch", "modnet", "--random-weights",
                                     "--torchscript", os.path.join(d, "m.pt")], capture_output=True, text=True)
        self.assertEqual(2, result.returncode, result.stderr)
        self.assertIn("--arch modnet exports ONNX only", result.stderr)


if __name__ == "__main__":
    unittest.main()
