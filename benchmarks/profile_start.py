"""Profile starting attempts (or saving answers) in-process: CPU, SQL statements, hot functions.

    benchmarks/run_load.sh's setup first (or any DB made by load_setup.py), then:
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bench_prof SECRET_KEY=bench-secret \
        .venv/bin/python benchmarks/profile_start.py --data /tmp/prof.json --starts 300 [--profile]

Each start is a real POST /api/v1/rounds/<id>/attempts through the Flask test client with a
minted session cookie, so it runs every layer except gunicorn and the network.
``--smoke``: 3 starts, then 2 answers and a submit each (no timing aim).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import time
from pathlib import Path

import sqlalchemy as sa

from contest import create_app
from contest.extensions import db


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True)
    parser.add_argument("--starts", type=int, default=300)
    parser.add_argument("--skip", type=int, default=0, help="entrants already used")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--answers", type=int, default=0,
                        help="then save this many answers per attempt and time those instead")
    parser.add_argument("--submit", action="store_true",
                        help="start (and answer) untimed, then time the submits")
    parser.add_argument("--smoke", action="store_true",
                        help="3 entrants: starts, 2 answers and a submit each")
    args = parser.parse_args(argv)
    if args.smoke:
        args.starts, args.answers, args.submit = 3, 2, True
    data = json.loads(Path(args.data).read_text())
    app = create_app()
    statements = 0

    with app.app_context():
        @sa.event.listens_for(db.engine, "before_cursor_execute")
        def count(*_):
            nonlocal statements
            statements += 1

    client = app.test_client()
    url = f"/api/v1/rounds/{data['round_id']}/attempts"
    cookies = data["cookies"][args.skip:args.skip + args.starts]
    headers = {"X-Requested-With": "fetch", "User-Agent": data["user_agent"]}

    environ = {"REMOTE_ADDR": "127.0.0.1"}

    def start(cookie: str) -> str:
        client.set_cookie("session", cookie)
        response = client.post(url, headers=headers, environ_base=environ)
        assert response.status_code == 201, (response.status_code, response.get_data(True)[:300])
        return response.get_json()["attempt_id"]

    papers = {}
    if args.answers or args.submit:  # start every attempt first: only the rest is timed
        papers = {cookie: start(cookie) for cookie in cookies}

    def answer(cookie: str) -> None:
        client.set_cookie("session", cookie)
        for position in range(1, args.answers + 1):
            response = client.put(f"/api/v1/attempts/{papers[cookie]}/answers/{position}",
                                  json={"selected": [position % 4]}, headers=headers,
                                  environ_base=environ)
            assert response.status_code == 200, response.get_data(True)[:300]

    def submit(cookie: str) -> None:
        client.set_cookie("session", cookie)
        response = client.post(f"/api/v1/attempts/{papers[cookie]}/submit", json={},
                               headers=headers, environ_base=environ)
        assert response.status_code == 200, response.get_data(True)[:300]

    if args.submit:
        if args.answers:
            for cookie in cookies:
                answer(cookie)
        one, what, per = submit, "submits", 1
    elif args.answers:
        one, what, per = answer, "answer saves", args.answers
    else:
        one, what, per = start, "starts", 1
    one(cookies[0])  # warm up: imports, first connection, caches
    statements = 0
    profiler = cProfile.Profile() if args.profile else None
    cpu0, wall0 = time.process_time(), time.perf_counter()
    if profiler:
        profiler.enable()
    for cookie in cookies[1:]:
        one(cookie)
    if profiler:
        profiler.disable()
    n = (len(cookies) - 1) * per
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    print(f"{n} {what}: {1000 * cpu / n:.2f} ms CPU and {1000 * wall / n:.2f} ms wall each, "
          f"{statements / n:.1f} SQL statements each")
    if profiler:
        stats = pstats.Stats(profiler)
        print(f"{stats.total_calls / n:.0f} Python function calls each (CPU figures include "
              "the profiler's overhead)")
        stats.sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
