"""The uploaded spreadsheet given back with an error column, so organisers fix it in place."""

from __future__ import annotations

import io
from collections import defaultdict
from typing import Any, cast

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from contest.spreadsheets import put_cell, read_sheets
from question_bank.import_plan import Plan
from question_bank.importer import spreadsheet_name

ERROR_HEADER = _l("Lỗi")
_RED = PatternFill("solid", fgColor="F8D7DA")


def _plain(value: object) -> object:
    if value is None or (isinstance(value, float) and value != value):  # NaN
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, (int, float, str)):
        return value
    return str(value)


def error_report_xlsx(data: bytes, filename: str, plan: Plan) -> bytes:
    """Every sheet that was read, with a "Lỗi" (Error) column naming each row's problems."""
    messages: dict[tuple[str, int], list[str]] = defaultdict(list)
    for error in plan.errors:
        messages[(error.sheet, error.row)].append(f"{error.column}: {error.message}")
    for warning in plan.warnings:
        messages[(warning.sheet, warning.row)].append(
            f"{warning.column}: {warning.message} ({_('cảnh báo')})")
    for row in plan.duplicates:
        messages[(row.sheet, row.row)].append(
            _("Trùng với %(other)s (cảnh báo)", other=row.duplicate_of))
    frames = read_sheets(data, spreadsheet_name(filename))
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])  # the blank sheet a new Workbook starts with
    for name in plan.sheets:
        # pandas takes None as na_value; pandas-stubs only list scalars.
        values = frames[name].to_numpy(dtype=object, na_value=cast(Any, None)).tolist()
        width = max((len(r) for r in values), default=0)
        sheet = workbook.create_sheet(title=str(name)[:31] or "Sheet")
        header_row = plan.header_rows.get(name, 1)
        for number, cells in enumerate(values, start=1):
            for col, value in enumerate(cells, start=1):
                put_cell(sheet, number, col, _plain(value))
            if number == header_row:
                cell = put_cell(sheet, number, width + 1, str(ERROR_HEADER))
                cell.font = Font(bold=True, color="B3261E")
            elif (name, number) in messages:
                cell = put_cell(sheet, number, width + 1, "\n".join(messages[(name, number)]))
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                for col in range(1, width + 2):
                    sheet.cell(row=number, column=col).fill = _RED
        sheet.column_dimensions[get_column_letter(width + 1)].width = 60
        sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
