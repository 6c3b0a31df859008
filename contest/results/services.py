"""Confirm a round's results, publish them as a frozen snapshot, republish a new version."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _

from contest.attempts.closeout import not_closed_out_reason
from contest.attempts.models import Attempt
from contest.audit import services as audit
from contest.contests.models import Registration, Round, RoundDisqualification, RoundStatus
from contest.contests.prize_rules import PrizeRules
from contest.errors import DomainError
from contest.extensions import db, utcnow
from contest.results.build import build_round_data
from contest.results.models import ResultSnapshot, RoundConfirmation
from contest.vocabulary import FINISHED_VALUES, AuditAction


class ResultsError(DomainError):
    """Results cannot be confirmed or published; the message is for the user."""


def fingerprint(rnd: Round) -> str:
    """What the round's ranking depends on: finished attempts, exclusions, truth, rules."""
    count, latest = db.session.execute(
        sa.select(sa.func.count(Attempt.id), sa.func.max(Attempt.finished_at))
        .where(Attempt.round_id == rnd.id, Attempt.status.in_(FINISHED_VALUES))
    ).one()
    excluded: list = list(db.session.scalars(
        sa.select(Registration.id).where(Registration.contest_id == rnd.contest_id,
                                         Registration.disqualified.is_(True))
        .order_by(Registration.id)))
    excluded_here = list(db.session.scalars(
        sa.select(RoundDisqualification.registration_id)
        .where(RoundDisqualification.round_id == rnd.id)
        .order_by(RoundDisqualification.registration_id)))
    if excluded_here:  # (kept out of the list when empty: older fingerprints stay valid)
        excluded.append(excluded_here)
    raw = json.dumps([count, str(latest), excluded, rnd.prediction_truth, rnd.counting,
                      rnd.contest.tie_breaks, rnd.contest.collective_formula,
                      PrizeRules.of(rnd.contest).as_data()])
    return hashlib.sha1(raw.encode()).hexdigest()[:16]


def confirmation(rnd: Round) -> RoundConfirmation | None:
    return db.session.scalar(sa.select(RoundConfirmation).where(
        RoundConfirmation.round_id == rnd.id))


def is_confirmed(rnd: Round) -> bool:
    """Confirmed and nothing that changes the ranking happened since."""
    done = confirmation(rnd)
    return done is not None and done.data_version == fingerprint(rnd)


def confirm(actor_id: int, rnd: Round, note: str = "") -> RoundConfirmation:
    """A judge confirms the round's results, all groups, as they stand now."""
    if rnd.is_practice:
        raise ResultsError(_("Đợt thi thử không có kết quả để xác nhận."))
    if rnd.status != RoundStatus.CLOSED:
        raise ResultsError(_("Đợt thi chưa kết thúc, chưa thể xác nhận kết quả."))
    pending = not_closed_out_reason(rnd)
    if pending is not None:
        raise ResultsError(_("Chưa thể xác nhận kết quả. %(why)s", why=pending))
    done = confirmation(rnd) or RoundConfirmation(round_id=rnd.id)
    done.confirmed_by, done.confirmed_at = actor_id, utcnow()
    done.data_version, done.note = fingerprint(rnd), (note or "").strip()
    db.session.add(done)
    audit.record(actor_id, AuditAction.RESULTS_CONFIRM, rnd, reason=done.note, round_name=rnd.name,
                 contest_id=rnd.contest_id)
    return done


def current(rnd: Round) -> ResultSnapshot | None:
    """The snapshot the public page and exports read, if published."""
    return db.session.scalar(sa.select(ResultSnapshot).where(
        ResultSnapshot.round_id == rnd.id, ResultSnapshot.is_current.is_(True)))


def versions(rnd: Round) -> list[ResultSnapshot]:
    """Every published version, newest first."""
    return list(db.session.scalars(sa.select(ResultSnapshot).where(
        ResultSnapshot.round_id == rnd.id).order_by(ResultSnapshot.version.desc())))


def publish(actor_id: int, rnd: Round, reason: str = "",
            plan: Mapping[str, Any] | None = None) -> ResultSnapshot:
    """Freeze the confirmed results as the next version; a new version needs a reason."""
    if not is_confirmed(rnd):
        raise ResultsError(_("Kết quả chưa được Ban giám khảo xác nhận, hoặc đã thay đổi sau "
                             "khi xác nhận. Cần xác nhận lại trước khi công bố."))
    reason = (reason or "").strip()
    previous = current(rnd)
    if previous is not None and len(reason) < 5:
        raise ResultsError(_("Công bố lại kết quả phải ghi rõ lý do (ít nhất 5 ký tự)."))
    if plan is None and previous is not None:
        plan = previous.data.get("plan")
    data = build_round_data(rnd, plan)
    if previous is not None:
        previous.is_current = False
        db.session.flush()  # release the one-current-version index before adding the next
    snapshot = ResultSnapshot(
        round_id=rnd.id, version=(previous.version + 1) if previous else 1, data=data,
        data_version=fingerprint(rnd), reason=reason, created_by=actor_id, is_current=True)
    db.session.add(snapshot)
    db.session.flush()
    action = AuditAction.RESULTS_REPUBLISH if previous else AuditAction.RESULTS_PUBLISH
    audit.record(actor_id, action, snapshot, reason=reason, round_id=rnd.id,
                 version=snapshot.version, contest_id=rnd.contest_id)
    return snapshot


def is_stale(snapshot: ResultSnapshot) -> bool:
    """True when the ranking changed after this version was published."""
    return snapshot.data_version != fingerprint(snapshot.round)
