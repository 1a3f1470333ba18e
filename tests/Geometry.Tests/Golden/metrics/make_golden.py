#!/usr/bin/python3
"""Golden values for ClipGeometry's diagram distances and principal angles.

Run with Debian's python (gudhi 3.7, POT, scipy 1.10):  /usr/bin/python3 make_golden.py
Writes diagram_distances.json, principal_angles.json and similarity.json (NumPy) beside this script.
Infinite deaths are written as null, infinite distances as the string "inf".
"""
import json
import math
import os
import warnings

import numpy as np
import gudhi
import scipy
import scipy.linalg
import scipy.stats
from gudhi.wasserstein import wasserstein_distance

warnings.simplefilter("ignore")
HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20240611)


def diagram(n, essential=0, on_diagonal=0, scale=1.0, grid=None):
    births = rng.uniform(0, scale, n)
    lifetimes = rng.exponential(scale / 4, n)
    if grid is not None:  # values on a coarse grid: many ties
        births = np.round(births * grid) / grid
        lifetimes = np.round(lifetimes * grid) / grid + 1.0 / grid
    pts = [[b, b + l] for b, l in zip(births, lifetimes)]
    for _ in range(on_diagonal):
        b = rng.uniform(0, scale)
        pts.append([b, b])
    for _ in range(essential):
        pts.append([rng.uniform(0, scale), math.inf])
    order = rng.permutation(len(pts))
    return np.array([pts[i] for i in order], dtype=float).reshape(-1, 2)


def encode_value(x):
    return ("inf" if x > 0 else "-inf") if math.isinf(x) else float(x)


def encode_diagram(d):
    """[birth, death]: death null for +inf; other infinite coordinates as the strings "-inf" and "inf"."""
    return [[encode_value(b), None if e == math.inf else encode_value(e)] for b, e in d]


def encode(x):
    return "inf" if math.isinf(x) else float(x)


cases = []


def add(name, a, b):
    entry = {"name": name, "a": encode_diagram(a), "b": encode_diagram(b), "wasserstein": []}
    for order in (1.0, 2.0, 3.5):
        for ground in (math.inf, 2.0, 1.0):
            value = wasserstein_distance(a, b, order=order, internal_p=ground, keep_essential_parts=True)
            entry["wasserstein"].append({"order": order, "ground": encode(ground), "value": encode(value)})
    entry["bottleneck"] = encode(gudhi.bottleneck_distance(a, b, 0))
    fa = a[np.isfinite(a[:, 1])]
    fb = b[np.isfinite(b[:, 1])]
    if len(fa) and len(fb) and np.isfinite(fa).all() and np.isfinite(fb).all():
        entry["lifetime1d"] = float(scipy.stats.wasserstein_distance(fa[:, 1] - fa[:, 0], fb[:, 1] - fb[:, 0]))
        entry["death1d"] = float(scipy.stats.wasserstein_distance(fa[:, 1], fb[:, 1]))
    cases.append(entry)


empty = np.zeros((0, 2))
add("both-empty", empty, empty)
add("empty-vs-three", empty, diagram(3))
add("three-vs-empty", diagram(3), empty)
add("one-vs-one", diagram(1), diagram(1))
add("diagonal-only-vs-two", diagram(0, on_diagonal=3), diagram(2))
add("identical", *(lambda d: (d, d.copy()))(diagram(12)))
add("with-diagonal-points", diagram(8, on_diagonal=4), diagram(6, on_diagonal=2))
add("essential-equal", diagram(10, essential=2), diagram(7, essential=2))
add("essential-only", diagram(0, essential=3), diagram(0, essential=3))
add("essential-unequal", diagram(5, essential=1), diagram(5, essential=2))
add("ties-on-grid", diagram(15, grid=8), diagram(18, grid=8))
add("grid-with-essential", diagram(9, essential=1, grid=4), diagram(11, essential=1, grid=4))
for k, (n, m) in enumerate([(5, 9), (20, 20), (40, 25), (60, 80), (120, 100)]):
    add(f"random-{n}x{m}", diagram(n, scale=1 + k), diagram(m, scale=1 + k))

# GUDHI's essential parts (its _handle_essential_parts tests): (-inf, d), (b, inf), (-inf, inf) matched kind by kind;
# (-inf, -inf) and (inf, inf) lie on the diagonal. Fixed arrays (no draws from rng, so the cases above stay put).
inf = math.inf
kinds_a = np.array([[0, 1], [3, 5], [2, inf], [3, inf], [-inf, 8], [-inf, 12], [-inf, -inf], [inf, inf],
                    [-inf, inf], [-inf, inf]])
kinds_b = np.array([[0.2, 0.7], [1, 4], [2.5, inf], [6, inf], [-inf, 7], [-inf, 13.5], [inf, inf], [inf, inf],
                    [-inf, inf], [-inf, inf]])
add("gudhi-essential-kinds", kinds_a, kinds_b)
add("gudhi-minus-inf-birth-count-differs", kinds_a, kinds_b[[0, 1, 2, 3, 4, 6, 7, 8, 9]])
add("gudhi-unbounded-count-differs", kinds_a, kinds_b[:-1])
# (Against an empty diagram GUDHI 3.7 returns nan for Wasserstein: a finite point keeps it defined.)
add("gudhi-infinite-diagonal-points", np.array([[-inf, -inf], [inf, inf], [inf, inf], [0, 2]]), np.array([[0, 1.0]]))
add("gudhi-minus-inf-births-only", np.array([[-inf, 1.5], [-inf, 4.0], [-inf, 2.25]]), np.array([[-inf, 3.0], [-inf, 1.0], [-inf, 2.0]]))

with open(os.path.join(HERE, "diagram_distances.json"), "w") as f:
    json.dump({"generator": f"gudhi {gudhi.__version__}, scipy {scipy.__version__}, make_golden.py", "cases": cases}, f, indent=1)


# Principal angles: SciPy where it is accurate, analytic constructions for tiny angles.
def orthonormal(d, k):
    q, _ = np.linalg.qr(rng.standard_normal((d, k)))
    return q


angle_cases = []
for (d, ka, kb) in [(10, 3, 3), (20, 5, 3), (20, 3, 5), (64, 8, 8), (50, 1, 1), (30, 6, 2)]:
    a = rng.standard_normal((d, ka)) @ rng.standard_normal((ka, ka))
    b = rng.standard_normal((d, kb))
    theta = scipy.linalg.subspace_angles(a, b)
    # SciPy 1.10 is exact to ~1e-15 when no angle is tiny; these random cases have none below 0.05.
    angle_cases.append({"name": f"scipy-{d}x{ka}-{kb}", "source": "scipy.linalg.subspace_angles",
                        "a": a.tolist(), "b": b.tolist(), "angles": theta.tolist()})


def analytic(name, d, angles, scale_b=1.0):
    """Subspaces with exactly the given principal angles: A = Q[:, :k], B = Q[:, :k] cos + Q[:, k:2k] sin, then a random
    invertible mixing of the columns, all rotated by a random orthogonal Q (the angles are exact up to rounding of Q)."""
    k = len(angles)
    q = orthonormal(d, 2 * k)
    a = q[:, :k]
    b = q[:, :k] * np.cos(angles) + q[:, k:2 * k] * np.sin(angles)
    mix = rng.standard_normal((k, k)) + 3 * np.eye(k)
    angle_cases.append({"name": name, "source": "analytic", "a": (a @ mix).tolist(),
                        "b": (scale_b * b).tolist(), "angles": sorted(angles, reverse=True)})


analytic("tiny-next-to-80deg", 12, [1e-10, math.radians(80)])
analytic("near-right-next-to-tiny", 12, [math.pi / 2 - 1e-9, 1e-7])
analytic("mixed-tiny", 20, [1e-12, 3e-8, 0.3, 1.2, math.pi / 2 - 1e-6])
with open(os.path.join(HERE, "principal_angles.json"), "w") as f:
    json.dump({"generator": f"scipy {scipy.__version__}, numpy {np.__version__}, make_golden.py", "cases": angle_cases}, f, indent=1)
print(len(cases), "distance cases;", len(angle_cases), "angle cases")


# Similarity statistics with NumPy: small paired embeddings, two captions per image, three categories.
n, c, d = 24, 2, 6
images = rng.standard_normal((n, d)) + 0.5
texts = np.repeat(images, c, axis=0) + 1.2 * rng.standard_normal((n * c, d))
labels = rng.integers(0, 3, n)
A = images / np.linalg.norm(images, axis=1, keepdims=True)
B = texts / np.linalg.norm(texts, axis=1, keepdims=True)
S = A @ B.T
owner = np.arange(n * c) // c
similarity = {"images": images.tolist(), "texts": texts.tolist(), "labels": labels.tolist(),
              "modality_gap": float(np.linalg.norm(A.mean(0) - B.mean(0)))}
for k in (1, 5, 10):
    similarity[f"recall{k}_image_to_text"] = float(np.mean([(np.argsort(-S[i])[:k] // c == i).any() for i in range(n)]))
    similarity[f"recall{k}_text_to_image"] = float(np.mean([owner[t] in np.argsort(-S[:, t])[:k] for t in range(n * c)]))
eigen = np.linalg.eigvalsh(np.cov((images - images.mean(0)).T))
similarity["participation_ratio"] = float(eigen.sum() ** 2 / (eigen ** 2).sum())
G = A @ A.T
iu = np.triu_indices(n, 1)
same = labels[iu[0]] == labels[iu[1]]
similarity["intra_mean"] = float(G[iu][same].mean())
similarity["inter_mean"] = float(G[iu][~same].mean())
with open(os.path.join(HERE, "similarity.json"), "w") as f:
    json.dump({"generator": f"numpy {np.__version__}, make_golden.py", **similarity}, f, indent=1)
