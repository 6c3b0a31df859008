"""Which units take part in a contest, how they are named there, and their per-group targets.

A contest with no chosen units uses every unit (how contests worked before units belonged to
one). Services flush; views commit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _

from contest.audit.services import record
from contest.contests.models import (
    Contest,
    ContestUnit,
    EntrantGroup,
    Registration,
    UnitTarget,
)
from contest.errors import DomainError
from contest.extensions import db
from contest.sorting import vi_key
from contest.spreadsheets import aliases, cell_text, match_header, read_sheets
from contest.units.models import Unit
from contest.vocabulary import AuditAction

CODE_SPLIT = re.compile(r"[\s,;]+")
CODE_HEADERS = aliases({"code": ["Mã đơn vị", "Mã", "Mã ĐV", "Code"]})
SHOWN_CODES = 20


class UnitScopeError(DomainError):
    """A unit choice or target that cannot be applied; nothing is changed."""


def chosen_ids(contest_id: int) -> set[int] | None:
    """The ids of the contest's units, or None when it uses every unit."""
    ids = set(db.session.scalars(sa.select(ContestUnit.unit_id)
                                 .where(ContestUnit.contest_id == contest_id)))
    return ids or None


def is_scoped(contest_id: int) -> bool:
    return db.session.scalar(sa.select(ContestUnit.unit_id)
                             .where(ContestUnit.contest_id == contest_id).limit(1)) is not None


def in_scope(column: Any, contest_id: int) -> sa.ColumnElement:
    """SQL: ``column`` names one of the contest's units (always true for an unscoped one)."""
    chosen = sa.select(ContestUnit.unit_id).where(ContestUnit.contest_id == contest_id)
    return sa.or_(column.in_(chosen), ~sa.exists(chosen))


def labelled_units(contest_id: int | None = None) -> list[tuple[int, str, str]]:
    """(id, code, label) of the contest's units (every unit for None or an unscoped contest)
    in Vietnamese order. The label is the unit's name, followed by its parent's name when
    another unit in the list has the same name: "Sở Nội vụ — Cao Bằng"."""
    unit = Unit.__table__
    parent = unit.alias("parent_unit")
    stmt = (sa.select(unit.c.id, unit.c.code, unit.c.name, parent.c.name)
            .outerjoin(parent, parent.c.id == unit.c.parent_id))
    if contest_id is not None:
        stmt = stmt.where(in_scope(unit.c.id, contest_id))
    rows = db.session.execute(stmt).all()
    counts: dict[str, int] = {}
    for row in rows:
        key = " ".join(row[2].split()).casefold()
        counts[key] = counts.get(key, 0) + 1
    out = []
    for uid, code, name, parent_name in rows:
        label = name
        if counts[" ".join(name.split()).casefold()] > 1:
            label = f"{name} — {parent_name}" if parent_name else f"{name} ({code})"
        out.append((uid, code, label))
    out.sort(key=lambda item: (vi_key(item[2]), item[1]))
    return out


def labels_of(unit_ids: Iterable[int | None]) -> dict[int | None, str]:
    """{unit id: name} for these units, with the parent's name added to a name that another
    unit also has ("Sở Nội vụ — UBND tỉnh Cao Bằng"); for rows of entrants."""
    ids = list({uid for uid in unit_ids if uid is not None})
    if not ids:
        return {}
    unit = Unit.__table__
    parent = unit.alias("parent_unit")
    shared = (sa.select(unit.c.name).group_by(unit.c.name)
              .having(sa.func.count() > 1).scalar_subquery())
    rows = db.session.execute(
        sa.select(unit.c.id, unit.c.code, unit.c.name, parent.c.name,
                  unit.c.name.in_(shared))
        .outerjoin(parent, parent.c.id == unit.c.parent_id).where(unit.c.id.in_(ids)))
    return {uid: (name if not twin else f"{name} — {parent_name}" if parent_name
                  else f"{name} ({code})")
            for uid, code, name, parent_name, twin in rows}


def unit_names(contest_id: int | None = None) -> dict[int, str]:
    """{unit id: label} as ``labelled_units`` names them."""
    return {uid: label for uid, _code, label in labelled_units(contest_id)}


def split_codes(text: str | None) -> list[str]:
    """Codes typed one per line or separated by commas, semicolons or spaces."""
    return [code for code in CODE_SPLIT.split(text or "") if code]


def codes_in_file(data: bytes, filename: str) -> list[str]:
    """The codes of a units file: the column headed "Mã đơn vị" (or "Mã", "Code"), else the
    first column, on the first sheet."""
    sheets = read_sheets(data, filename)
    frame = next(iter(sheets.values()))
    rows = frame.to_numpy(dtype=object).tolist()
    column, start = 0, 0
    for index, row in enumerate(rows[:30]):
        found = [col for col, cell in enumerate(row) if match_header(cell, CODE_HEADERS)]
        if found:
            column, start = found[0], index + 1
            break
    return [text for row in rows[start:] if column < len(row)
            and (text := cell_text(row[column]))]


def _resolve(codes: Iterable[str], field: str) -> dict[str, int]:
    wanted = list(dict.fromkeys(codes))
    found: dict[str, int] = {}
    for start in range(0, len(wanted), 500):
        found.update(db.session.execute(sa.select(Unit.code, Unit.id)
                                        .where(Unit.code.in_(wanted[start:start + 500]))).all())
    unknown = [code for code in wanted if code not in found]
    if unknown:
        shown = ", ".join(unknown[:SHOWN_CODES])
        if len(unknown) > SHOWN_CODES:
            shown += " " + _("và %(count)s mã khác", count=len(unknown) - SHOWN_CODES)
        raise UnitScopeError(_("Không có đơn vị nào mang mã: %(codes)s. Chưa thay đổi gì.",
                               codes=shown), field=field)
    return found


def _subtrees(roots: Iterable[int]) -> set[int]:
    children: dict[int, list[int]] = {}
    for child, parent in db.session.execute(sa.select(Unit.id, Unit.parent_id)):
        if parent is not None:
            children.setdefault(parent, []).append(child)
    found: set[int] = set()
    stack = list(roots)
    while stack:
        node = stack.pop()
        if node not in found:
            found.add(node)
            stack.extend(children.get(node, []))
    return found


def choose_units(contest: Contest, *, subtrees: str = "", block_ids: Iterable[int] = (),
                 codes: str = "", file_codes: list[str] | None = None, add: bool = False,
                 actor_id: int | None = None) -> int:
    """Set (or with ``add``, extend) the contest's units: whole subtrees under the given codes,
    every unit of the given blocks, and the listed codes (typed or from a file). Any unknown
    code refuses the whole choice. Returns how many units the contest has now."""
    chosen: set[int] = set()
    roots = _resolve(split_codes(subtrees), "subtrees")
    chosen |= _subtrees(roots.values())
    blocks = [int(b) for b in block_ids]
    if blocks:
        chosen |= set(db.session.scalars(sa.select(Unit.id).where(Unit.block_id.in_(blocks))))
    chosen |= set(_resolve(split_codes(codes), "codes").values())
    if file_codes is not None:
        if not file_codes:
            raise UnitScopeError(_("Tệp không có mã đơn vị nào."), field="file")
        chosen |= set(_resolve(file_codes, "file").values())
    if not chosen:
        raise UnitScopeError(_("Hãy chọn ít nhất một đơn vị: nhánh, khối, danh sách mã hoặc "
                               "tệp."))
    before = chosen_ids(contest.id) or set()
    final = chosen | before if add else chosen
    _keep_registered(contest, final)
    db.session.execute(sa.delete(ContestUnit).where(ContestUnit.contest_id == contest.id,
                                                    ContestUnit.unit_id.not_in(final)))
    new = final - before
    if new:
        db.session.execute(sa.insert(ContestUnit),
                           [{"contest_id": contest.id, "unit_id": uid} for uid in new])
    db.session.flush()
    record(actor_id, AuditAction.CONTEST_UNITS, contest, units=len(final),
           added=len(new), removed=len(before - final))
    return len(final)


def _keep_registered(contest: Contest, final: set[int]) -> None:
    """Refuse a choice that leaves out units where entrants have already registered."""
    registered = sa.select(Registration.unit_id).where(Registration.contest_id == contest.id)
    left_out = [code for code, uid in db.session.execute(
        sa.select(Unit.code, Unit.id).where(Unit.id.in_(registered)).order_by(Unit.code))
        if uid not in final]
    if left_out:
        shown = ", ".join(left_out[:SHOWN_CODES])
        if len(left_out) > SHOWN_CODES:
            shown += " " + _("và %(count)s mã khác", count=len(left_out) - SHOWN_CODES)
        raise UnitScopeError(_("Đã có thí sinh đăng ký ở các đơn vị sau nên phải giữ chúng "
                               "trong cuộc thi: %(codes)s. Chưa thay đổi gì.", codes=shown))


def use_every_unit(contest: Contest, actor_id: int | None = None) -> None:
    """Let the contest use every unit again."""
    removed = len(chosen_ids(contest.id) or ())
    db.session.execute(sa.delete(ContestUnit).where(ContestUnit.contest_id == contest.id))
    db.session.flush()
    record(actor_id, AuditAction.CONTEST_UNITS, contest, units=0, removed=removed)


# --- Targets: headcount per unit per entrant group -------------------------------------------

def targets_of(group_id: int) -> dict[int, int]:
    return dict(db.session.execute(sa.select(UnitTarget.unit_id, UnitTarget.target)
                                   .where(UnitTarget.group_id == group_id)).all())


def targets_text(group_id: int) -> str:
    """The group's targets as the form shows them: "CODE: n" per line, by code."""
    rows = db.session.execute(sa.select(Unit.code, UnitTarget.target)
                              .join(Unit, Unit.id == UnitTarget.unit_id)
                              .where(UnitTarget.group_id == group_id).order_by(Unit.code))
    return "\n".join(f"{code}: {target}" for code, target in rows)


def parse_targets(text: str) -> tuple[dict[str, int], list[str]]:
    """"CODE: n" (or "CODE n", "CODE;n") per line -> ({code: n}, problems naming the lines)."""
    values: dict[str, int] = {}
    problems = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        parts = [p for p in re.split(r"[\s:;,\t]+", line.strip()) if p]
        if len(parts) != 2 or not parts[1].isdigit():
            problems.append(_("Dòng %(row)s: cần “mã đơn vị: số người”, ví dụ “X01: 25”.",
                              row=number))
            continue
        values[parts[0]] = int(parts[1])
    return values, problems


def set_targets(group: EntrantGroup, text: str, *, from_headcount: bool = False,
                actor_id: int | None = None) -> int:
    """Replace the group's targets: the typed "CODE: n" lines, or with ``from_headcount``
    each contest unit's headcount (biên chế). Returns how many units have a target."""
    values, problems = parse_targets(text)
    if problems:
        raise UnitScopeError(problems, field="targets")
    ids = _resolve(values, "targets")
    scope = chosen_ids(group.contest_id)
    if scope is not None:
        outside = [code for code, uid in ids.items() if uid not in scope]
        if outside:
            raise UnitScopeError(_("Các đơn vị sau không tham gia cuộc thi: %(codes)s.",
                                   codes=", ".join(outside[:SHOWN_CODES])), field="targets")
    targets = {ids[code]: n for code, n in values.items()}
    if from_headcount:
        stmt = sa.select(Unit.id, Unit.headcount).where(Unit.headcount > 0)
        if scope is not None:
            stmt = stmt.where(in_scope(Unit.id, group.contest_id))
        targets = {**dict(db.session.execute(stmt).all()), **targets}
    db.session.execute(sa.delete(UnitTarget).where(UnitTarget.group_id == group.id))
    if targets:
        db.session.execute(sa.insert(UnitTarget), [
            {"group_id": group.id, "unit_id": uid, "target": n} for uid, n in targets.items()])
    db.session.flush()
    record(actor_id, AuditAction.GROUP_TARGETS, group, units=len(targets))
    return len(targets)


def contest_targets(contest_id: int) -> dict[int, dict[int, int]] | None:
    """{unit id: {group id: target}} for a contest that set any target, else None (then the
    unit's own headcount is the rate's denominator, as before)."""
    rows = db.session.execute(
        sa.select(UnitTarget.unit_id, UnitTarget.group_id, UnitTarget.target)
        .join(EntrantGroup, EntrantGroup.id == UnitTarget.group_id)
        .where(EntrantGroup.contest_id == contest_id)).all()
    if not rows:
        return None
    out: dict[int, dict[int, int]] = {}
    for unit_id, group_id, target in rows:
        out.setdefault(unit_id, {})[group_id] = target
    return out
