#!/usr/bin/python3
"""Makes cosine_bound.json: clouds on which the greedy permutation under 1 − cos breaks the bound 2r, with GUDHI's
bottleneck distances between the cosine Rips diagrams of the whole cloud and of greedy subsamples.

Run from this folder with Debian's python (/usr/bin/python3, numpy, python3-gudhi 3.7):
    /usr/bin/python3 make_golden.py
For each cloud: the cosine diagrams (H0, H1) of all points, then of the first k points of the greedy permutation
built (a) under 1 − cos, the old choice, whose cover radius r_cos gives no bound because 1 − cos is not a metric,
and (b) under the angle, whose cover radius r (an angle) bounds the cosine diagrams' bottleneck error by 2r
(1 − cos is 1-Lipschitz in the angle). The greedy permutation starts at point 0 and takes the first farthest point,
as clipgeo's does. Clouds are kept where the old bound fails (error > 2 r_cos). Seeded, so reproducible.
"""
import json

import gudhi
import numpy as np


def unit(x):
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def angular(x):
    u = unit(x)
    minus = np.linalg.norm(u[:, None, :] - u[None, :, :], axis=2)
    plus = np.linalg.norm(u[:, None, :] + u[None, :, :], axis=2)
    return 2 * np.arctan2(minus, plus)


def cosine(x):
    u = unit(x)
    d = 0.5 * np.linalg.norm(u[:, None, :] - u[None, :, :], axis=2) ** 2
    np.fill_diagonal(d, 0)
    return d


def greedy(d, k):
    nearest = np.full(len(d), np.inf)
    chosen, nxt = [], 0
    for _ in range(k):
        chosen.append(nxt)
        nearest = np.minimum(nearest, d[nxt])
        nxt = int(np.argmax(nearest))
    return chosen, float(nearest.max())


def diagrams(d, maxdim=1):
    st = gudhi.RipsComplex(distance_matrix=d).create_simplex_tree(max_dimension=maxdim + 1)
    st.compute_persistence()
    return [st.persistence_intervals_in_dimension(q) for q in range(maxdim + 1)]


def bottleneck(a, b):
    return max(gudhi.bottleneck_distance(a[q], b[q]) for q in range(len(a)))


cases = []
for seed in range(200):
    rng = np.random.default_rng(seed)
    n, dim, k = 60, int(rng.integers(2, 6)), int(rng.integers(8, 25))
    x = rng.standard_normal((n, dim)) * rng.uniform(0.3, 3.0, (n, 1))
    full = diagrams(cosine(x))
    old, r_cos = greedy(cosine(x), k)
    old_error = bottleneck(full, diagrams(cosine(x[old])))
    if old_error <= 2 * r_cos:
        continue
    new, r = greedy(angular(x), k)
    new_error = bottleneck(full, diagrams(cosine(x[new])))
    assert new_error <= 2 * r + 1e-12
    cases.append({
        "seed": seed, "points": [[repr(float(v)) for v in row] for row in x], "keep": k,
        "oldIndices": old, "oldCoverRadius": r_cos, "oldBottleneck": old_error,
        "indices": new, "coverRadius": r, "bottleneck": new_error,
    })
    if len(cases) == 6:
        break

with open("cosine_bound.json", "w") as f:
    json.dump({"source": "gudhi " + gudhi.__version__, "maxDimension": 1, "cases": cases}, f, indent=1)
    f.write("\n")
for c in cases:
    print(c["seed"], c["keep"], "old error / 2r_cos = %.2f" % (c["oldBottleneck"] / (2 * c["oldCoverRadius"])),
          "new error / 2r = %.2f" % (c["bottleneck"] / (2 * c["coverRadius"])))
