"""Per-face time of GPEN in PyTorch eager mode, in the official GPEN code's operator form.

The comparison point for gpen4j's generator (GeneratorCeilingReport, "as loaded"): the same
architecture and random weights (seed 0) as the converter's exports, switched to the official
operator sequence (run-time kernel modulation, upfirdn2d_native blur) by
models/convert/gpen_official_form.py, run under torch.no_grad() on one face.

    /usr/bin/python3 gpen-bench/pytorch/eager_official_form.py 256 10 2   # size, runs, threads

Prints the median and minimum milliseconds per face after two warm-up runs.
"""

import os
import statistics
import sys
import time

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "models", "convert"))
import convert  # noqa: E402  (its PRESETS: the official widths of each size)
import gpen_arch  # noqa: E402
import gpen_official_form  # noqa: E402


def main(argv):
    preset = "GPEN-BFR-" + (argv[1] if len(argv) == 4 else "")
    if preset not in convert.PRESETS:
        sys.exit("usage: eager_official_form.py 256|512|1024|2048 RUNS THREADS")
    size, multiplier, narrow = convert.PRESETS[preset]
    runs, threads = int(argv[2]), int(argv[3])
    torch.set_num_threads(threads)
    model = gpen_arch.FullGenerator(size, multiplier, narrow).eval()
    gpen_arch.randomize(model, 0)
    gpen_official_form.to_official_form(model)
    face = torch.rand(1, 3, size, size) * 2 - 1
    times = []
    with torch.no_grad():
        for _ in range(2):
            model(face)
        for _ in range(runs):
            start = time.perf_counter()
            model(face)
            times.append((time.perf_counter() - start) * 1000)
    print("PyTorch %s eager, official form, GPEN-%d, %d threads: median %.1f ms, min %.1f ms per face over %d runs"
          % (torch.__version__, size, threads, statistics.median(times), min(times), runs))


if __name__ == "__main__":
    main(sys.argv)
