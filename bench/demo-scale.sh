#!/usr/bin/env bash
# Seeds the demo at a large scale and reports the time and the row counts.
# Usage: bench/demo-scale.sh [scale] [database-url]   (default: 100 on a fresh SQLite file)
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE=${1:-100}
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$(pwd)/target}"
cargo build --release -p amtfluencer -q
BIN="$CARGO_TARGET_DIR/release/amtfluencer"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
DB=${2:-sqlite://$WORK/scale.db}
/usr/bin/time -f "wall %e s, max RSS %M kB" "$BIN" demo --scale "$SCALE" --database-url "$DB"
if [[ "$DB" == sqlite://* ]]; then
  ls -lh "${DB#sqlite://}" | awk '{print "database file:", $5}'
fi
