"""Writes N deterministic Flickr-sized JPEG photos-alike (smooth colour fields with texture) for the GPU benchmark.

Usage: python3 make_jpegs.py OUT_DIR N [WIDTH HEIGHT]
"""
import os
import sys
from multiprocessing import Pool

import numpy as np
from PIL import Image


def one(args):
    out_dir, i, w, h = args
    rng = np.random.default_rng(i)
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    img = np.zeros((h, w, 3), np.float32)
    for c in range(3):
        fx, fy, ph = rng.uniform(0.002, 0.03, 2).tolist() + [rng.uniform(0, 6.28)]
        img[..., c] = 127 + 90 * np.sin(fx * x + ph) * np.cos(fy * y)
    img += rng.normal(0, 12, img.shape)
    Image.fromarray(np.clip(img, 0, 255).astype(np.uint8)).save(os.path.join(out_dir, f"img{i:05d}.jpg"), quality=90)


def main():
    out_dir, n = sys.argv[1], int(sys.argv[2])
    w, h = (int(sys.argv[3]), int(sys.argv[4])) if len(sys.argv) > 4 else (500, 375)
    os.makedirs(out_dir, exist_ok=True)
    with Pool() as pool:
        pool.map(one, [(out_dir, i, w, h) for i in range(n)])
    print(f"wrote {n} JPEGs of {w}x{h} to {out_dir}")


if __name__ == "__main__":
    main()
