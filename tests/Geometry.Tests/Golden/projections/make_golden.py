#!/usr/bin/python3
"""Golden values for ClipGeometry's projections (UMAP, t-SNE, trustworthiness).

Run with Debian's python (umap-learn 0.5.3, scikit-learn 1.2.1):  /usr/bin/python3 make_golden.py
Writes digits.csv (scikit-learn's digits, 1,797 x 64 integers) and projections.json beside this script:
  - trustworthiness of a fixed embedding of 400 clustered unit vectors (sklearn.manifold.trustworthiness),
    for several k and metrics;
  - umap-learn's a and b for a few (spread, min_dist);
  - T(15) of umap-learn and of sklearn's TSNE (defaults of 1.2: PCA init, learning rate 'auto',
    Barnes-Hut, angle 0.5) on digits and on 2,000 clustered unit vectors in R^512 (clustered.py).
"""
import json
import os
import sys
import time
import warnings

import numpy as np
from sklearn.datasets import load_digits
from sklearn.manifold import TSNE, trustworthiness
import umap

warnings.simplefilter("ignore")
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from clustered import clustered_unit_vectors  # noqa: E402

digits = load_digits().data.astype(np.float32)
np.savetxt(os.path.join(HERE, "digits.csv"), digits.astype(int), fmt="%d", delimiter=",",
           header=",".join(f"p{i}" for i in range(64)), comments="")
clusters = clustered_unit_vectors(2000)

out = {"versions": {"umap-learn": umap.__version__, "scikit-learn": __import__("sklearn").__version__}}

# A fixed embedding: the first 400 clustered unit vectors (no tied distances, unlike the integer digits)
# through a fixed random 512 -> 2 projection. The float32 values are given to scikit-learn as float64, so that
# it ranks in double precision (in float32, its rounding decides near-ties among these concentrated distances).
rng = np.random.default_rng(7)
high = clusters[:400].astype(np.float64)
fixed = high @ rng.normal(size=(512, 2))
out["fixed"] = {
    "rows": 400, "columns": 512,
    "embedding": [[float(v) for v in row] for row in fixed],
    "euclidean": {str(k): float(trustworthiness(high, fixed, n_neighbors=k)) for k in (1, 5, 15, 40)},
    "cosine": {str(k): float(trustworthiness(high, fixed, n_neighbors=k, metric="cosine")) for k in (5, 15)},
}

from umap.umap_ import find_ab_params  # noqa: E402
out["ab"] = [{"spread": sp, "min_dist": md, "a": float(a), "b": float(b)}
             for sp, md in ((1.0, 0.1), (1.0, 0.5), (2.0, 0.0)) for a, b in [find_ab_params(sp, md)]]

cases = {"digits": (digits, "euclidean"), "clusters2000": (clusters, "cosine")}
for name, (x, metric) in cases.items():
    t0 = time.time()
    u = umap.UMAP(n_neighbors=15, min_dist=0.1, metric=metric, random_state=42).fit_transform(x)
    t1 = time.time()
    t = TSNE(n_components=2, perplexity=30, init="pca", learning_rate="auto", random_state=42).fit_transform(x)
    t2 = time.time()
    out[name] = {
        "rows": int(x.shape[0]), "columns": int(x.shape[1]), "metric": metric,
        "umap_t15": float(trustworthiness(x, u, n_neighbors=15, metric=metric)),
        "tsne_t15": float(trustworthiness(x, t, n_neighbors=15, metric=metric)),
        "first_row": [float(v) for v in x[0]],
    }
    print(name, out[name]["umap_t15"], out[name]["tsne_t15"], f"umap {t1 - t0:.1f}s tsne {t2 - t1:.1f}s", flush=True)

with open(os.path.join(HERE, "projections.json"), "w") as f:
    json.dump(out, f, indent=1)
