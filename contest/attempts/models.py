"""Attempts (lượt thi) and the questions fixed for each one."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from contest.extensions import Model, enum_column, utcnow
from contest.vocabulary import AttemptStatus

__all__ = ["AttemptStatus", "Attempt", "AttemptItem", "LateAnswer",  # status: vocabulary
           "PreparedPaper"]

if TYPE_CHECKING:
    from contest.contests.models import Registration, Round


class Attempt(Model):
    """One entrant's attempt at a round; ``number`` counts that entrant's attempts in it."""

    __tablename__ = "attempt"
    __table_args__ = (
        # Backstop for the attempt policies: two parallel starts cannot both take number n.
        sa.UniqueConstraint("round_id", "registration_id", "number"),
        sa.CheckConstraint("number >= 1", name="number_positive"),
        sa.CheckConstraint(
            "status = 'open' OR finished_at IS NOT NULL", name="finished_when_closed"
        ),
        sa.Index("ix_attempt_round_status", "round_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(sa.String(32), unique=True)  # unguessable URL id
    round_id: Mapped[int] = mapped_column(sa.ForeignKey("round.id", ondelete="CASCADE"))
    registration_id: Mapped[int] = mapped_column(
        sa.ForeignKey("registration.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(default=1)
    status: Mapped[str] = enum_column(AttemptStatus, "status", default=AttemptStatus.OPEN,
                                      length=10)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    deadline: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    score: Mapped[float | None]
    max_score: Mapped[float] = mapped_column(default=0)
    duration_seconds: Mapped[float | None]
    prediction: Mapped[float | None]
    client_ip: Mapped[str] = mapped_column(sa.String(45), default="")
    device_id: Mapped[str] = mapped_column(sa.String(64), default="")
    tab_switches: Mapped[int] = mapped_column(default=0)

    round: Mapped[Round] = relationship()
    registration: Mapped[Registration] = relationship()
    items: Mapped[list[AttemptItem]] = relationship(
        back_populates="attempt", order_by="AttemptItem.position", cascade="all, delete-orphan"
    )

    @property
    def is_open(self) -> bool:
        return self.status == AttemptStatus.OPEN


class AttemptItem(Model):
    """A question as this attempt shows it: a copy, so later edits never change it."""

    __tablename__ = "attempt_item"
    __table_args__ = (
        sa.UniqueConstraint("attempt_id", "position"),
        sa.CheckConstraint("position >= 1", name="position_positive"),
        # Room on each page for the new row versions that answer saves and grading write
        # (no indexed column changes): PostgreSQL updates them in place (HOT), without index
        # writes. Close-out grading of 200,000 items: 5.3 s -> 3.0 s (benchmarks/README.md).
        {"postgresql_with": {"fillfactor": 70}},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(sa.ForeignKey("attempt.id", ondelete="CASCADE"))
    position: Mapped[int]
    question_id: Mapped[int] = mapped_column(sa.ForeignKey("question.id"), index=True)
    area_id: Mapped[int] = mapped_column(sa.ForeignKey("reform_area.id"))
    difficulty: Mapped[int]
    weight: Mapped[float] = mapped_column(default=1.0)
    text: Mapped[str] = mapped_column(sa.Text)
    options: Mapped[list[Any]] = mapped_column(sa.JSON)  # option texts in display order
    correct: Mapped[list[Any]] = mapped_column(sa.JSON)  # display indices of correct options
    selected: Mapped[list[Any] | None] = mapped_column(sa.JSON)  # display indices chosen
    answered_at: Mapped[datetime | None]
    is_correct: Mapped[bool | None]
    # Kept apart from ``options``/``correct`` so the hot answer-save UPDATE can validate the
    # selection in SQL without reading the JSON columns.
    option_count: Mapped[int] = mapped_column(default=4, server_default=sa.text("4"))
    multiple: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    explanation: Mapped[str] = mapped_column(sa.Text, default="", server_default="")

    attempt: Mapped[Attempt] = relationship(back_populates="items")


class LateAnswer(Model):
    """An answer refused because it arrived after deadline + grace: kept for the judges' entry
    view and the entrant's result page (it never counts)."""

    __tablename__ = "late_answer"

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(
        sa.ForeignKey("attempt.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]  # the question's position on the paper
    selected: Mapped[list[Any]] = mapped_column(sa.JSON)  # display indices sent
    arrived_at: Mapped[datetime]  # as judged (contest/arrival.py)
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)


class PreparedPaper(Model):
    """A paper drawn ahead of the round's opening, waiting for the entrant who starts next.

    Drawn exactly as at a start (same recipe, same randomness, one paper per entrant), so a
    start only claims one of these instead of drawing: the synchronised opening minute costs a
    fraction of the work. Used once (the claim deletes it); when none is left a start draws
    as before. Discarded whenever the questions or the round's draw settings change.
    """

    __tablename__ = "prepared_paper"
    __table_args__ = (sa.Index("ix_prepared_paper_round_group", "round_id", "group_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(sa.ForeignKey("round.id", ondelete="CASCADE"))
    group_id: Mapped[int] = mapped_column(sa.ForeignKey("entrant_group.id", ondelete="CASCADE"))
    items: Mapped[list[Any]] = mapped_column(sa.JSON)  # AttemptItem values, in order
    questions: Mapped[str] = mapped_column(sa.Text)  # the entrant's view of them, JSON text
    max_score: Mapped[float]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
