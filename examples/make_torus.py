#!/usr/bin/python3
"""Writes examples/torus.csv: 500 points on a torus in R^3 (radii 2 and 1), angles uniform, seed 2024.

No header row, so that both `clipgeo ph` and `ripser` 1.2.1 (which aborts on a header) read it.
"""
import numpy as np

rng = np.random.default_rng(2024)
theta = rng.uniform(0, 2 * np.pi, 500)
phi = rng.uniform(0, 2 * np.pi, 500)
points = np.column_stack([(2 + np.cos(theta)) * np.cos(phi), (2 + np.cos(theta)) * np.sin(phi), np.sin(theta)])
np.savetxt("examples/torus.csv", points, fmt="%.6f", delimiter=",")
