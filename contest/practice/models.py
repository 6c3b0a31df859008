"""Practice settings per contest, each user's spaced-repetition progress and anonymous answers."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from contest.extensions import Model, utcnow
from question_bank.models import Bank


class PracticeSetting(Model):
    """What a contest offers for practice: its practice bank, and whether practice may serve
    the questions of its counted rounds' banks while those rounds are not over (default no)."""

    __tablename__ = "practice_setting"

    contest_id: Mapped[int] = mapped_column(sa.ForeignKey("contest.id", ondelete="CASCADE"),
                                            primary_key=True)
    bank_id: Mapped[int | None] = mapped_column(sa.ForeignKey("bank.id", ondelete="SET NULL"))
    allow_counted_banks: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    bank: Mapped[Bank | None] = relationship()


class PracticeProgress(Model):
    """One user's spaced repetition of one question: due again at ``due_at``; the interval
    doubles on each right answer and falls back to zero (due at once) on a wrong one."""

    __tablename__ = "practice_progress"
    __table_args__ = (sa.UniqueConstraint("user_id", "question_id"),
                      sa.CheckConstraint("interval_days >= 0", name="interval_not_negative"))

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"),
                                         index=True)
    question_id: Mapped[int] = mapped_column(sa.ForeignKey("question.id", ondelete="CASCADE"),
                                             index=True)
    area_id: Mapped[int] = mapped_column(sa.ForeignKey("reform_area.id"))
    interval_days: Mapped[int] = mapped_column(default=0)
    due_at: Mapped[datetime] = mapped_column(default=utcnow)
    right_count: Mapped[int] = mapped_column(default=0)
    wrong_count: Mapped[int] = mapped_column(default=0)
    last_answered_at: Mapped[datetime] = mapped_column(default=utcnow)


class PracticeAnswer(Model):
    """One practice answer, with no user: the anonymous counts on the organisers' dashboard."""

    __tablename__ = "practice_answer"
    __table_args__ = (sa.Index("ix_practice_answer_area_topic", "area_id", "topic"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(sa.ForeignKey("question.id", ondelete="CASCADE"),
                                             index=True)
    area_id: Mapped[int] = mapped_column(sa.ForeignKey("reform_area.id"))
    topic: Mapped[str] = mapped_column(sa.String(120), default="")
    is_correct: Mapped[bool]
    answered_at: Mapped[datetime] = mapped_column(default=utcnow)
