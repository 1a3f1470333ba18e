#!/usr/bin/python3
"""NumPy/SciPy (LAPACK) side of bench/angles: top-k right singular vectors of two n x d categories, then
scipy.linalg.subspace_angles.

    scipy_angles.py n d k FOLDER

Writes the two categories to FOLDER/x.f64 and FOLDER/y.f64 (raw little-endian float64, row-major, seeded), which the
C# side reads, so both compute on the same data. Prints NAME SECONDS (best of 3) and then every angle, one per line.
"""
import sys
import time

import numpy as np
import scipy.linalg

n, d, k = map(int, sys.argv[1:4])
folder = sys.argv[4]
rng = np.random.default_rng(1)
x = rng.random((n, d)) - 0.3
y = rng.random((n, d)) - 0.3
x.astype("<f8").tofile(f"{folder}/x.f64")
y.astype("<f8").tofile(f"{folder}/y.f64")
times = []
for _ in range(3):
    t = time.perf_counter()
    va = np.linalg.svd(x, full_matrices=False)[2][:k].T
    vb = np.linalg.svd(y, full_matrices=False)[2][:k].T
    theta = scipy.linalg.subspace_angles(va, vb)
    times.append(time.perf_counter() - t)
print(f"numpy-scipy {min(times):.4f}")
for angle in sorted(theta):
    print(repr(float(angle)))
