#!/bin/sh
# Cluster overhead: the demo sweep through the grains on an in-process silo against the same work by direct library
# calls in one loop (target: overhead <= 10% of wall time). One untimed warm-up of each, then R alternating rounds
# (fresh store each run); prints medians, the ratio grains/loop, and whether all results are byte-identical.
# Usage: bench/sweep/run.sh [images-per-category] [bootstrap] [model] [rounds]
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build -c Release "$root/bench/sweep/SweepBench.csproj" -v q -nologo >/dev/null
dotnet "$root/bench/sweep/bin/Release/net10.0/SweepBench.dll" "$work" "${1:-24}" "${2:-50}" "${3:-resnet18}" "${4:-3}"
