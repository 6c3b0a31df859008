"""``flask --app contest results export ...``"""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from contest.audit.queries import AuditFilter
from contest.contests.models import Contest, Round
from contest.exports.services import (
    FORMATS,
    KINDS,
    ExportError,
    audit_export,
    overall_export,
    round_export,
)
from contest.extensions import db

results_cli = AppGroup("results", help="Publish and export contest results.")


@results_cli.command("export")
@click.argument("kind", type=click.Choice(KINDS))
@click.option("--round", "round_id", type=int, help="Round id (every kind except audit).")
@click.option("--overall", "contest_id", type=int, default=None,
              help="Contest id: the overall ranking across rounds (winners, results, units).")
@click.option("--group", "group_id", type=int, default=None, help="Entrant group id.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="xlsx", show_default=True)
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
def export(kind: str, round_id: int | None, contest_id: int | None, group_id: int | None,
           fmt: str, output: Path) -> None:
    """Export winners, results, units, bulletin, verification or the audit log to a file."""
    try:
        if kind == "audit":
            file = audit_export(AuditFilter(), fmt)
        elif contest_id is not None:
            contest = db.session.get(Contest, contest_id)
            if contest is None:
                raise click.ClickException(f"Không có cuộc thi mã {contest_id}.")
            file = overall_export(kind, contest, fmt, group_id)
        else:
            if round_id is None:
                raise click.UsageError("--round is required for this kind.")
            rnd = db.session.get(Round, round_id)
            if rnd is None:
                raise click.ClickException(f"Không có đợt thi mã {round_id}.")
            file = round_export(kind, rnd, fmt, group_id)
    except ExportError as error:
        raise click.ClickException(str(error)) from error
    db.session.commit()  # the verification export leaves an audit entry
    output.write_bytes(file.content)
    click.echo(f"Wrote {output} ({len(file.content)} bytes)")
