#!/usr/bin/python3
"""Makes the persistent-homology golden files: inputs and the output of Debian's ripser 1.2.1 on them.

Run from this folder with Debian's python (/usr/bin/python3, numpy) and `ripser` installed:
    /usr/bin/python3 make_golden.py
Writes <case>.txt/.csv inputs, <case>.ripser outputs and cases.json (what the tests run).
Every random choice is seeded, so the files are reproducible.
"""
import json
import subprocess

import numpy as np

cases = []


def save(name, array, fmt="%.9g", delimiter=","):
    path = f"{name}.csv"
    np.savetxt(path, array, fmt=fmt, delimiter=delimiter)
    return path


def ripser(name, input_path, fmt, dim, threshold=None, ours=None):
    """Runs ripser, stores its stdout as <name>.ripser and records the case.

    ours: how clipgeo reads the same data when it differs from ripser's invocation
    (a point cloud with a cosine metric where ripser got the distance matrix).
    Ripser 1.2.1 aborts with --dim 0, so dimension 0 is taken from a --dim 1 run (the tests compare
    the dimensions clipgeo computed).
    """
    args = ["ripser", "--format", fmt, "--dim", str(max(dim, 1))]
    if threshold is not None:
        args += ["--threshold", repr(threshold)]
    out = subprocess.run(args + [input_path], check=True, capture_output=True, text=True).stdout
    with open(f"{name}.ripser", "w") as f:
        f.write(out)
    case = {"name": name, "input": input_path, "format": fmt, "metric": "euclidean", "dim": dim,
            "threshold": threshold, "output": f"{name}.ripser", "exactText": dim > 0}
    if ours:
        case.update(ours)
    cases.append(case)


def torus(n, seed, big=2.0, small=1.0):
    rng = np.random.default_rng(seed)
    t, p = rng.uniform(0, 2 * np.pi, (2, n))
    return np.column_stack([(big + small * np.cos(t)) * np.cos(p), (big + small * np.cos(t)) * np.sin(p), small * np.sin(t)])


def clustered_unit(n, dim, clusters, seed, spread=1.4):
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((clusters, dim))
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    x = centres[rng.integers(0, clusters, n)] + spread * rng.standard_normal((n, dim)) / np.sqrt(dim)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


# Point clouds in R^3: a torus, dimensions 0, 1, 2; with thresholds.
t = save("torus_r3_100", torus(100, 1))
ripser("torus_r3_100_dim0", t, "point-cloud", 0)
ripser("torus_r3_100_dim2", t, "point-cloud", 2)
ripser("torus_r3_100_thr1", t, "point-cloud", 2, threshold=1.0)
ripser("torus_r3_100_thr04", t, "point-cloud", 1, threshold=0.4)

# Gaussian blob in R^3, dimension 3 (tetrahedra) on few points.
rng = np.random.default_rng(5)
g = save("blob_r3_24", rng.standard_normal((24, 3)))
ripser("blob_r3_24_dim3", g, "point-cloud", 3)

# Clustered unit vectors in R^512 (CLIP-like), dimension 1 and 2.
u = save("clip_r512_120", clustered_unit(120, 512, 4, 11), fmt="%.6g")
ripser("clip_r512_120_dim1", u, "point-cloud", 1)
ripser("clip_r512_120_dim2", u, "point-cloud", 2)

# Distance matrices: full and lower-triangular (no diagonal), dimension 2, with a threshold.
rng = np.random.default_rng(7)
x = rng.standard_normal((40, 5))
d = np.sqrt(((x[:, None, :] - x[None, :, :]) ** 2).sum(-1))
full = save("random_r5_40_full", d, fmt="%.9g", delimiter=" ")
ripser("random_r5_40_full_dim2", full, "distance", 2)
ripser("random_r5_40_full_thr", full, "distance", 2, threshold=2.5)
with open("random_r5_40_lower.txt", "w") as f:
    for i in range(1, len(d)):
        f.write(",".join("%.9g" % v for v in d[i, :i]) + "\n")
ripser("random_r5_40_lower_dim2", "random_r5_40_lower.txt", "lower-distance", 2)

# Ripser's random20.lower_distance_matrix layout: every entry of the lower triangle on one comma-separated line.
with open("random_r5_20_lower_flat.txt", "w") as f:
    f.write(",".join("%.9g" % d[i, j] for i in range(1, 20) for j in range(i)) + "\n")
ripser("random_r5_20_lower_flat_dim2", "random_r5_20_lower_flat.txt", "lower-distance", 2)

# Duplicate points whose zero distances are written -0 (Ripser reads them as 0): the diagrams are those of the
# cloud without duplicates, no extra H0 bar and no essential class born at -0.
rng = np.random.default_rng(19)
z = rng.standard_normal((12, 3))
z = np.vstack([z, z[[2, 5, 7]]])
dz = np.sqrt(((z[:, None, :] - z[None, :, :]) ** 2).sum(-1))
with open("negative_zero_15_full.txt", "w") as f:
    for row in dz:
        f.write(" ".join("-0" if v == 0 else "%.9g" % v for v in row) + "\n")
ripser("negative_zero_15_full_dim1", "negative_zero_15_full.txt", "distance", 1)
with open("negative_zero_15_lower.txt", "w") as f:
    for i in range(1, len(dz)):
        f.write(",".join("-0" if v == 0 else "%.9g" % v for v in dz[i, :i]) + "\n")
ripser("negative_zero_15_lower_dim1", "negative_zero_15_lower.txt", "lower-distance", 1)

# Cosine and angular distances: ripser gets the float64 matrix computed by numpy, clipgeo the points and --metric.
v = clustered_unit(90, 16, 3, 13, spread=2.5) * np.random.default_rng(3).uniform(0.5, 2.0, (90, 1))
points = save("cosine_r16_90", v, fmt="%.17g")
cos = np.clip((v @ v.T) / np.outer(np.linalg.norm(v, axis=1), np.linalg.norm(v, axis=1)), -1, 1)
cosine = 1.0 - cos
np.fill_diagonal(cosine, 0)
cosine = np.maximum(cosine, 0)
ripser("cosine_r16_90_dim2", save("cosine_r16_90_matrix", cosine, fmt="%.17g", delimiter=" "), "distance", 2,
       ours={"input": points, "format": "point-cloud", "metric": "cosine", "exactText": False})
angular = np.arccos(cos)
np.fill_diagonal(angular, 0)
ripser("angular_r16_90_dim1", save("angular_r16_90_matrix", angular, fmt="%.17g", delimiter=" "), "distance", 1,
       ours={"input": points, "format": "point-cloud", "metric": "angular", "exactText": False})

# Ties: a 6 x 6 grid (many equal distances); duplicates: every point of a small cloud twice.
grid = save("grid_6x6", np.array([[i, j] for i in range(6) for j in range(6)], float), fmt="%g")
ripser("grid_6x6_dim2", grid, "point-cloud", 2)
rng = np.random.default_rng(17)
base = rng.standard_normal((25, 2))
dup = save("duplicates_50", np.vstack([base, base[::-1]]))
ripser("duplicates_50_dim1", dup, "point-cloud", 1)

# Sparse triples: the edges of a random geometric graph (i j d, 0-based).
rng = np.random.default_rng(23)
y = rng.uniform(0, 1, (60, 2))
with open("sparse_60.txt", "w") as f:
    for i in range(60):
        for j in range(i):
            dist = np.linalg.norm(y[i] - y[j])
            if dist < 0.3:
                f.write("%d %d %.9g\n" % (i, j, dist))
ripser("sparse_60_dim1", "sparse_60.txt", "sparse", 1)

with open("cases.json", "w") as f:
    json.dump(cases, f, indent=1)
    f.write("\n")
print(f"{len(cases)} cases")
