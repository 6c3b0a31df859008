"""Prepare a load-test contest: questions, one open round, N registered entrants.

Writes a JSON file with the round id and one signed session cookie per entrant, so the load
generator measures contest traffic, not N password checks (scrypt is deliberately slow).

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bench_load \
        .venv/bin/python benchmarks/load_setup.py --entrants 5000 --out /tmp/load.json
    DATABASE_URL=sqlite:////tmp/smoke.sqlite .venv/bin/python benchmarks/load_setup.py \
        --smoke --out /tmp/smoke.json   # 6 entrants, 30 questions; migrates the database first
"""

from __future__ import annotations

import argparse
import hashlib
import json
from datetime import timedelta

import sqlalchemy as sa
from flask.sessions import SecureCookieSessionInterface

from contest import create_app
from contest.accounts.models import User
from contest.contests.groups import add_group
from contest.contests.models import ContestStatus, Registration
from contest.contests.services import create_contest, create_round, set_status
from contest.extensions import db, utcnow
from question_bank.services import create_question, get_or_create_bank

USER_AGENT = "contest-loadgen/1"


def session_cookie(app, user_id: int) -> str:
    """A session cookie exactly as Flask-Login writes it after a login from the load generator."""
    serializer = SecureCookieSessionInterface().get_signing_serializer(app)
    # Flask-Login's identifier: sha512 of "remote address|user agent".
    ident = hashlib.sha512(f"127.0.0.1|{USER_AGENT}".encode()).hexdigest()
    # "_sv": the account's session version (contest/accounts/sessions.py), 0 for new accounts.
    return serializer.dumps({"_user_id": str(user_id), "_fresh": True, "_id": ident, "_sv": 0})


def build(entrants: int, questions: int) -> dict:
    """Create the contest and entrants in bulk; return what the load generator needs."""
    bank = get_or_create_bank("Tải thử")
    for i in range(questions):
        create_question(code=f"LOAD-{i:05d}", text=f"Câu hỏi thử tải số {i}?",
                        area_id=i % 6 + 1, difficulty=i % 3 + 1,
                        options=[f"Phương án {c}" for c in "ABCD"], correct=[i % 4],
                        banks=[bank.name])
    contest = create_contest(title="Thử tải", rules_text="", tie_breaks=["score"])
    group = add_group(contest, "Thí sinh", [bank.id])
    now = utcnow()
    round_ = create_round(
        contest, name="Đợt thử tải", opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(days=1), time_limit_minutes=30, question_count=20,
        prediction_kind="none", attempt_policy="one_per_round", counting="best",
        review_policy="never", max_attempts=1, shuffle_questions=True, shuffle_options=True,
        is_practice=False, require_all_answered=False, recipe=[],
    )
    set_status(contest, ContestStatus.PUBLISHED)
    db.session.flush()
    password_hash = "!"  # no password: these entrants only ever use minted sessions
    first_id = (db.session.scalar(sa.select(sa.func.max(User.id))) or 0) + 1
    db.session.execute(sa.insert(User), [
        {"id": first_id + i, "full_name": f"Thí sinh {i}", "phone": f"08{i:08d}",
         "password_hash": password_hash, "role": "entrant", "active": True, "created_at": now}
        for i in range(entrants)
    ])
    db.session.execute(sa.insert(Registration), [
        {"contest_id": contest.id, "user_id": first_id + i, "group_id": group.id,
         "consent_at": now, "created_at": now}
        for i in range(entrants)
    ])
    if db.engine.dialect.name == "postgresql":
        db.session.execute(sa.text(
            "SELECT setval(pg_get_serial_sequence('\"user\"', 'id'), "
            "(SELECT max(id) FROM \"user\"))"
        ))
    return {"round_id": round_.id, "user_ids": [first_id + i for i in range(entrants)]}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entrants", type=int, default=5000)
    parser.add_argument("--questions", type=int, default=120)
    parser.add_argument("--out", required=True)
    parser.add_argument("--smoke", action="store_true",
                        help="6 entrants and 30 questions; build the schema (migrations) first")
    args = parser.parse_args(argv)
    if args.smoke:
        args.entrants, args.questions = 6, 30
    app = create_app()
    with app.app_context():
        if args.smoke:
            from flask_migrate import upgrade

            upgrade()
        data = build(args.entrants, args.questions)
        db.session.commit()
        data["cookies"] = [session_cookie(app, uid) for uid in data.pop("user_ids")]
        data["user_agent"] = USER_AGENT
    with open(args.out, "w") as handle:
        json.dump(data, handle)
    print(f"round {data['round_id']}: {len(data['cookies'])} entrants ready -> {args.out}")
    with app.app_context():
        db.engine.dispose()


if __name__ == "__main__":
    main()
