"""Leaderboard rows for judges: contest.ranking's order plus names, filters and pages.

Ranks always come from the whole entrant group; unit and block filters only choose which
ranked rows to show, so a filtered row keeps its real rank.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass

import sqlalchemy as sa

from contest.accounts.models import User
from contest.accounts.services import mask_phone
from contest.contests import unit_scope
from contest.contests.models import EntrantGroup, Registration, Round
from contest.extensions import db
from contest.judging import cache
from contest.ranking import services as ranking
from contest.ranking.individual import Ranked
from contest.ranking.tiebreak import KEYS, Entry, explain, normalise_chain
from contest.units.models import Unit

PAGE_SIZE = 50
NEIGHBOURS = 2  # rows shown above and below an entrant on its page


@dataclass
class BoardFilter:
    group_id: int
    unit_id: int | None = None
    block_id: int | None = None


def groups_of(rnd: Round) -> list[EntrantGroup]:
    return list(rnd.contest.groups)


def key_values(entry: Entry, chain: Iterable[str]) -> dict[str, str]:
    """Each tie-break key as shown to people, e.g. {"điểm": "20/20", ...}."""
    return {KEYS[name].label: KEYS[name].show(entry) for name in normalise_chain(chain)}


def people(registration_ids: Iterable[int]) -> dict[int, dict]:
    """Name, masked phone, unit and block of each registration."""
    ids = list(set(registration_ids))
    if not ids:
        return {}
    rows = db.session.execute(
        sa.select(Registration.id, User.full_name, User.phone, User.date_of_birth,
                  Registration.unit_id, Unit.block_id, Registration.disqualified)
        .join(User, User.id == Registration.user_id)
        .outerjoin(Unit, Unit.id == Registration.unit_id)
        .where(Registration.id.in_(ids))).all()
    units = unit_scope.labels_of(r[4] for r in rows)  # namesakes with their parent's name
    return {r[0]: {"name": r[1], "phone": mask_phone(r[2]),
                   "date_of_birth": r[3].strftime("%d/%m/%Y") if r[3] else "",
                   "unit": units.get(r[4], ""), "block_id": r[5], "disqualified": r[6]}
            for r in rows}


def _ranked_group(rnd: Round, group_id: int) -> list[Ranked]:
    return ranking.round_ranking(rnd, group_id=group_id).get(group_id, [])


def _row(ranked: Ranked, chain, person: dict | None) -> dict:
    entry = ranked.entry
    return {"rank": ranked.rank, "tied": ranked.tied, "registration_id": entry.registration_id,
            "attempt_id": entry.attempt_id, "unit_id": entry.unit_id,
            "keys": key_values(entry, chain), **(person or {})}


def _unit_ids_in_block(block_id: int) -> set[int]:
    return set(db.session.scalars(sa.select(Unit.id).where(Unit.block_id == block_id)))


def board_page(rnd: Round, f: BoardFilter, page: int) -> dict:
    """One page of the leaderboard (cached by filter, page and data version)."""
    def compute() -> dict:
        chain = rnd.contest.tie_breaks
        rows = _ranked_group(rnd, f.group_id)
        if f.unit_id is not None:
            rows = [r for r in rows if r.entry.unit_id == f.unit_id]
        if f.block_id is not None:
            units = _unit_ids_in_block(f.block_id)
            rows = [r for r in rows if r.entry.unit_id in units]
        chunk = rows[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
        names = people(r.entry.registration_id for r in chunk)
        return {"total": len(rows),
                "rows": [_row(r, chain, names.get(r.entry.registration_id)) for r in chunk]}

    parts = {"view": "board", "round": rnd.id, **asdict(f), "page": page}
    return cache.cached(parts, cache.data_version(rnd), compute)


def neighbourhood(rnd: Round, registration: Registration) -> dict | None:
    """The entrant's ranked row with the rows just above and below and why each is ahead."""
    def compute() -> dict | None:
        chain = rnd.contest.tie_breaks
        rows = _ranked_group(rnd, registration.group_id)
        index = next((i for i, r in enumerate(rows)
                      if r.entry.registration_id == registration.id), None)
        if index is None:
            return None
        positions = range(max(0, index - NEIGHBOURS), min(len(rows), index + NEIGHBOURS + 1))
        names = people(rows[i].entry.registration_id for i in positions)
        me = rows[index].entry
        out = []
        for i in positions:
            r = rows[i]
            row = _row(r, chain, names.get(r.entry.registration_id))
            row["is_self"] = i == index
            if i != index:
                a, b = (r.entry, me) if i < index else (me, r.entry)
                row["why"] = explain(a, b, chain)
            out.append(row)
        return {"rank": rows[index].rank, "total": len(rows), "rows": out,
                "labels": [KEYS[n].label for n in normalise_chain(chain)]}

    parts = {"view": "neighbours", "round": rnd.id, "registration": registration.id}
    return cache.cached(parts, cache.data_version(rnd), compute)
