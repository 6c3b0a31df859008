"""``flask --app contest attempts ...``"""

from __future__ import annotations

import click
from flask.cli import AppGroup

from contest.attempts.services import finalize_expired
from contest.extensions import db

attempts_cli = AppGroup("attempts", help="Attempts: finalise the ones whose time is up.")


@attempts_cli.command("finalize-expired")
def finalize_expired_command() -> None:
    """Finalise open attempts past their deadline plus grace (run every minute by a scheduler)."""
    count = finalize_expired()
    db.session.commit()
    click.echo(f"Đã chốt {count} bài thi hết giờ.")
