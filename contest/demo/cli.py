"""``flask --app contest seed-demo``: demo accounts and data, safe to run again."""

from __future__ import annotations

import click
import sqlalchemy as sa

from contest.accounts.models import Role, User
from contest.accounts.services import create_user
from contest.attempts.policies import AttemptError
from contest.contests.rules import ContestError
from contest.demo.bank import seed_questions
from contest.demo.contest import CONTEST_TITLE, demo_entrant_login, seed_contest
from contest.demo.practice import seed_practice_questions
from contest.demo.units import seed_units
from contest.extensions import db

DEMO_STAFF = [
    (Role.ADMIN, "Quản trị viên", "admin@demo.vn", "0900000001", "admin12345"),
    (Role.ORGANISER, "Nguyễn Thị Tổ Chức", "btc@demo.vn", "0900000002", "btc12345"),
    (Role.JUDGE, "Trần Văn Giám Khảo", "bgk@demo.vn", "0900000003", "bgk12345"),
]


def seed_staff() -> list[tuple[str, str, str]]:
    """Create the demo admin, organiser and judge if missing; return their logins."""
    logins = []
    for role, name, email, phone, password in DEMO_STAFF:
        if not db.session.scalar(sa.select(User.id).where(User.email == email)):
            create_user(full_name=name, password=password, role=role, email=email, phone=phone)
        logins.append((role.label, email, password))
    return logins


@click.command("seed-demo")
def seed_demo() -> None:
    """Create demo accounts, units, questions and a contest (idempotent)."""
    logins = seed_staff()
    units = seed_units()
    questions = seed_questions() + seed_practice_questions()
    db.session.commit()  # units and questions stand even if the contest step fails
    click.echo(f"Đơn vị mới: {units}; câu hỏi mới: {questions}.")
    failed = False
    try:
        contest = seed_contest()
    except (ContestError, AttemptError) as error:
        db.session.rollback()
        failed = True
        click.echo(f"Không tạo được cuộc thi mẫu: {error}", err=True)
    else:
        db.session.commit()
        click.echo(f"Cuộc thi «{CONTEST_TITLE}»: "
                   + ("đã tạo." if contest else "đã có, giữ nguyên."))
    entrant = demo_entrant_login()
    if entrant:
        logins.append(("Thí sinh (demo)", *entrant))
    click.echo("Demo data ready. Logins:")
    for label, login, password in logins:
        click.echo(f"  {label:<20} {login:<16} mật khẩu: {password}")
    if failed:
        raise SystemExit(1)
