"""Read a units file and plan the import: validate every row, write nothing.

Rules: a unit is identified by its code, so importing the same file twice changes nothing.
When the parent, block or headcount column is present, the file is the truth for it (an empty
cell means "no parent", "no block", 0); when the column is absent, existing values are kept.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import aliased

from contest.extensions import db
from contest.spreadsheets import SpreadsheetError, Table, aliases, fold, read_sheets, to_table
from contest.units.mapping import file_headers, mapped_table
from contest.units.models import Block, Unit

ALIASES = aliases({
    "code": ["Mã đơn vị", "Mã", "Mã ĐV", "Code"],
    "name": ["Tên đơn vị", "Đơn vị", "Tên", "Name"],
    "parent": ["Mã đơn vị cha", "Mã cấp trên", "Đơn vị cha", "Parent code", "Parent"],
    "block": ["Khối", "Block", "Nhóm"],
    "headcount": ["Biên chế", "Số biên chế", "Số CBCCVC", "Headcount"],
})
# The header each column should have, as the upload page names it: data the parser reads,
# so it is never translated (the English aliases above are accepted too).
HEADERS = {"code": "Mã đơn vị", "name": "Tên đơn vị", "parent": "Mã đơn vị cha",
           "block": "Khối", "headcount": "Biên chế"}
MAX_HEADCOUNT = 10_000_000
THOUSANDS_RE = re.compile(r"^\d{1,3}([.,\s]\d{3})+$")


@dataclass(frozen=True)
class RowError:
    """One problem, located by Excel row number and the column header as written."""

    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        if self.row and self.column:
            return _("Dòng %(row)s, cột “%(column)s”: %(message)s",
                     row=self.row, column=self.column, message=self.message)
        if self.row:
            return _("Dòng %(row)s: %(message)s", row=self.row, message=self.message)
        if self.column:
            return _("cột “%(column)s”: %(message)s", column=self.column, message=self.message)
        return self.message


@dataclass
class PlannedUnit:
    """A valid row and what importing it would do: create, update or nothing."""

    row: int
    code: str
    name: str
    parent_code: str | None = None
    block: str | None = None
    headcount: int = 0
    action: str = "create"
    changes: list[str] = field(default_factory=list)


@dataclass
class ImportPlan:
    """Everything the preview page and the CLI show; apply it only when ``errors`` is empty."""

    sheet: str = ""
    columns: dict[str, str] = field(default_factory=dict)  # present fields -> header
    rows: list[PlannedUnit] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    # The file's (column index, header) when its headers were not recognised: map them.
    headers: list[tuple[int, str]] = field(default_factory=list)
    mapping: dict[str, int] = field(default_factory=dict)  # the columns chosen, if any

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def has_changes(self) -> bool:
        return any(row.action != "unchanged" for row in self.rows)


def parse_headcount(text: str) -> int:
    """Read "120", "1.200" or "1 200" as a whole number >= 0; raise ValueError for the user."""
    text = text.strip()
    if not text:
        return 0
    if THOUSANDS_RE.match(text):
        text = re.sub(r"[.,\s]", "", text)
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        raise ValueError(_("“%(text)s” không phải là số.", text=text)) from None
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError(_("“%(text)s” không phải là số.", text=text))
    if number < 0:
        raise ValueError(_("Biên chế không được âm."))
    if not number.is_integer():
        raise ValueError(_("Biên chế phải là số nguyên (đang là “%(text)s”).", text=text))
    if number > MAX_HEADCOUNT:
        raise ValueError(_("Biên chế quá lớn."))
    return int(number)


def find_table(data: bytes, filename: str) -> Table:
    """The first sheet with a header row naming at least the code and the name columns."""
    for sheet, frame in read_sheets(data, filename).items():
        table = to_table(sheet, frame, ALIASES, {"code", "name"})
        if table is not None:
            return table
    raise SpreadsheetError(
        _("Không tìm thấy dòng tiêu đề có cột “Mã đơn vị” và “Tên đơn vị” trong 30 dòng đầu.")
    )


def _existing() -> dict[str, dict]:
    """Every unit already stored, keyed by code (a few thousand rows at most)."""
    parent = aliased(Unit)
    rows = db.session.execute(
        sa.select(Unit.code, Unit.name, parent.code, Block.name, Unit.headcount)
        .outerjoin(parent, Unit.parent_id == parent.id)
        .outerjoin(Block, Unit.block_id == Block.id)
    ).all()
    return {code: {"name": name, "parent": pcode, "block": bname, "headcount": headcount}
            for code, name, pcode, bname, headcount in rows}


def _read_row(number: int, cells: dict[str, str], table: Table,
              errors: list[RowError]) -> PlannedUnit | None:
    """Validate one row's own cells."""
    header = table.columns
    before = len(errors)
    # Windows-1258 CSV leaves tone marks combining: store one spelling (NFC) of every name.
    cells = {key: unicodedata.normalize("NFC", value) for key, value in cells.items()}
    code, name = cells.get("code", ""), " ".join(cells.get("name", "").split())
    if not code:
        errors.append(RowError(number, header["code"], _("Thiếu mã đơn vị.")))
    elif len(code) > 40:
        errors.append(RowError(number, header["code"], _("Mã đơn vị dài quá 40 ký tự.")))
    if not name:
        errors.append(RowError(number, header["name"], _("Thiếu tên đơn vị.")))
    elif len(name) > 255:
        errors.append(RowError(number, header["name"], _("Tên đơn vị dài quá 255 ký tự.")))
    block = " ".join(cells.get("block", "").split()) or None
    if block and len(block) > 120:
        errors.append(RowError(number, header["block"], _("Tên khối dài quá 120 ký tự.")))
    headcount = 0
    if "headcount" in header:
        try:
            headcount = parse_headcount(cells.get("headcount", ""))
        except ValueError as error:
            errors.append(RowError(number, header["headcount"], str(error)))
    if len(errors) > before:
        return None
    return PlannedUnit(row=number, code=code, name=name,
                       parent_code=cells.get("parent") or None, block=block, headcount=headcount)


def _check_parents(rows: list[PlannedUnit], existing: dict[str, dict], header: str,
                   errors: list[RowError]) -> None:
    """Every parent code must exist (in the file or stored) and the tree must stay a tree."""
    parent_of = {code: info["parent"] for code, info in existing.items()}
    for unit in rows:
        parent_of[unit.code] = unit.parent_code
    for unit in rows:
        if unit.parent_code == unit.code:
            errors.append(RowError(unit.row, header,
                                   _("Đơn vị không thể là cấp trên của chính nó.")))
        elif unit.parent_code and unit.parent_code not in parent_of:
            errors.append(RowError(unit.row, header, _(
                "Không có đơn vị nào mã “%(code)s” trong tệp hoặc trong hệ thống.",
                code=unit.parent_code)))
    row_of = {unit.code: unit.row for unit in rows}
    seen: set[str] = set()
    for unit in rows:
        path: list[str] = []
        code: str | None = unit.code
        while code and code in parent_of and code not in seen and code not in path:
            path.append(code)
            code = parent_of[code]
        seen.update(path)
        if code in path and len(path) - path.index(code) > 1:  # self-parent reported above
            cycle = path[path.index(code):]
            start = min((c for c in cycle if c in row_of), key=row_of.__getitem__)
            at = cycle.index(start)
            chain = " → ".join([*cycle[at:], *cycle[:at], start])
            errors.append(RowError(row_of[start], header,
                                   _("Vòng lặp cấp trên: %(chain)s.", chain=chain)))


def _compare(unit: PlannedUnit, old: dict | None, columns: dict[str, str],
             block_names: dict[str, str]) -> None:
    """Set the action and list what changes, comparing only the columns the file has."""
    if unit.block:
        unit.block = block_names.setdefault(fold(unit.block), unit.block)
    if old is None:
        unit.action = "create"
        return
    checks: list[tuple[str, str, Any, Any]] = [("name", _("Tên"), old["name"], unit.name)]
    if "parent" in columns:
        checks.append(("parent", _("Cấp trên"), old["parent"], unit.parent_code))
    if "block" in columns:
        same = fold(old["block"] or "") == fold(unit.block or "")
        checks.append(("block", _("Khối"), old["block"], old["block"] if same else unit.block))
    if "headcount" in columns:
        checks.append(("headcount", _("Biên chế"), old["headcount"], unit.headcount))
    for _key, label, before, after in checks:
        if before != after:
            unit.changes.append(f"{label}: {before or '—'} → {after or '—'}")
    unit.action = "update" if unit.changes else "unchanged"


def plan_import(data: bytes, filename: str,
                mapping: dict[str, int] | None = None) -> ImportPlan:
    """Read the file and say what importing it would do; never writes. ``mapping`` ({field:
    column index}) reads the columns the organiser chose instead of the recognised headers;
    a file whose headers are not recognised gets ``headers`` to choose from."""
    plan = ImportPlan(mapping=dict(mapping or {}))
    try:
        table = mapped_table(data, filename, mapping) if mapping else find_table(data, filename)
    except SpreadsheetError as error:
        plan.errors.append(RowError(None, "", str(error)))
        try:
            plan.headers = file_headers(data, filename)
        except SpreadsheetError:
            pass
        return plan
    plan.sheet, plan.columns = table.sheet, table.columns
    if not table.rows:
        plan.errors.append(RowError(None, "",
                                    _("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề.")))
        return plan
    first_row: dict[str, int] = {}
    for number, cells in zip(table.row_numbers, table.rows, strict=True):
        unit = _read_row(number, cells, table, plan.errors)
        if unit is None:
            continue
        if unit.code in first_row:
            plan.errors.append(RowError(number, table.columns["code"],
                                        _("Mã “%(code)s” trùng với dòng %(row)s.",
                                          code=unit.code, row=first_row[unit.code])))
            continue
        first_row[unit.code] = number
        plan.rows.append(unit)
    existing = _existing()
    if "parent" in table.columns:
        _check_parents(plan.rows, existing, table.columns["parent"], plan.errors)
    block_names = {fold(name): name for name in db.session.scalars(sa.select(Block.name))}
    for unit in plan.rows:
        _compare(unit, existing.get(unit.code), table.columns, block_names)
    plan.errors.sort(key=lambda e: (e.row or 0))
    return plan
