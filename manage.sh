#!/usr/bin/env bash
# Two entry points: `./manage.sh serve` (set up + demo data + serve on :5000)
# and `./manage.sh test` (set up + ruff + mypy + the whole test suite). Both are re-runnable.
set -euo pipefail
cd "$(dirname "$0")"

PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
VENV=.venv

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }

setup_python() {
  local reqs=$1
  [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
  local stamp="$VENV/.installed-$(cat requirements*.txt | sha256sum | cut -c1-16)-$reqs"
  if [ ! -f "$stamp" ]; then
    "$VENV/bin/pip" install -q --upgrade pip
    "$VENV/bin/pip" install -q -r "$reqs"
    touch "$stamp"
  fi
  "$VENV/bin/pybabel" compile -d translations -D "messages wtforms" >/dev/null  # .mo in step with .po
}

setup_chromium() {
  # Browser tests drive Debian's Chromium through Playwright (never `playwright install`).
  [ -x /usr/bin/chromium ] && return 0
  echo "Installing Debian's chromium for the browser tests..."
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq || true
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core \
    >/dev/null || echo "!! Could not install chromium: browser tests will be skipped (fail on CI)."
}

setup_nginx() {
  # The reverse-proxy tests run deploy/nginx.conf with Debian's nginx (as a user process).
  [ -x /usr/sbin/nginx ] && return 0
  echo "Installing Debian's nginx for the reverse-proxy tests..."
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    nginx >/dev/null || echo "!! Could not install nginx: its tests will be skipped (fail on CI)."
}

case "${1:-}" in
  serve)
    setup_python requirements.txt
    export FLASK_APP=contest
    "$VENV/bin/flask" db upgrade
    "$VENV/bin/flask" seed-demo
    exec "$VENV/bin/flask" run --host 127.0.0.1 --port "${PORT:-5000}"
    ;;
  test)
    setup_python requirements-dev.txt
    setup_chromium
    setup_nginx
    shift
    "$VENV/bin/ruff" check .
    "$VENV/bin/mypy"
    exec "$VENV/bin/pytest" "$@"
    ;;
  *)
    echo "usage: ./manage.sh serve | test [pytest args]" >&2
    exit 2
    ;;
esac
