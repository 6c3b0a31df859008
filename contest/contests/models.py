"""Contests, their entrant groups, rounds and the entrants registered for them."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from contest.extensions import Model, db, enum_column, utcnow
from contest.vocabulary import (
    DEFAULTS,
    AttemptPolicy,
    CollectiveFormula,
    ContestStatus,
    Counting,
    PredictionKind,
    PrizeTieRule,
    ReviewPolicy,
    RoundStatus,
)
from question_bank.models import Bank

if TYPE_CHECKING:
    from contest.accounts.models import User
    from contest.units.models import Unit


def new_token() -> str:
    return secrets.token_urlsafe(12)


group_bank_link = sa.Table(
    "group_bank_link",
    db.metadata,
    sa.Column("group_id", sa.ForeignKey("entrant_group.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("bank_id", sa.ForeignKey("bank.id", ondelete="CASCADE"), primary_key=True),
)

__all__ = [  # the settings' enums live in contest.vocabulary; re-exported for the models' users
    "AttemptPolicy", "CollectiveFormula", "ContestStatus", "Counting", "PredictionKind",
    "ReviewPolicy", "RoundStatus", "Contest", "EntrantGroup", "Round", "Registration",
    "attempt_deadline", "paper_settings", "round_status", "group_bank_link", "new_token",
    "ContestUnit", "UnitTarget", "RoundDisqualification",
]


class Contest(Model):
    """A contest (cuộc thi) run by an organiser over several rounds."""

    __tablename__ = "contest"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(255))
    plan_reference: Mapped[str] = mapped_column(sa.String(255), default="")
    decision_reference: Mapped[str] = mapped_column(sa.String(255), default="")
    rules_text: Mapped[str] = mapped_column(sa.Text, default="")
    status: Mapped[str] = enum_column(ContestStatus, "status", default=ContestStatus.DRAFT,
                                      length=12)
    # Ordered keys from contest.ranking; a final deterministic key is always appended.
    tie_breaks: Mapped[list[Any]] = mapped_column(sa.JSON,
                                                    default=lambda: list(DEFAULTS.tie_breaks))
    # The overall ranking's own chain (totals over the counted rounds).
    overall_tie_breaks: Mapped[list[Any]] = mapped_column(
        sa.JSON, default=lambda: list(DEFAULTS.overall_tie_breaks))
    collective_formula: Mapped[str] = enum_column(CollectiveFormula, "collective_formula",
                                                  default=DEFAULTS.collective_formula, length=40)
    collective_min_rate: Mapped[float] = mapped_column(default=DEFAULTS.collective_min_rate)
    # Points formula weights {criterion: weight}; None = DEFAULTS.collective_weights.
    collective_weights: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON)
    # Prize rules (contest.ranking.prizes): None = no such limit. Shares are 0..1.
    prize_min_score: Mapped[float | None]  # share of the max score needed for any prize
    prize_max_share: Mapped[float | None]  # at most this share of a group's ranked entrants
    prize_once_per_contest: Mapped[bool] = mapped_column(
        default=DEFAULTS.prize_once_per_contest, server_default=sa.false())
    prize_tie_rule: Mapped[str] = enum_column(PrizeTieRule, "prize_tie_rule",
                                              default=DEFAULTS.prize_tie_rule,
                                              server_default=DEFAULTS.prize_tie_rule.value)
    required_fields: Mapped[list[Any]] = mapped_column(
        sa.JSON, default=lambda: list(DEFAULTS.required_fields)
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
        return ContestStatus.label_of(self.status)

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
        sa.JSON, default=lambda: dict(DEFAULTS.prize_counts)
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
    time_limit_minutes: Mapped[int] = mapped_column(default=DEFAULTS.time_limit_minutes)
    question_count: Mapped[int] = mapped_column(default=DEFAULTS.question_count)
    # [{"area": 1..6, "difficulty": 1..3 | null, "count": n}, ...]; empty = any question.
    recipe: Mapped[list[Any]] = mapped_column(sa.JSON, default=list)
    # Optional per entrant group: {"<group id>": {"question_count": n, "recipe": [...]}};
    # a group without an entry draws the round's recipe (``paper_settings``).
    group_recipes: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict,
                                                          server_default="{}")
    shuffle_questions: Mapped[bool] = mapped_column(default=True)
    shuffle_options: Mapped[bool] = mapped_column(default=True)
    prediction_kind: Mapped[str] = enum_column(PredictionKind, "prediction_kind",
                                               default=DEFAULTS.prediction_kind, length=24)
    prediction_prompt: Mapped[str] = mapped_column(sa.Text, default="")
    prediction_truth: Mapped[float | None]
    attempt_policy: Mapped[str] = enum_column(AttemptPolicy, "attempt_policy",
                                              default=DEFAULTS.attempt_policy, length=20)
    max_attempts: Mapped[int] = mapped_column(default=DEFAULTS.max_attempts)
    counting: Mapped[str] = enum_column(Counting, "counting", default=DEFAULTS.counting, length=8)
    is_practice: Mapped[bool] = mapped_column(default=False)
    require_all_answered: Mapped[bool] = mapped_column(default=False)
    review_policy: Mapped[str] = enum_column(ReviewPolicy, "review_policy",
                                             default=DEFAULTS.review_policy, length=16)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # When the round was closed out: open attempts finalised, prediction truth computed
    # (contest.attempts.closeout). None until then, and again after an extension reopens it.
    closed_out_at: Mapped[datetime | None]

    contest: Mapped[Contest] = relationship(back_populates="rounds")

    def status_at(self, now: datetime) -> RoundStatus:
        """Derived from the times, never stored."""
        return round_status(self.opens_at, self.closes_at, now)

    @property
    def status(self) -> RoundStatus:
        return self.status_at(utcnow())

    @property
    def status_label(self) -> str:
        return str(self.status.label)

    def question_count_for(self, group_id: int | None) -> int:
        """The paper's length for an entrant group (its own recipe's, else the round's)."""
        return self.question_count if group_id is None else paper_settings(self, group_id)[1]

    def deadline_for(self, started_at: datetime) -> datetime:
        """When an attempt started at ``started_at`` must end: its time limit or the round's
        closing time, whichever comes first. Uses the current ``closes_at``, so an extension
        made later only helps attempts whose deadline is computed after it."""
        return attempt_deadline(started_at, self.time_limit_minutes, self.closes_at)


def paper_settings(round_: Any, group_id: int) -> tuple[list[Any], int]:
    """(recipe, question count) a group's papers are drawn with: the group's own recipe when
    the round has one for it, else the round's. ``round_`` is a Round or a row with
    ``recipe``, ``question_count`` and ``group_recipes``."""
    own = (getattr(round_, "group_recipes", None) or {}).get(str(group_id))
    if own:
        return list(own.get("recipe") or []), int(own["question_count"])
    return list(round_.recipe or []), int(round_.question_count)


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
    # The address a self-registration came from, for the organisers' burst flag.
    client_ip: Mapped[str | None] = mapped_column(sa.String(45))

    contest: Mapped[Contest] = relationship(back_populates="registrations")
    user: Mapped[User] = relationship()
    group: Mapped[EntrantGroup] = relationship()
    unit: Mapped[Unit | None] = relationship()


class ContestUnit(Model):
    """A unit taking part in a contest. A contest with none uses every unit (the old way)."""

    __tablename__ = "contest_unit"

    contest_id: Mapped[int] = mapped_column(sa.ForeignKey("contest.id", ondelete="CASCADE"),
                                            primary_key=True)
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("unit.id", ondelete="CASCADE"),
                                         primary_key=True, index=True)


class UnitTarget(Model):
    """How many entrants of one group a unit is expected to bring (its participation rate's
    denominator for that group). A group without a target for a unit has no rate there."""

    __tablename__ = "unit_target"
    __table_args__ = (sa.CheckConstraint("target >= 0", name="target_not_negative"),)

    group_id: Mapped[int] = mapped_column(
        sa.ForeignKey("entrant_group.id", ondelete="CASCADE"), primary_key=True)
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("unit.id", ondelete="CASCADE"),
                                         primary_key=True, index=True)
    target: Mapped[int] = mapped_column(default=0)


class RoundDisqualification(Model):
    """An entrant disqualified in one round only; ``Registration.disqualified`` is the whole
    contest. Either way the entrant is left out of that round's ranking and cannot start,
    answer or submit there."""

    __tablename__ = "round_disqualification"
    __table_args__ = (sa.UniqueConstraint("round_id", "registration_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(sa.ForeignKey("round.id", ondelete="CASCADE"))
    registration_id: Mapped[int] = mapped_column(
        sa.ForeignKey("registration.id", ondelete="CASCADE"))
    reason: Mapped[str] = mapped_column(sa.Text)
    created_by: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
