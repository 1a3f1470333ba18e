#!/usr/bin/python3
"""The reference for bench/blur: PIL decode + convert("RGB") + scipy gaussian_filter + rounding, one thread."""
import glob
import os
import sys
import time

import numpy as np
from PIL import Image
from scipy.ndimage import gaussian_filter

folder, sigma = sys.argv[1], float(sys.argv[2])
files = sorted(glob.glob(os.path.join(folder, "Images", "*.jpg")))
start = time.perf_counter()
checksum = 0
for f in files:
    img = np.asarray(Image.open(f).convert("RGB"))
    out = gaussian_filter(img.astype(float), (sigma, sigma, 0), mode="reflect", truncate=4.0)
    out = np.clip(np.floor(out + 0.5), 0, 255).astype(np.uint8)
    checksum += int(out[out.shape[0] // 2, out.shape[1] // 2, 0])
print(f"scipy: {len(files)} images decoded and blurred (sigma {sigma}) in {time.perf_counter() - start:.3f} s, checksum {checksum}")
