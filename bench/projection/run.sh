#!/bin/sh
# UMAP and t-SNE: ClipGeometry against umap-learn 0.5.3 (after its JIT warm-up) and scikit-learn 1.2.1 TSNE, on the
# same machine in the same run. T(15) of both layouts is computed by ClipGeometry's Trustworthiness (checked against
# scikit-learn's in the tests); scikit-learn's own would need three n x n arrays (10 GB at 20,000 points).
# Usage: bench/projection/run.sh [DATASET...]   (default: digits clusters2000 clusters20000)
#        METHODS=umap bench/projection/run.sh clusters20000   (one method only; default METHODS="umap tsne")
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
here="$root/bench/projection"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build -c Release "$here/ProjectionBench.csproj" -v q -nologo >/dev/null
bench="dotnet $here/bin/Release/net10.0/ProjectionBench.dll"
[ $# -gt 0 ] || set -- digits clusters2000 clusters20000
for dataset in "$@"; do
  for method in ${METHODS:-umap tsne}; do
    ours=$($bench run "$dataset" "$method" "$work/ours.csv")
    theirs=$(/usr/bin/python3 "$here/reference.py" "$dataset" "$method" "$work/theirs.csv")
    t_theirs=$($bench trust "$dataset" "$work/theirs.csv")
    echo "$ours $theirs $t_theirs" | awk '{ printf "%-6s %-14s clipgeo %8.2f s  T(15) %s | reference %8.2f s  T(15) %s | time ratio clipgeo/reference %.2f\n", $2, $3, $4, $5, $9, $10, $4 / $9 }'
  done
done
