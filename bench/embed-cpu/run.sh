#!/usr/bin/env bash
# CPU image path, clipgeo vs PIL + torchvision, same 200 JPEGs (500x375), one thread each, in one run.
# Prints each side's throughput per core (images per CPU-second), wall time and peak memory, and the ratios.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
n="${1:-200}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 "$here/make_images.py" "$work" "$n"
dotnet build -c Release "$here/EmbedCpuBench" -o "$work/bin" >/dev/null
export DOTNET_TieredPGO=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
/usr/bin/time -f "%e %M" -o "$work/ours.time" "$work/bin/EmbedCpuBench" "$work" | tee "$work/ours.txt"
/usr/bin/time -f "%e %M" -o "$work/ref.time" /usr/bin/python3 "$here/reference.py" "$work" | tee "$work/ref.txt"
/usr/bin/python3 "$here/reference.py" "$work" --pil-blur | tee "$work/refpil.txt"
/usr/bin/python3 - "$work" <<'PY'
import re, sys
w = sys.argv[1]
rate = lambda f: float(re.search(r"([\d.]+) images per CPU-second", open(f"{w}/{f}").read()).group(1))
ours, ref, refpil = rate("ours.txt"), rate("ref.txt"), rate("refpil.txt")
(ow, om), (rw, rm) = [map(float, open(f"{w}/{f}").read().split()) for f in ("ours.time", "ref.time")]
print(f"throughput per core: clipgeo {ours:.1f} images/s, PIL+torchvision {ref:.1f} images/s -> ratio {ours / ref:.2f}x (target >= 1.0)")
print(f"  (against PIL's approximate box blur instead of the exact Gaussian: {refpil:.1f} images/s -> ratio {ours / refpil:.2f}x)")
print(f"process wall time incl. start-up: clipgeo {ow:.2f} s, reference {rw:.2f} s; peak memory: clipgeo {om / 1024:.0f} MiB, reference {rm / 1024:.0f} MiB")
PY
