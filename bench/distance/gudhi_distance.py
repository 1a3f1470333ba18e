#!/usr/bin/python3
"""Times GUDHI 3.7's exact Wasserstein (POT network simplex) and, if present, hera's approximate one on two CSV diagrams.
Prints: exact value and seconds, then hera value and seconds (or a line saying hera is unavailable)."""
import sys
import time
import numpy as np
from gudhi.wasserstein import wasserstein_distance

a = np.loadtxt(sys.argv[1], delimiter=",", skiprows=1)
b = np.loadtxt(sys.argv[2], delimiter=",", skiprows=1)
order = float(sys.argv[3]) if len(sys.argv) > 3 else 2.0
t = time.perf_counter()
value = wasserstein_distance(a, b, order=order, internal_p=np.inf)
print(f"gudhi-pot {value!r} {time.perf_counter() - t:.4f}")
try:
    from gudhi.hera import wasserstein_distance as hera
    t = time.perf_counter()
    value = hera(a, b, order=order, internal_p=np.inf, delta=0.01)
    print(f"hera-delta0.01 {value!r} {time.perf_counter() - t:.4f}")
except ImportError:
    print("hera unavailable (gudhi.hera not built)")
