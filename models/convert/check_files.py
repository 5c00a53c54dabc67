"""The check data every export writes beside its model, for the Java tests to compare against.

``<model>.check-input.bin`` and ``<model>.check-output.bin`` hold an input and PyTorch's output
as raw little-endian float32, row-major; ``<model>.check.json`` says their shapes and file names,
then what the exporter adds (seed, reference, precision, tolerance, what the input means).
"""
import json
import os


def write(path, example, expected, fields):
    """Writes the check files of the model at ``path``; ``fields`` is an ordered dict of extras."""
    files = {"input": path + ".check-input.bin", "output": path + ".check-output.bin"}
    example.numpy().astype("<f4").tofile(files["input"])
    expected.numpy().astype("<f4").tofile(files["output"])
    header = {
        "format": "raw little-endian float32, row-major",
        "shape": list(example.shape),
        "output_shape": list(expected.shape),
        "input": os.path.basename(files["input"]),
        "output": os.path.basename(files["output"]),
    }
    header.update(fields)
    with open(path + ".check.json", "w") as f:
        json.dump(header, f, indent=2)
        f.write("\n")
    print("check data: %s (+ input/output .bin)" % (path + ".check.json"))
