"""``flask --app contest bank ...``: import, export and the template, from the command line."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask.cli import AppGroup

from contest.extensions import db
from contest.spreadsheets import SpreadsheetError, fold
from question_bank.exporting import bank_by_name, export_questions, export_xlsx, template_xlsx
from question_bank.formats import WRITERS, sniff
from question_bank.import_plan import ImportOptions, Plan
from question_bank.importer import apply_plan, prepare
from question_bank.parsing import CellError, parse_area
from question_bank.services import repin_by_meaning

bank_cli = AppGroup("bank", help="Ngân hàng câu hỏi: nhập, xuất, tệp mẫu.")


def _area_map(pairs: tuple[str, ...]) -> dict[str, int]:
    mapping = {}
    for pair in pairs:
        category, sep, area = pair.rpartition("=")
        try:
            if not sep or not category.strip():
                raise CellError("thiếu dấu =")
            mapping[fold(category)] = parse_area(area)
        except CellError as error:
            raise click.BadParameter(f"“{pair}”: {error} (dạng: \"Tên trong tệp=3\")") from None
    return mapping


def echo_plan(plan: Plan, sheet_word: str = "Trang ") -> None:
    for error in plan.errors:
        click.echo(f"  {sheet_word}{error.sheet}, dòng {error.row}, cột {error.column}: "
                   f"{error.message}", err=True)
    for warning in plan.warnings:
        click.echo(f"  Cảnh báo: {sheet_word}{warning.sheet}, dòng {warning.row}, cột "
                   f"{warning.column}: {warning.message}")
    for row in plan.duplicates:
        click.echo(f"  Trùng: dòng {row.row} trùng với {row.duplicate_of} — bỏ qua.")
    for warning in plan.skipped:
        click.echo(f"  {warning.sheet}, dòng {warning.row}: bỏ qua câu “{warning.message}” — "
                   f"kiểu {warning.column} không dùng được trong cuộc thi.")


@bank_cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--bank", default="", help="Đưa mọi câu hỏi vào ngân hàng này.")
@click.option("--area", type=click.IntRange(1, 6), help="Lĩnh vực cho các dòng không ghi.")
@click.option("--map-area", multiple=True, help='Gán nhóm trong tệp cho lĩnh vực: "Tên=3".')
@click.option("--sheet", default="", help="Chỉ đọc trang tính này.")
@click.option("--all-sheets", is_flag=True, help="Đọc mọi trang tính có câu hỏi.")
@click.option("--include-duplicates", is_flag=True, help="Vẫn nhập các câu trùng.")
@click.option("--update-existing", is_flag=True,
              help="Mã đã có ở ngân hàng khác: cập nhật câu đó (mặc định: báo lỗi).")
@click.option("--new-codes", is_flag=True,
              help="Mã đã có ở ngân hàng khác: nhập thành câu mới với mã mới.")
@click.option("--dry-run", is_flag=True, help="Chỉ kiểm tra, không ghi gì.")
def import_command(file: Path, bank: str, area: int | None, map_area: tuple[str, ...],
                   sheet: str, all_sheets: bool, include_duplicates: bool,
                   update_existing: bool, new_codes: bool, dry_run: bool) -> None:
    """Import questions from .xlsx, .xls, .ods, .csv, GIFT, Aiken, Moodle XML or QTI 2.x."""
    if update_existing and new_codes:
        raise click.BadParameter("chỉ dùng một trong --update-existing và --new-codes.")
    options = ImportOptions(bank=bank.strip(), default_area=area, area_map=_area_map(map_area),
                            sheet=sheet, all_sheets=all_sheets,
                            include_duplicates=include_duplicates,
                            code_conflicts="update" if update_existing else
                            "new" if new_codes else "")
    data = file.read_bytes()
    try:
        plan, sheets = prepare(data, file.name, options)
    except SpreadsheetError as error:
        click.echo(f"Lỗi: {error}", err=True)
        sys.exit(2)
    interchange = sniff(data, file.name) is not None
    echo_plan(plan, "" if interchange else "Trang ")
    if not interchange and plan.unknown_areas:
        click.echo(f"Hạng mục không phải lĩnh vực (giữ làm chủ đề): "
                   f"{', '.join(plan.unknown_areas)}; gán lĩnh vực bằng --map-area \"Tên=3\" "
                   f"hoặc --area N.")
    if interchange and plan.unknown_areas:
        click.echo(f"Danh mục không phải lĩnh vực (thành ngân hàng): "
                   f"{', '.join(plan.unknown_areas)}; gán lĩnh vực bằng --map-area \"Tên=3\".")
    if plan.conflicts:
        click.echo(f"{plan.conflicts} mã đã có ở ngân hàng khác: dùng --update-existing để "
                   f"cập nhật các câu đó, hoặc --new-codes để nhập thành câu mới.", err=True)
    if plan.errors:
        click.echo(f"Tệp có {len(plan.errors)} lỗi; không ghi câu hỏi nào.", err=True)
        sys.exit(1)
    if len(sheets) > 1 and not all_sheets and not sheet:
        click.echo(f"Đã đọc trang “{plan.sheets[0]}”; tệp còn các trang có câu hỏi: "
                   f"{', '.join(sheets[1:])} (dùng --all-sheets hoặc --sheet).")
    if dry_run:
        click.echo(f"Kiểm tra xong: {plan.count('new')} câu mới, {plan.count('update')} câu "
                   f"cập nhật, {len(plan.duplicates)} câu trùng. Chưa ghi gì (--dry-run).")
        return
    result = apply_plan(plan, options, filename=file.name)
    db.session.commit()
    click.echo(result.summary())


@bank_cli.command("export")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--bank", default="", help="Chỉ xuất ngân hàng này.")
@click.option("--include-retired", is_flag=True, help="Xuất cả câu đã ngừng sử dụng.")
def export_command(file: Path, bank: str, include_retired: bool) -> None:
    """Export questions: GIFT for .gift, Moodle XML for .xml, the .xlsx template otherwise."""
    bank_id = None
    if bank:
        found = bank_by_name(bank)
        if found is None:
            click.echo(f"Lỗi: không có ngân hàng “{bank}”.", err=True)
            sys.exit(2)
        bank_id = found.id
    writer = next((w for w, _mime, ext in WRITERS.values() if ext == file.suffix.lower()), None)
    if writer is not None:
        file.write_bytes(writer(export_questions(bank_id, include_retired)))
    else:
        file.write_bytes(export_xlsx(bank_id, include_retired))
    click.echo(f"Đã xuất ra {file}.")


@bank_cli.command("repin")
@click.option("--dry-run", is_flag=True, help="Chỉ liệt kê, không ghi gì.")
def repin_command(dry_run: bool) -> None:
    """Keep in place, in stored questions, the options that name others and those they name."""
    changes = repin_by_meaning(apply=not dry_run)
    letters = "ABCDEF"
    for code, before, after in changes:
        click.echo(f"  {code}: giữ vị trí {''.join(letters[p] for p in before) or '-'} → "
                   f"{''.join(letters[p] for p in after)}")
    if dry_run:
        click.echo(f"{len(changes)} câu sẽ được giữ thêm phương án. Chưa ghi gì (--dry-run).")
        return
    db.session.commit()
    click.echo(f"Đã giữ thêm phương án cho {len(changes)} câu hỏi.")


@bank_cli.command("template")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def template_command(file: Path) -> None:
    """Write the empty import template (.xlsx)."""
    file.write_bytes(template_xlsx())
    click.echo(f"Đã ghi tệp mẫu {file}.")
