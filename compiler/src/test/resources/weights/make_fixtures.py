"""Writes the .npy and .csv fixtures of ArrayFilesTest with NumPy itself, and the safetensors
file of WeightFilesTest.

Run from this directory: python3 make_fixtures.py
The expected values are repeated in the tests; keep them in sync.
"""
import json
import struct

import numpy as np
from numpy.lib import format as npy_format

# float64, little endian, C order, format 1.0 (what np.save writes by default).
np.save("f8_le_2x3.npy", np.array([[0.5, -1.25, 3.0], [1e-3, 2.5e10, -7.0]], dtype="<f8"))

# float32, big endian, 1-d.
np.save("f4_be_3.npy", np.array([0.1, -2.5, 3.75], dtype=">f4"))

# A 0-d float64 array in format 3.0 (UTF-8 header).
with open("f8_scalar_v3.npy", "wb") as f:
    npy_format.write_array(f, np.array(42.5), version=(3, 0))

# A 2x2x2 float64 array in format 2.0.
with open("f8_v2_2x2x2.npy", "wb") as f:
    npy_format.write_array(f, np.arange(8, dtype="<f8").reshape(2, 2, 2) / 8, version=(2, 0))

# Rejected: Fortran order, and an integer dtype.
np.save("f8_fortran_3x2.npy", np.asfortranarray(np.arange(6, dtype="<f8").reshape(3, 2)))
np.save("i8_2x2.npy", np.array([[1, 2], [3, 4]], dtype="<i8"))

# A CSV matrix as np.savetxt writes it.
np.savetxt("savetxt_2x3.csv", np.array([[0.5, -1.25, 3.0], [1e-3, 2.5e10, -7.0]]), delimiter=",")


def save_safetensors(path, tensors, metadata):
    """Writes a safetensors file as the reference implementation lays it out: an 8-byte
    little-endian header length, the JSON header padded with spaces to a multiple of 8 bytes,
    then each tensor's little-endian bytes, one after another, in the order given."""
    header = {"__metadata__": metadata}
    data = b""
    for name, dtype, shape, raw in tensors:
        header[name] = {"dtype": dtype, "shape": shape,
                        "data_offsets": [len(data), len(data) + len(raw)]}
        data += raw
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + data)


def bfloat16(values):
    """The upper halves of float32 values (exact for values that bfloat16 holds)."""
    bits = np.array(values, dtype="<f4").view("<u4") >> 16
    return bits.astype("<u2").tobytes()


# F32, F64, F16 (with the largest half and the smallest subnormal), BF16, and an I64 tensor
# that rnnc refuses to read.
save_safetensors("model.safetensors", [
    ("weight_ih", "F32", [2, 3],
     np.array([[0.5, -1.25, 3.0], [0.1, 2.5, -7.0]], dtype="<f4").tobytes()),
    ("bias", "F64", [2], np.array([0.25, 1e-3], dtype="<f8").tobytes()),
    ("half", "F16", [2, 2], np.array([[1.0, -2.0], [65504.0, 2.0 ** -24]], dtype="<f2").tobytes()),
    ("brain", "BF16", [3], bfloat16([1.0, -0.5, 3.140625])),
    ("step", "I64", [1], np.array([7], dtype="<i8").tobytes()),
], {"format": "pt"})
