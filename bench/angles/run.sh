#!/bin/sh
# Category subspaces + principal angles: ClipGeometry (MathNet.Numerics 5.0.0, managed) against NumPy/SciPy (LAPACK),
# two categories of n embeddings in R^d, k = 10, on the same data (SciPy's script writes it, clipgeo reads it).
# First the answers are compared (largest difference between the sorted angles), then the times are printed with
# their ratio. Usage: bench/angles/run.sh [n] [d]
set -eu
n=${1:-1000}
d=${2:-512}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d /tmp/clipgeo-bench-angles.XXXXXX)
trap 'rm -rf "$work"' EXIT
dotnet build -c Release "$root/bench/angles/AnglesBench.csproj" -v q -nologo >/dev/null
/usr/bin/python3 "$root/bench/angles/scipy_angles.py" "$n" "$d" 10 "$work" > "$work/theirs"
dotnet "$root/bench/angles/bin/Release/net10.0/AnglesBench.dll" "$n" "$d" 10 "$work" > "$work/ours"
tail -n +2 "$work/theirs" > "$work/theirs.angles"
tail -n +2 "$work/ours" > "$work/ours.angles"
paste "$work/ours.angles" "$work/theirs.angles" | awk '
  { diff = $1 - $2; if (diff < 0) diff = -diff; if (diff > max) max = diff; count++ }
  END { printf "answers: %d angles, largest difference %.3g rad\n", count, max; if (count != 10 || max > 1e-10) { print "ANSWERS DIFFER"; exit 1 } }'
ours=$(head -n 1 "$work/ours" | cut -d' ' -f2)
theirs=$(head -n 1 "$work/theirs" | cut -d' ' -f2)
echo "$ours $theirs" | awk '{ printf "subspaces+angles (%s x %s, k = 10): clipgeo %.3f s, numpy/scipy %.3f s, ratio %.2f\n", n, d, $1, $2, $1 / $2 }' n="$n" d="$d"
