#!/bin/sh
# H0 diagrams (every finite point born at 0, as degree 0 of a Vietoris–Rips filtration): ClipGeometry's equal-birth
# path (what WassersteinDistance.Compute and BottleneckDistance.Compute take there) against its general exact
# solvers and GUDHI 3.7 (exact POT, exact bottleneck, hera to 1%) on the same two diagrams, in one run.
# Exact W2 and bottleneck with ground metric L∞; the fast path best of 3, the general solvers once.
# Usage: bench/distance/run-h0.sh [n=2000]
set -eu
n=${1:-2000}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build -c Release "$root/bench/distance/DistanceBench.csproj" -v q -nologo >/dev/null
/usr/bin/python3 "$root/bench/distance/make_diagrams.py" "$n" "$work" h0
echo "machine: $(nproc) cores, $(uname -sr), load $(cut -d' ' -f1-3 /proc/loadavg); H0 diagrams of 2 x $n points (bench/distance/make_diagrams.py h0)"
dotnet "$root/bench/distance/bin/Release/net10.0/DistanceBench.dll" "$work/a.csv" "$work/b.csv" 2 3 general | tee "$work/ours.txt"
/usr/bin/python3 "$root/bench/distance/gudhi_distance.py" "$work/a.csv" "$work/b.csv" 2 1 | tee "$work/gudhi.txt"
field() { awk -v k="$1" -v f="$2" '$1==k{print $f}' "$3"; }
fast=$(field clipgeo-exact 3 "$work/ours.txt"); slow=$(field clipgeo-general-exact 3 "$work/ours.txt")
pot=$(field gudhi-pot-exact 3 "$work/gudhi.txt"); hera=$(field hera-approx-0.01 3 "$work/gudhi.txt")
vf=$(field clipgeo-exact 2 "$work/ours.txt"); vs=$(field clipgeo-general-exact 2 "$work/ours.txt"); vp=$(field gudhi-pot-exact 2 "$work/gudhi.txt")
awk -v f="$fast" -v s="$slow" -v p="$pot" -v h="${hera:-nan}" -v vf="$vf" -v vs="$vs" -v vp="$vp" 'BEGIN {
  printf "exact W2: equal-birth %.4f s, general %.3f s, gudhi/POT %.3f s, hera 1%% %s s; ratios equal-birth/general = %.2g, equal-birth/POT = %.2g, equal-birth/hera = %.2g\n", f, s, p, h, f / s, f / p, f / h
  printf "values: equal-birth %s, general %s (relative difference %.2e), POT %s (%.2e)\n", vf, vs, (vf - vs) / vs, vp, (vf - vp) / vp }'
bf=$(field clipgeo-bottleneck 3 "$work/ours.txt"); bs=$(field clipgeo-general-bottleneck 3 "$work/ours.txt"); bg=$(field gudhi-bottleneck-exact 3 "$work/gudhi.txt")
vbf=$(field clipgeo-bottleneck 2 "$work/ours.txt"); vbs=$(field clipgeo-general-bottleneck 2 "$work/ours.txt"); vbg=$(field gudhi-bottleneck-exact 2 "$work/gudhi.txt")
awk -v f="$bf" -v s="$bs" -v g="$bg" -v vf="$vbf" -v vs="$vbs" -v vg="$vbg" 'BEGIN {
  printf "exact bottleneck: equal-birth %.5f s, general %.3f s, gudhi %.3f s; ratios equal-birth/general = %.2g, equal-birth/gudhi = %.2g; values %s, %s, %s\n", f, s, g, f / s, f / g, vf, vs, vg }'
