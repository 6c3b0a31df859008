#!/usr/bin/env bash
# Restart the real PostgreSQL server while entrants answer; check nothing acknowledged is lost.
#   benchmarks/fault_pg_restart.sh [ENTRANTS] [SECONDS] [PG_VERSION PG_CLUSTER]
# Needs root (or the postgres user) for pg_ctlcluster. It briefly cuts EVERY database on the
# server: do not run it where others use PostgreSQL. A dry run that only drops this database's
# connections: RESTART_CMD="psql postgresql://postgres@127.0.0.1:5432/postgres -c \"SELECT
# pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'fault_pg'\"" ./fault_pg_restart.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ENTRANTS=${1:-20}; SECONDS_RUN=${2:-20}
read -r VERSION CLUSTER < <(pg_lsclusters -h | awk '$4 == "online" {print $1, $2; exit}')
VERSION=${3:-$VERSION}; CLUSTER=${4:-$CLUSTER}
DB=fault_pg; PORT=${PORT:-5109}; PG="postgresql://postgres@127.0.0.1:5432"
export DATABASE_URL="$PG/$DB" SECRET_KEY=fault-secret PYTHONPATH=.
DATA=$(mktemp /tmp/fault_pg.XXXXXX.json)
psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $DB" -qc "CREATE DATABASE $DB"
.venv/bin/python benchmarks/fault_pg_client.py setup --entrants "$ENTRANTS" --out "$DATA"
.venv/bin/gunicorn -w 2 --threads 4 -b "127.0.0.1:$PORT" --log-level warning \
  'contest:create_app()' & APP=$!
trap 'kill $APP 2>/dev/null || true; rm -f "$DATA"' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/healthz" -o /dev/null && break; sleep 0.1; done
.venv/bin/python benchmarks/fault_pg_client.py run --data "$DATA" \
  --base-url "http://127.0.0.1:$PORT" --seconds "$SECONDS_RUN" & CLIENTS=$!
sleep $((SECONDS_RUN / 3))
RESTART_CMD=${RESTART_CMD:-pg_ctlcluster $VERSION $CLUSTER restart}
echo "restart: $RESTART_CMD at $(date +%T)"
START=$(date +%s.%N)
eval "$RESTART_CMD" >/dev/null
echo "restart: server back after $(echo "$(date +%s.%N) - $START" | bc) s"
echo "healthz right after: $(curl -s "http://127.0.0.1:$PORT/healthz")"
wait $CLIENTS
.venv/bin/python benchmarks/fault_pg_client.py verify --data "$DATA"
