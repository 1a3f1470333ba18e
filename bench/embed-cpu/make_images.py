#!/usr/bin/python3
"""Writes N deterministic, photo-like 500x375 JPEGs (quality 90) into DIR: smooth gradients, shapes, texture, noise."""
import sys

import numpy as np
from PIL import Image, ImageDraw


def main(out_dir: str, count: int) -> None:
    rng = np.random.default_rng(20240601)
    h, w = 375, 500
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    for i in range(count):
        base = np.empty((h, w, 3), np.float32)
        for c in range(3):
            a, b, f = rng.uniform(-0.4, 0.4, 3)
            base[..., c] = 128 + 90 * np.sin(a * xx / 20 + b * yy / 25 + f * 6)
        img = Image.fromarray(np.clip(base, 0, 255).astype(np.uint8))
        draw = ImageDraw.Draw(img)
        for _ in range(12):
            x0, y0 = rng.integers(0, w), rng.integers(0, h)
            x1, y1 = x0 + rng.integers(20, 200), y0 + rng.integers(20, 150)
            colour = tuple(int(v) for v in rng.integers(0, 256, 3))
            (draw.ellipse if rng.random() < 0.5 else draw.rectangle)([x0, y0, x1, y1], fill=colour)
        pixels = np.asarray(img).astype(np.float32) + rng.normal(0, 8, (h, w, 3))
        Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)).save(f"{out_dir}/img{i:04d}.jpg", quality=90)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 200)
