#!/usr/bin/env bash
# The same sweep on 1, 2 and 3 clipgeo-silo processes on loopback with Redis (deploy/local-cluster.sh), submitted by
# `clipgeo sweep --clustering redis`: per silo count, the client's wall time, images embedded per second (images x
# levels / the embed stage) and the stages' seconds from results.json, and whether every numeric result file
# (diagrams/, embeddings/, wasserstein.csv, subspace_angles.csv, similarity.csv) is byte-identical across silo counts.
# Each count gets a fresh store and a fresh Redis, so each embeds everything; ports are picked free on loopback.
# On one small machine more silos add processes, not cores: this measures distribution's overhead and correctness.
# Usage: bench/cluster/run.sh [silo counts, default "1 2 3"] [images per category, default 24] [model, default the
#        tiny CLIP fixture; resnet18 or a CLIP export folder] [bootstrap B, default 20] [blur levels, default 0,1,2,3,4,5]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
counts=${1:-1 2 3}
per=${2:-24}
model=${3:-$root/../shared/fixtures/tiny-clip}
bootstrap=${4:-20}
sigmas=${5:-0,1,2,3,4,5}
cd "$root"
command -v redis-server >/dev/null || { echo "bench/cluster: redis-server is not installed (apt-get install redis-server)" >&2; exit 1; }
work=$(mktemp -d)
cluster_dir=""
cleanup() {
  if [ -n "$cluster_dir" ]; then CLIPGEO_CLUSTER_DIR=$cluster_dir deploy/local-cluster.sh stop >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
dotnet build src/Silo -c Release -v q -nologo >/dev/null
dotnet build src/Client -c Release -v q -nologo >/dev/null
dotnet build bench/sweep/SweepBench.csproj -c Release -v q -nologo >/dev/null
clipgeo=src/Client/bin/Release/net10.0/clipgeo
# The demo dataset (5 categories x N images, 256x192 JPEGs): SweepBench with 0 rounds only generates it.
dotnet bench/sweep/bin/Release/net10.0/SweepBench.dll "$work" "$per" 0 none 0 >/dev/null

# A free loopback port run: N consecutive free ports (python3 binds each to check).
free_ports() {
  python3 - "$1" <<'PY'
import random, socket, sys
n = int(sys.argv[1])
for _ in range(200):
    base = random.randint(20000, 60000 - n)
    socks = []
    try:
        for p in range(base, base + n):
            s = socket.socket(); s.bind(("127.0.0.1", p)); socks.append(s)
        print(base); break
    except OSError:
        pass
    finally:
        for s in socks: s.close()
else:
    sys.exit("no free ports")
PY
}

first=""
printf '%-6s %9s %9s %7s %7s %12s %8s %9s %7s\n' silos wall_s total_s plan_s embed_s images_per_s persist_s metrics_s joined
for n in $counts; do
  cluster_dir=$work/cluster-$n
  redis_port=$(free_ports 1)
  base_port=$(free_ports $((2 * n)))
  metrics_port=$(free_ports "$n")
  CLIPGEO_CLUSTER_DIR=$cluster_dir deploy/local-cluster.sh start --silos "$n" --redis-port "$redis_port" --base-port "$base_port" \
    --metrics-port "$metrics_port" --store "$work/store-$n" >/dev/null
  # Every silo's gateway accepts connections (it opens once the silo is active in the cluster), or give up.
  for i in $(seq 0 $((n - 1))); do
    gateway=$((base_port + 2 * i + 1))
    for _ in $(seq 600); do (exec 3<>"/dev/tcp/127.0.0.1/$gateway") 2>/dev/null && break; sleep 0.2; done
    (exec 3<>"/dev/tcp/127.0.0.1/$gateway") 2>/dev/null || { echo "bench/cluster: silo $i of $n did not open its gateway $gateway in 120 s; see $cluster_dir/silo-$i.log" >&2; exit 1; }
  done
  start=$(date +%s.%N)
  "$clipgeo" sweep --clustering redis --redis "127.0.0.1:$redis_port" --cluster-id local --connect-timeout 60 \
    --dataset "$work/dataset" --model "$model" --sigmas "$sigmas" --bootstrap "$bootstrap" --seed 1 \
    --out "$work/results-$n" >"$work/client-$n.log" 2>&1 || { echo "bench/cluster: the sweep on $n silos failed:" >&2; tail -5 "$work/client-$n.log" >&2; exit 1; }
  end=$(date +%s.%N)
  CLIPGEO_CLUSTER_DIR=$cluster_dir deploy/local-cluster.sh stop >/dev/null
  cluster_dir=""
  python3 - "$work/results-$n/results.json" "$n" "$start" "$end" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
n, wall = int(sys.argv[2]), float(sys.argv[4]) - float(sys.argv[3])
t = r["timings"]
levels = len(r["spec"]["levels"]) if isinstance(r["spec"].get("levels"), list) else None
images = r["dataset"]["images"]
joined = len(r["cluster"]["silos"])
if levels is None:
    levels = len([l for l in str(r["spec"].get("perturbations", "")).split(":")[-1].split(",") if l])
rate = images * levels / t["embed"] if t.get("embed") else float("nan")
print(f'{n:<6} {wall:9.1f} {t["total"]:9.1f} {t["plan"]:7.1f} {t["embed"]:7.1f} {rate:12.1f} {t["persistence"]:8.1f} {t["metrics"]:9.1f} {joined:7d}')
if joined != n:
    sys.exit(f"bench/cluster: only {joined} of {n} silos were in the cluster when the sweep finished")
PY
  if [ -z "$first" ]; then
    first=$n
  else
    a=$work/results-$first b=$work/results-$n
    (cd "$a" && find diagrams embeddings wasserstein.csv subspace_angles.csv similarity.csv -type f | sort) >"$work/files-$first"
    (cd "$b" && find diagrams embeddings wasserstein.csv subspace_angles.csv similarity.csv -type f | sort) >"$work/files-$n"
    cmp -s "$work/files-$first" "$work/files-$n" || { echo "bench/cluster: $n silos wrote other numeric files than $first" >&2; exit 1; }
    while read -r f; do cmp -s "$a/$f" "$b/$f" || { echo "bench/cluster: $f differs between $first and $n silos" >&2; exit 1; }; done <"$work/files-$first"
    echo "       results of $n silos byte-identical to $first silo(s): $(wc -l <"$work/files-$first") numeric files"
  fi
done
