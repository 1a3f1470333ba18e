#!/usr/bin/python3
"""Golden files for ClipGeometry's GaussianBlur: SciPy's gaussian_filter on small test images.

Run with Debian's python (scipy 1.10, Pillow 9.4): /usr/bin/python3 make_golden.py
Writes input_<name>.png and <name>_sigma<s>.png, where the output is
    gaussian_filter(img.astype(float), (s, s, 0), mode="reflect", truncate=4.0)
rounded half up (floor(x + 0.5)) and clipped to 0..255.
"""
import numpy as np
from PIL import Image
from scipy.ndimage import gaussian_filter

SIGMAS = [0.5, 1, 3, 5]


def images():
    rng = np.random.default_rng(20240801)
    # Uniform noise: the hardest case for rounding agreement.
    yield "noise", rng.integers(0, 256, size=(29, 37, 3), dtype=np.uint8)
    # A smooth scene with hard edges: gradients, a disc, a bar, a checkerboard corner.
    h, w = 48, 64
    y, x = np.mgrid[0:h, 0:w]
    img = np.zeros((h, w, 3), dtype=np.float64)
    img[..., 0] = 255 * x / (w - 1)
    img[..., 1] = 255 * y / (h - 1)
    img[..., 2] = 128 + 100 * np.sin(x / 5.0) * np.cos(y / 7.0)
    disc = (x - 40) ** 2 + (y - 20) ** 2 < 12 ** 2
    img[disc] = [250, 240, 10]
    img[30:36, 5:50] = [0, 0, 0]
    checker = ((x // 4 + y // 4) % 2 == 0) & (x < 16) & (y < 16)
    img[checker] = [255, 255, 255]
    yield "scene", np.clip(np.rint(img), 0, 255).astype(np.uint8)
    # Smaller than the kernel: reflection repeats (period 2n) for sigma >= 2.
    yield "tiny", rng.integers(0, 256, size=(5, 7, 3), dtype=np.uint8)


def main():
    for name, img in images():
        Image.fromarray(img, "RGB").save(f"input_{name}.png")
        for s in SIGMAS:
            out = gaussian_filter(img.astype(float), (s, s, 0), mode="reflect", truncate=4.0)
            rounded = np.clip(np.floor(out + 0.5), 0, 255).astype(np.uint8)
            Image.fromarray(rounded, "RGB").save(f"{name}_sigma{s:g}.png")


if __name__ == "__main__":
    main()
