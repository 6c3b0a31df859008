"""A disqualified entrant (in this round, or in the whole contest) can no longer start,
resume, answer or submit."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext as _

from contest.attempts.policies import AttemptError
from contest.contests.models import Registration, RoundDisqualification
from contest.extensions import db


def refuse_disqualified(contest_wide: bool, this_round: bool) -> None:
    """Raise the entrant's refusal (403) naming the scope of the disqualification."""
    if contest_wide:
        raise AttemptError(
            _("Bạn đã bị Ban tổ chức loại khỏi cuộc thi này nên không thể dự thi."), 403)
    if this_round:
        raise AttemptError(
            _("Bạn đã bị Ban tổ chức loại khỏi đợt thi này nên không thể tiếp tục làm bài."),
            403)


def check_standing(registration_id: int, round_id: int) -> None:
    """Refuse an entrant disqualified in the round or the contest (one small read)."""
    contest_wide, this_round = db.session.execute(
        sa.select(Registration.disqualified, sa.exists().where(
            RoundDisqualification.registration_id == Registration.id,
            RoundDisqualification.round_id == round_id))
        .where(Registration.id == registration_id)).one()
    refuse_disqualified(contest_wide, this_round)
