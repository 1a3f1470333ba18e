#!/bin/sh
# Decode + Gaussian blur (sigma 3 by default) of 200 JPEGs of 500x375, one thread each:
# ClipGeometry (ImageSharp + GaussianBlur) against PIL + scipy.ndimage.gaussian_filter.
# Prints wall time and peak memory of each process and their ratios. Usage: bench/blur/run.sh [SIGMA] [N]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
sigma=${1:-3}
n=${2:-200}
data=${TMPDIR:-/tmp}/clipgeo-bench-blur
dotnet build -c Release "$here/BlurBench.csproj" -o "$here/../../.bench/blur" >/dev/null
bench="$here/../../.bench/blur/BlurBench"
[ -f "$data/captions.txt" ] || "$bench" generate "$data" "$n"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 DOTNET_gcServer=0
ours=$(/usr/bin/time -f "%e %M" "$bench" run "$data" "$sigma" 2>&1)
ref=$(/usr/bin/time -f "%e %M" /usr/bin/python3 "$here/reference.py" "$data" "$sigma" 2>&1)
echo "$ours"
echo "$ref"
set -- $(echo "$ours" | tail -1) $(echo "$ref" | tail -1)
awk -v a="$1" -v b="$2" -v c="$3" -v d="$4" 'BEGIN {
  printf "wall: clipgeo %.2f s, scipy %.2f s: clipgeo is %.2fx the reference throughput\n", a, c, c / a;
  printf "peak RSS: clipgeo %d MB, scipy %d MB: ratio %.2f\n", b / 1024, d / 1024, b / d }'
