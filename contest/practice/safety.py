"""Which questions practice may serve ("practice-safe").

A bank is *kept out* of practice while some contest uses it in an entrant group and has a
counted round (not a practice round) that has not closed yet — upcoming or open — unless that
contest's organiser allowed it (``PracticeSetting.allow_counted_banks``). A question is
practice-safe when it is active and in no kept-out bank; questions in no bank at all are never
drawn by a round, so they are safe. Once every counted round using a bank has closed, its
questions become practice material (last year's questions are the best revision).
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from contest.contests.models import EntrantGroup, Round, group_bank_link
from contest.practice.models import PracticeSetting
from question_bank.models import Question, QuestionStatus, question_bank_link


def kept_out_banks(now: datetime) -> sa.Select:
    """SELECT of the ids of the banks practice must not serve at ``now``."""
    live_counted_round = sa.select(Round.id).where(
        Round.contest_id == EntrantGroup.contest_id, Round.is_practice.is_(False),
        Round.closes_at > now).exists()
    allowed = sa.select(PracticeSetting.contest_id).where(
        PracticeSetting.contest_id == EntrantGroup.contest_id,
        PracticeSetting.allow_counted_banks.is_(True)).exists()
    return (sa.select(group_bank_link.c.bank_id)
            .join(EntrantGroup, EntrantGroup.id == group_bank_link.c.group_id)
            .where(live_counted_round, ~allowed))


def safe_questions(now: datetime) -> sa.Select:
    """SELECT of the ids of the practice-safe questions at ``now``."""
    in_kept_out_bank = sa.select(question_bank_link.c.question_id).where(
        question_bank_link.c.question_id == Question.id,
        question_bank_link.c.bank_id.in_(kept_out_banks(now))).exists()
    return sa.select(Question.id).where(Question.status == QuestionStatus.ACTIVE,
                                        ~in_kept_out_bank)


def bank_is_safe(bank_id: int, now: datetime) -> bool:
    from contest.extensions import db

    return not db.session.scalar(sa.select(
        sa.literal(bank_id).in_(kept_out_banks(now))))
