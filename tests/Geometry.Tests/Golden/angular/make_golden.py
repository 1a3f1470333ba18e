#!/usr/bin/python3
"""Makes angular_distances.json: pairs of points in R^d at tiny to large angles, and their angle to 40 digits.

Run from this folder with Debian's python (/usr/bin/python3, numpy, mpmath):
    /usr/bin/python3 make_golden.py
The coordinates are written as the shortest decimal that reads back to the same double, and the reference angle
is computed from those exact doubles with mpmath at 60 significant digits (atan2 of |x^ - y^| and |x^ + y^|), so
it is the true angle between the two float64 vectors. Seeded, so reproducible.
"""
import json

import mpmath
import numpy as np

mpmath.mp.dps = 60
rng = np.random.default_rng(29)
pairs = []
for dim in (2, 3, 16, 512):
    for exponent in (-15, -13, -12, -10, -9, -8, -7, -5, -3, -1, 0):
        x = rng.standard_normal(dim) * rng.uniform(0.1, 10)
        step = rng.standard_normal(dim)
        step -= step.dot(x) / x.dot(x) * x
        step *= np.linalg.norm(x) * (10.0 ** exponent) / np.linalg.norm(step)
        y = (x + step) * rng.uniform(0.5, 2)
        if exponent == 0:
            y = -x + step  # nearly antipodal
        xs = [mpmath.mpf(float(v)) for v in x]
        ys = [mpmath.mpf(float(v)) for v in y]
        nx = mpmath.sqrt(mpmath.fsum(v * v for v in xs))
        ny = mpmath.sqrt(mpmath.fsum(v * v for v in ys))
        minus = mpmath.sqrt(mpmath.fsum((a / nx - b / ny) ** 2 for a, b in zip(xs, ys)))
        plus = mpmath.sqrt(mpmath.fsum((a / nx + b / ny) ** 2 for a, b in zip(xs, ys)))
        angle = 2 * mpmath.atan2(minus, plus)
        pairs.append({
            "x": [repr(float(v)) for v in x],
            "y": [repr(float(v)) for v in y],
            "angle": mpmath.nstr(angle, 40),
            "cosineDistance": mpmath.nstr(1 - mpmath.cos(angle), 40),
        })

with open("angular_distances.json", "w") as f:
    json.dump({"source": "mpmath " + mpmath.__version__ + ", 60 digits", "pairs": pairs}, f, indent=1)
    f.write("\n")
print(len(pairs), "pairs")
