"""Unit operations: import a planned file, create and edit units. Services flush; callers commit."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _

from contest.audit.services import record
from contest.errors import DomainError
from contest.extensions import db
from contest.spreadsheets import fold
from contest.units.importing import ImportPlan
from contest.units.models import Block, Unit
from contest.units.queries import descendant_ids
from contest.vocabulary import AuditAction


class UnitError(DomainError):
    """A domain error with a message for the user; ``field`` names the form field at fault."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message, field=field)


def block_named(name: str | None, cache: dict[str, Block] | None = None) -> Block | None:
    """The block with this name (compared without case or accents), created when new."""
    name = " ".join((name or "").split())
    if not name:
        return None
    if cache is None:
        cache = {fold(b.name): b for b in db.session.scalars(sa.select(Block))}
    key = fold(name)
    if key not in cache:
        cache[key] = Block(name=name)
        db.session.add(cache[key])
    return cache[key]


def apply_import(plan: ImportPlan, actor_id: int | None = None) -> dict[str, int]:
    """Write a plan that has no errors; return how many units were created/updated/unchanged."""
    if plan.errors:
        raise UnitError(_("Tệp còn lỗi nên chưa nhập đơn vị nào."))
    blocks = {fold(b.name): b for b in db.session.scalars(sa.select(Block))}
    units = {u.code: u for u in db.session.scalars(sa.select(Unit))}
    columns = plan.columns
    for row in plan.rows:
        if row.action == "unchanged":
            continue
        unit = units.get(row.code)
        if unit is None:
            unit = units[row.code] = Unit(code=row.code, headcount=0)
            db.session.add(unit)
        unit.name = row.name
        if "block" in columns:
            unit.block = block_named(row.block, blocks)
        if "headcount" in columns:
            unit.headcount = row.headcount
    if "parent" in columns:
        for row in plan.rows:
            if row.action != "unchanged":
                units[row.code].parent = units[row.parent_code] if row.parent_code else None
    db.session.flush()
    summary: dict[str, Any] = {action: plan.count(action)
                               for action in ("create", "update", "unchanged")}
    record(actor_id, AuditAction.UNITS_IMPORT, sheet=plan.sheet, **summary)
    return summary


def _check(name: str, headcount: int | None) -> tuple[str, int]:
    name = " ".join((name or "").split())
    if not name:
        raise UnitError(_("Vui lòng nhập tên đơn vị."), "name")
    if headcount is not None and headcount < 0:
        raise UnitError(_("Biên chế không được âm."), "headcount")
    return name, headcount or 0


def _parent(parent_id: int | None) -> Unit | None:
    if parent_id is None:
        return None
    parent = db.session.get(Unit, parent_id)
    if parent is None:
        raise UnitError(_("Đơn vị cấp trên không tồn tại."), "parent_id")
    return parent


def create_unit(*, code: str, name: str, parent_id: int | None = None, block: str | None = None,
                headcount: int | None = 0, actor_id: int | None = None) -> Unit:
    """Create a unit with a code no other unit has."""
    code = (code or "").strip()
    name, headcount = _check(name, headcount)
    if not code:
        raise UnitError(_("Vui lòng nhập mã đơn vị."), "code")
    if db.session.scalar(sa.select(Unit.id).where(Unit.code == code)):
        raise UnitError(_("Mã “%(code)s” đã được dùng cho đơn vị khác.", code=code), "code")
    unit = Unit(code=code, name=name, parent=_parent(parent_id), block=block_named(block),
                headcount=headcount)
    db.session.add(unit)
    db.session.flush()
    record(actor_id, AuditAction.UNITS_CREATE, unit, code=code)
    return unit


def update_unit(unit: Unit, *, name: str, parent_id: int | None = None, block: str | None = None,
                headcount: int | None = 0, actor_id: int | None = None) -> Unit:
    """Change a unit's name, parent (never itself or below itself), block and headcount."""
    name, headcount = _check(name, headcount)
    if parent_id is not None and (parent_id == unit.id or parent_id in descendant_ids(unit.id)):
        raise UnitError(_("Không thể chọn chính đơn vị này hoặc đơn vị cấp dưới của nó làm "
                          "cấp trên."), "parent_id")
    unit.name, unit.parent, unit.headcount = name, _parent(parent_id), headcount
    unit.block = block_named(block)
    db.session.flush()
    record(actor_id, AuditAction.UNITS_UPDATE, unit, code=unit.code)
    return unit
