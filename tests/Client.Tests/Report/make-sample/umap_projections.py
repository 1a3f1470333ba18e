#!/usr/bin/env python3
"""Writes projections/{level}.csv for a results directory with umap-learn (the reference UMAP): one fit of the
reference level's images and captions together (cosine, 15 neighbours, min_dist 0.1, seed 42), the other levels'
images placed into that map with transform. Columns category,row,kind,x,y as docs/results.md says.
Usage: umap_projections.py RESULTS_DIR"""
import json
import os
import sys

import numpy as np
import umap

root = sys.argv[1]
meta = json.load(open(os.path.join(root, "results.json")))
levels = meta["spec"]["levels"]
cats = meta["globalOrder"]
c = meta["dataset"]["captionsPerImage"]


def load(level):
    rows, keys = [], []
    for cat in cats:
        a = np.load(os.path.join(root, "embeddings", level, cat + ".npy"))
        rows.append(a)
        keys += [(cat, str(i), "image") for i in range(len(a))]
    return np.concatenate(rows), keys


images, image_keys = load(levels[0])
texts, text_keys = [], []
for cat in cats:
    t = np.load(os.path.join(root, "texts", cat + ".npy"))
    texts.append(t)
    text_keys += [(cat, f"{i // c}.{i % c}", "caption") for i in range(len(t))]
texts = np.concatenate(texts)
model = umap.UMAP(n_neighbors=15, min_dist=0.1, metric="cosine", random_state=42)
fitted = model.fit_transform(np.concatenate([images, texts]))
os.makedirs(os.path.join(root, "projections"), exist_ok=True)


def write(level, keys, xy):
    with open(os.path.join(root, "projections", level + ".csv"), "w") as f:
        f.write("category,row,kind,x,y\n")
        for (cat, row, kind), (x, y) in zip(keys, xy):
            f.write(f"{cat},{row},{kind},{float(x)!r},{float(y)!r}\n")


write(levels[0], image_keys + text_keys, fitted)
for level in levels[1:]:
    other, keys = load(level)
    write(level, keys, model.transform(other))
