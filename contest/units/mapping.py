"""Column mapping for unit files whose headers are not recognised (e.g. the published commune
list): the preview offers the file's own headers, the organiser says which holds what."""

from __future__ import annotations

import re
from typing import Any, cast

from flask_babel import lazy_gettext as _l

from contest.spreadsheets import SpreadsheetError, Table, cell_text, read_sheets

FIELDS = ("code", "name", "parent", "block", "headcount")
REQUIRED = ("code", "name")
LABELS = {"code": _l("Mã đơn vị"), "name": _l("Tên đơn vị"), "parent": _l("Mã đơn vị cha"),
          "block": _l("Khối"), "headcount": _l("Biên chế")}
MAPPING_RE = re.compile(r"^(?:[a-z]+:\d{1,3})(?:;[a-z]+:\d{1,3})*$")
SCAN_ROWS = 30


def parse_mapping(text: str | None) -> dict[str, int]:
    """"code:0;name:2" -> {"code": 0, "name": 2}; anything malformed -> {}."""
    text = (text or "").strip()
    if not text or not MAPPING_RE.match(text):
        return {}
    pairs = [part.split(":") for part in text.split(";")]
    mapping = {key: int(index) for key, index in pairs if key in FIELDS}
    if len(set(mapping.values())) != len(mapping):
        return {}
    return mapping


def mapping_text(mapping: dict[str, int]) -> str:
    return ";".join(f"{key}:{mapping[key]}" for key in FIELDS if key in mapping)


def _first_sheet(data: bytes, filename: str) -> tuple[str, list[list[Any]]]:
    sheet, frame = next(iter(read_sheets(data, filename).items()))
    return sheet, frame.to_numpy(dtype=object, na_value=cast(Any, None)).tolist()


def _header_index(rows: list[list[Any]]) -> int:
    """The header row: the first of the first rows with at least two filled cells."""
    for index, row in enumerate(rows[:SCAN_ROWS]):
        if sum(1 for cell in row if cell_text(cell)) >= 2:
            return index
    return 0


def file_headers(data: bytes, filename: str) -> list[tuple[int, str]]:
    """(column index, header text) of the file's header row, for the mapping form."""
    _sheet, rows = _first_sheet(data, filename)
    if not rows:
        return []
    header = rows[_header_index(rows)]
    return [(index, cell_text(cell) or f"#{index + 1}") for index, cell in enumerate(header)]


def mapped_table(data: bytes, filename: str, mapping: dict[str, int]) -> Table:
    """The first sheet read with the given columns (header row as ``file_headers`` finds)."""
    missing = [str(LABELS[key]) for key in REQUIRED if key not in mapping]
    if missing:
        raise SpreadsheetError(_l("Hãy chọn cột cho: %(fields)s.", fields=", ".join(missing)))
    sheet, rows = _first_sheet(data, filename)
    index = _header_index(rows)
    header = [cell_text(cell) for cell in rows[index]] if rows else []
    width = len(header)
    if any(column >= width for column in mapping.values()):
        raise SpreadsheetError(_l("Cột đã chọn không có trong tệp. Vui lòng chọn lại."))
    table = Table(sheet=sheet,
                  columns={key: header[col] or f"#{col + 1}" for key, col in mapping.items()},
                  header_row=index + 1, positions=dict(mapping))
    for number, row in enumerate(rows[index + 1:], start=index + 2):
        cells = {key: cell_text(row[col]) for key, col in mapping.items() if col < len(row)}
        if any(cells.values()):
            table.rows.append(cells)
            table.row_numbers.append(number)
    return table
