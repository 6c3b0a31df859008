"""Read organisers' spreadsheets (xlsx, xls, ods, csv) into rows keyed by canonical fields.

pandas stays at this edge: callers get plain dicts, never DataFrames.
"""

from __future__ import annotations

import functools
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from typing import Any, TypeGuard, cast

import pandas as pd
from flask_babel import gettext as _

from contest.errors import DomainError

EXCEL_EXTENSIONS = {".xlsx", ".xlsm", ".xls", ".ods"}
ALLOWED_EXTENSIONS = EXCEL_EXTENSIONS | {".csv"}
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
# Real sheets compress about 8:1 (a 10 000-question bank: 1.5 MB -> a 12 MB sheet); zip bombs
# far more. Both the whole archive and every member above 1 MB must stay under these.
MAX_ZIP_RATIO = 30
MAX_SHEET_BYTES = 100 * 1024 * 1024
SHEET_RATIO_FROM_BYTES = 1024 * 1024
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class SpreadsheetError(DomainError):
    """The file cannot be read at all; the message is meant for the user (through gettext)."""


@dataclass
class Table:
    """One sheet: its name, the Excel row number of each data row, and the mapped rows."""

    sheet: str
    columns: dict[str, str]  # canonical field -> header as written in the file
    rows: list[dict[str, str]] = field(default_factory=list)
    row_numbers: list[int] = field(default_factory=list)
    extra_headers: list[str] = field(default_factory=list)
    header_row: int = 0  # Excel row number of the header
    positions: dict[str, int] = field(default_factory=dict)  # canonical field -> column index


def _fold_table() -> dict[int, str]:
    """Every accented Latin letter -> its bare letters ("ấ" -> "a"), built once."""
    table: dict[int, str] = {ord("đ"): "d", ord("Đ"): "d"}
    for code in range(0x00C0, 0x2000):
        char = chr(code)
        decomposed = unicodedata.normalize("NFD", char)
        bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
        if bare != char and code not in table:
            table[code] = bare
    return table


_FOLD_TABLE = _fold_table()
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


# The fast path (issue 15, point 7): decompose, drop the combining marks by encoding to ASCII,
# then one byte table lower-cases and blanks everything not a-z/0-9. It is taken only when
# decomposing leaves nothing but ASCII and combining marks U+0300-U+036F (all of Vietnamese),
# where it gives exactly what the per-character path below gives.
_ASCII_FOLD = bytes((b + 32 if 65 <= b <= 90 else b) if chr(b).isascii() and chr(b).isalnum()
                    else 32 for b in range(256))
_ASCII_FOLD_NUL = b"\x00" + _ASCII_FOLD[1:]  # fold_many's separator survives
_NOT_PLAIN = re.compile(r"[^\x00-\x7f\u0300-\u036f]")


def fold(text: object) -> str:
    """Lower-case, strip accents and collapse spaces: "  Đáp  án ĐÚNG " -> "dap an dung"."""
    return _fold(text if isinstance(text, str) else str(text))


@functools.lru_cache(maxsize=65536)
def _fold(text: str) -> str:
    """A translation table handles composed Vietnamese in one C call (imports fold every cell
    several times, hence the cache); anything still not ASCII takes the per-character path."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "d"))
    if not _NOT_PLAIN.search(decomposed):
        return " ".join(
            decomposed.encode("ascii", "ignore").translate(_ASCII_FOLD).decode().split())
    if not text.isascii():
        text = text.translate(_FOLD_TABLE)
        if not text.isascii():
            text = unicodedata.normalize("NFD", text).replace("đ", "d").replace("Đ", "d")
            text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return _NOT_ALNUM.sub(" ", text.lower()).strip()


def fold_many(texts: list[str]) -> list[str]:
    """``[fold(t) for t in texts]`` in a few C calls for the whole list (fingerprints fold a
    question's text and every option): the fast path of ``_fold`` over the texts joined by
    NUL, which that path keeps; any text it does not cover is folded on its own."""
    joined = "\x00".join(texts)
    if joined.count("\x00") != len(texts) - 1:  # a text holds NUL itself
        return [fold(t) for t in texts]
    decomposed = unicodedata.normalize("NFD", joined.replace("đ", "d").replace("Đ", "d"))
    if _NOT_PLAIN.search(decomposed):
        return [fold(t) for t in texts]
    plain = decomposed.encode("ascii", "ignore").translate(_ASCII_FOLD_NUL).decode()
    return [" ".join(part.split()) for part in plain.split("\x00")]


def cell_text(value: object) -> str:
    """A cell as trimmed text; floats that are whole numbers lose their ".0"."""
    if type(value) is str:  # most cells: skip the number checks
        return (value if value.isascii() else unicodedata.normalize("NFC", value)).strip()
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    # Vietnamese typed as combining marks (e.g. Windows-1258 files) is stored composed.
    return unicodedata.normalize("NFC", str(value)).strip()


def check_container(data: bytes, filename: str) -> str:
    """Refuse files that are not spreadsheets, are encrypted, or unzip to something huge."""
    ext = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if ext not in ALLOWED_EXTENSIONS:
        raise SpreadsheetError(
            _("Chỉ nhận tệp Excel (.xlsx, .xls), OpenDocument (.ods) hoặc CSV (.csv).")
        )
    if not data:
        raise SpreadsheetError(_("Tệp rỗng."))
    if ext in {".xlsx", ".xlsm", ".ods"}:
        if data.startswith(OLE_MAGIC):
            raise SpreadsheetError(
                _("Tệp được bảo vệ bằng mật khẩu. Hãy gỡ mật khẩu trong Excel rồi tải lên lại.")
            )
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                members = archive.infolist()
        except Exception as error:  # BadZipFile, but also OSError/ValueError on mangled headers
            raise SpreadsheetError(_("Tệp bị hỏng hoặc không phải là tệp bảng tính.")) from error
        if is_zip_bomb(members, len(data)):
            raise SpreadsheetError(
                _("Tệp có nội dung nén bất thường (nghi ngờ “bom nén”), bị từ chối.")
            )
    elif ext == ".xls" and not data.startswith(OLE_MAGIC):
        raise SpreadsheetError(_("Tệp .xls bị hỏng hoặc không phải là tệp Excel."))
    return ext


def is_zip_bomb(members: list[zipfile.ZipInfo], archive_size: int) -> bool:
    """Whether the archive expands too far, in total or in any one member (a sheet).

    Sizes come from the headers, which are safe to trust: zipfile never inflates a member past
    its declared size (a lying header fails its CRC check instead)."""
    total = sum(info.file_size for info in members)
    if total > MAX_UNZIPPED_BYTES or total > MAX_ZIP_RATIO * max(archive_size, 1) + 10**6:
        return True
    return any(info.file_size > MAX_SHEET_BYTES or (
        info.file_size > SHEET_RATIO_FROM_BYTES
        and info.file_size > MAX_ZIP_RATIO * max(info.compress_size, 1)) for info in members)


def decode_csv(data: bytes) -> str:
    """Decode CSV as Excel writes it: UTF-8 (with or without BOM), UTF-16, or Windows-1258."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    for encoding in ("utf-8-sig", "cp1258", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SpreadsheetError(_("Không đọc được bảng mã của tệp CSV. Hãy lưu lại dưới dạng UTF-8."))


def read_sheets(data: bytes, filename: str) -> dict[str, pd.DataFrame]:
    """Every sheet as a header-less DataFrame of objects."""
    ext = check_container(data, filename)
    try:
        if ext == ".csv":
            text = decode_csv(data)
            sample = text[:4096]
            sep = max([",", ";", "\t"], key=sample.count)
            frame = pd.read_csv(io.StringIO(text), header=None, dtype=str, sep=sep,
                                keep_default_na=False, skip_blank_lines=False)
            return {"CSV": frame}
        return pd.read_excel(io.BytesIO(data), sheet_name=None, header=None, engine="calamine")
    except SpreadsheetError:
        raise
    except Exception as error:  # calamine/pandas raise many types for broken files
        raise SpreadsheetError(
            _("Tệp bị hỏng hoặc không đúng định dạng bảng tính, không đọc được.")
        ) from error


def read_rows(data: bytes, filename: str) -> dict[str, list[list[Any]]]:
    """Every sheet as a list of rows of cell values (what ``to_table`` reads), without building
    DataFrames: Excel and OpenDocument files straight from calamine, CSV through pandas."""
    ext = check_container(data, filename)
    if ext == ".csv":
        return {name: _values(frame) for name, frame in read_sheets(data, filename).items()}
    try:
        from python_calamine import CalamineWorkbook

        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        return {name: workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
                for name in workbook.sheet_names}
    except Exception as error:  # calamine raises its own types for broken files
        raise SpreadsheetError(
            _("Tệp bị hỏng hoặc không đúng định dạng bảng tính, không đọc được.")
        ) from error


def _values(frame: pd.DataFrame) -> list[list[Any]]:
    # pandas takes None as na_value; pandas-stubs only list scalars.
    return frame.to_numpy(dtype=object, na_value=cast(Any, None)).tolist()


def match_header(value: object, aliases: dict[str, tuple[str, ...]]) -> str | None:
    folded = fold(value)
    for canonical, names in aliases.items():
        if folded in names:
            return canonical
    return None


def to_table(
    sheet: str, frame: pd.DataFrame | list[list[Any]], aliases: dict[str, tuple[str, ...]],
    required: set[str],
) -> Table | None:
    """Find the header row (skipping title rows) and map the rows below it; ``frame`` is a
    DataFrame from ``read_sheets`` or the rows from ``read_rows``."""
    values = frame if isinstance(frame, list) else _values(frame)
    for index, row in enumerate(values[:30]):
        mapping: dict[int, str] = {}
        for col, cell in enumerate(row):
            canonical = match_header(cell, aliases)
            if canonical and canonical not in mapping.values():
                mapping[col] = canonical
        if required <= set(mapping.values()):
            header = [cell_text(c) for c in row]
            table = Table(
                sheet=sheet,
                columns={name: header[col] for col, name in mapping.items()},
                extra_headers=[h for c, h in enumerate(header) if h and c not in mapping],
                header_row=index + 1,
                positions={name: col for col, name in mapping.items()},
            )
            for offset, data_row in enumerate(values[index + 1 :], start=index + 2):
                cells = {name: cell_text(data_row[col]) for col, name in mapping.items()
                         if col < len(data_row)}
                if any(cells.values()):
                    table.rows.append(cells)
                    table.row_numbers.append(offset)
            return table
    return None


def aliases(spec: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    """Fold every alias once so lookups compare folded text."""
    return {key: tuple(fold(name) for name in names) for key, names in spec.items()}


# --- Writing -----------------------------------------------------------------------------------

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value: object) -> TypeGuard[str]:
    """A text a spreadsheet program could run as a formula (CSV/formula injection)."""
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def safe_cell(value: object) -> object:
    """A value safe for CSV: formula-like text gets a leading apostrophe, as Excel does."""
    return "'" + value if is_formula_like(value) else value


def put_cell(sheet, row: int, column: int, value: object):
    """Write one xlsx cell; formula-like text is stored as plain text, never as a formula.

    The text itself is kept unchanged (so export -> import round-trips) and the cell gets
    Excel's "quote prefix" so editing it later does not turn it into a formula either.
    """
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = value
        if is_formula_like(value):
            cell.data_type = "s"
            cell.quotePrefix = True
    else:
        cell.value = value
    return cell


def add_sheet(workbook, title: str, headers: list[str], rows, widths: list[int] | None = None):
    """Add a sheet with a bold, frozen, filterable header row and sensible column widths."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(title=title[:31])
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDE7F3")
    for col, header in enumerate(headers, start=1):
        cell = put_cell(sheet, 1, col, header)
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    count = 0
    for count, values in enumerate(rows, start=2):
        for col, value in enumerate(values, start=1):
            put_cell(sheet, count, col, value)
    sheet.freeze_panes = "A2"
    if headers:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(count, 1)}"
    for col, header in enumerate(headers, start=1):
        width = widths[col - 1] if widths and col <= len(widths) else min(
            max(12, len(str(header)) + 4), 60)
        sheet.column_dimensions[get_column_letter(col)].width = width
    return sheet


def write_xlsx(sheets: list[tuple[str, list[str], list]], widths: dict | None = None) -> bytes:
    """An .xlsx file from (title, headers, rows) triples; ``widths`` maps title -> widths."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])  # the blank sheet a new Workbook starts with
    for title, headers, rows in sheets:
        add_sheet(workbook, title, headers, rows, (widths or {}).get(title))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
