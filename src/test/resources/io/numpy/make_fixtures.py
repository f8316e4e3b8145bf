#!/usr/bin/env python3
"""Writes the NumPy fixtures of NpyTest with numpy itself (run once; the outputs are committed).

    /usr/bin/python3 make_fixtures.py

state.npz             numpy.savez: 0.weight float32 (4, 2), 0.bias float32 (4,), 2.weight float64 (1, 4),
                      2.bias float16 (1,) holding a subnormal
state-compressed.npz  the same with numpy.savez_compressed (deflated entries)
fortran-be.npy        a big-endian float64 (2, 3) array in Fortran order
expected.json         every array's values in C order as exact fractions ("p/q"), by tensor name
                      (the single .npy is the tensor "weight")
"""
import json
from fractions import Fraction

import numpy as np


def exact(a):
    out = []
    for v in np.ascontiguousarray(a).reshape(-1).tolist():
        f = Fraction(v)
        out.append(str(f.numerator) if f.denominator == 1 else f"{f.numerator}/{f.denominator}")
    return out


def main():
    rng = np.random.default_rng(0)
    state = {
        "0.weight": rng.standard_normal((4, 2)).astype(np.float32),
        "0.bias": np.array([0.1, -0.5, 3.0, 1e-3], dtype=np.float32),
        "2.weight": rng.standard_normal((1, 4)),
        "2.bias": np.array([np.float16(2.0 ** -24)], dtype=np.float16),
    }
    np.savez("state.npz", **state)
    np.savez_compressed("state-compressed.npz", **state)
    fortran = np.asfortranarray(np.array([[1.0, 2.5, -3.0], [0.1, 5.0, 6.0]], dtype=">f8"))
    assert fortran.flags.f_contiguous and not fortran.flags.c_contiguous
    np.save("fortran-be.npy", fortran)  # a single .npy is read as the tensor "weight"
    expected = {k: {"shape": list(v.shape), "values": exact(v)} for k, v in state.items()}
    expected["weight"] = {"shape": list(fortran.shape), "values": exact(fortran)}
    expected["numpy_version"] = np.__version__
    with open("expected.json", "w") as f:
        json.dump(expected, f, indent=1)


if __name__ == "__main__":
    main()
