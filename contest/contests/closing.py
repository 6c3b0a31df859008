"""Close an open round now or move its close earlier, with a written reason (audited).
Services flush; callers commit."""

from __future__ import annotations

from datetime import datetime
from typing import cast

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from contest.audit.models import AuditEntry
from contest.audit.services import record
from contest.contests.models import Round, RoundStatus
from contest.contests.queries import Extension
from contest.contests.rules import ContestError
from contest.errors import FieldProblem
from contest.extensions import db, utcnow
from contest.i18n import vn_time
from contest.vocabulary import AuditAction


def shorten_round(round_: Round, closes_at: datetime | None, *, actor_id: int | None,
                  reason: str, now: datetime | None = None) -> Round:
    """Close an open round now (``closes_at`` None) or move its close earlier, with a written
    reason (audited). Open attempts whose deadline falls after the new close get it at once,
    so their next request (answer, status, page) sees it."""
    from contest.attempts.models import Attempt, AttemptStatus  # attempts builds on contests

    now = now or utcnow()
    reason = (reason or "").strip()
    problems: list = []
    if not reason:
        problems.append(FieldProblem("reason", _("Vui lòng ghi lý do đóng sớm đợt thi.")))
    if round_.status_at(now) == RoundStatus.CLOSED:
        problems.append(FieldProblem("closes_at", _("Đợt thi đã đóng.")))
    target = now if closes_at is None else closes_at
    if not isinstance(target, datetime) or target.tzinfo is None:
        problems.append(FieldProblem("closes_at", _("Vui lòng nhập giờ đóng mới.")))
    elif target <= round_.opens_at:
        problems.append(FieldProblem("closes_at", _(
            "Giờ đóng mới phải sau giờ mở đợt thi (%(at)s).",
            at=vn_time(round_.opens_at, "%H:%M %d/%m/%Y"))))
    elif target >= round_.closes_at:
        problems.append(FieldProblem("closes_at", _(
            "Giờ đóng mới phải sớm hơn giờ đóng hiện tại; muốn kéo dài thì dùng «Gia hạn».")))
    elif target < now:
        problems.append(FieldProblem("closes_at", _(
            "Giờ đóng mới đã qua; muốn đóng ngay thì để trống giờ đóng mới.")))
    if problems:
        raise ContestError(problems)
    before = round_.closes_at
    round_.closes_at = target
    a = Attempt.__table__
    moved = cast(sa.CursorResult, db.session.execute(
        sa.update(a).where(a.c.round_id == round_.id, a.c.status == AttemptStatus.OPEN,
                           a.c.deadline > target)
        .values(deadline=target).execution_options(synchronize_session=False))).rowcount
    for loaded in list(db.session.identity_map.values()):
        if isinstance(loaded, Attempt):
            db.session.expire(loaded, ["deadline"])
    record(actor_id, AuditAction.ROUND_SHORTEN, round_, reason=reason,
           before=before.isoformat(), after=target.isoformat(), now=closes_at is None,
           attempts_shortened=moved)
    db.session.flush()
    return round_


def round_closings(round_id: int) -> list[Extension]:
    """The round's recorded early closes, oldest first (same shape as its extensions)."""
    entries = db.session.scalars(
        sa.select(AuditEntry).where(AuditEntry.action == AuditAction.ROUND_SHORTEN,
                                    AuditEntry.target_type == Round.__name__,
                                    AuditEntry.target_id == round_id)
        .options(selectinload(AuditEntry.actor)).order_by(AuditEntry.at, AuditEntry.id))
    return [Extension(entry.at, entry.actor.full_name if entry.actor else "—",
                      datetime.fromisoformat(entry.details["before"]),
                      datetime.fromisoformat(entry.details["after"]), entry.reason)
            for entry in entries]
