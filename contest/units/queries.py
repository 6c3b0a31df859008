"""Read-side queries for units: the tree with paths, searching, and picker choices."""

from __future__ import annotations

import time
from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app

from contest.accounts.models import User
from contest.extensions import db
from contest.sorting import vi_order
from contest.spreadsheets import fold
from contest.units.models import Block, Unit

SEARCH_CACHE_SECONDS = 60


@dataclass
class UnitRow:
    """One unit as the lists show it; ``ancestors`` runs from the root down to the parent."""

    id: int
    code: str
    name: str
    parent_id: int | None
    block_id: int | None
    block: str
    headcount: int
    members: int = 0
    ancestors: tuple[str, ...] = ()
    folded: str = ""

    @property
    def path(self) -> str:
        return " › ".join((*self.ancestors, self.name))

    @property
    def depth(self) -> int:
        return len(self.ancestors)


def unit_tree(with_members: bool = True) -> list[UnitRow]:
    """Every unit in tree order (depth first, by code), with its path; two queries in all."""
    rows = db.session.execute(
        sa.select(Unit.id, Unit.code, Unit.name, Unit.parent_id, Unit.block_id, Block.name,
                  Unit.headcount)
        .outerjoin(Block, Unit.block_id == Block.id)
        .order_by(Unit.code)
    ).all()
    members: dict[int | None, int] = {}
    if with_members:
        members = dict(db.session.execute(
            sa.select(User.unit_id, sa.func.count()).where(User.unit_id.is_not(None))
            .group_by(User.unit_id)
        ).all())
    by_id = {r[0]: UnitRow(*r[:5], block=r[5] or "", headcount=r[6],
                           members=members.get(r[0], 0)) for r in rows}
    children: dict[int | None, list[UnitRow]] = {}
    for row in by_id.values():
        parent = row.parent_id if row.parent_id in by_id else None
        children.setdefault(parent, []).append(row)
    ordered: list[UnitRow] = []
    stack: list[tuple[UnitRow, tuple[str, ...]]] = [
        (row, ()) for row in reversed(children.get(None, []))]
    while stack:  # iterative, so a deep tree cannot hit the recursion limit
        row, ancestors = stack.pop()
        row.ancestors = ancestors
        row.folded = fold(f"{row.code} {row.name}")
        ordered.append(row)
        below = (*ancestors, row.name)
        stack.extend((child, below) for child in reversed(children.get(row.id, [])))
    if len(ordered) < len(by_id):  # a parent loop made outside the app: still list them
        reached = {row.id for row in ordered}
        for row in by_id.values():
            if row.id not in reached:
                row.folded = fold(f"{row.code} {row.name}")
                ordered.append(row)
    return ordered


def filter_units(rows: list[UnitRow], q: str = "", block_id: int | None = None) -> list[UnitRow]:
    """Keep rows whose code or name holds every word of ``q`` (accents ignored)."""
    words = fold(q).split()
    return [row for row in rows
            if (block_id is None or row.block_id == block_id)
            and all(word in row.folded for word in words)]


def _search_index() -> list[UnitRow]:
    """The tree without member counts, cached per process for a minute (public endpoint)."""
    cache = current_app.extensions.setdefault("unit_search_index", {})
    if cache.get("until", 0) < time.monotonic():
        cache["rows"] = unit_tree(with_members=False)
        cache["until"] = time.monotonic() + SEARCH_CACHE_SECONDS
    return cache["rows"]


def forget_search_index() -> None:
    """Drop this process's cached index after units change."""
    current_app.extensions.pop("unit_search_index", None)


def search_units(q: str, limit: int = 20) -> list[dict]:
    """Units matching ``q`` for the registration picker: names and codes only, best first."""
    words = fold(q[:100]).split()
    scored = []
    for row in _search_index():
        if all(word in row.folded for word in words):
            name = fold(row.name)
            rank = 0 if row.code == q.strip() or name.startswith(" ".join(words)) else 1
            scored.append((rank, row))
    scored.sort(key=lambda item: item[0])  # stable: tree order within a rank
    return [{"id": row.id, "code": row.code, "name": row.name, "path": row.path}
            for _rank, row in scored[:limit]]


def descendant_ids(unit_id: int) -> set[int]:
    """Ids of every unit below ``unit_id``."""
    pairs = db.session.execute(sa.select(Unit.id, Unit.parent_id)).all()
    children: dict[int, list[int]] = {}
    for child, parent in pairs:
        if parent is not None:
            children.setdefault(parent, []).append(child)
    found: set[int] = set()
    stack = list(children.get(unit_id, []))
    while stack:
        child = stack.pop()
        if child not in found:
            found.add(child)
            stack.extend(children.get(child, []))
    return found


def parent_choices(unit_id: int | None = None) -> list[tuple[str, str]]:
    """(id, "code · path") for a parent select, leaving out the unit itself and its subtree."""
    excluded = {unit_id, *descendant_ids(unit_id)} if unit_id else set()
    return [(str(row.id), f"{row.code} · {row.path}")
            for row in unit_tree(with_members=False) if row.id not in excluded]


def block_list() -> list[Block]:
    """Blocks by name."""
    return list(db.session.scalars(sa.select(Block).order_by(vi_order(Block.name))))
