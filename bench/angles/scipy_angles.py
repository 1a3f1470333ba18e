#!/usr/bin/python3
"""The same computation in NumPy/SciPy (LAPACK): top-k right singular vectors of two n x d categories, then
scipy.linalg.subspace_angles. Prints NAME LARGEST_ANGLE SECONDS (best of 3). The data differ from the C# run
(different generators); only the timing is compared."""
import sys, time
import numpy as np, scipy.linalg
n, d, k = map(int, sys.argv[1:4])
rng = np.random.default_rng(1)
x = rng.random((n, d)) - 0.3
y = rng.random((n, d)) - 0.3
times = []
for _ in range(3):
    t = time.perf_counter()
    va = np.linalg.svd(x, full_matrices=False)[2][:k].T
    vb = np.linalg.svd(y, full_matrices=False)[2][:k].T
    theta = scipy.linalg.subspace_angles(va, vb)
    times.append(time.perf_counter() - t)
print(f"numpy-scipy {theta[0]!r} {min(times):.4f}")
