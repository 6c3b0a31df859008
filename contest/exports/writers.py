"""Write a titled table as formatted xlsx or as CSV that Excel opens (UTF-8 with BOM).

Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR) is stored as text:
in xlsx as a quoted string cell (shown verbatim), in CSV behind an apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TypeGuard

from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"
MAX_WIDTH = 60


def is_formula_like(value: object) -> TypeGuard[str]:
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def safe_cell(value: object) -> object:
    """For CSV: prefix formula-like text with an apostrophe; numbers stay numbers."""
    return "'" + value if is_formula_like(value) else value


def _text_cell(ws, row: int, column: int, value: object):
    """Write a cell; formula-like text is stored as a quoted string, never as a formula."""
    cell = ws.cell(row=row, column=column, value=_plain(value))
    if isinstance(cell.value, str):
        cell.data_type = TYPE_STRING
        if is_formula_like(cell.value):
            cell.quotePrefix = True
    return cell


@dataclass
class Sheet:
    """A titled table: title lines above a bold, frozen header row."""

    name: str
    title_lines: list[str]
    headers: list[str]
    rows: Sequence[Sequence[object]] = field(default_factory=list)
    widths: list[int] | None = None
    # Header -> xlsx number format for that column's numeric cells (e.g. durations in seconds).
    number_formats: dict[str, str] = field(default_factory=dict)


def _plain(value: object) -> object:
    if isinstance(value, datetime | date):
        return value
    if value is None:
        return ""
    return value


def _width(header: str, rows: Sequence[Sequence[object]], index: int) -> int:
    longest = len(header)
    for row in rows[:500]:  # widths from a sample keep big exports fast
        if index < len(row):
            longest = max(longest, len(str(row[index] if row[index] is not None else "")))
    return min(max(longest + 2, 6), MAX_WIDTH)


def to_xlsx(sheets: Sequence[Sheet]) -> bytes:
    """Formatted workbook: bold title, bold frozen header, widths fitted, text cells as text."""
    book = Workbook()
    book.remove(book.worksheets[0])  # the blank sheet a new Workbook starts with
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for spec in sheets:
        ws = book.create_sheet(spec.name[:31])
        for number, line in enumerate(spec.title_lines, start=1):
            cell = _text_cell(ws, number, 1, line)
            cell.font = Font(bold=number == 1, size=13 if number == 1 else 11)
        header_row = len(spec.title_lines) + 2 if spec.title_lines else 1
        for col, header in enumerate(spec.headers, start=1):
            cell = ws.cell(row=header_row, column=col, value=header)
            cell.font, cell.fill = bold, fill
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        formats = {spec.headers.index(h) + 1: f for h, f in spec.number_formats.items()
                   if h in spec.headers}
        for offset, values in enumerate(spec.rows, start=header_row + 1):
            for col, value in enumerate(values, start=1):
                cell = _text_cell(ws, offset, col, value)
                if col in formats and isinstance(cell.value, int | float):
                    cell.number_format = formats[col]
        ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
        for col, header in enumerate(spec.headers, start=1):
            width = (spec.widths[col - 1] if spec.widths and col <= len(spec.widths)
                     else _width(header, spec.rows, col - 1))
            ws.column_dimensions[get_column_letter(col)].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_csv(sheet: Sheet) -> bytes:
    """UTF-8 CSV with a BOM (so Excel detects the encoding), title lines first."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for line in sheet.title_lines:
        writer.writerow([safe_cell(line)])
    if sheet.title_lines:
        writer.writerow([])
    writer.writerow(sheet.headers)
    for values in sheet.rows:
        writer.writerow([safe_cell(_csv_value(v)) for v in values])
    return (BOM + out.getvalue()).encode("utf-8")


def _csv_value(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M:%S")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def render(sheets: Sequence[Sheet], fmt: str) -> bytes:
    """Bytes of the export in ``fmt`` ("xlsx" or "csv"; CSV holds the first sheet only)."""
    if fmt == "xlsx":
        return to_xlsx(sheets)
    if fmt == "csv":
        return to_csv(sheets[0])
    raise ValueError(f"Định dạng không hỗ trợ: {fmt}")


MIMETYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
