#!/usr/bin/env bash
# CLIP preprocessing alone (bicubic shortest-edge resize 224, centre crop, normalise), one thread:
# the previous implementation (frozen copy in PreprocessBench/LegacyClipPreprocessor.cs) against ClipPreprocessor,
# on the same N generated 500x375 JPEGs (decoded once, outside the timing). Several interleaved rounds; medians.
# Also checks that both give bit-identical floats on every image.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
n="${1:-200}"
rounds="${2:-7}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 "$here/../embed-cpu/make_images.py" "$work" "$n"
dotnet build -c Release "$here/PreprocessBench" -o "$work/bin" >/dev/null
"$work/bin/PreprocessBench" "$work" "$rounds"
