"""Judges' actions on entrants: disqualify and reinstate, always with a written reason."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext as _

from contest.accounts.sessions import end_all
from contest.attempts.finalise import claim, grade
from contest.attempts.models import Attempt, AttemptStatus
from contest.audit import services as audit
from contest.contests.models import Registration
from contest.errors import DomainError
from contest.extensions import db, utcnow
from contest.vocabulary import AuditAction

MIN_REASON_LENGTH = 5


class JudgingError(DomainError):
    """A judging action that cannot be done; the message is for the user, in their language."""


def _reason(text: str | None) -> str:
    reason = (text or "").strip()
    if len(reason) < MIN_REASON_LENGTH:
        raise JudgingError(
            _("Phải ghi lý do (ít nhất %(min)s ký tự) cho quyết định này.",
              min=MIN_REASON_LENGTH)
        )
    return reason


def disqualify(actor_id: int, registration: Registration, reason: str | None) -> Registration:
    """Disqualify an entrant from the whole contest and record why."""
    reason = _reason(reason)
    if registration.disqualified:
        raise JudgingError(_("Thí sinh này đã bị loại trước đó."))
    registration.disqualified = True
    registration.disqualify_reason = reason
    audit.record(actor_id, AuditAction.REGISTRATION_DISQUALIFY, registration, reason=reason,
                 contest_id=registration.contest_id, user_id=registration.user_id)
    _stop_playing(registration)
    return registration


def _stop_playing(registration: Registration) -> None:
    """A disqualified entrant answers no more: open attempts close now (graded as they
    stand, so judges can see them) and every session of the account ends (starts are
    refused to disqualified registrations)."""
    now = utcnow()
    for attempt in db.session.scalars(sa.select(Attempt).where(
            Attempt.registration_id == registration.id,
            Attempt.status == AttemptStatus.OPEN)):
        if claim(attempt, AttemptStatus.EXPIRED, min(now, attempt.deadline)):
            grade(attempt)
    end_all(registration.user)


def reinstate(actor_id: int, registration: Registration, reason: str | None) -> Registration:
    """Restore a disqualified entrant and record why."""
    reason = _reason(reason)
    if not registration.disqualified:
        raise JudgingError(_("Thí sinh này không bị loại."))
    previous = registration.disqualify_reason
    registration.disqualified = False
    registration.disqualify_reason = ""
    audit.record(actor_id, AuditAction.REGISTRATION_REINSTATE, registration, reason=reason,
                 contest_id=registration.contest_id, user_id=registration.user_id,
                 previous_reason=previous)
    return registration
