#!/usr/bin/python3
"""Golden values for the exact equal-birth (H0) diagram distances: GUDHI 3.7 on Vietoris–Rips H0 diagrams.

Run with Debian's python (gudhi 3.7, POT, scipy):  /usr/bin/python3 make_h0_golden.py
Writes h0_distances.json beside this script. Each case is a pair of degree-0 diagrams of point clouds (a cloud
and a noisy copy of it, as a sweep compares a perturbation level with level 0): the finite deaths are the
edge lengths of a Euclidean minimum spanning tree (exactly the H0 deaths of the Rips filtration), all born at
`birth`, plus `essential` points (birth, +inf) on each side. Values: gudhi.wasserstein.wasserstein_distance
(exact, POT) for each (order, internal_p) and gudhi.bottleneck_distance(a, b, 0) (exact, L-infinity).
Each Wasserstein value is cross-checked by SciPy's linear_sum_assignment on the augmented (n + m)^2 cost matrix
("lsa"): POT's network simplex stops early on costs near 1e-30 (order 3.5 of near-tied deaths) and is then off
by up to ~2e-9 relative, where the assignment is exact to rounding.
"""
import json
import math
import os

import numpy as np
import gudhi
from gudhi.wasserstein import wasserstein_distance
from scipy.optimize import linear_sum_assignment
from scipy.sparse.csgraph import minimum_spanning_tree
from scipy.spatial.distance import pdist, squareform

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20261202)


def h0_deaths(points):
    tree = minimum_spanning_tree(squareform(pdist(points))).toarray()
    deaths = tree[tree > 0]
    assert len(deaths) == len(points) - 1, "duplicate points would give zero-length edges lost by the sparse MST"
    return deaths


def diagram(deaths, birth, essential):
    finite = np.column_stack([np.full(len(deaths), birth), birth + deaths])
    infinite = np.array([[birth, math.inf]] * essential).reshape(-1, 2)
    return np.vstack([finite, infinite])


def cloud(n, dim, grid=None):
    x = rng.normal(size=(n, dim))
    x /= np.linalg.norm(x, axis=1, keepdims=True)  # L2-normalised, as the sweep's embeddings
    if grid is not None:
        x = np.round(x * grid) / grid + rng.uniform(0, 1e-9, size=x.shape)  # many near-ties, no duplicates
    return x


def lsa(da, db, birth, essential_cost, order, ground):
    """W_p by an exact dense assignment: rows a then b's diagonal copies, columns b then a's diagonal copies."""
    n, m = len(da), len(db)
    c = 0.5 if math.isinf(ground) else 2 ** (1 / ground - 1)
    big = 1e300
    cost = np.full((n + m, n + m), big)
    cost[:n, :m] = np.abs(da[:, None] - db[None, :]) ** order
    cost[:n, m:][np.arange(n), np.arange(n)] = (c * (da - birth)) ** order
    cost[n:, :m][np.arange(m), np.arange(m)] = (c * (db - birth)) ** order
    cost[n:, m:] = 0
    rows, cols = linear_sum_assignment(cost)
    return float((cost[rows, cols].sum() + essential_cost) ** (1 / order))


cases = []


def add(name, n_a, n_b, dim, noise, birth=0.0, essential=1, grid=None, deaths_grid=None):
    base = cloud(max(n_a, n_b), dim, grid)
    a_points = base[:n_a]
    b_points = base[:n_b] + rng.normal(scale=noise, size=(n_b, dim))
    da, db = h0_deaths(a_points), h0_deaths(b_points)
    if deaths_grid is not None:  # exact ties and duplicated deaths
        da = np.maximum(np.round(da * deaths_grid), 1) / deaths_grid
        db = np.maximum(np.round(db * deaths_grid), 1) / deaths_grid
    a, b = diagram(da, birth, essential), diagram(db, birth, essential)
    entry = {"name": name, "birth": birth, "essential": essential,
             "a": [float(d) for d in a[: len(da), 1]], "b": [float(d) for d in b[: len(db), 1]],
             "wasserstein": []}
    for order, ground in ((1.0, math.inf), (2.0, math.inf), (2.0, 2.0), (3.5, 1.0)):
        value = wasserstein_distance(a, b, order=order, internal_p=ground, keep_essential_parts=True)
        check = lsa(birth + da, birth + db, birth, 0.0, order, ground)
        entry["wasserstein"].append({"order": order, "ground": "inf" if math.isinf(ground) else ground, "value": float(value), "lsa": check})
    entry["bottleneck"] = float(gudhi.bottleneck_distance(a, b, 0))
    cases.append(entry)
    print(name, len(da), len(db), entry["bottleneck"], [(w["value"] - w["lsa"]) / w["lsa"] for w in entry["wasserstein"]], flush=True)


add("h0-200-d8", 200, 200, 8, 0.05)
add("h0-300-vs-250-d16", 300, 250, 16, 0.02)
add("h0-500-d32", 500, 500, 32, 0.1)
add("h0-700-birth-0.25", 700, 700, 8, 0.03, birth=0.25)
add("h0-800-ties", 800, 800, 4, 0.02, deaths_grid=50)
add("h0-1000-grid-cloud", 1000, 1000, 3, 0.01, grid=20)
add("h0-1200-vs-1500-d64", 1200, 1500, 64, 0.05)
add("h0-1500-no-essential", 1500, 1500, 16, 0.2, essential=0)
add("h0-2000-d512", 2000, 2000, 512, 0.01)
add("h0-2000-d8-large-noise", 2000, 2000, 8, 0.3)

with open(os.path.join(HERE, "h0_distances.json"), "w", encoding="utf-8") as f:
    json.dump({"generator": "make_h0_golden.py", "gudhi": gudhi.__version__, "cases": cases}, f)
    f.write("\n")
