"""``flask --app contest attempts ...``"""

from __future__ import annotations

import click
from flask.cli import AppGroup

from contest.attempts.closeout import finalize_expired_and_close_out
from contest.attempts.prepared import pool_sizes, prepare_papers
from contest.contests.models import Round
from contest.extensions import db
from question_bank.drawing import DrawError

attempts_cli = AppGroup("attempts", help="Attempts: prepare papers ahead, finalise the ones "
                                         "whose time is up.")


@attempts_cli.command("finalize-expired")
def finalize_expired_command() -> None:
    """Finalise open attempts past their deadline plus grace and close out the rounds whose
    close time has passed (prediction truth included); run every minute by a scheduler."""
    count, closed = finalize_expired_and_close_out()
    db.session.commit()
    click.echo(f"Đã chốt {count} bài thi hết giờ.")
    for done in closed:
        truth = "" if done.truth is None else f", đáp án câu dự đoán {done.truth:g}"
        click.echo(f"Đã chốt đợt thi số {done.round_id}: đóng {done.finalised} bài đang làm"
                   f"{truth}.")


@attempts_cli.command("prepare")
@click.argument("round_id", type=int)
@click.option("--count", type=click.IntRange(min=0), default=None,
              help="Papers per entrant group (default: one per waiting entrant, minus those "
                   "already prepared).")
def prepare_command(round_id: int, count: int | None) -> None:
    """Draw papers ahead for a round, so that starting at its opening only claims one."""
    round_ = db.session.get(Round, round_id)
    if round_ is None:
        raise click.ClickException(f"Không có đợt thi số {round_id}.")
    try:
        drawn = prepare_papers(round_, count)
    except DrawError as error:
        raise click.ClickException(f"Chưa chuẩn bị được đề: {error}") from error
    db.session.commit()
    ready = pool_sizes(round_id)
    for group in round_.contest.groups:
        click.echo(f"{group.name}: chuẩn bị thêm {drawn.get(group, 0)} đề, "
                   f"sẵn sàng {ready.get(group.id, 0)} đề.")
