#!/usr/bin/python3
"""umap-learn 0.5.3 or scikit-learn 1.2.1 TSNE on a benchmark dataset; prints "METHOD DATASET SECONDS" and writes
the layout (x,y CSV). UMAP is timed after a warm-up fit in the same process (numba's JIT compiled); TSNE with
scikit-learn's defaults of 1.2 (PCA init, learning rate 'auto', Barnes-Hut, angle 0.5), all cores.
Usage: reference.py DATASET umap|tsne OUT.csv"""
import os
import sys
import time
import warnings

import numpy as np

warnings.simplefilter("ignore")
HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.join(HERE, "..", "..", "tests", "Geometry.Tests", "Golden", "projections")
sys.path.insert(0, GOLDEN)
from clustered import clustered_unit_vectors  # noqa: E402

dataset, method, out = sys.argv[1], sys.argv[2], sys.argv[3]
if dataset == "digits":
    x = np.loadtxt(os.path.join(GOLDEN, "digits.csv"), delimiter=",", skiprows=1).astype(np.float32)
    metric = "euclidean"
else:
    x = clustered_unit_vectors(int(dataset[len("clusters"):]))
    metric = "cosine"

if method == "umap":
    import umap
    warm = clustered_unit_vectors(300, 32, 3, 0.1, 1)
    umap.UMAP(n_epochs=20, metric=metric, random_state=1).fit_transform(warm)
    umap.UMAP(n_epochs=20, metric=metric, random_state=1).fit_transform(clustered_unit_vectors(5000, 32, 3, 0.1, 1))
    t0 = time.perf_counter()
    y = umap.UMAP(n_neighbors=15, min_dist=0.1, metric=metric, random_state=42).fit_transform(x)
else:
    from sklearn.manifold import TSNE
    t0 = time.perf_counter()
    y = TSNE(n_components=2, perplexity=30, init="pca", learning_rate="auto", random_state=42, n_jobs=-1).fit_transform(x)
seconds = time.perf_counter() - t0
np.savetxt(out, y, delimiter=",", header="x,y", comments="", fmt="%.9g")
print(f"reference {method} {dataset} {seconds:.2f}")
