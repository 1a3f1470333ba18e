#!/usr/bin/python3
"""Times GUDHI 3.7's exact Wasserstein (POT's network simplex), its exact bottleneck, and hera's approximate
Wasserstein (gudhi.hera, if built) on two CSV diagrams (birth,death with a header row).
Prints one line per method: NAME VALUE SECONDS (best of the repeats)."""
import sys
import time
import numpy as np
import gudhi
from gudhi.wasserstein import wasserstein_distance

a = np.loadtxt(sys.argv[1], delimiter=",", skiprows=1)
b = np.loadtxt(sys.argv[2], delimiter=",", skiprows=1)
order = float(sys.argv[3]) if len(sys.argv) > 3 else 2.0
repeats = int(sys.argv[4]) if len(sys.argv) > 4 else 3


def best(name, work, repeats=repeats):
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        value = work()
        times.append(time.perf_counter() - t)
    print(f"{name} {value!r} {min(times):.4f}", flush=True)


best("gudhi-pot-exact", lambda: wasserstein_distance(a, b, order=order, internal_p=np.inf))
best("gudhi-bottleneck-exact", lambda: gudhi.bottleneck_distance(a, b, 0), repeats=1)
try:
    from gudhi.hera import wasserstein_distance as hera
    best("hera-approx-0.01", lambda: hera(a, b, order=order, internal_p=np.inf, delta=0.01))
except ImportError:
    print("hera unavailable (gudhi.hera not built)")
