#!/usr/bin/env bash
# The deadline surge with deploy/nginx.conf in front of two gunicorn processes. Half the
# entrants go through nginx (lateness judged on its X-Request-Start stamp), the other half
# straight to the gunicorn ports at the same time (judged when the process first sees the
# request, after gunicorn's queue: how it was before): the same-run baseline.
#   benchmarks/run_surge.sh [ENTRANTS] [WORKERS per gunicorn] [WINDOW seconds]
# Environment: OUT (JSON lines report, default /tmp/surge-report.jsonl), DB (default bench_surge).
set -euo pipefail
cd "$(dirname "$0")/.."
ENTRANTS=${1:-5000}; WORKERS=${2:-2}; WINDOW=${3:-60}
DB=${DB:-bench_surge}; OUT=${OUT:-/tmp/surge-report.jsonl}
PG="postgresql://postgres@127.0.0.1:5432"
NGINX=${NGINX:-/usr/sbin/nginx}
TMP=$(mktemp -d)
export SECRET_KEY=bench-secret PYTHONPATH=.
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT
sed -e "s#listen 80;#listen 127.0.0.1:8080;#" -e "s#/srv/contest/static/#$PWD/static/#" \
  deploy/nginx.conf > "$TMP/site.conf"
cat > "$TMP/nginx.conf" <<CONF
daemon off; worker_processes 1; pid $TMP/nginx.pid; error_log $TMP/error.log warn;
events { worker_connections 4096; }
http { include /etc/nginx/mime.types; access_log off;
  client_body_temp_path $TMP/b; proxy_temp_path $TMP/p; fastcgi_temp_path $TMP/f;
  uwsgi_temp_path $TMP/u; scgi_temp_path $TMP/s; include $TMP/site.conf; }
CONF
"$NGINX" -c "$TMP/nginx.conf" & PIDS+=($!)
for mode in mixed; do
  psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $DB" -qc "CREATE DATABASE $DB"
  export DATABASE_URL="$PG/$DB"
  .venv/bin/flask --app contest db upgrade >/dev/null
  .venv/bin/python benchmarks/load_setup.py --entrants "$ENTRANTS" --out "$TMP/load.json"
  ROUND=$(.venv/bin/python -c "import json; print(json.load(open('$TMP/load.json'))['round_id'])")
  .venv/bin/flask --app contest attempts prepare "$ROUND" >/dev/null
  export TRUSTED_PROXIES=127.0.0.1
  APPS=()
  for port in 8001 8002; do
    .venv/bin/gunicorn -w "$WORKERS" --backlog 4096 --keep-alive 75 --log-level warning \
      -b "127.0.0.1:$port" 'contest:create_app()' & APPS+=($!); PIDS+=($!)
  done
  for port in 8001 8002; do
    for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" -o /dev/null && break; sleep 0.2; done
  done
  .venv/bin/python benchmarks/deadline_surge.py --data "$TMP/load.json" --entrants "$ENTRANTS" \
    --base-url http://127.0.0.1:8080 --direct-urls http://127.0.0.1:8001,http://127.0.0.1:8002 \
    --window "$WINDOW" --lead "$((WINDOW + 10))" --mode "$mode" --out "$OUT"
  for pid in "${APPS[@]}"; do kill "$pid"; wait "$pid" 2>/dev/null || true; done
done
echo "report: $OUT"
