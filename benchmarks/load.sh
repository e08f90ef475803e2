#!/usr/bin/env bash
# The service under load: `uvicorn app.main:app --workers 2` on 127.0.0.1 (a free port),
# a fresh SQLite database in a temporary folder with the seeds imported (ids 1..5, see
# README.md), one stored comparison warmed into the cache, then wrk against each endpoint.
# The ad-hoc comparison runs twice: the same body every time (after the first, each worker
# answers it from its cache of recent answers), and a different body every time (load.lua
# numbers a sentence added to the other text), which the engine computes every time.
#
#   benchmarks/load.sh                     # 30 s per endpoint
#   DURATION=5 benchmarks/load.sh          # a quick look
#   LOAD_JSON=/tmp/load.json benchmarks/load.sh
#   PROFILE=1 benchmarks/load.sh           # then py-spy on the workers: top functions per endpoint
#
# Settings (environment): DURATION (seconds per endpoint, default 30), WARMUP (seconds
# of unrecorded load before each run, default 2), THREADS (wrk threads, default 1) and
# CONNECTIONS (default 16), VENV (default .venv), LOAD_JSON (also write the results here),
# WIREDIFF_COMPARE_RATE_LIMIT (default: none) and the service's other WIREDIFF_* settings.
# PROFILE=1 adds, after the measured runs, a second wrk run per endpoint (PROFILE_DURATION
# seconds, default 10) while py-spy samples both workers; the measured figures are not
# affected by it.
# wrk shares the machine's cores with the two workers: every endpoint is measured the
# same way, so their ratios to /livez are fair; absolute figures are this machine's.
# Only 127.0.0.1 is ever targeted; every wrk run is bounded by DURATION; the server is
# stopped on exit.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${VENV:-$ROOT/.venv}"
DURATION="${DURATION:-30}"
WARMUP="${WARMUP:-2}"
THREADS="${THREADS:-1}"
CONNECTIONS="${CONNECTIONS:-16}"
PROFILE="${PROFILE:-0}"
PROFILE_DURATION="${PROFILE_DURATION:-10}"
PYTHON="$VENV/bin/python"

if ! command -v wrk >/dev/null; then
  echo "wrk is missing; installing Debian's package" >&2
  apt-get install -y -qq wrk >/dev/null
fi

WORKDIR="$(mktemp -d -t wirediff-load.XXXXXX)"
SERVER_PID=""
stop_server() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID"
    for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$SERVER_PID" 2>/dev/null && kill -KILL "$SERVER_PID"
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORKDIR"
}
trap stop_server EXIT

export DATABASE_URL="sqlite:///$WORKDIR/wirediff.db"
# wrk is one client: the per-client rate limit on compare routes (a policy, not a capacity)
# would answer 429 within a second. Off unless the caller sets it.
export WIREDIFF_COMPARE_RATE_LIMIT="${WIREDIFF_COMPARE_RATE_LIMIT-}"
cd "$ROOT"
if ! { "$VENV/bin/wirediff" migrate && "$VENV/bin/wirediff" import seeds; } >"$WORKDIR/setup.log" 2>&1; then
  cat "$WORKDIR/setup.log" >&2
  exit 1
fi

PORT="$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
BASE_URL="http://127.0.0.1:$PORT"
"$VENV/bin/uvicorn" app.main:app --host 127.0.0.1 --port "$PORT" --workers 2 >"$WORKDIR/server.log" 2>&1 &
SERVER_PID=$!

for _ in $(seq 100); do
  curl -fsS -o /dev/null "$BASE_URL/livez" 2>/dev/null && break
  sleep 0.2
done
if ! curl -fsS -o /dev/null "$BASE_URL/livez"; then
  echo "the server did not start; its log:" >&2
  cat "$WORKDIR/server.log" >&2
  exit 1
fi

# The ids are the seeds' file-name order (README.md): 2 is Reuters, 3 the Baghdad Post.
check_source() {
  local id="$1" expected="$2" actual
  actual="$(curl -fsS "$BASE_URL/v1/articles/$id" | "$PYTHON" -c 'import json, sys; print(json.load(sys.stdin)["source"])')"
  [[ "$actual" == "$expected" ]] || { echo "article $id is $actual, not $expected" >&2; exit 1; }
}
check_source 2 "Reuters"
check_source 3 "Baghdad Post"

# The ad-hoc comparison: Reuters (seed 001) against the Baghdad Post (seed 002), raw text; and
# the same with a last sentence added to the other text, "Revision N.", where load.lua puts a
# number never sent before into each request (nothing answered from the worker's cache).
BODY_FILE="$WORKDIR/compare-body.json"
VARY_BODY_FILE="$WORKDIR/compare-body-varied.json"
VARY_MARKER="@@N@@"
"$PYTHON" - "$BODY_FILE" "$VARY_BODY_FILE" "$VARY_MARKER" <<'PY'
import json
import sys
from pathlib import Path

seeds = sorted(Path("seeds").glob("*.txt"))
base, other = (next(p for p in seeds if p.name.startswith(prefix)).read_text(encoding="utf-8") for prefix in ("001", "002"))
Path(sys.argv[1]).write_text(json.dumps({"base": {"text": base}, "other": {"text": other}}), encoding="utf-8")
varied = {"base": {"text": base}, "other": {"text": f"{other.rstrip()}\n\nRevision {sys.argv[3]}.\n"}}
Path(sys.argv[2]).write_text(json.dumps(varied), encoding="utf-8")
PY

# Warm the cache of the stored comparison, and check that each endpoint answers 200.
for _ in 1 2; do
  curl -fsS -o /dev/null "$BASE_URL/v1/articles/2/compare/3"
  curl -fsS -o /dev/null -H 'Content-Type: application/json' --data-binary "@$BODY_FILE" "$BASE_URL/v1/compare"
done
curl -fsS -o /dev/null -H 'Content-Type: application/json' --data-binary "@$VARY_BODY_FILE" "$BASE_URL/v1/compare"

RESULTS="$WORKDIR/results.jsonl"
connections_per_worker() {  # established connections to the port, per worker process: "9/7"
  command -v ss >/dev/null || { echo unknown; return; }
  ss -tnpH state established "( sport = :$PORT )" | grep -o 'pid=[0-9]*' | sort | uniq -c \
    | awk '{print $1}' | sort -rn | paste -sd/ -
}
LOAD_AT_START="$(cut -d' ' -f1 /proc/loadavg)"
run_wrk() {  # name, path, [body file, [marker to vary]]
  local name="$1" path="$2" body="${3:-}"
  export WRK_VARY_MARKER="${4:-}"
  local wrk_args=(-t "$THREADS" -c "$CONNECTIONS" --timeout 10s -s "$ROOT/benchmarks/load.lua")
  if ((WARMUP > 0)); then
    WRK_VARY_RUN="warm$RANDOM$RANDOM" WRK_BODY_FILE="$body" timeout $((WARMUP + 15)) \
      wrk "${wrk_args[@]}" -d "${WARMUP}s" "$BASE_URL$path" >/dev/null
  fi
  echo "wrk ${wrk_args[*]} -d ${DURATION}s $BASE_URL$path ${body:+(POST $(basename "$body"))}" >&2
  # wrk opens its connections at once, and one worker may accept them all (2 runs in 15 did,
  # measuring one worker at half the service's throughput): the split is read mid-run, and a run
  # that left a worker without a connection is made again (at most 3 tries).
  local line split attempt
  for attempt in 1 2 3; do
    WRK_VARY_RUN="run$RANDOM$RANDOM" WRK_BODY_FILE="$body" timeout $((DURATION + 30)) \
      wrk "${wrk_args[@]}" -d "${DURATION}s" "$BASE_URL$path" >"$WORKDIR/wrk.out" &
    local wrk_pid=$!
    sleep "$(((DURATION + 1) / 2))"
    split="$(connections_per_worker)"
    wait "$wrk_pid"
    [[ "$split" == *"/"* || "$split" == "unknown" ]] && break
    echo "  every connection went to one worker ($split); again" >&2
  done
  line="$(grep '^RESULT ' "$WORKDIR/wrk.out" | sed 's/^RESULT //')"
  # One more request, to name the status behind any errors wrk counted.
  local status
  if [[ -n "$body" ]]; then
    status="$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' --data-binary "@$body" "$BASE_URL$path")"
  else
    status="$(curl -s -o /dev/null -w '%{http_code}' "$BASE_URL$path")"
  fi
  "$PYTHON" -c 'import json, sys; row = json.loads(sys.argv[4]); row.update(endpoint=sys.argv[1], path=sys.argv[2], status_after=int(sys.argv[3]), connections_per_worker=sys.argv[5]); print(json.dumps(row))' \
    "$name" "$path" "$status" "$line" "$split" >>"$RESULTS"
}

run_wrk "GET /livez" "/livez"
run_wrk "POST /v1/compare (seed 001 vs 002, raw text, the same body each time)" "/v1/compare" "$BODY_FILE"
run_wrk "POST /v1/compare (seed 001 vs 002 + a new sentence, a different body each time)" "/v1/compare" \
  "$VARY_BODY_FILE" "$VARY_MARKER"
run_wrk "GET /v1/articles/2/compare/3 (cached)" "/v1/articles/2/compare/3"
run_wrk "GET /v1/articles" "/v1/articles"

"$PYTHON" -m benchmarks.load_report "$RESULTS" \
  --command "DURATION=$DURATION WARMUP=$WARMUP THREADS=$THREADS CONNECTIONS=$CONNECTIONS benchmarks/load.sh" \
  --load-average "$LOAD_AT_START" "$(cut -d' ' -f1 /proc/loadavg)" ${LOAD_JSON:+--json "$LOAD_JSON"}

profile_endpoint() {  # name, path, [body file, [marker to vary]]: py-spy on the workers while wrk runs
  local name="$1" path="$2" body="${3:-}" stacks
  export WRK_VARY_MARKER="${4:-}"
  stacks="$WORKDIR/stacks-$RANDOM.txt"
  WRK_VARY_RUN="profile$RANDOM$RANDOM" WRK_BODY_FILE="$body" timeout $((PROFILE_DURATION + 30)) wrk -t "$THREADS" -c "$CONNECTIONS" --timeout 10s \
    -s "$ROOT/benchmarks/load.lua" -d "$((PROFILE_DURATION + 2))s" "$BASE_URL$path" >/dev/null &
  local wrk_pid=$!
  sleep 1
  timeout $((PROFILE_DURATION + 30)) "$PY_SPY" record --pid "$SERVER_PID" --subprocesses --nonblocking \
    --duration "$PROFILE_DURATION" --rate 200 --function --format raw --output "$stacks" >/dev/null 2>&1
  wait "$wrk_pid"
  "$PYTHON" -m benchmarks.stack_top "$stacks" --title "$name (py-spy, both workers, ${PROFILE_DURATION} s)"
}

if [[ "$PROFILE" == "1" ]]; then
  PY_SPY="$VENV/bin/py-spy"
  [[ -x "$PY_SPY" ]] || { echo "py-spy is missing: $VENV/bin/pip install -e '.[bench]'" >&2; exit 1; }
  echo
  echo "### Where the workers spend their time"
  profile_endpoint "GET /livez" "/livez"
  profile_endpoint "POST /v1/compare (seed 001 vs 002, raw text, the same body each time)" "/v1/compare" "$BODY_FILE"
  profile_endpoint "POST /v1/compare (seed 001 vs 002 + a new sentence, a different body each time)" \
    "/v1/compare" "$VARY_BODY_FILE" "$VARY_MARKER"
  profile_endpoint "GET /v1/articles/2/compare/3 (cached)" "/v1/articles/2/compare/3"
  profile_endpoint "GET /v1/articles" "/v1/articles"
fi
