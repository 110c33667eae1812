#!/usr/bin/env bash
# Times the authoring loop on a fresh clone of this repository (see Benchmarks/README.md):
#   1. the first `make build` of the clone;
#   2. `mantissa build --no-cache`: every lesson, default jobs (the whole book);
#   3. a cell edit in chapter CHAPTER (default 01-numbers): `make site`, then the lesson's own run time;
#   4. the same edit undone: `make site`;
#   5. a prose edit with `mantissa serve` running: from saving the file until the server has
#      rebuilt the page (the open page notices within its 0.25 s poll).
# Usage: Benchmarks/authoring_loop.sh [CHAPTER]     (run from anywhere; needs git, curl, python3)
set -euo pipefail
source_repo="$(cd "$(dirname "$0")/.." && pwd)"
chapter="${1:-01-numbers}"
work="$(mktemp -d /tmp/mantissa-loop.XXXXXX)"
trap 'kill "${serve_pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
git clone -q "$source_repo" "$work/book"
cd "$work/book"
lesson="Lessons/$chapter.md"

seconds() { python3 -c 'import sys,time; print(f"{time.monotonic()-float(sys.argv[1]):.1f}")' "$1"; }
now() { python3 -c 'import time; print(time.monotonic())'; }
row() { printf '%-46s %8s s  %s\n' "$1" "$2" "${3:-}"; }

# Inserts (or removes) one statement at the top of the lesson's first cell.
edit_cell() {
  python3 - "$lesson" "$1" <<'PY'
import sys
path, mode = sys.argv[1], sys.argv[2]
lines = open(path, encoding="utf-8").read().split("\n")
marker = "let authoringLoopEdit = 1"
if mode == "add":
    i = lines.index("```swift")
    lines.insert(i + 1, marker)
else:
    lines.remove(marker)
open(path, "w", encoding="utf-8").write("\n".join(lines))
PY
}

# Appends a word to the first prose line after the title, keeping every line in place.
edit_prose() {
  python3 - "$lesson" <<'PY'
import sys
path = sys.argv[1]
lines = open(path, encoding="utf-8").read().split("\n")
fence = False
for i, line in enumerate(lines):
    if line.startswith("```"):
        fence = not fence
    if not fence and i > 5 and line[:1].isalpha():
        lines[i] = line + " Indeed."
        break
open(path, "w", encoding="utf-8").write("\n".join(lines))
PY
}

ran_seconds() { sed -n "s/.*\] $chapter ok \([0-9.]*\) s.*/\1/p" "$1" | head -1; }

echo "authoring loop on a fresh clone ($(git rev-parse --short HEAD)), $(nproc) cores, chapter $chapter"
start=$(now); make build > "$work/log" 2>&1; row "first make build" "$(seconds "$start")"
start=$(now); .build/release/mantissa build --no-cache > "$work/log" 2>&1
row "mantissa build --no-cache (whole book)" "$(seconds "$start")" "$(grep -c ' ok ' "$work/log") lessons run; it fills the cache"

edit_cell add
start=$(now); make site > "$work/log" 2>&1; total=$(seconds "$start")
row "cell edit: make site" "$total" "of which the lesson ran $(ran_seconds "$work/log") s"
edit_cell remove
start=$(now); make site > "$work/log" 2>&1; total=$(seconds "$start")
row "cell edit undone: make site" "$total" "of which the lesson ran $(ran_seconds "$work/log") s"

port=$((20000 + RANDOM % 20000))
.build/release/mantissa serve --port "$port" > "$work/serve.log" 2>&1 & serve_pid=$!
version() { curl -s "http://127.0.0.1:$port/__mantissa/status" | python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])' 2>/dev/null || echo none; }
for _ in $(seq 100); do [ "$(version)" != none ] && break; sleep 0.1; done
before=$(version)
edit_prose
start=$(now)
while [ "$(version)" = "$before" ]; do sleep 0.02; done
row "prose edit under serve: page rebuilt" "$(seconds "$start")" "(+ up to 0.25 s for the page's poll)"
