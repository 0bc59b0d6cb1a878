#!/usr/bin/python3
"""Writes the .npy fixtures of tests/util/TestNpy.cpp with NumPy itself (the peer tool the
reader and writer must agree with). Generated once with NumPy 1.24.2 (Debian 12 python3-numpy)
and committed; rerun only to add fixtures:  /usr/bin/python3 make_npy_fixtures.py
"""
import os
import numpy as np
from numpy.lib import format as npformat

here = os.path.dirname(os.path.abspath(__file__))


def save(name, array, version=None):
    path = os.path.join(here, name)
    if version is None:
        np.save(path, array)
    else:
        with open(path, "wb") as f:
            npformat.write_array(f, array, version=version)


save("arange_f4_2x3.npy", np.arange(6, dtype="<f4").reshape(2, 3))
# One file per dtype, three values each: the extremes where they exist.
save("dtype_b1.npy", np.array([True, False, True], dtype="|b1"))
save("dtype_i1.npy", np.array([-128, 0, 127], dtype="|i1"))
save("dtype_u1.npy", np.array([0, 1, 255], dtype="|u1"))
save("dtype_i2.npy", np.array([-32768, 1, 32767], dtype="<i2"))
save("dtype_u2.npy", np.array([0, 1, 65535], dtype="<u2"))
save("dtype_i4.npy", np.array([-2147483648, 7, 2147483647], dtype="<i4"))
save("dtype_u4.npy", np.array([0, 1, 4294967295], dtype="<u4"))
save("dtype_i8.npy", np.array([-9223372036854775808, 5, 9223372036854775807], dtype="<i8"))
save("dtype_u8.npy", np.array([0, 1, 18446744073709551615], dtype="<u8"))
save("dtype_f2.npy", np.array([1.0, -2.0, 65504.0], dtype="<f2"))
save("dtype_f4.npy", np.array([0.5, -1.25, 3.4028234663852886e38], dtype="<f4"))
save("dtype_f8.npy", np.array([0.1, -2.5, 1e300], dtype="<f8"))
# Layouts and versions.
save("fortran_i4_2x3.npy", np.asfortranarray(np.arange(6, dtype="<i4").reshape(2, 3)))
save("fortran_f8_2x3x4.npy", np.asfortranarray(np.arange(24, dtype="<f8").reshape(2, 3, 4)))
save("bigendian_f8.npy", np.arange(4, dtype=">f8"))
save("bigendian_i2_2x2.npy", np.array([[1, -2], [300, -32768]], dtype=">i2"))
save("scalar_f8.npy", np.array(3.5, dtype="<f8"))
save("empty_f4_0x3.npy", np.zeros((0, 3), dtype="<f4"))
save("v2_u1.npy", np.array([[1, 2, 3], [4, 5, 6]], dtype="|u1"), version=(2, 0))
save("v3_i4.npy", np.array([10, 20], dtype="<i4"), version=(3, 0))
