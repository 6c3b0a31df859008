"""Close out a round of 100,000 attempts with 10,000 still open, on PostgreSQL.

Builds a dedicated database (default ``bench_closeout``, dropped and recreated), fills it with
generate_series (no ORM): one closed round, ``--attempts`` attempts of ``--items`` questions
each, ``--open`` of them still open with some answers saved. Then times, in the same run and on
the same rows (each measurement in its own transaction, rolled back, so every run sees the
same open attempts):
- the bare UPDATE of the open attempt rows (status, finish time; no grading);
- the bare UPDATEs of those rows and of their items (what grading must write at the least);
- ``contest.attempts.closeout.close_out``: finalise as at the deadline, grade set-based, compute
  the prediction truth, audit;
- the per-attempt path it replaces (``finalize_stale``, one claim and grade per attempt) on a
  sample of ``--sample`` open attempts, scaled to per attempt.

    .venv/bin/python benchmarks/closeout_bench.py [--attempts 100000] [--open 10000]
    .venv/bin/python benchmarks/closeout_bench.py --smoke   # 500 attempts, 50 open, one run
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.ranking_bench import (  # noqa: E402
    SERVER,
    calibrate,
    drop_database,
    insert_sql,
    recreate_database,
)
from contest import create_app  # noqa: E402
from contest.extensions import db  # noqa: E402

NOW = datetime(2025, 5, 12, tzinfo=UTC)  # the round closed on 2025-05-11 17:00 UTC


def load(attempts: int, open_count: int, items: int) -> None:
    """One closed round; attempts g <= open_count are open, the others submitted."""
    every = max(1, attempts // max(1, open_count))
    open_when = f"g % {every} = 0 AND g / {every} <= {open_count}"
    steps = [
        "INSERT INTO reform_area (id, name, position) VALUES (1, 'Cải cách thể chế', 1)",
        insert_sql("question", {"id": "1", "code": "'Q1'", "text": "'Câu hỏi?'", "area_id": "1",
                                "difficulty": "2", "explanation": "''", "legal_basis": "''",
                                "status": "'active'", "fingerprint": "'fp'",
                                "option_order": "'auto'", "topic": "''",
                                "created_at": "now()", "updated_at": "now()"}, ""),
        insert_sql("contest", {"id": "1", "title": "'Bench'", "plan_reference": "''",
                               "decision_reference": "''", "rules_text": "''",
                               "status": "'published'",
                               "tie_breaks": "'[\"score\", \"prediction_error\"]'",
                               "collective_formula": "'rate_then_average'",
                               "collective_min_rate": "0.5", "required_fields": "'[]'",
                               "overall_tie_breaks": "'[\"score\"]'",
                               "invite_token": "'bench'", "created_at": "now()"}, ""),
        insert_sql("entrant_group", {"id": "1", "contest_id": "1", "name": "'CBCCVC'",
                                     "prize_counts": "'{\"nhat\": 1}'"}, ""),
        insert_sql("round", {
            "id": "1", "contest_id": "1", "name": "'Tuần 1'",
            "opens_at": "'2025-05-04 17:00+00'", "closes_at": "'2025-05-11 17:00+00'",
            "time_limit_minutes": "20", "question_count": str(items), "recipe": "'[]'",
            "shuffle_questions": "true", "shuffle_options": "true",
            "prediction_kind": "'full_marks_percent'", "prediction_prompt": "''",
            "attempt_policy": "'one_per_round'", "max_attempts": "1", "counting": "'best'",
            "is_practice": "false", "require_all_answered": "false",
            "review_policy": "'after_close'", "created_at": "now()"}, ""),
        insert_sql("user", {"id": "g", "full_name": "'Thí sinh ' || g",
                            "phone": "'09' || lpad(g::text, 8, '0')", "password_hash": "'x'",
                            "role": "'entrant'", "active": "true", "created_at": "now()"},
                   f"FROM generate_series(1, {attempts}) g"),
        insert_sql("registration", {
            "id": "g", "contest_id": "1", "user_id": "g", "group_id": "1",
            "consent_at": "now()", "created_at": "now()", "disqualified": "false",
            "disqualify_reason": "''"}, f"FROM generate_series(1, {attempts}) g"),
        insert_sql("attempt", {
            "id": "g", "public_id": "'b' || g", "round_id": "1", "registration_id": "g",
            "number": "1",
            "status": f"CASE WHEN {open_when} THEN 'open' ELSE 'submitted' END",
            "started_at": "'2025-05-05 01:00+00'::timestamptz + (g % 500000) * interval '1 s'",
            "deadline": "'2025-05-05 01:20+00'::timestamptz + (g % 500000) * interval '1 s'",
            "finished_at": f"CASE WHEN {open_when} THEN NULL ELSE "
                           "'2025-05-05 01:10+00'::timestamptz + (g % 500000) * interval '1 s' "
                           "END",
            "score": f"CASE WHEN {open_when} THEN NULL ELSE g % {items + 1} END",
            "max_score": str(items),
            "duration_seconds": f"CASE WHEN {open_when} THEN NULL ELSE 600 END",
            "prediction": "(g % 10000) / 100.0", "client_ip": "''", "device_id": "''",
            "tab_switches": "0"}, f"FROM generate_series(1, {attempts}) g"),
        insert_sql("attempt_item", {
            "attempt_id": "a", "position": "p", "question_id": "1", "area_id": "1",
            "difficulty": "2", "weight": "1.0", "text": "'Câu hỏi?'",
            "options": "'[\"A\", \"B\", \"C\", \"D\"]'", "correct": "'[1]'",
            "selected": "CASE (a * 7 + p) % 4 WHEN 0 THEN NULL WHEN 1 THEN '[2]' "
                        "ELSE '[1]' END::json",
            "is_correct": "NULL", "option_count": "4", "multiple": "false",
            "explanation": "''"},
            f"FROM generate_series(1, {attempts}) a, generate_series(1, {items}) p"),
    ]
    for sql in steps:
        db.session.execute(sa.text(sql))
    for table in ("contest", "entrant_group", "round", "user", "registration", "attempt",
                  "attempt_item"):
        db.session.execute(sa.text(
            f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
            f"(SELECT max(id) FROM \"{table}\"))"))
    db.session.commit()
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(sa.text("VACUUM ANALYZE"))


BARE_ATTEMPTS = ("UPDATE attempt SET status = 'expired', finished_at = deadline "
                 "WHERE round_id = 1 AND status = 'open'")
BARE_ITEMS = ("UPDATE attempt_item SET is_correct = false WHERE attempt_id IN "
              "(SELECT id FROM attempt WHERE round_id = 1 AND status = 'expired' "
              "AND score IS NULL)")


def timed(label: str, func, repeat: int) -> tuple[float, object]:
    """Run ``func`` ``repeat`` times, each in a transaction rolled back; print the median."""
    runs, result = [], None
    for _ in range(repeat):
        db.session.rollback()
        db.session.expire_all()
        start = time.perf_counter()
        result = func()
        db.session.flush()
        runs.append(time.perf_counter() - start)
        db.session.rollback()
    median = statistics.median(runs)
    print(f"{label:<48} median {median:7.3f} s  (runs: "
          + ", ".join(f"{r:.3f}" for r in runs) + ")")
    return median, result


def measure(args: argparse.Namespace) -> None:
    from contest.attempts.closeout import close_out
    from contest.attempts.finalise import finalize_stale
    from contest.attempts.models import Attempt
    from contest.contests.models import Round

    if not args.reuse:
        db.create_all()
        start = time.perf_counter()
        load(args.attempts, args.open, args.items)
        print(f"loaded {args.attempts:,} attempts of {args.items} questions "
              f"({args.attempts * args.items:,} items) in {time.perf_counter() - start:.1f} s")
    still_open = db.session.scalar(sa.text(
        "SELECT count(*) FROM attempt WHERE round_id = 1 AND status = 'open'"))
    print(f"open attempts in the closed round: {still_open:,}")

    def bare() -> int:
        return db.session.connection().exec_driver_sql(BARE_ATTEMPTS).rowcount

    def bare_with_items() -> int:
        count = db.session.connection().exec_driver_sql(BARE_ATTEMPTS).rowcount
        db.session.connection().exec_driver_sql(BARE_ITEMS)
        return count

    def closeout():
        done = close_out(db.session.get(Round, 1), now=NOW)
        assert done is not None and done.finalised == still_open, done
        return done

    sample = min(args.sample, still_open)
    ids = list(db.session.scalars(sa.select(Attempt.id).where(
        Attempt.round_id == 1, Attempt.status == "open").order_by(Attempt.id).limit(sample)))

    def per_attempt() -> int:
        return finalize_stale(Attempt.id.in_(ids), NOW)

    bare_s, count = timed("bare UPDATE of the open attempts", bare, args.repeat)
    items_s, _ = timed("bare UPDATEs of the open attempts and their items",
                       bare_with_items, args.repeat)
    close_s, done = timed("close_out (finalise + grade + truth + audit)", closeout, args.repeat)
    old_s, _ = timed(f"per-attempt finalize_stale, {sample} attempts", per_attempt, args.repeat)
    db.session.rollback()
    print(f"rows: {count:,} attempts; close_out truth {done.truth}")
    print(f"close_out / bare UPDATE of attempts = {close_s / bare_s:.2f}x; "
          f"close_out / bare UPDATEs of attempts and items = {close_s / items_s:.2f}x")
    per = old_s / max(1, sample)
    print(f"per-attempt path: {per * 1000:.2f} ms per attempt, so about "
          f"{per * still_open:.1f} s for {still_open:,}; close_out: "
          f"{close_s / max(1, still_open) * 1000:.3f} ms per attempt")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attempts", type=int, default=100_000)
    parser.add_argument("--open", type=int, default=10_000)
    parser.add_argument("--items", type=int, default=20, help="questions per attempt")
    parser.add_argument("--sample", type=int, default=300,
                        help="open attempts finalised one by one (the old path)")
    parser.add_argument("--database", default="bench_closeout")
    parser.add_argument("--server", default=SERVER)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--reuse", action="store_true", help="keep the loaded database")
    parser.add_argument("--smoke", action="store_true",
                        help="500 attempts, 50 open, 5 questions, one run, then drop")
    args = parser.parse_args(argv)
    if args.smoke:
        args.attempts, args.open, args.items, args.sample, args.repeat = 500, 50, 5, 10, 1
        args.reuse = False
    url = (f"{args.server}/{args.database}" if args.reuse
           else recreate_database(args.database, args.server))
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "REDIS_URL": "",
                      "ANSWER_GRACE_SECONDS": 5})
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; "
          f"calibration loop {calibrate():.3f} s (about 0.2 s on an idle core)")
    try:
        with app.app_context():
            try:
                measure(args)
            finally:
                db.session.remove()
                db.engine.dispose()
    finally:
        if args.smoke:
            drop_database(args.database, args.server)


if __name__ == "__main__":
    main()
