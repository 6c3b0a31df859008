"""Close out a round once its close time (plus grace) has passed: finalise its open attempts
as at their deadline, compute its prediction truth, record both in the audit log. Idempotent:
``round.closed_out_at`` is claimed with a conditional UPDATE, so of the scheduler and a judge's
page racing for the same round only one closes it out. An extension that reopens the round
clears it. Services flush; callers commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import cast

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm.attributes import set_committed_value

from contest.attempts.finalise import closing_margin, expire_in_bulk
from contest.attempts.models import Attempt, AttemptStatus
from contest.audit import services as audit
from contest.contests.models import Round
from contest.extensions import db, utcnow
from contest.i18n import vn_time
from contest.vocabulary import AuditAction, PredictionKind


@dataclass(frozen=True, slots=True)
class CloseOut:
    round_id: int
    finalised: int  # open attempts finalised as at their deadline
    truth: float | None


def is_due(round_: Round, now: datetime | None = None) -> bool:
    """Closed (grace included: answers in flight may still land) and not closed out yet."""
    return (round_.closed_out_at is None
            and (now or utcnow()) > round_.closes_at + closing_margin())


def close_out(round_: Round, *, now: datetime | None = None,
              actor_id: int | None = None) -> CloseOut | None:
    """Close the round out if it is due; None when not due or someone else just did it."""
    from contest.ranking.services import close_round_prediction  # ranking builds on attempts

    now = now or utcnow()
    if not is_due(round_, now):
        return None
    rd = Round.__table__
    won = cast(sa.CursorResult, db.session.execute(
        sa.update(rd).where(rd.c.id == round_.id, rd.c.closed_out_at.is_(None))
        .values(closed_out_at=now).execution_options(synchronize_session=False)))
    if won.rowcount != 1:
        db.session.refresh(round_)
        return None
    set_committed_value(round_, "closed_out_at", now)
    # No attempt outlives its round (a close moved earlier by an edit, not by shorten_round).
    a = Attempt.__table__
    db.session.execute(sa.update(a).where(
        a.c.round_id == round_.id, a.c.status == AttemptStatus.OPEN,
        a.c.deadline > round_.closes_at).values(deadline=round_.closes_at)
        .execution_options(synchronize_session=False))
    finalised = expire_in_bulk(Attempt.round_id == round_.id, now)
    truth = None
    if round_.prediction_kind != PredictionKind.NONE:
        truth = close_round_prediction(round_, actor_id, now)
    audit.record(actor_id, AuditAction.ROUND_CLOSE_OUT, round_, round_name=round_.name,
                 contest_id=round_.contest_id, finalised=finalised, truth=truth,
                 closes_at=round_.closes_at.isoformat())
    return CloseOut(round_.id, finalised, truth)


def close_out_due(now: datetime | None = None) -> list[CloseOut]:
    """Close out every round that is due (the scheduler's part)."""
    now = now or utcnow()
    due = db.session.scalars(sa.select(Round).where(
        Round.closed_out_at.is_(None), Round.closes_at < now - closing_margin()).order_by(Round.id))
    return [done for r in due.all() if (done := close_out(r, now=now)) is not None]


def finalize_expired_and_close_out(now: datetime | None = None) -> tuple[int, list[CloseOut]]:
    """What ``flask attempts finalize-expired`` does: close out the rounds that are due, then
    finalise the other attempts whose time limit ran out. Returns (attempts, close-outs)."""
    now = now or utcnow()
    done = close_out_due(now)
    stale = expire_in_bulk(sa.true(), now)
    return stale + sum(d.finalised for d in done), done


def not_closed_out_reason(round_: Round, now: datetime | None = None) -> str | None:
    """Why the round's results cannot be confirmed yet (None once it is closed out)."""
    now = now or utcnow()
    if round_.closed_out_at is not None:
        return None
    if now <= round_.closes_at:
        return _("Đợt thi chưa kết thúc (đóng lúc %(at)s, giờ Việt Nam).",
                 at=_vn(round_.closes_at))
    still_open = db.session.scalar(sa.select(sa.func.count(Attempt.id)).where(
        Attempt.round_id == round_.id, Attempt.status == AttemptStatus.OPEN)) or 0
    if now <= round_.closes_at + closing_margin():
        return _("Đợt thi vừa đóng: đang chờ hết thời gian gia hạn nộp bài "
                 "(%(seconds)s giây) để chốt %(n)s bài đang làm.",
                 seconds=int(closing_margin().total_seconds()), n=still_open)
    return _("Đợt thi chưa được chốt: còn %(n)s bài đang làm chưa được đóng và đáp án câu "
             "dự đoán chưa được tính.", n=still_open)


def _vn(moment: datetime) -> str:
    return vn_time(moment, "%H:%M %d/%m/%Y")
