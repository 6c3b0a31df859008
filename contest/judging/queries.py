"""Read side of judging: flag inputs, one entrant's answers, the audit log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from contest.accounts.models import User
from contest.attempts.models import Attempt, AttemptItem
from contest.audit.models import AuditEntry
from contest.contests.models import Registration, Round
from contest.extensions import db
from contest.judging.flags import AttemptRow, WrongAnswer, choice_key
from contest.sorting import vi_order
from contest.vocabulary import FINISHED_VALUES

AUDIT_PAGE_SIZE = 50


def _round_attempts(round_id: int, group_id: int | None) -> sa.Select:
    query = (sa.select(Attempt)
             .where(Attempt.round_id == round_id, Attempt.status.in_(FINISHED_VALUES)))
    if group_id is not None:
        query = query.join(Registration, Registration.id == Attempt.registration_id).where(
            Registration.group_id == group_id)
    return query


def flag_inputs(rnd: Round, group_id: int | None = None) -> tuple[list[AttemptRow],
                                                                  list[WrongAnswer]]:
    """Plain rows for the detectors: finished attempts and their wrong answers."""
    base = _round_attempts(rnd.id, group_id).subquery()
    rows = [
        AttemptRow(r.id, r.registration_id, r.score, r.max_score, r.duration_seconds,
                   rnd.question_count, r.device_id or "", r.client_ip or "", r.tab_switches or 0)
        for r in db.session.execute(sa.select(
            base.c.id, base.c.registration_id, base.c.score, base.c.max_score,
            base.c.duration_seconds, base.c.device_id, base.c.client_ip, base.c.tab_switches))
    ]
    wrong = db.session.execute(
        sa.select(base.c.registration_id, AttemptItem.question_id, AttemptItem.options,
                  AttemptItem.selected)
        .join(AttemptItem, AttemptItem.attempt_id == base.c.id)
        .where(AttemptItem.is_correct.is_(False), AttemptItem.selected.is_not(None))
    )
    answers = []
    for registration_id, question_id, options, selected in wrong:
        choice = choice_key(options or [], selected)
        if choice:
            answers.append(WrongAnswer(registration_id, question_id, choice))
    return rows, answers


@dataclass(frozen=True)
class ItemView:
    position: int
    text: str
    options: list[str]
    chosen: list[str]
    correct: list[str]
    is_correct: bool | None
    offset_seconds: float | None  # answered_at minus the attempt's start


def attempts_of(registration_id: int, round_id: int) -> list[Attempt]:
    """Every attempt of one entrant in a round, newest first."""
    return list(db.session.scalars(
        sa.select(Attempt).where(Attempt.registration_id == registration_id,
                                 Attempt.round_id == round_id)
        .order_by(Attempt.number.desc())))


def item_views(attempt: Attempt) -> list[ItemView]:
    """Each question of an attempt: chosen vs correct options and when it was answered."""
    views = []
    for item in attempt.items:
        options = [str(o) for o in item.options or []]

        def texts(indices, options=options) -> list[str]:
            return [options[i] for i in indices or [] if 0 <= i < len(options)]

        offset = ((item.answered_at - attempt.started_at).total_seconds()
                  if item.answered_at else None)
        views.append(ItemView(item.position, item.text, options, texts(item.selected),
                              texts(item.correct), item.is_correct, offset))
    return views


@dataclass
class AuditFilter:
    action: str = ""
    actor_id: int | None = None
    target_type: str = ""
    since: datetime | None = None
    until: datetime | None = None


def audit_query(f: AuditFilter) -> sa.Select:
    """Audit entries matching the filter, newest first."""
    query = sa.select(AuditEntry).order_by(AuditEntry.id.desc())
    if f.action:
        query = query.where(AuditEntry.action == f.action)
    if f.actor_id:
        query = query.where(AuditEntry.actor_id == f.actor_id)
    if f.target_type:
        query = query.where(AuditEntry.target_type == f.target_type)
    if f.since:
        query = query.where(AuditEntry.at >= f.since)
    if f.until:
        query = query.where(AuditEntry.at < f.until)
    return query


def audit_page(f: AuditFilter, page: int) -> tuple[list[AuditEntry], bool]:
    """One page of the audit log and whether another page follows."""
    entries = list(db.session.scalars(
        audit_query(f).limit(AUDIT_PAGE_SIZE + 1).offset((page - 1) * AUDIT_PAGE_SIZE)))
    return entries[:AUDIT_PAGE_SIZE], len(entries) > AUDIT_PAGE_SIZE


def audit_choices() -> tuple[list[str], list[User]]:
    """Actions seen in the log and the staff who acted, for the filter form."""
    actions = list(db.session.scalars(
        sa.select(AuditEntry.action).distinct().order_by(AuditEntry.action)))
    actors = list(db.session.scalars(
        sa.select(User).where(User.id.in_(sa.select(AuditEntry.actor_id).distinct()))
        .order_by(vi_order(User.full_name))))
    return actions, actors
