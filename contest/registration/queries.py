"""Read-side queries for registration pages: unit lists with paths, registrations lists."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from contest.accounts.models import User
from contest.accounts.services import CCCD_RE, is_valid_phone, normalise_phone
from contest.contests.models import Registration
from contest.contests.unit_scope import chosen_ids
from contest.extensions import db
from contest.sorting import vi_key, vi_order
from contest.units.models import Unit

PAGE_SIZE = 50


@dataclass
class Page:
    items: list[Any]
    page: int
    pages: int
    total: int


def unit_paths(contest_id: int | None = None) -> dict[int, tuple[str, str]]:
    """{unit id: (code, "Root › … › Unit")} from one query, in Vietnamese order of the path;
    only the contest's units when it chose some."""
    rows = {uid: (code, name, parent) for uid, code, name, parent in db.session.execute(
        sa.select(Unit.id, Unit.code, Unit.name, Unit.parent_id))}
    scope = chosen_ids(contest_id) if contest_id is not None else None
    paths: dict[int, tuple[str, str]] = {}
    for uid, (code, _name, _parent) in rows.items():
        if scope is not None and uid not in scope:
            continue
        node: int | None
        names, node, seen = [], uid, set()
        while node is not None and node in rows and node not in seen:
            seen.add(node)
            names.append(rows[node][1])
            node = rows[node][2]
        paths[uid] = (code, " › ".join(reversed(names)))
    return dict(sorted(paths.items(), key=lambda item: vi_key(item[1][1])))


def unit_choices(contest_id: int | None = None) -> list[tuple[int, str]]:
    """(id, path) of the contest's units (every unit when it chose none) for the unit
    picker, in Vietnamese order; the path tells namesakes apart."""
    return [(uid, path) for uid, (_code, path) in unit_paths(contest_id).items()]


def _fold(text: str) -> str:
    return " ".join(text.lower().split())


def unit_page(query: str = "", page: int = 1, contest_id: int | None = None) -> Page:
    """Units whose path or code contains ``query``, a page at a time: (id, code, path)."""
    items = [(uid, code, path) for uid, (code, path) in unit_paths(contest_id).items()
             if not query or _fold(query) in _fold(path) or _fold(query) == code.lower()]
    pages = max(1, -(-len(items) // PAGE_SIZE))
    page = min(max(page, 1), pages)
    return Page(items[(page - 1) * PAGE_SIZE: page * PAGE_SIZE], page, pages, len(items))


def like_escaped(text: str) -> str:
    """``text`` as a LIKE pattern matching itself only (``%``, ``_`` and ``\\`` escaped)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search_condition(query: str) -> sa.ColumnElement[bool]:
    """Names contain the text (wildcards taken literally); a phone or CCCD matches only when
    typed in full, so the masked numbers cannot be read digit by digit with a search."""
    text = query.strip()
    name = sa.func.lower(User.full_name).like(f"%{like_escaped(text.lower())}%", escape="\\")
    digits = re.sub(r"[\s.\-()]", "", text)
    conditions: list[sa.ColumnElement[bool]] = [name]
    phone = normalise_phone(text)
    if is_valid_phone(phone):
        conditions.append(User.phone == phone)
    if CCCD_RE.match(digits):
        conditions.append(User.id_number == digits)
    return sa.or_(*conditions)


def registrations_page(contest_id: int, *, query: str = "", group_id: int | None = None,
                       unit_id: int | None = None, page: int = 1,
                       by_name: bool = False) -> Page:
    """A contest's registrations, filtered by name/phone/CCCD text, group and unit; newest
    first, or ``by_name`` in Vietnamese order of the name."""
    stmt = (sa.select(Registration).join(Registration.user)
            .where(Registration.contest_id == contest_id)
            .options(selectinload(Registration.user), selectinload(Registration.group),
                     selectinload(Registration.unit)))
    if query:
        stmt = stmt.where(search_condition(query))
    if group_id:
        stmt = stmt.where(Registration.group_id == group_id)
    if unit_id:
        stmt = stmt.where(Registration.unit_id == unit_id)
    total = db.session.scalar(sa.select(sa.func.count()).select_from(stmt.subquery())) or 0
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(page, 1), pages)
    order = ((vi_order(User.full_name), Registration.id) if by_name
             else (Registration.created_at.desc(), Registration.id.desc()))
    items = list(db.session.scalars(stmt.order_by(*order)
                                    .limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)))
    return Page(items, page, pages, total)


def personal_changes_page(contest_id: int, page: int = 1) -> Page:
    """The contest's personal-data corrections, unmasked, newest first (organisers only)."""
    from contest.audit.models import PersonalDataChange

    stmt = (sa.select(PersonalDataChange)
            .join(Registration, Registration.id == PersonalDataChange.registration_id)
            .where(Registration.contest_id == contest_id)
            .options(selectinload(PersonalDataChange.user),
                     selectinload(PersonalDataChange.actor)))
    total = db.session.scalar(sa.select(sa.func.count()).select_from(stmt.subquery())) or 0
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(page, 1), pages)
    items = list(db.session.scalars(stmt.order_by(PersonalDataChange.id.desc())
                                    .limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)))
    return Page(items, page, pages, total)
