"""The audit log: who did what, when and why. Rows are never updated or deleted."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from contest.accounts.models import User
from contest.extensions import Model, utcnow


class AuditEntry(Model):
    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"), index=True)
    action: Mapped[str] = mapped_column(sa.String(60), index=True)  # e.g. "registration.edit"
    target_type: Mapped[str] = mapped_column(sa.String(40), default="")
    target_id: Mapped[int | None]
    reason: Mapped[str] = mapped_column(sa.Text, default="")
    details: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    # The contest and round the action concerns (derived from the target when recorded), so
    # the log can be filtered by contest and round.
    contest_id: Mapped[int | None] = mapped_column(index=True)
    round_id: Mapped[int | None] = mapped_column(index=True)

    actor: Mapped[User | None] = relationship()


class PersonalDataChange(Model):
    """The unmasked before/after of an organiser's correction of personal data (phone, CCCD,
    birth date ...). The audit entry it belongs to keeps them masked; this log is shown only to
    organisers, and every look at it is itself audited."""

    __tablename__ = "personal_data_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    audit_entry_id: Mapped[int] = mapped_column(sa.ForeignKey("audit_entry.id"), index=True)
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id"))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id"), index=True)
    registration_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("registration.id", ondelete="SET NULL"), index=True)
    before: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    after: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)

    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id])
    user: Mapped[User] = relationship(foreign_keys=[user_id])
