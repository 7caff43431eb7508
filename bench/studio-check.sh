#!/usr/bin/env bash
# Server time of POST /api/v1/studio/check on a 3,000-character German post: starts the demo on
# a fresh SQLite file, creates a token, sends N requests one after another and prints p50/p99
# of the server's own time (its Server-Timing header) and of curl's total time on loopback.
# Usage: bench/studio-check.sh [BINARY] [N]   (default: target/release/amtfluencer, 500)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${1:-${CARGO_TARGET_DIR:-target}/release/amtfluencer}"
N="${2:-500}"
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
db="sqlite://$work/bench.db"
"$BIN" serve --demo --bind "127.0.0.1:$port" --database-url "$db" >"$work/log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
token=$("$BIN" token create --database-url "$db" --tenant musterstadt --email katharina.brenner@musterstadt.example --scope write | tail -n 1)
python3 - "$work/body.json" <<'PY'
import json, sys
para = ("Heute zeige ich euch, wie wir im Bauamt eine neue Radwegbrücke über die Rheinaue planen. "
        "Zwischen Statik, Naturschutz und Bürgerbeteiligung gibt es viel zu tun! ")
text = "Was macht eigentlich ein Bauingenieur bei der Stadt? 🚲\n\n"
while len(text) < 2900:
    text += para + "\n\n"
text = text[:2900] + "\n\nWas würdet ihr gern wissen? #Bauamt #Radverkehr #Musterstadt"
json.dump({"text": text, "language": "de"}, open(sys.argv[1], "w"))
print(f"post: {len(text)} characters", file=sys.stderr)
PY
# Each line: curl's total time (s) and the server's own time from `Server-Timing: app;dur=MS`.
for _ in $(seq 1 "$N"); do
  curl -s -o /dev/null -D - -w 'total %{time_total}\n' -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' --data-binary "@$work/body.json" \
    "http://127.0.0.1:$port/api/v1/studio/check" \
    | tr -d '\r' | awk '/^server-timing:/ {split($0, a, "dur="); s = a[2]} /^total / {print $2 * 1000, s}'
done >"$work/times"
report() {
  sort -n | awk -v what="$1" '{a[NR]=$1} END {printf "%-30s requests %d  p50 %.2f ms  p99 %.2f ms  max %.2f ms\n", what, NR, a[int(NR*0.5)], a[int(NR*0.99)], a[NR]}'
}
cut -d' ' -f2 "$work/times" | report "server time (Server-Timing)"
cut -d' ' -f1 "$work/times" | report "curl total (loopback)"
