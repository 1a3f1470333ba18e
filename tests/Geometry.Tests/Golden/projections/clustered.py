"""Clustered unit vectors, the same bits as ClusteredUnitVectors.cs (counter-based SplitMix64, Box–Muller).

value i of stream s = mix(seed + s * 2^32 + (i + 1) * 0x9E3779B97F4A7C15); uniform = (value >> 11) * 2^-53;
gaussian i = sqrt(-2 ln(1 - u[2i])) * cos(2 pi u[2i + 1]).  Centres: stream 1, clusters x dim gaussians,
normalised. Points: point p belongs to cluster p % clusters; its noise is stream 2, row p; the point is
normalise(centre + noise_scale * noise), stored as float32.
"""
import numpy as np

GOLDEN = np.uint64(0x9E3779B97F4A7C15)


def _mix(z):
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def gaussians(seed, stream, count):
    with np.errstate(over="ignore"):
        i = np.arange(1, 2 * count + 1, dtype=np.uint64)
        z = np.uint64(seed) + np.uint64(stream) * np.uint64(1 << 32) + i * GOLDEN
        u = (_mix(z) >> np.uint64(11)).astype(np.float64) * (2.0 ** -53)
    return np.sqrt(-2.0 * np.log(1.0 - u[0::2])) * np.cos(2.0 * np.pi * u[1::2])


def clustered_unit_vectors(rows, dim=512, clusters=10, noise_scale=0.04, seed=2024):
    centres = gaussians(seed, 1, clusters * dim).reshape(clusters, dim)
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    noise = gaussians(seed, 2, rows * dim).reshape(rows, dim)
    points = centres[np.arange(rows) % clusters] + noise_scale * noise
    points /= np.linalg.norm(points, axis=1, keepdims=True)
    return points.astype(np.float32)
