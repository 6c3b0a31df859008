"""Judges' confirmations and the frozen, versioned results that the public pages read."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from contest.extensions import Model, utcnow

if TYPE_CHECKING:
    from contest.accounts.models import User
    from contest.contests.models import Contest, Round


class RoundConfirmation(Model):
    """A judge confirmed a round's results (all groups) as they stood at ``data_version``."""

    __tablename__ = "round_confirmation"
    __table_args__ = (sa.UniqueConstraint("round_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(sa.ForeignKey("round.id", ondelete="CASCADE"))
    confirmed_by: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"))
    confirmed_at: Mapped[datetime] = mapped_column(default=utcnow)
    data_version: Mapped[str] = mapped_column(sa.String(120), default="")
    note: Mapped[str] = mapped_column(sa.Text, default="")

    round: Mapped[Round] = relationship()
    judge: Mapped[User | None] = relationship()


class ResultSnapshot(Model):
    """One published version of a round's results; earlier versions stay readable.

    ``data`` holds the ranked rows (personal data already masked), prizes, unit table and
    bulletin figures, so later changes never alter what was published.
    ``group_id`` is null for a snapshot that covers every group of the round.
    """

    __tablename__ = "result_snapshot"
    __table_args__ = (
        sa.UniqueConstraint("round_id", "version"),
        sa.CheckConstraint("version >= 1", name="version_positive"),
        # At most one current version per round (partial unique index on both backends).
        sa.Index("uq_result_snapshot_current", "round_id", unique=True,
                 sqlite_where=sa.text("is_current"), postgresql_where=sa.text("is_current")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(sa.ForeignKey("round.id", ondelete="CASCADE"),
                                          index=True)
    group_id: Mapped[int | None] = mapped_column(sa.ForeignKey("entrant_group.id"))
    version: Mapped[int]
    data: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    data_version: Mapped[str] = mapped_column(sa.String(120), default="")
    reason: Mapped[str] = mapped_column(sa.Text, default="")
    created_by: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    is_current: Mapped[bool] = mapped_column(default=True)

    round: Mapped[Round] = relationship()
    author: Mapped[User | None] = relationship()


class OverallConfirmation(Model):
    """A judge confirmed the contest's overall results (all groups) at ``data_version``."""

    __tablename__ = "overall_confirmation"
    __table_args__ = (sa.UniqueConstraint("contest_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contest_id: Mapped[int] = mapped_column(sa.ForeignKey("contest.id", ondelete="CASCADE"))
    confirmed_by: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"))
    confirmed_at: Mapped[datetime] = mapped_column(default=utcnow)
    data_version: Mapped[str] = mapped_column(sa.String(120), default="")
    note: Mapped[str] = mapped_column(sa.Text, default="")

    contest: Mapped[Contest] = relationship()
    judge: Mapped[User | None] = relationship()


class OverallSnapshot(Model):
    """One published version of a contest's overall results (like ``ResultSnapshot``)."""

    __tablename__ = "overall_snapshot"
    __table_args__ = (
        sa.UniqueConstraint("contest_id", "version"),
        sa.CheckConstraint("version >= 1", name="version_positive"),
        sa.Index("uq_overall_snapshot_current", "contest_id", unique=True,
                 sqlite_where=sa.text("is_current"), postgresql_where=sa.text("is_current")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    contest_id: Mapped[int] = mapped_column(sa.ForeignKey("contest.id", ondelete="CASCADE"),
                                            index=True)
    version: Mapped[int]
    data: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    data_version: Mapped[str] = mapped_column(sa.String(120), default="")
    reason: Mapped[str] = mapped_column(sa.Text, default="")
    created_by: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    is_current: Mapped[bool] = mapped_column(default=True)

    contest: Mapped[Contest] = relationship()
    author: Mapped[User | None] = relationship()
