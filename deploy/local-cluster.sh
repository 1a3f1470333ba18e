#!/usr/bin/env bash
# A local ClipGeometry cluster on loopback: redis-server (append-only file on) and three clipgeo-silo processes
# sharing one artifact store.
#   deploy/local-cluster.sh start   [--silos N] [--redis-port P] [--base-port B] [--metrics-port M] [--store DIR]
#   deploy/local-cluster.sh stop
#   deploy/local-cluster.sh status
# State (pids, logs, Redis data) lives in $CLIPGEO_CLUSTER_DIR (default ./.cluster).
set -euo pipefail
cd "$(dirname "$0")/.."

state=${CLIPGEO_CLUSTER_DIR:-$PWD/.cluster}
silos=3
redis_port=6380
base_port=11111
metrics_port=9464
store="$state/store"
command=${1:-}
shift || true
while [ $# -gt 0 ]; do
  case "$1" in
    --silos) silos=$2; shift 2 ;;
    --redis-port) redis_port=$2; shift 2 ;;
    --base-port) base_port=$2; shift 2 ;;
    --metrics-port) metrics_port=$2; shift 2 ;;
    --store) store=$2; shift 2 ;;
    *) echo "local-cluster: unknown option '$1'" >&2; exit 2 ;;
  esac
done

silo_bin=src/Silo/bin/Release/net10.0/clipgeo-silo

start() {
  command -v redis-server >/dev/null || { echo "local-cluster: redis-server is not installed (apt-get install redis-server)" >&2; exit 1; }
  [ -x "$silo_bin" ] || dotnet build src/Silo -c Release >/dev/null
  mkdir -p "$state/redis" "$store"
  redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$state/redis" --appendonly yes --save "" \
    --daemonize yes --pidfile "$state/redis.pid" --logfile "$state/redis.log"
  for _ in $(seq 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  for i in $(seq 0 $((silos - 1))); do
    silo_port=$((base_port + 2 * i))
    gateway_port=$((base_port + 2 * i + 1))
    prometheus_port=$((metrics_port + i))
    nohup "$silo_bin" --clustering redis --redis "127.0.0.1:$redis_port" --cluster-id local \
      --silo-port "$silo_port" --gateway-port "$gateway_port" --prometheus-port "$prometheus_port" \
      --store "$store" >"$state/silo-$i.log" 2>&1 &
    echo $! >"$state/silo-$i.pid"
    echo "silo $i: silo port $silo_port, gateway $gateway_port, metrics http://localhost:$prometheus_port/metrics"
  done
  echo "redis 127.0.0.1:$redis_port; store $store; logs in $state"
}

stop() {
  # The silos leave the cluster gracefully (through Redis) on SIGTERM: wait for them before stopping Redis, and
  # kill -9 any still running after 30 s, so that their ports are free for the next start.
  pids=()
  for pidfile in "$state"/silo-*.pid; do
    [ -e "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    kill "$pid" 2>/dev/null && pids+=("$pid")
    rm -f "$pidfile"
  done
  for _ in $(seq 300); do
    alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.1
  done
  for pid in "${pids[@]}"; do
    kill -0 "$pid" 2>/dev/null && { echo "local-cluster: silo $pid did not stop in 30 s; killing it" >&2; kill -9 "$pid" 2>/dev/null || true; }
  done
  if [ -e "$state/redis.pid" ]; then
    kill "$(cat "$state/redis.pid")" 2>/dev/null || true
    rm -f "$state/redis.pid"
  fi
}

status() {
  for pidfile in "$state"/silo-*.pid "$state/redis.pid"; do
    [ -e "$pidfile" ] || continue
    if kill -0 "$(cat "$pidfile")" 2>/dev/null; then echo "$(basename "$pidfile" .pid): running"; else echo "$(basename "$pidfile" .pid): gone"; fi
  done
}

case "$command" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: deploy/local-cluster.sh start|stop|status [--silos N] [--redis-port P] [--base-port B] [--metrics-port M] [--store DIR]" >&2; exit 2 ;;
esac
