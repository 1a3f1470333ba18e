#!/usr/bin/python3
"""Makes the benchmark inputs for bench/ph/run.sh (deterministic, seeded).

clustered_N.csv: N unit vectors in R^512 around 8 random unit centres (CLIP-like clusters), point cloud
(N = 1500 and 2500 against ripser; N = 2000 for clipgeo's cosine metric against its Euclidean one).
torus.csv is the example shipped in examples/ (500 points on a torus in R^3).
"""
import sys
import numpy as np


def clustered(n, dim=512, clusters=8, spread=0.35, seed=7):
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((clusters, dim))
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    labels = rng.integers(0, clusters, n)
    x = centres[labels] + spread * rng.standard_normal((n, dim)) / np.sqrt(dim) * 4
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    return x


if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else "."
    for n in (1500, 2000, 2500):
        np.savetxt(f"{out}/clustered_{n}.csv", clustered(n), fmt="%.8g", delimiter=",")
