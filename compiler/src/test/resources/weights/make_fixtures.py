"""Writes the .npy and .csv fixtures of ArrayFilesNumpyTest with NumPy itself.

Run from this directory: python3 make_fixtures.py
The expected values are repeated in ArrayFilesNumpyTest; keep them in sync.
"""
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
