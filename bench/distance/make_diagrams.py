#!/usr/bin/python3
"""Writes two n-point persistence diagrams (CSV birth,death) for the distance benchmark.
Births uniform on [0, 1), lifetimes exponential with mean 0.25: most points near the diagonal, a few far, as in
Vietoris–Rips diagrams of noisy data.
With a third argument "h0": the degree-0 Vietoris–Rips diagrams (n − 1 points born at 0, dying at the edge lengths
of a Euclidean minimum spanning tree, plus (0, inf)) of n L2-normalised points in R^64 and of a noisy copy of them
(normal noise, sigma 0.05), as a sweep compares a perturbation level with level 0."""
import sys
import numpy as np

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1500
out = sys.argv[2] if len(sys.argv) > 2 else "."
h0 = len(sys.argv) > 3 and sys.argv[3] == "h0"
rng = np.random.default_rng(7)
if h0:
    from scipy.sparse.csgraph import minimum_spanning_tree
    from scipy.spatial.distance import pdist, squareform
    cloud = rng.normal(size=(n, 64))
    cloud /= np.linalg.norm(cloud, axis=1, keepdims=True)
    for name, points in (("a", cloud), ("b", cloud + rng.normal(scale=0.05, size=cloud.shape))):
        tree = minimum_spanning_tree(squareform(pdist(points))).toarray()
        deaths = np.append(tree[tree > 0], np.inf)
        rows = [f"0,{float(d)!r}" if np.isfinite(d) else "0,inf" for d in deaths]
        with open(f"{out}/{name}.csv", "w", encoding="ascii") as f:
            f.write("birth,death\n" + "\n".join(rows) + "\n")
    sys.exit(0)
for name in ("a", "b"):
    births = rng.uniform(0, 1, n)
    deaths = births + rng.exponential(0.25, n)
    np.savetxt(f"{out}/{name}.csv", np.column_stack([births, deaths]), delimiter=",", header="birth,death", comments="", fmt="%.17g")
