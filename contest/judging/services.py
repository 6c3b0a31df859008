"""Judges' actions on entrants: disqualify (in one round, or the whole contest) and reinstate,
always with a written reason."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _

from contest.accounts.sessions import end_all
from contest.audit import services as audit
from contest.contests.models import Registration, Round, RoundDisqualification
from contest.errors import DomainError
from contest.extensions import db
from contest.vocabulary import AuditAction, DisqualifyScope

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


@dataclass(frozen=True, slots=True)
class Standing:
    """How an entrant stands in a round: disqualified (scope, reason) or not (scope None)."""

    scope: DisqualifyScope | None
    reason: str = ""

    @property
    def label(self) -> str:
        return self.scope.label if self.scope else ""


def standing(registration: Registration, round_: Round | None) -> Standing:
    """The entrant's disqualification that applies in ``round_`` (the contest's first)."""
    if registration.disqualified:
        return Standing(DisqualifyScope.CONTEST, registration.disqualify_reason)
    here = _round_disqualification(registration, round_) if round_ is not None else None
    return Standing(DisqualifyScope.ROUND, here.reason) if here else Standing(None)


def _round_disqualification(registration: Registration,
                            round_: Round) -> RoundDisqualification | None:
    return db.session.scalar(sa.select(RoundDisqualification).where(
        RoundDisqualification.registration_id == registration.id,
        RoundDisqualification.round_id == round_.id))


def disqualify(actor_id: int, registration: Registration, reason: str | None, *,
               scope: str = DisqualifyScope.CONTEST,
               round_: Round | None = None) -> Registration:
    """Disqualify an entrant in one round (``scope="round"`` with ``round_``) or in the whole
    contest, and record why and how far it reaches."""
    reason = _reason(reason)
    if scope not in DisqualifyScope.values():
        raise JudgingError(_("Vui lòng chọn phạm vi loại: đợt thi này hoặc toàn bộ cuộc thi."),
                           field="scope")
    if scope == DisqualifyScope.ROUND and (round_ is None
                                          or round_.contest_id != registration.contest_id):
        raise JudgingError(_("Loại trong một đợt thi cần chọn đợt thi của cuộc thi này."),
                           field="scope")
    current = standing(registration, round_)
    if current.scope == DisqualifyScope.CONTEST or current.scope == scope:
        raise JudgingError(_("Thí sinh này đã bị loại trước đó (%(scope)s).",
                             scope=current.label.lower()))
    details: dict = {"contest_id": registration.contest_id, "user_id": registration.user_id,
                     "scope": str(scope)}
    if scope == DisqualifyScope.CONTEST:
        registration.disqualified = True
        registration.disqualify_reason = reason
    else:
        assert round_ is not None
        db.session.add(RoundDisqualification(round_id=round_.id, registration_id=registration.id,
                                             reason=reason, created_by=actor_id))
        details.update(round_id=round_.id, round_name=round_.name)
    audit.record(actor_id, AuditAction.REGISTRATION_DISQUALIFY, registration, reason=reason,
                 **details)
    _stop_playing(registration, round_ if scope == DisqualifyScope.ROUND else None)
    return registration


def _stop_playing(registration: Registration, round_: Round | None) -> None:
    """A disqualified entrant plays no more: starts, answers and submits are refused where
    the disqualification reaches (contest.attempts.standing; an open attempt stays as it is,
    for the judges, until the round is closed out), and a contest-wide disqualification ends
    every session of the account."""
    if round_ is None:
        end_all(registration.user)


def reinstate(actor_id: int, registration: Registration, reason: str | None, *,
              round_: Round | None = None) -> Registration:
    """Lift the disqualification that applies in ``round_`` (the contest-wide one first) and
    record why."""
    reason = _reason(reason)
    current = standing(registration, round_)
    if current.scope is None:
        raise JudgingError(_("Thí sinh này không bị loại."))
    details: dict = {"contest_id": registration.contest_id, "user_id": registration.user_id,
                     "previous_reason": current.reason, "scope": str(current.scope)}
    if current.scope == DisqualifyScope.CONTEST:
        registration.disqualified = False
        registration.disqualify_reason = ""
    else:
        assert round_ is not None
        here = _round_disqualification(registration, round_)
        db.session.delete(here)
        details.update(round_id=round_.id, round_name=round_.name)
    audit.record(actor_id, AuditAction.REGISTRATION_REINSTATE, registration, reason=reason,
                 **details)
    db.session.flush()
    return registration
