#!/usr/bin/env bash
# Benchmark of `clipgeo ph` against Debian's `ripser` 1.2.1 on the same inputs, in one run.
#
#   bench/ph/run.sh [REPEATS]        (default 3; run from anywhere)
#
# Builds clipgeo in Release (ReadyToRun, framework-dependent) into bench/ph/.build unless CLIPGEO points at a
# clipgeo executable, writes the inputs with Debian's python (/usr/bin/python3, numpy), then for every case runs
# ripser and clipgeo alternately REPEATS times under /usr/bin/time -f "%e %M" and prints the median wall time
# and peak RSS of each, their ratios (clipgeo / ripser: below 1 is better), the ratio of CPU time (user + system,
# steadier than wall time on a shared machine), and whether the outputs are identical.
# Cases: clustered unit vectors in R^512 (n = 1500 and 2500, --dim 1) and the 500-point torus (--dim 2).
# Then clipgeo alone on 2,000 unit vectors in R^512 (--dim 1): --metric cosine against the Euclidean metric (for unit
# vectors the two filtrations are in the same order, so the reduction is the same work and any difference is the
# distance kernel); ripser has no cosine metric for point clouds.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
repeats="${1:-3}"
work="$(mktemp -d /tmp/clipgeo-bench-ph.XXXXXX)"
trap 'rm -rf "$work"' EXIT

if [[ -z "${CLIPGEO:-}" ]]; then
  echo "building clipgeo (Release, ReadyToRun) ..." >&2
  dotnet publish "$root/src/Client" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
    -o "$here/.build" >/dev/null
  CLIPGEO="$here/.build/clipgeo"
fi
command -v ripser >/dev/null || { echo "ripser is not installed (apt-get install ripser)" >&2; exit 1; }

/usr/bin/python3 "$here/make_inputs.py" "$work"
cp "$root/examples/torus.csv" "$work/torus.csv"

cases=(
  "clustered_1500.csv --dim 1"
  "clustered_2500.csv --dim 1"
  "torus.csv --dim 2"
)

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

printf "%-20s %9s %9s %7s %10s %10s %7s %7s %s\n" case ripser_s clipgeo_s time× ripser_MB clipgeo_MB mem× cpu× output
echo "machine: $(nproc) cores, $(uname -sr), load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for spec in "${cases[@]}"; do
  read -r file dimflag dim <<<"$spec"
  : > "$work/r.times"; : > "$work/c.times"
  for ((i = 0; i < repeats; i++)); do
    /usr/bin/time -f "%e %M %U %S" -o "$work/t" ripser --format point-cloud "$dimflag" "$dim" "$work/$file" > "$work/r.out"
    cat "$work/t" >> "$work/r.times"
    /usr/bin/time -f "%e %M %U %S" -o "$work/t" "$CLIPGEO" ph "$work/$file" "$dimflag" "$dim" > "$work/c.out" 2>/dev/null
    cat "$work/t" >> "$work/c.times"
  done
  rt=$(cut -d' ' -f1 "$work/r.times" | median); rm=$(cut -d' ' -f2 "$work/r.times" | median)
  ct=$(cut -d' ' -f1 "$work/c.times" | median); cm=$(cut -d' ' -f2 "$work/c.times" | median)
  ru=$(awk '{print $3 + $4}' "$work/r.times" | median); cu=$(awk '{print $3 + $4}' "$work/c.times" | median)
  same=$(cmp -s "$work/r.out" "$work/c.out" && echo identical || echo DIFFERENT)
  awk -v n="${file%.csv} dim $dim" -v rt="$rt" -v ct="$ct" -v rm="$rm" -v cm="$cm" -v ru="$ru" -v cu="$cu" -v s="$same" \
    'BEGIN { printf "%-20s %9.2f %9.2f %7.2f %10.1f %10.1f %7.2f %7.2f %s\n", n, rt, ct, ct/rt, rm/1024, cm/1024, cm/rm, cu/ru, s }'
done

: > "$work/e.times"; : > "$work/k.times"
for ((i = 0; i < repeats; i++)); do
  /usr/bin/time -f "%e %M %U %S" -o "$work/t" "$CLIPGEO" ph "$work/clustered_2000.csv" --dim 1 > /dev/null 2>&1
  cat "$work/t" >> "$work/e.times"
  /usr/bin/time -f "%e %M %U %S" -o "$work/t" "$CLIPGEO" ph "$work/clustered_2000.csv" --dim 1 --metric cosine > /dev/null 2>&1
  cat "$work/t" >> "$work/k.times"
done
et=$(cut -d' ' -f1 "$work/e.times" | median); kt=$(cut -d' ' -f1 "$work/k.times" | median)
eu=$(awk '{print $3 + $4}' "$work/e.times" | median); ku=$(awk '{print $3 + $4}' "$work/k.times" | median)
awk -v et="$et" -v kt="$kt" -v eu="$eu" -v ku="$ku" \
  'BEGIN { printf "clipgeo clustered_2000 dim 1: euclidean %.2f s, cosine %.2f s, time× %.2f, cpu× %.2f (cosine / euclidean)\n", et, kt, kt/et, ku/eu }'
