"""Entrant groups: their banks (every round's recipe must stay fillable) and prize counts."""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from flask_babel import gettext as _

from contest.audit.services import changes, record
from contest.contests.models import Contest, EntrantGroup, paper_settings
from contest.contests.services import ContestError, recipe_check
from contest.extensions import db
from contest.vocabulary import DEFAULTS, AuditAction
from question_bank.models import Bank


def _banks(bank_ids: Iterable[int]) -> list[Bank]:
    ids = sorted({int(i) for i in bank_ids})
    banks = list(db.session.scalars(sa.select(Bank).where(Bank.id.in_(ids)))) if ids else []
    missing = set(ids) - {bank.id for bank in banks}
    if missing:
        raise ContestError(_("Không tìm thấy ngân hàng câu hỏi #%(id)s.", id=min(missing)))
    return banks


def _group_name(contest: Contest, name: str, group: EntrantGroup | None = None) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ContestError(_("Vui lòng nhập tên khối thí sinh."))
    if len(name) > 120:
        raise ContestError(_("Tên khối thí sinh dài quá 120 ký tự."))
    if any(g.name.lower() == name.lower() and g is not group for g in contest.groups):
        raise ContestError(_("Cuộc thi đã có khối «%(name)s».", name=name))
    return name


def _prize_counts(counts: dict[str, int] | None) -> dict[str, int]:
    """Whole, non-negative counts for each prize; missing prizes get the default."""
    counts = {**DEFAULTS.prize_counts, **(counts or {})}
    clean = {}
    for key in DEFAULTS.prize_counts:
        value = counts[key]
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10000:
            raise ContestError(_("Số giải phải là số nguyên từ 0 đến 10000."))
        clean[key] = value
    return clean


def add_group(contest: Contest, name: str, bank_ids: Iterable[int] = (),
              prize_counts: dict[str, int] | None = None, *,
              actor_id: int | None = None) -> EntrantGroup:
    """Add an entrant group that draws its questions from ``bank_ids``."""
    name = _group_name(contest, name)
    banks = _banks(bank_ids)
    problems = []
    for round_ in contest.rounds:
        problems += recipe_check(round_.recipe, round_.question_count, [(name, banks)])
    if problems:
        raise ContestError(problems)
    group = EntrantGroup(contest=contest, name=name, banks=banks,
                         prize_counts=_prize_counts(prize_counts))
    db.session.add(group)
    db.session.flush()
    record(actor_id, AuditAction.GROUP_CREATE, group, name=group.name,
           banks=[bank.name for bank in banks])
    return group


def update_group(group: EntrantGroup, name: str, bank_ids: Iterable[int],
                 prize_counts: dict[str, int] | None = None, *,
                 actor_id: int | None = None) -> EntrantGroup:
    """Rename a group or change its banks, keeping every round's recipe fillable."""
    name = _group_name(group.contest, name, group)
    banks = _banks(bank_ids)
    problems = []
    for round_ in group.contest.rounds:
        recipe, question_count = paper_settings(round_, group.id)
        problems += [_("Đợt «%(round)s»: %(problem)s", round=round_.name, problem=p) for p in
                     recipe_check(recipe, question_count, [(name, banks)])]
    if problems:
        raise ContestError(problems)
    before = {"name": group.name, "banks": sorted(b.name for b in group.banks),
              "prize_counts": dict(group.prize_counts or {})}
    group.name, group.banks = name, banks
    if prize_counts is not None:
        group.prize_counts = _prize_counts(prize_counts)
    changed = changes(before, {"name": name, "banks": sorted(b.name for b in banks),
                               "prize_counts": dict(group.prize_counts or {})})
    if changed:
        record(actor_id, AuditAction.GROUP_UPDATE, group, changes=changed)
    db.session.flush()  # discards the group's prepared papers (after_flush, attempts/prepared.py)
    return group
