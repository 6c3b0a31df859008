"""Contests, their entrant groups, rounds and the entrants registered for them."""

from __future__ import annotations

import enum
import secrets
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from contest.extensions import Model, db, utcnow
from question_bank.models import Bank

if TYPE_CHECKING:
    from contest.accounts.models import User
    from contest.units.models import Unit


class ContestStatus(enum.StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    CLOSED = "closed"


class RoundStatus(enum.StrEnum):
    UPCOMING = "upcoming"
    OPEN = "open"
    CLOSED = "closed"


class AttemptPolicy(enum.StrEnum):
    ONE_PER_ROUND = "one_per_round"
    ONE_PER_CONTEST = "one_per_contest"
    MAX_PER_ROUND = "max_per_round"
    UNLIMITED = "unlimited"


class Counting(enum.StrEnum):
    BEST = "best"
    FIRST = "first"
    LAST = "last"


class PredictionKind(enum.StrEnum):
    NONE = "none"
    FULL_MARKS_COUNT = "full_marks_count"  # entrants with every answer right
    ENTRANT_COUNT = "entrant_count"
    ATTEMPT_COUNT = "attempt_count"
    FULL_MARKS_PERCENT = "full_marks_percent"


class ReviewPolicy(enum.StrEnum):
    NEVER = "never"
    AFTER_SUBMIT = "after_submit"
    AFTER_CLOSE = "after_close"


ROUND_STATUS_LABELS = {
    RoundStatus.UPCOMING: _l("Sắp mở"),
    RoundStatus.OPEN: _l("Đang mở"),
    RoundStatus.CLOSED: _l("Đã đóng"),
}


def new_token() -> str:
    return secrets.token_urlsafe(12)


group_bank_link = sa.Table(
    "group_bank_link",
    db.metadata,
    sa.Column("group_id", sa.ForeignKey("entrant_group.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("bank_id", sa.ForeignKey("bank.id", ondelete="CASCADE"), primary_key=True),
)

# Prize counts per entrant group and round: Nhất, Nhì, Ba, Khuyến khích (contest.ranking.prizes).
DEFAULT_PRIZE_COUNTS = {"nhat": 1, "nhi": 2, "ba": 3, "khuyen_khich": 5}
DEFAULT_TIE_BREAKS = ["score", "prediction_error", "submitted_at"]
DEFAULT_REQUIRED_FIELDS = ["full_name", "phone", "date_of_birth"]


class Contest(Model):
    """A contest (cuộc thi) run by an organiser over several rounds."""

    __tablename__ = "contest"
    __table_args__ = (
        sa.CheckConstraint("status IN ('draft', 'published', 'closed')", name="status_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(255))
    plan_reference: Mapped[str] = mapped_column(sa.String(255), default="")
    decision_reference: Mapped[str] = mapped_column(sa.String(255), default="")
    rules_text: Mapped[str] = mapped_column(sa.Text, default="")
    status: Mapped[str] = mapped_column(sa.String(12), default=ContestStatus.DRAFT)
    # Ordered keys from contest.ranking; a final deterministic key is always appended.
    tie_breaks: Mapped[list[Any]] = mapped_column(sa.JSON, default=lambda: list(DEFAULT_TIE_BREAKS))
    collective_formula: Mapped[str] = mapped_column(sa.String(40), default="rate_then_average")
    collective_min_rate: Mapped[float] = mapped_column(default=0.5)
    required_fields: Mapped[list[Any]] = mapped_column(
        sa.JSON, default=lambda: list(DEFAULT_REQUIRED_FIELDS)
    )
    invite_token: Mapped[str] = mapped_column(sa.String(32), unique=True, default=new_token)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    groups: Mapped[list[EntrantGroup]] = relationship(
        back_populates="contest", cascade="all, delete-orphan", order_by="EntrantGroup.id"
    )
    rounds: Mapped[list[Round]] = relationship(
        back_populates="contest", cascade="all, delete-orphan", order_by="Round.opens_at"
    )
    registrations: Mapped[list[Registration]] = relationship(
        back_populates="contest", cascade="all, delete-orphan"
    )

    def move_to(self, target: str) -> None:
        """Change status along draft -> published -> closed; raise ContestError otherwise."""
        from contest.contests.rules import check_transition

        check_transition(self.status, target)
        self.status = target

    @property
    def status_label(self) -> str:
        from contest.contests.rules import STATUS_LABELS

        return str(STATUS_LABELS.get(self.status, self.status))

    @property
    def is_published(self) -> bool:
        return self.status == ContestStatus.PUBLISHED


class EntrantGroup(Model):
    """An entrant group (khối thi), e.g. CBCCVC or citizens, with its own banks and prizes."""

    __tablename__ = "entrant_group"
    __table_args__ = (sa.UniqueConstraint("contest_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contest_id: Mapped[int] = mapped_column(sa.ForeignKey("contest.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(sa.String(120))
    prize_counts: Mapped[dict[str, Any]] = mapped_column(
        sa.JSON, default=lambda: dict(DEFAULT_PRIZE_COUNTS)
    )

    contest: Mapped[Contest] = relationship(back_populates="groups")
    banks: Mapped[list[Bank]] = relationship(secondary=group_bank_link)


class Round(Model):
    """A timed round (đợt thi). Times are aware UTC; forms and pages show Vietnam time."""

    __tablename__ = "round"
    __table_args__ = (
        sa.CheckConstraint("closes_at > opens_at", name="closes_after_opens"),
        sa.CheckConstraint("time_limit_minutes > 0", name="time_limit_positive"),
        sa.CheckConstraint("question_count > 0", name="question_count_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    contest_id: Mapped[int] = mapped_column(sa.ForeignKey("contest.id", ondelete="CASCADE"),
                                            index=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    opens_at: Mapped[datetime]
    closes_at: Mapped[datetime]
    time_limit_minutes: Mapped[int] = mapped_column(default=20)
    question_count: Mapped[int] = mapped_column(default=20)
    # [{"area": 1..6, "difficulty": 1..3 | null, "count": n}, ...]; empty = any question.
    recipe: Mapped[list[Any]] = mapped_column(sa.JSON, default=list)
    shuffle_questions: Mapped[bool] = mapped_column(default=True)
    shuffle_options: Mapped[bool] = mapped_column(default=True)
    prediction_kind: Mapped[str] = mapped_column(sa.String(24), default=PredictionKind.NONE)
    prediction_prompt: Mapped[str] = mapped_column(sa.Text, default="")
    prediction_truth: Mapped[float | None]
    attempt_policy: Mapped[str] = mapped_column(sa.String(20), default=AttemptPolicy.ONE_PER_ROUND)
    max_attempts: Mapped[int] = mapped_column(default=1)
    counting: Mapped[str] = mapped_column(sa.String(8), default=Counting.BEST)
    is_practice: Mapped[bool] = mapped_column(default=False)
    require_all_answered: Mapped[bool] = mapped_column(default=False)
    review_policy: Mapped[str] = mapped_column(sa.String(16), default=ReviewPolicy.AFTER_CLOSE)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    contest: Mapped[Contest] = relationship(back_populates="rounds")

    def status_at(self, now: datetime) -> RoundStatus:
        """Derived from the times, never stored."""
        return round_status(self.opens_at, self.closes_at, now)

    @property
    def status(self) -> RoundStatus:
        return self.status_at(utcnow())

    @property
    def status_label(self) -> str:
        return str(ROUND_STATUS_LABELS[self.status])

    def deadline_for(self, started_at: datetime) -> datetime:
        """When an attempt started at ``started_at`` must end: its time limit or the round's
        closing time, whichever comes first. Uses the current ``closes_at``, so an extension
        made later only helps attempts whose deadline is computed after it."""
        return attempt_deadline(started_at, self.time_limit_minutes, self.closes_at)


def attempt_deadline(started_at: datetime, time_limit_minutes: int,
                     closes_at: datetime) -> datetime:
    """The earlier of the attempt's time limit and the round's closing time."""
    return min(started_at + timedelta(minutes=time_limit_minutes), closes_at)


def round_status(opens_at: datetime, closes_at: datetime, now: datetime) -> RoundStatus:
    """A round's status at ``now`` from its opening and closing times."""
    if now < opens_at:
        return RoundStatus.UPCOMING
    return RoundStatus.OPEN if now < closes_at else RoundStatus.CLOSED


class Registration(Model):
    """An entrant's registration for a contest, in one entrant group and one unit."""

    __tablename__ = "registration"
    __table_args__ = (sa.UniqueConstraint("contest_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contest_id: Mapped[int] = mapped_column(sa.ForeignKey("contest.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id"), index=True)
    group_id: Mapped[int] = mapped_column(sa.ForeignKey("entrant_group.id"), index=True)
    unit_id: Mapped[int | None] = mapped_column(sa.ForeignKey("unit.id"), index=True)
    consent_at: Mapped[datetime]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Set by judges; contest.ranking leaves disqualified entrants out of every list.
    disqualified: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    disqualify_reason: Mapped[str] = mapped_column(sa.Text, default="", server_default="")

    contest: Mapped[Contest] = relationship(back_populates="registrations")
    user: Mapped[User] = relationship()
    group: Mapped[EntrantGroup] = relationship()
    unit: Mapped[Unit | None] = relationship()
