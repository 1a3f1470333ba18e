#!/usr/bin/python3
"""Writes two n-point persistence diagrams (CSV birth,death) for the distance benchmark.
Births uniform on [0, 1), lifetimes exponential with mean 0.25: most points near the diagonal, a few far, as in
Vietoris–Rips diagrams of noisy data."""
import sys
import numpy as np

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1500
out = sys.argv[2] if len(sys.argv) > 2 else "."
rng = np.random.default_rng(7)
for name in ("a", "b"):
    births = rng.uniform(0, 1, n)
    deaths = births + rng.exponential(0.25, n)
    np.savetxt(f"{out}/{name}.csv", np.column_stack([births, deaths]), delimiter=",", header="birth,death", comments="", fmt="%.17g")
