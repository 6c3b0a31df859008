#!/usr/bin/env bash
# Run the contest-day load benchmark end to end on this machine (PostgreSQL on 127.0.0.1).
#   benchmarks/run_load.sh [ENTRANTS] [WORKERS] [THREADS]
# Environment: ANSWERS (per entrant, default 20), OUT (JSON report), PREPARE (1: papers drawn
# ahead with `flask attempts prepare`, the default; 0: every start draws its paper).
set -euo pipefail
cd "$(dirname "$0")/.."
ENTRANTS=${1:-5000}; WORKERS=${2:-4}; THREADS=${3:-2}
DB=bench_load
PG="postgresql://postgres@127.0.0.1:5432"
export DATABASE_URL="$PG/$DB" SECRET_KEY=bench-secret PYTHONPATH=.
psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $DB" -qc "CREATE DATABASE $DB"
.venv/bin/flask --app contest db upgrade >/dev/null
.venv/bin/python benchmarks/load_setup.py --entrants "$ENTRANTS" --out /tmp/load.json
# Papers drawn ahead, as an organiser does before the round opens (PREPARE=0: every start draws).
if [ "${PREPARE:-1}" = 1 ]; then
  ROUND=$(.venv/bin/python -c 'import json; print(json.load(open("/tmp/load.json"))["round_id"])')
  TIMEFORMAT="papers prepared in %R s"
  time .venv/bin/flask --app contest attempts prepare "$ROUND"
fi
# keep-alive above the client pool's idle time, as behind a reverse proxy: otherwise idle pooled
# connections are closed by gunicorn (default 2 s) and the next request on them fails.
# The baseline's table, made once here: its workers would race to create it.
.venv/bin/python -c "from benchmarks.baseline_app import create_app; create_app()"
GUNICORN=(.venv/bin/gunicorn -w "$WORKERS" --threads "$THREADS" --backlog 4096 --keep-alive 75
  --log-level warning)
"${GUNICORN[@]}" -b 127.0.0.1:8000 'contest:create_app()' & APP=$!
"${GUNICORN[@]}" -b 127.0.0.1:8001 'benchmarks.baseline_app:create_app()' & BASE=$!
trap 'kill $APP $BASE 2>/dev/null || true' EXIT
for port in 8000 8001; do
  for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/" -o /dev/null -w '' 2>/dev/null && break
    curl -s "http://127.0.0.1:$port/healthz" -o /dev/null && break; sleep 0.2; done
done
.venv/bin/python benchmarks/loadgen.py --data /tmp/load.json --entrants "$ENTRANTS" \
  --answers "${ANSWERS:-20}" \
  --base-url http://127.0.0.1:8000 --baseline-url http://127.0.0.1:8001 \
  --out "${OUT:-/tmp/load-report.json}"
echo "report: ${OUT:-/tmp/load-report.json}"
