#!/usr/bin/env bash
# Compare the contest's hot requests (start, answer, submit) in-process between an older commit
# and the working tree, alternating runs on one fresh database so both see the same machine.
#   benchmarks/profile_compare.sh [REV=4df519b] [STARTS=100] [REPEATS=2]
set -euo pipefail
cd "$(dirname "$0")/.."
REV=${1:-4df519b}; N=${2:-100}; REPEATS=${3:-2}
PG="postgresql://postgres@127.0.0.1:5432"; DB=bench_compare
OLD=$(mktemp -d /tmp/contest-old.XXXXXX)
trap 'git worktree remove --force "$OLD" >/dev/null 2>&1 || true' EXIT
git worktree add -f -q "$OLD" "$REV"
cp benchmarks/profile_start.py "$OLD/benchmarks/"          # same measuring script for both
.venv/bin/pybabel compile -q -d "$OLD/translations" 2>/dev/null || true
psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $DB" -qc "CREATE DATABASE $DB"
export DATABASE_URL="$PG/$DB" SECRET_KEY=bench-secret
PYTHONPATH=. .venv/bin/flask --app contest db upgrade >/dev/null 2>&1
PER_RUN=$((N + 1)); RUNS=$((3 * 2 * REPEATS * 2))   # phases x sides x repeats x (timed + profiled)
PYTHONPATH=. .venv/bin/python benchmarks/load_setup.py --entrants $((RUNS * PER_RUN)) \
  --out /tmp/compare.json >/dev/null
skip=0
run() {  # side dir, label, extra args
  local side=$1 label=$2; shift 2
  echo "$label: $(cd "$side" && PYTHONPATH=. "$OLDPWD/.venv/bin/python" benchmarks/profile_start.py \
    --data /tmp/compare.json --starts "$PER_RUN" --skip "$skip" "$@" 2>/dev/null | head -2 | tr '\n' ' ')"
  skip=$((skip + PER_RUN))
}
for phase in start answer submit; do
  case $phase in start) args=();; answer) args=(--answers 8);; submit) args=(--answers 8 --submit);; esac
  for _ in $(seq "$REPEATS"); do
    run "$OLD" "old $phase" "${args[@]}"; run . "new $phase" "${args[@]}"
  done
  run "$OLD" "old $phase (profiled)" "${args[@]}" --profile; run . "new $phase (profiled)" "${args[@]}" --profile
done
