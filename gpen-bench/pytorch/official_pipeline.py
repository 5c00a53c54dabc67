"""Per-photo time of the official GPEN pipeline (face_enhancement.FaceEnhancement.process, what the
official demo.py runs per image) on a photo, on the CPU, for comparison with gpen4j's restore.

The official code is used as it is, from a checkout of github.com/yangxy/GPEN: its RetinaFace-R50
detector, GPEN generator, ParseNet face parser (the paste mask) and its alignment and paste. No
trained weights can be had here, so each network gets random weights of its real architecture,
written where the code loads them (weights/ in a temporary folder), which costs the same as the
real weights. A detector with random weights finds no faces, so the detector still runs on the
photo (and is timed) but the faces given to the rest of the pipeline are the ones gpen4j's
default detector found (gpen-bench DetectedFacesJson): the same faces for both pipelines.

    java -cp gpen-bench/target/gpen-bench.jar io.gpen4j.bench.DetectedFacesJson \\
        ../shared/images/solvay_conference_1927.png > /tmp/solvay-faces.json
    /usr/bin/python3 gpen-bench/pytorch/official_pipeline.py GPEN_CHECKOUT \\
        ../shared/images/solvay_conference_1927.png /tmp/solvay-faces.json 256 3 2   # size, rounds, threads

Prints each round's time of imread + process + imwrite (as demo.py does per image) and of the
detector alone, then the medians. Needs Debian's python3-torch, python3-torchvision and
python3-opencv.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time

import cv2
import numpy as np
import torch

# The official widths of each size (models/convert/convert.py PRESETS): channel multiplier, narrow.
WIDTHS = {256: (1, 0.5), 512: (2, 1.0), 1024: (2, 1.0)}


def write_random_weights(checkout, base, size):
    """Writes random-weight files of each network FaceEnhancement loads, under base/weights."""
    from gpen_model import FullGenerator
    from facemodels.retinaface import RetinaFace
    from data import cfg_re50
    from parse_model import ParseNet
    from rrdbnet_arch import RRDBNet

    weights = os.path.join(base, "weights")
    os.makedirs(weights)
    torch.manual_seed(0)
    multiplier, narrow = WIDTHS[size]
    gpen = FullGenerator(size, 512, 8, multiplier, narrow=narrow, device="cpu")
    torch.save(gpen.state_dict(), os.path.join(weights, "GPEN-BFR-%d.pth" % size))
    torch.save(RetinaFace(cfg=cfg_re50, phase="test").state_dict(), os.path.join(weights, "RetinaFace-R50.pth"))
    parser = ParseNet(512, 512, 32, 64, 19, norm_type="bn", relu_type="LeakyReLU", ch_range=[32, 256])
    torch.save(parser.state_dict(), os.path.join(weights, "ParseNet-latest.pth"))
    # Loaded by FaceEnhancement's constructor even with use_sr off (demo.py's default), never run.
    sr = RRDBNet(num_in_ch=3, num_out_ch=3, num_feat=32, num_block=23, num_grow_ch=32, scale=2)
    torch.save({"params_ema": sr.state_dict()}, os.path.join(weights, "realesrnet_x2.pth"))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("checkout")
    p.add_argument("photo")
    p.add_argument("faces")
    p.add_argument("size", type=int, choices=sorted(WIDTHS))
    p.add_argument("rounds", type=int)
    p.add_argument("threads", type=int)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    sys.path.insert(0, os.path.abspath(a.checkout))
    import __init_paths  # noqa: F401  (the official code's own sys.path set-up)
    from face_enhancement import FaceEnhancement

    with open(a.faces) as f:
        faces = json.load(f)
    boxes = np.array([face["box"] for face in faces], dtype=np.float32)
    # RetinaFaceDetection.detect's landmark layout: five x, then five y.
    landmarks = np.array([[pt[0] for pt in face["landmarks"]] + [pt[1] for pt in face["landmarks"]]
                          for face in faces], dtype=np.float32)
    boxes[:, 4] = 1.0  # scores: every face passes the pipeline's 0.9 threshold, as gpen4j restores them all

    with tempfile.TemporaryDirectory() as base:
        write_random_weights(a.checkout, base, a.size)
        args = argparse.Namespace(channel_multiplier=WIDTHS[a.size][0], narrow=WIDTHS[a.size][1], key=None,
                                  alpha=1.0, sr_model=None, sr_scale=2, tile_size=0)
        enhancer = FaceEnhancement(args, base_dir=base, in_size=a.size, model="GPEN-BFR-%d" % a.size,
                                   use_sr=False, device="cpu")
        detector_ms = []
        official_detect = enhancer.facedetector.detect

        def detect(img):
            t0 = time.perf_counter()
            official_detect(img)
            detector_ms.append((time.perf_counter() - t0) * 1000)
            return boxes, landmarks

        enhancer.facedetector.detect = detect
        out = os.path.join(base, "out.png")
        totals = []
        for r in range(a.rounds + 1):
            t0 = time.perf_counter()
            img = cv2.imread(a.photo, cv2.IMREAD_COLOR)
            restored, _, enhanced = enhancer.process(img)
            cv2.imwrite(out, restored)
            ms = (time.perf_counter() - t0) * 1000
            if r == 0:
                print("warm-up: %.0f ms, %d faces" % (ms, len(enhanced)))
                detector_ms.clear()
                continue
            totals.append(ms)
            print("round %d: %.0f ms (detector %.0f ms), %d faces, load %.2f"
                  % (r, ms, detector_ms[-1], len(enhanced), os.getloadavg()[0]))
        print("official pipeline, GPEN-%d, %d threads: median %.0f ms per photo, detector %.0f ms"
              % (a.size, a.threads, statistics.median(totals), statistics.median(detector_ms)))


if __name__ == "__main__":
    main()
