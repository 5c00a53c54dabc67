"""Tests of the official-form export (gpen_official_form.py): same values as our forms.

python3 -m unittest discover -s models/convert
"""

import os
import sys
import unittest

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gpen_arch  # noqa: E402
import gpen_official_form  # noqa: E402
from test_convert import asymmetric_kernel, upfirdn_reference  # noqa: E402


class OfficialFormTest(unittest.TestCase):
    def test_upfirdn2dNative_equalsFirDefinition(self):
        x = torch.randn(2, 5, 9, 7, generator=torch.Generator().manual_seed(4))
        for up, pad0, pad1 in ((1, 1, 1), (1, 2, 2), (2, 2, 1)):
            expected = upfirdn_reference(x, asymmetric_kernel(), up, pad0, pad1)
            actual = gpen_official_form.upfirdn2d_native(x, asymmetric_kernel(), up, pad0, pad1)
            torch.testing.assert_close(actual, expected, rtol=1e-5, atol=1e-5)

    def test_officialForm_agreesWithInputModulation(self):
        official = gpen_arch.randomize(gpen_arch.FullGenerator(32, 1, 0.125, modulation="weight"), 6).eval()
        by_input = gpen_arch.FullGenerator(32, 1, 0.125, modulation="input").eval()
        by_input.load_state_dict(official.state_dict())
        gpen_official_form.to_official_form(official)
        x = torch.rand(1, 3, 32, 32, generator=torch.Generator().manual_seed(7)) * 2 - 1
        with torch.no_grad():
            torch.testing.assert_close(official(x), by_input(x), rtol=1e-4, atol=1e-5)

    def test_officialForm_needsWeightModulation(self):
        with self.assertRaises(ValueError):
            gpen_official_form.to_official_form(gpen_arch.FullGenerator(32, 1, 0.125, modulation="input"))


if __name__ == "__main__":
    unittest.main()
