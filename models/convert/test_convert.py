"""Unit tests of the GPEN architecture and the converter: python3 -m unittest discover models/convert

The blur layers are checked against a direct, slow implementation of their definition
(zero insertion, zero padding, true convolution with the FIR kernel); the parameter counts
against shared/design/REFERENCE.md section 2.
"""

import json
import os
import subprocess
import sys
import tempfile
import unittest

import torch
from torch.nn import functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gpen_arch  # noqa: E402

CONVERT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "convert.py")


def upfirdn_reference(x, kernel, up, pad0, pad1):
    """Upsamples by zero insertion, pads (pad0 before, pad1 after), convolves (flipped kernel)."""
    n, c, h, w = x.shape
    if up > 1:
        spread = torch.zeros(n, c, h * up, w * up)
        spread[:, :, ::up, ::up] = x
        x = spread
    x = F.pad(x, (pad0, pad1, pad0, pad1))
    flipped = torch.flip(kernel, [0, 1])[None, None].repeat(c, 1, 1, 1)
    return F.conv2d(x, flipped, groups=c)


def asymmetric_kernel():
    # A kernel without symmetry, so a flipped or transposed kernel would be caught.
    return torch.arange(16, dtype=torch.float32).reshape(4, 4) / 120.0 + 0.01


class BlurTest(unittest.TestCase):
    def setUp(self):
        self.x = torch.randn(2, 5, 9, 7, generator=torch.Generator().manual_seed(3))

    def test_depthwiseBlur_equalsPaddedFirConvolution(self):
        for padding in (1, 2):
            blur = gpen_arch.DepthwiseBlur(5, padding=padding)
            blur.kernel.copy_(asymmetric_kernel())
            expected = upfirdn_reference(self.x, asymmetric_kernel(), 1, padding, padding)
            torch.testing.assert_close(blur(self.x), expected, rtol=1e-5, atol=1e-5)

    def test_skipUpsample_equalsZeroInsertPadAndFir(self):
        upsample = gpen_arch.SkipUpsample(5)
        upsample.kernel.copy_(asymmetric_kernel())
        expected = upfirdn_reference(self.x, asymmetric_kernel(), 2, 2, 1)
        torch.testing.assert_close(upsample(self.x), expected, rtol=1e-5, atol=1e-5)
        self.assertEqual(tuple(upsample(self.x).shape), (2, 5, 18, 14))

    def test_blurKernel_isNormalisedBinomial(self):
        kernel = gpen_arch.blur_kernel(4.0)
        self.assertAlmostEqual(kernel.sum().item(), 4.0, places=5)
        self.assertAlmostEqual(kernel[1, 1].item() / kernel[0, 0].item(), 9.0, places=5)


class FullGeneratorTest(unittest.TestCase):
    def test_parameterCount_matchesReference(self):
        self.assertEqual(gpen_arch.parameter_count(gpen_arch.FullGenerator(256, 1, 0.5)), 18_879_010)
        self.assertEqual(gpen_arch.parameter_count(gpen_arch.FullGenerator(512, 2, 1.0)), 71_005_223)

    def test_stateDictKeys_followOfficialNaming(self):
        keys = set(gpen_arch.FullGenerator(64, 1, 0.25).state_dict())
        for key in ("generator.style.1.weight", "generator.style.8.bias", "generator.input.input",
                    "generator.conv1.conv.weight", "generator.conv1.conv.modulation.weight",
                    "generator.conv1.noise.weight", "generator.conv1.activate.bias",
                    "generator.to_rgb1.conv.weight", "generator.to_rgb1.bias",
                    "generator.convs.0.conv.blur.kernel", "generator.to_rgbs.0.upsample.kernel",
                    "ecd0.0.0.weight", "ecd0.0.1.bias", "ecd1.0.0.kernel", "ecd1.0.1.weight",
                    "ecd1.0.2.bias", "ecd4.0.1.weight", "final_linear.0.weight", "final_linear.0.bias"):
            self.assertIn(key, keys)
        self.assertNotIn("ecd5.0.1.weight", keys)

    def test_modulationModes_agree(self):
        torch.manual_seed(0)
        by_weight = gpen_arch.randomize(gpen_arch.FullGenerator(32, 1, 0.125, modulation="weight"), 5).eval()
        by_input = gpen_arch.FullGenerator(32, 1, 0.125, modulation="input").eval()
        by_input.load_state_dict(by_weight.state_dict())
        x = torch.rand(3, 3, 32, 32) * 2 - 1
        with torch.no_grad():
            expected = by_weight(x)
            torch.testing.assert_close(by_input(x), expected, rtol=1e-4, atol=1e-5)
            # Batch 1 takes the plain-convolution path, batch 3 the grouped one.
            torch.testing.assert_close(by_weight(x[1:2]), expected[1:2], rtol=1e-4, atol=1e-5)

    def test_freeze_keepsOutputAndStateDict(self):
        model = gpen_arch.randomize(gpen_arch.FullGenerator(32, 1, 0.125), 2).eval()
        keys = set(model.state_dict())
        x = torch.rand(1, 3, 32, 32)
        with torch.no_grad():
            expected = model(x)
            model.freeze()
            torch.testing.assert_close(model(x), expected, rtol=0, atol=0)
        self.assertEqual(set(model.state_dict()), keys)

    def test_encoderFeatures_reachTheOutput(self):
        model = gpen_arch.randomize(gpen_arch.FullGenerator(32, 1, 0.125), 4).eval()
        x = torch.rand(1, 3, 32, 32)
        with torch.no_grad():
            before = model(x)
            model.generator.convs[-1].noise.weight.zero_()
            self.assertGreater((model(x) - before).abs().max().item(), 1e-3)

    def test_loadOfficial_roundTripsAndNamesBadKeys(self):
        source = gpen_arch.randomize(gpen_arch.FullGenerator(32, 1, 0.125), 7)
        state = {k: v.clone() for k, v in source.state_dict().items() if not k.endswith(".kernel")}
        target = gpen_arch.load_official(gpen_arch.FullGenerator(32, 1, 0.125), state)
        for k, v in source.state_dict().items():
            torch.testing.assert_close(target.state_dict()[k], v, rtol=0, atol=0)

        state["generator.extra"] = torch.zeros(1)
        del state["ecd1.0.1.weight"]
        state["final_linear.0.bias"] = torch.zeros(3)
        with self.assertRaises(gpen_arch.StateDictMismatch) as raised:
            gpen_arch.load_official(gpen_arch.FullGenerator(32, 1, 0.125), state)
        message = str(raised.exception)
        self.assertIn("missing keys (1): ecd1.0.1.weight", message)
        self.assertIn("unexpected keys (1): generator.extra", message)
        self.assertIn("final_linear.0.bias: checkpoint (3,), model (512,)", message)


class ConvertCliTest(unittest.TestCase):
    def run_convert(self, *args):
        return subprocess.run([sys.executable, CONVERT] + list(args), capture_output=True, text=True, timeout=300)

    def test_checkpoint_wrappedInGEma_convertsWithInferredArchitecture(self):
        with tempfile.TemporaryDirectory() as tmp:
            model = gpen_arch.randomize(gpen_arch.FullGenerator(64, 2, 0.25), 9)
            checkpoint = os.path.join(tmp, "custom.pth")
            torch.save({"g_ema": {"module." + k: v for k, v in model.state_dict().items()}}, checkpoint)
            out = os.path.join(tmp, "custom.pt")
            result = self.run_convert("--checkpoint", checkpoint, "--torchscript", out, "--check")
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertIn("size=64 channel_multiplier=2 narrow=0.25", result.stdout)
            self.assertIn("parameters: {:,}".format(gpen_arch.parameter_count(model)), result.stdout)
            x = torch.rand(1, 3, 64, 64)
            with torch.no_grad():
                torch.testing.assert_close(torch.jit.load(out)(x), model.eval()(x), rtol=1e-5, atol=1e-5)

    def test_checkpoint_wrongArchitecture_failsNamingKeys(self):
        with tempfile.TemporaryDirectory() as tmp:
            checkpoint = os.path.join(tmp, "small.pth")
            torch.save(gpen_arch.FullGenerator(64, 1, 0.25).state_dict(), checkpoint)
            result = self.run_convert("--preset", "GPEN-BFR-256", "--checkpoint", checkpoint,
                                      "--onnx", os.path.join(tmp, "x.onnx"))
            self.assertEqual(result.returncode, 2)
            self.assertIn("does not fit FullGenerator(size=256", result.stderr)
            self.assertIn("missing keys", result.stderr)
            self.assertFalse(os.path.exists(os.path.join(tmp, "x.onnx")))

    def test_fp16_onnxAndTorchScript_validate(self):
        import onnx

        with tempfile.TemporaryDirectory() as tmp:
            onnx_path, ts_path = os.path.join(tmp, "h.onnx"), os.path.join(tmp, "h.pt")
            result = self.run_convert("--size", "32", "--channel-multiplier", "1", "--narrow", "0.125",
                                      "--random-weights", "--fp16", "--onnx", onnx_path,
                                      "--torchscript", ts_path, "--check")
            self.assertEqual(result.returncode, 0, result.stderr)
            graph = onnx.load(onnx_path).graph
            self.assertTrue(all(t.data_type == onnx.TensorProto.FLOAT16 for t in graph.initializer
                                if t.data_type in (onnx.TensorProto.FLOAT, onnx.TensorProto.FLOAT16)))
            self.assertEqual([n.op_type for n in (graph.node[0], graph.node[-1])], ["Cast", "Cast"])

    def test_defaultExport_takesAnyBatch_batchOfThreeEqualsThreeSingleRuns(self):
        import onnx

        with tempfile.TemporaryDirectory() as tmp:
            onnx_path, ts_path = os.path.join(tmp, "b.onnx"), os.path.join(tmp, "b.pt")
            result = self.run_convert("--size", "32", "--channel-multiplier", "1", "--narrow", "0.125",
                                      "--random-weights", "--seed", "4", "--onnx", onnx_path,
                                      "--torchscript", ts_path, "--check")
            self.assertEqual(result.returncode, 0, result.stderr)
            for values in (onnx.load(onnx_path).graph.input, onnx.load(onnx_path).graph.output):
                self.assertEqual([d.dim_param or d.dim_value for d in values[0].type.tensor_type.shape.dim],
                                 ["batch", 3, 32, 32])
            extra = {"gpen4j.json": ""}
            traced = torch.jit.load(ts_path, _extra_files=extra)
            self.assertEqual(json.loads(extra["gpen4j.json"])["inputs"][0]["shape"], [-1, 3, 32, 32])
            x = torch.rand(3, 3, 32, 32, generator=torch.Generator().manual_seed(8)) * 2 - 1
            with torch.no_grad():
                batched = traced(x)
                singles = torch.cat([traced(x[i:i + 1]) for i in range(3)])
            self.assertEqual(tuple(batched.shape), (3, 3, 32, 32))
            torch.testing.assert_close(batched, singles, rtol=1e-5, atol=1e-5)
            # The samples differ, so a batch that mixed or repeated faces would be caught.
            self.assertGreater((singles[0] - singles[1]).abs().max().item(), 1e-2)

    def test_weightModulationExport_keepsBatchOne(self):
        import onnx

        with tempfile.TemporaryDirectory() as tmp:
            onnx_path = os.path.join(tmp, "w.onnx")
            result = self.run_convert("--size", "32", "--channel-multiplier", "1", "--narrow", "0.125",
                                      "--random-weights", "--modulation", "weight", "--onnx", onnx_path, "--check")
            self.assertEqual(result.returncode, 0, result.stderr)
            dims = [d.dim_param or d.dim_value for d in onnx.load(onnx_path).graph.input[0].type.tensor_type.shape.dim]
            self.assertEqual(dims, [1, 3, 32, 32])


if __name__ == "__main__":
    unittest.main()
