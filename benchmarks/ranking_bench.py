"""Ranking at national scale: one round of 1,000,000 attempts on PostgreSQL.

Builds a dedicated database (default ``bench_ranking``, dropped and recreated), fills it with
generate_series (no ORM), then times, in the same run and on the same rows:
- the bare sort: SELECT the round's finished attempts ORDER BY the tie-break columns, every
  row fetched into Python (and the server-side time of that query alone, EXPLAIN ANALYZE);
- the individual ranking: contest.ranking.services.round_ranking (every entrant group);
- the unit ranking: services.unit_results for the round (its own SQL aggregate);
- both from one SQL pass: services.round_results (units tallied from the ranked entries);
- the prediction truth: services.close_round_prediction.

    .venv/bin/python benchmarks/ranking_bench.py [--attempts 1000000] [--entrants 400000]
    .venv/bin/python benchmarks/ranking_bench.py --smoke   # 2,000 attempts, one run, no aim

``--server`` names the PostgreSQL server (default ``postgresql+psycopg://postgres@127.0.0.1:5432``).
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import time
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from contest import create_app  # noqa: E402
from contest.extensions import db  # noqa: E402
from contest.vocabulary import FINISHED_VALUES  # noqa: E402

SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432"
FINISHED = "(" + ", ".join(f"'{status}'" for status in FINISHED_VALUES) + ")"


def recreate_database(name: str, server: str = SERVER) -> str:
    """Drop and create the benchmark database; return its URL."""
    admin = sa.create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return f"{server}/{name}"


def drop_database(name: str, server: str = SERVER) -> None:
    """Drop the benchmark database (smoke runs leave nothing behind)."""
    admin = sa.create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def insert_sql(table: str, values: dict[str, str], source: str) -> str:
    """INSERT ... SELECT naming every NOT NULL column without a server default."""
    columns = db.metadata.tables[table].columns
    missing = [c.name for c in columns if not c.nullable and c.server_default is None
               and c.name not in values and not c.primary_key]
    if missing:
        raise SystemExit(f"{table}: no benchmark value for {missing}; add them to the bench")
    names = ", ".join(f'"{n}"' for n in values)
    return f'INSERT INTO "{table}" ({names}) SELECT {", ".join(values.values())} {source}'


def load(attempts: int, entrants: int, units: int) -> None:
    """Fill the schema: units in 3 blocks, entrants in 2 groups, one round of attempts."""
    steps = [
        "INSERT INTO block (id, name) VALUES (1, 'Khối sở, ngành'), (2, 'Khối xã, phường'), "
        "(3, 'Khối sự nghiệp')",
        insert_sql("unit", {"id": "g", "code": "'U' || g", "name": "'Đơn vị ' || g",
                            "block_id": "1 + g % 3", "headcount": "50 + (g * 37) % 1500",
                            "created_at": "now()"}, f"FROM generate_series(1, {units}) g"),
        insert_sql("contest", {"id": "1", "title": "'Bench'", "plan_reference": "''",
                               "decision_reference": "''", "rules_text": "''",
                               "status": "'published'",
                               "tie_breaks": "'[\"score\", \"prediction_error\", "
                                             "\"time_taken\", \"submitted_at\"]'",
                               "collective_formula": "'rate_then_average'",
                               "collective_min_rate": "0.05", "required_fields": "'[]'",
                               "overall_tie_breaks": "'[\"score\"]'",
                               "invite_token": "'bench'", "created_at": "now()"}, ""),
        insert_sql("entrant_group", {
            "id": "g", "contest_id": "1",
            "name": "CASE WHEN g = 1 THEN 'CBCCVC' ELSE 'Nhân dân' END",
            "prize_counts": "'{\"nhat\": 1, \"nhi\": 2, \"ba\": 3, \"khuyen_khich\": 5}'"},
            "FROM generate_series(1, 2) g"),
        insert_sql("round", {
            "id": "1", "contest_id": "1", "name": "'Tuần 1'",
            "opens_at": "'2025-05-04 17:00+00'", "closes_at": "'2025-05-11 17:00+00'",
            "time_limit_minutes": "20", "question_count": "20", "recipe": "'[]'",
            "shuffle_questions": "true", "shuffle_options": "true",
            "prediction_kind": "'full_marks_count'", "prediction_prompt": "''",
            "attempt_policy": "'unlimited'", "max_attempts": "1", "counting": "'best'",
            "is_practice": "false", "require_all_answered": "false",
            "review_policy": "'after_close'", "created_at": "now()"}, ""),
        insert_sql("user", {"id": "g", "full_name": "'Thí sinh ' || g",
                            "phone": "'09' || lpad(g::text, 8, '0')", "password_hash": "'x'",
                            "role": "'entrant'", "active": "true", "created_at": "now()"},
                   f"FROM generate_series(1, {entrants}) g"),
        insert_sql("registration", {
            "id": "g", "contest_id": "1", "user_id": "g", "group_id": "1 + g % 2",
            "unit_id": f"1 + (g::bigint * 7919) % {units}", "consent_at": "now()",
            "created_at": "'2025-05-01'::timestamptz + g * interval '1 second'",
            "disqualified": "g % 1000 = 0", "disqualify_reason": "''"},
            f"FROM generate_series(1, {entrants}) g"),
        # Entrant (g mod E) gets attempts g, g+E, g+2E ...: about attempts/entrants each.
        insert_sql("attempt", {
            "public_id": "'b' || g", "round_id": "1",
            "registration_id": f"1 + (g - 1) % {entrants}",
            "number": f"1 + (g - 1) / {entrants}", "status": "s.status",
            "started_at": "s.started", "deadline": "s.started + interval '20 minutes'",
            "finished_at": "CASE WHEN s.status = 'open' THEN NULL "
                           "ELSE s.started + s.secs * interval '1 second' END",
            "score": "CASE WHEN s.status = 'open' THEN NULL WHEN random() < 0.3 THEN 20 "
                     "ELSE floor(random() * 20) END",
            "max_score": "20", "duration_seconds": "s.secs",
            "prediction": "CASE WHEN random() < 0.05 THEN NULL "
                          "ELSE floor(random() * 400000) END",
            "client_ip": "''", "device_id": "''", "tab_switches": "0"},
            f"FROM generate_series(1, {attempts}) g, LATERAL (SELECT "
            "CASE WHEN g % 100 = 0 THEN 'open' WHEN g % 50 = 0 THEN 'expired' "
            "ELSE 'submitted' END AS status, "
            "'2025-05-04 17:00+00'::timestamptz + (g % 604000) * interval '1 second' "
            "AS started, 60 + (g * 7) % 1140 AS secs) s"),
    ]
    for sql in steps:
        db.session.execute(sa.text(sql))
    for table in ("unit", "contest", "entrant_group", "round", "user", "registration",
                  "attempt"):
        db.session.execute(sa.text(
            f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
            f"(SELECT max(id) FROM \"{table}\"))"))
    db.session.commit()
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(sa.text("VACUUM ANALYZE"))


BARE = (
    "SELECT a.registration_id, a.score, abs(a.prediction - r.prediction_truth) AS err, "
    "a.duration_seconds, a.finished_at FROM attempt a JOIN round r ON r.id = a.round_id "
    f"WHERE a.round_id = 1 AND a.status IN {FINISHED} "
    "ORDER BY a.score DESC NULLS LAST, err NULLS LAST, a.duration_seconds NULLS LAST, "
    "a.finished_at NULLS LAST, a.id"
)


def timed(label: str, func, repeat: int) -> tuple[float, object]:
    """Run ``func`` ``repeat`` times in fresh transactions; print and return the median."""
    runs, result = [], None
    for _ in range(repeat):
        db.session.rollback()
        db.session.expire_all()
        start = time.perf_counter()
        result = func()
        runs.append(time.perf_counter() - start)
    median = statistics.median(runs)
    print(f"{label:<44} median {median:6.3f} s  (runs: "
          + ", ".join(f"{r:.3f}" for r in runs) + ")")
    return median, result


def calibrate() -> float:
    """Wall time of a fixed pure-Python loop: shows how much other load slows this run."""
    start = time.perf_counter()
    sum(range(10**7))
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attempts", type=int, default=1_000_000)
    parser.add_argument("--entrants", type=int, default=400_000)
    parser.add_argument("--units", type=int, default=700)
    parser.add_argument("--database", default="bench_ranking")
    parser.add_argument("--server", default=SERVER)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--reuse", action="store_true", help="keep the loaded database")
    parser.add_argument("--smoke", action="store_true",
                        help="2,000 attempts by 800 entrants in 20 units, one run, then drop")
    args = parser.parse_args(argv)
    if args.smoke:
        args.attempts, args.entrants, args.units, args.repeat = 2_000, 800, 20, 1
        args.reuse = False
    try:
        run(args)
    finally:
        if args.smoke:
            drop_database(args.database, args.server)


def run(args: argparse.Namespace) -> None:
    url = (f"{args.server}/{args.database}" if args.reuse
           else recreate_database(args.database, args.server))
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "REDIS_URL": ""})
    try:
        measure(app, args)
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def measure(app, args: argparse.Namespace) -> None:
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; "
          f"calibration loop {calibrate():.3f} s (about 0.2 s on an idle core)")
    with app.app_context():
        from contest.contests.models import Contest, Round
        from contest.ranking import services

        if not args.reuse:
            db.create_all()
            start = time.perf_counter()
            load(args.attempts, args.entrants, args.units)
            print(f"loaded {args.attempts:,} attempts by {args.entrants:,} entrants "
                  f"in {time.perf_counter() - start:.1f} s")
        round_ = db.session.get(Round, 1)
        truth = services.close_round_prediction(round_)
        db.session.commit()
        print(f"prediction truth (full-mark entrants): {truth:g}")
        work_mem = db.session.execute(sa.text("SHOW work_mem")).scalar()
        print(f"PostgreSQL {db.session.execute(sa.text('SHOW server_version')).scalar()}, "
              f"work_mem {work_mem}")

        def same_work_mem():
            db.session.execute(sa.text("SELECT set_config('work_mem', :size, true)"),
                               {"size": app.config.get("RANKING_WORK_MEM", "256MB")})

        def bare_fetch():
            same_work_mem()
            gc.disable()  # as the ranking does while it builds rows: a like-for-like fetch
            try:
                return db.session.connection().exec_driver_sql(BARE).fetchall()
            finally:
                gc.enable()

        def bare_server():
            same_work_mem()
            plan = db.session.connection().exec_driver_sql(
                "EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) " + BARE).scalar()
            return plan[0]["Execution Time"] / 1000

        def individual():
            return services.round_ranking(db.session.get(Round, 1))

        def units():
            return services.unit_results(db.session.get(Contest, 1), db.session.get(Round, 1))

        def both():
            return services.round_results(db.session.get(Round, 1))

        def truth_again():
            return services.close_round_prediction(db.session.get(Round, 1))

        bare, rows = timed("bare sort, rows fetched into Python", bare_fetch, args.repeat)
        server = statistics.median(bare_server() for _ in range(args.repeat))
        print(f"{'bare sort, server side only':<44} median {server:6.3f} s")
        ind, ranked = timed("individual ranking (round_ranking)", individual, args.repeat)
        uni, result = timed("unit ranking (unit_results)", units, args.repeat)
        bot, _ = timed("individual + units, one pass (round_results)", both, args.repeat)
        tru, _ = timed("prediction truth (close_round_prediction)", truth_again, args.repeat)
        db.session.rollback()
        entrants = sum(len(v) for v in ranked.values())
        print(f"rows sorted by the bare query: {len(rows):,}; ranked entrants: {entrants:,} "
              f"in {len(ranked)} groups; units: {len(result.units)}")
        print(f"individual / bare fetch = {ind / bare:.2f}x; round_results / bare fetch = "
              f"{bot / bare:.2f}x; individual + unit_results = {(ind + uni) / bare:.2f}x")
        print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; "
              f"calibration loop {calibrate():.3f} s (about 0.2 s on an idle core)")


if __name__ == "__main__":
    main()
