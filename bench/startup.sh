#!/usr/bin/env bash
# Start-up time to the first /healthz 200 on an existing demo database, and idle resident
# memory, of the release build. Usage: bench/startup.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-10}
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$(pwd)/target}"
cargo build --release -p amtfluencer -q
BIN="$CARGO_TARGET_DIR/release/amtfluencer"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
PORT=18765
URL="http://127.0.0.1:$PORT"

# Create and seed the demo database once.
"$BIN" serve --demo --bind 127.0.0.1:$PORT --database-url "sqlite://$WORK/demo.db" >/dev/null 2>&1 &
PID=$!
until curl -sf "$URL/healthz" >/dev/null; do sleep 0.05; done
kill -TERM $PID; wait $PID || true

best=999999; total=0
for i in $(seq 1 "$RUNS"); do
  t0=$(date +%s%N)
  "$BIN" serve --demo --bind 127.0.0.1:$PORT --database-url "sqlite://$WORK/demo.db" >/dev/null 2>&1 &
  PID=$!
  until curl -sf "$URL/healthz" >/dev/null 2>&1; do sleep 0.002; done
  t1=$(date +%s%N)
  ms=$(( (t1 - t0) / 1000000 ))
  total=$((total + ms)); [ "$ms" -lt "$best" ] && best=$ms
  if [ "$i" -eq "$RUNS" ]; then
    # Idle memory: a few requests, then let it settle.
    for p in /login /healthz /readyz /metrics; do curl -s "$URL$p" >/dev/null; done
    sleep 3
    rss=$(awk '/VmRSS/ {print $2}' /proc/$PID/status)
  fi
  kill -TERM $PID; wait $PID || true
done
echo "start to first /healthz 200: best ${best} ms, mean $((total / RUNS)) ms over $RUNS runs"
echo "idle resident memory: $((rss / 1024)) MB (${rss} kB)"
