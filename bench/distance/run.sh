#!/bin/sh
# Exact W2 (ground L∞) between two n-point diagrams: ClipGeometry against GUDHI 3.7's exact POT path, on the same
# input, in one run. Prints compute times (best of 3, in-process, after loading) and their ratio, hera's
# approximate time, the bottleneck times, and whole-process wall time and peak memory of the two CLIs.
# Usage: bench/distance/run.sh [n=1500]
set -eu
n=${1:-1500}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build -c Release "$root/bench/distance/DistanceBench.csproj" -v q -nologo >/dev/null
dotnet build -c Release "$root/src/Client" -v q -nologo >/dev/null
/usr/bin/python3 "$root/bench/distance/make_diagrams.py" "$n" "$work"
echo "machine: $(nproc) cores, $(uname -sr); diagrams: 2 x $n points (bench/distance/make_diagrams.py)"
dotnet "$root/bench/distance/bin/Release/net10.0/DistanceBench.dll" "$work/a.csv" "$work/b.csv" 2 3 | tee "$work/ours.txt"
/usr/bin/python3 "$root/bench/distance/gudhi_distance.py" "$work/a.csv" "$work/b.csv" 2 3 | tee "$work/gudhi.txt"
ours=$(awk '$1=="clipgeo-exact"{print $3}' "$work/ours.txt")
theirs=$(awk '$1=="gudhi-pot-exact"{print $3}' "$work/gudhi.txt")
vo=$(awk '$1=="clipgeo-exact"{print $2}' "$work/ours.txt")
vt=$(awk '$1=="gudhi-pot-exact"{print $2}' "$work/gudhi.txt")
awk -v o="$ours" -v t="$theirs" -v vo="$vo" -v vt="$vt" 'BEGIN {
  printf "exact W2 compute: clipgeo %.3f s, gudhi/POT %.3f s, ratio clipgeo/gudhi = %.2f; relative difference of values %.2e\n", o, t, o / t, (vo - vt) / vt }'
bo=$(awk '$1=="clipgeo-bottleneck"{print $3}' "$work/ours.txt")
bt=$(awk '$1=="gudhi-bottleneck-exact"{print $3}' "$work/gudhi.txt")
awk -v o="$bo" -v t="$bt" 'BEGIN { printf "exact bottleneck compute: clipgeo %.3f s, gudhi %.3f s, ratio = %.2f\n", o, t, o / t }'
# Whole processes, as a user runs them (start-up, reading, computing): wall seconds and peak RSS.
/usr/bin/time -f "%e %M" -o "$work/t1" dotnet "$root/src/Client/bin/Release/net10.0/clipgeo.dll" distance "$work/a.csv" "$work/b.csv" --order 2 >/dev/null
cat > "$work/one.py" <<'PY'
import sys, numpy as np
from gudhi.wasserstein import wasserstein_distance
a = np.loadtxt(sys.argv[1], delimiter=",", skiprows=1); b = np.loadtxt(sys.argv[2], delimiter=",", skiprows=1)
print(wasserstein_distance(a, b, order=2.0, internal_p=np.inf))
PY
/usr/bin/time -f "%e %M" -o "$work/t2" /usr/bin/python3 "$work/one.py" "$work/a.csv" "$work/b.csv" >/dev/null
read -r w1 m1 < "$work/t1"
read -r w2 m2 < "$work/t2"
awk -v w1="$w1" -v m1="$m1" -v w2="$w2" -v m2="$m2" 'BEGIN {
  printf "whole process: clipgeo distance %.2f s %.0f MB, python+gudhi %.2f s %.0f MB; wall ratio %.2f, memory ratio %.2f\n", w1, m1/1024, w2, m2/1024, w1/w2, m1/m2 }'
