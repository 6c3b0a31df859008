"""``flask --app contest units ...``"""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup
from sqlalchemy.exc import IntegrityError

from contest.extensions import db
from contest.units.importing import plan_import
from contest.units.services import apply_import

units_cli = AppGroup("units", help="Manage units.")


@units_cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check the file and report; write nothing.")
def import_units(file: Path, dry_run: bool) -> None:
    """Import units from an xlsx/xls/ods/csv FILE, matched by code (safe to run again)."""
    plan = plan_import(file.read_bytes(), file.name)
    for error in plan.errors:
        click.echo(f"Lỗi – {error}", err=True)
    if plan.errors:
        raise click.ClickException(f"{len(plan.errors)} lỗi: chưa nhập đơn vị nào.")
    summary = (f"{plan.count('create')} tạo mới, {plan.count('update')} cập nhật, "
               f"{plan.count('unchanged')} không đổi")
    if dry_run:
        click.echo(f"Chạy thử (không ghi gì): {summary}.")
        return
    try:
        apply_import(plan)
        db.session.commit()
    except IntegrityError as error:
        db.session.rollback()
        raise click.ClickException("Dữ liệu vừa bị thay đổi trong lúc nhập; "
                                   "chưa nhập gì, hãy chạy lại.") from error
    click.echo(f"Đã nhập đơn vị: {summary}.")
