#!/usr/bin/env bash
# Dashboard pages and the analytics API on the demo scaled ×100 (1,800 Amtfluencer, seven
# years, 279,139 posts, 5.58 million metric snapshots): seeds the database once, starts a
# release build on it (without the job worker, so that only requests are measured) and
# prints the server time's p50/p99 of every page (bench/dashboards.py): once as the team sees
# them moving between the dashboards (the period's facts kept from the first request), once
# with new figures of one post before every request (the kept facts brought up to date), and
# once with a period not asked for before in every request (each reads its period in full).
#
# Usage: bench/dashboards.sh [DATABASE_URL] [N] [FROM TO]
#   DATABASE_URL  default sqlite://$BENCH_DIR/scale100.db; a PostgreSQL URL must name an
#                 existing database, empty or seeded by an earlier run
#   N             requests per page (default 200)
#   FROM TO       a period for every page (default: the twelve months up to today)
# The seeded database is kept in $BENCH_DIR (default: target/bench) for the next run;
# AMTFLUENCER_BIN names a binary to measure instead of building one.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$(pwd)/target}"
BENCH_DIR="${BENCH_DIR:-$CARGO_TARGET_DIR/bench}"
mkdir -p "$BENCH_DIR"
DB="${1:-sqlite://$BENCH_DIR/scale100.db}"
N="${2:-200}"
shift $(( $# > 2 ? 2 : $# ))
if [ -z "${AMTFLUENCER_BIN:-}" ]; then
  cargo build --release -p amtfluencer -q
fi
BIN="${AMTFLUENCER_BIN:-$CARGO_TARGET_DIR/release/amtfluencer}"

seeded() {
  case "$DB" in
    sqlite://*) [ -s "${DB#sqlite://}" ] ;;
    postgres*) [ "$(psql "$DB" -tAc "SELECT count(*) FROM information_schema.tables WHERE table_name = 'posts'" 2>/dev/null)" = 1 ] ;;
  esac
}
if ! seeded; then
  echo "seeding the demo ×100 (once) …"
  /usr/bin/time -f "seeded in %e s, max RSS %M kB" "$BIN" demo --scale 100 --database-url "$DB"
  case "$DB" in
    # What autovacuum does for a running server; a fresh bulk load has no statistics yet, and
    # without them PostgreSQL plans as if every table were empty.
    postgres*) psql "$DB" -qc "VACUUM ANALYZE" ;;
  esac
fi
"$BIN" migrate --database-url "$DB" >/dev/null

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
log=$(mktemp)
AMTFLUENCER_SECRET_KEY=$(printf '0%.0s' $(seq 64)) \
  "$BIN" serve --no-worker --bind "127.0.0.1:$port" --database-url "$DB" >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
python3 bench/dashboards.py "http://127.0.0.1:$port" "$N" "$@"
echo
BENCH_CHANGE_DB="$DB" python3 bench/dashboards.py "http://127.0.0.1:$port" "$N" "$@"
echo
BENCH_NEW_PERIOD=1 python3 bench/dashboards.py "http://127.0.0.1:$port" "$N"
grep -i -E "error|panic" "$log" || true
echo "resident memory after the run: $(awk '/VmRSS/ {print $2, $3}' /proc/$pid/status)"
