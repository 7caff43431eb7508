#!/usr/bin/env bash
# Browser tests: installs the npm deps, starts a demo instance of the app on a free port with
# a fresh database, runs tests/*.test.mjs with Node's test runner, stops the server and exits
# with the tests' exit code.
#
# Env: AMTFLUENCER_BIN (default: $CARGO_TARGET_DIR/debug/amtfluencer, or without CARGO_TARGET_DIR
# the first of target/ and ../target/ that has it; relative paths are taken from the repo root),
# PORT (default: a free one), AMBASSADOR_EMAIL, CHROMIUM_PATH.
# Needs Chromium at /usr/bin/chromium (apt-get install -y chromium); no browser is downloaded.
set -euo pipefail

E2E_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$E2E_DIR/.." && pwd)"
cd "$E2E_DIR"

if [[ -n "${AMTFLUENCER_BIN:-}" ]]; then
  BIN="$AMTFLUENCER_BIN"
elif [[ -n "${CARGO_TARGET_DIR:-}" ]]; then
  BIN="$CARGO_TARGET_DIR/debug/amtfluencer"
else
  BIN="target/debug/amtfluencer"
  [[ -x "$REPO_ROOT/$BIN" ]] || BIN="../target/debug/amtfluencer"
fi
case "$BIN" in /*) ;; *) BIN="$REPO_ROOT/$BIN" ;; esac
if [[ ! -x "$BIN" ]]; then
  echo "run.sh: app binary not found at $BIN (build it with cargo build, or set AMTFLUENCER_BIN)" >&2
  exit 1
fi

npm ci --no-audit --no-fund --loglevel=error

RUN_DIR="$(mktemp -d)"
PORT="${PORT:-$(node -e 'const s = require("net").createServer();
s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')}"
BASE_URL="http://127.0.0.1:$PORT"
SERVER_LOG="$RUN_DIR/server.log"
SERVER_PID=""

stop_server() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$RUN_DIR"
}
trap stop_server EXIT

echo "run.sh: starting $BIN on $BASE_URL (in $RUN_DIR)"
(cd "$RUN_DIR" && exec "$BIN" serve --demo --bind "127.0.0.1:$PORT" \
  --database-url "sqlite://$RUN_DIR/e2e.db") >"$SERVER_LOG" 2>&1 &
SERVER_PID=$!

healthy() {
  node -e 'fetch(process.argv[1], { signal: AbortSignal.timeout(2000) })
    .then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1));' "$BASE_URL/healthz"
}

deadline=$((SECONDS + 60))
until healthy; do
  problem=""
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then problem="the server exited before /healthz answered 200"
  elif (( SECONDS >= deadline )); then problem="/healthz did not answer 200 within 60 s"; fi
  if [[ -n "$problem" ]]; then
    echo "run.sh: $problem; the server log:" >&2
    cat "$SERVER_LOG" >&2
    exit 1
  fi
  sleep 0.5
done
echo "run.sh: server is up"

set +e
BASE_URL="$BASE_URL" node --test --test-reporter=spec --test-concurrency=1 tests/*.test.mjs
status=$?
set -e

if (( status != 0 )); then
  echo "run.sh: tests failed; last lines of the server log:" >&2
  tail -n 40 "$SERVER_LOG" >&2
fi
exit "$status"
