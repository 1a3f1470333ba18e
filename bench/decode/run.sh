#!/usr/bin/env bash
# JPEG decoding, CPU ms per image on one thread (process CPU time, so other work on the machine matters less): clipgeo's ImageDecoder with libjpeg-turbo (the default) and with
# ImageSharp, against PIL, on the same N generated 500x375 JPEGs (bench/embed-cpu/make_images.py, quality 90, 4:2:0),
# in one run. Prints each side's median and the ratios, and how many images each decodes bit-identically to PIL.
# Usage: bench/decode/run.sh [N] [ROUNDS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
n="${1:-200}"
rounds="${2:-7}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 "$here/../embed-cpu/make_images.py" "$work" "$n"
dotnet build -c Release "$here/DecodeBench" -o "$work/bin" >/dev/null
export DOTNET_TieredPGO=1
/usr/bin/python3 "$here/reference.py" "$work" "$rounds" | tee "$work/ref.txt"
"$work/bin/DecodeBench" "$work" "$rounds" | tee "$work/ours.txt"
/usr/bin/python3 - "$work" <<'PY'
import re, sys
w = sys.argv[1]
ours = open(f"{w}/ours.txt").read()
pil = float(re.search(r"([\d.]+) ms per image", open(f"{w}/ref.txt").read()).group(1))
turbo = float(re.search(r"libjpeg-turbo: ([\d.]+) ms per image", ours).group(1))
sharp = float(re.search(r"ImageSharp: ([\d.]+) ms per image", ours).group(1))
print(f"CPU ms per image: libjpeg-turbo {turbo:.3f}, ImageSharp {sharp:.3f}, PIL {pil:.3f}")
print(f"time ratios (lower is faster): libjpeg-turbo/PIL {turbo / pil:.2f}, ImageSharp/PIL {sharp / pil:.2f}, libjpeg-turbo/ImageSharp {turbo / sharp:.2f}")
PY
