#!/bin/sh
# Category subspaces + principal angles: ClipGeometry (MathNet.Numerics 5.0.0, managed) against NumPy/SciPy (LAPACK),
# two categories of n embeddings in R^d, k = 10. Prints both times and the ratio. Usage: bench/angles/run.sh [n] [d]
set -eu
n=${1:-1000}
d=${2:-512}
root=$(cd "$(dirname "$0")/../.." && pwd)
dotnet build -c Release "$root/bench/angles/AnglesBench.csproj" -v q -nologo >/dev/null
ours=$(dotnet "$root/bench/angles/bin/Release/net10.0/AnglesBench.dll" "$n" "$d" 10)
theirs=$(/usr/bin/python3 "$root/bench/angles/scipy_angles.py" "$n" "$d" 10)
echo "$ours"
echo "$theirs"
echo "$ours $theirs" | awk '{ printf "subspaces+angles (%s x %s, k = 10): clipgeo %.3f s, numpy/scipy %.3f s, ratio %.2f\n", n, d, $3, $6, $3 / $6 }' n="$n" d="$d"
