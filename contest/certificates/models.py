"""Certificates issued to winners, each with an unguessable verification code."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from contest.extensions import Model, utcnow

if TYPE_CHECKING:
    from contest.contests.models import Registration, Round

CODE_LENGTH = 16


class Certificate(Model):
    """A prize certificate. Names are copied at issue so the code always confirms what was
    printed, whatever changes later."""

    __tablename__ = "certificate"
    __table_args__ = (
        sa.CheckConstraint(f"length(code) = {CODE_LENGTH}", name="code_length"),
        sa.CheckConstraint("prize <> ''", name="prize_present"),
        sa.Index("ix_certificate_registration_round", "registration_id", "round_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(CODE_LENGTH), unique=True)
    registration_id: Mapped[int] = mapped_column(sa.ForeignKey("registration.id"))
    round_id: Mapped[int | None] = mapped_column(sa.ForeignKey("round.id"), index=True)
    prize: Mapped[str] = mapped_column(sa.String(80))
    holder_name: Mapped[str] = mapped_column(sa.String(120))
    unit_name: Mapped[str] = mapped_column(sa.String(255), default="")
    contest_title: Mapped[str] = mapped_column(sa.String(255))
    round_name: Mapped[str] = mapped_column(sa.String(120), default="")
    issued_at: Mapped[datetime] = mapped_column(default=utcnow)
    issued_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    revoked_at: Mapped[datetime | None]
    revoke_reason: Mapped[str] = mapped_column(sa.Text, default="")

    registration: Mapped[Registration] = relationship()
    round: Mapped[Round | None] = relationship()

    @property
    def display_code(self) -> str:
        """The code in groups of four: "ABCD-EFGH-JKLM-NPQR"."""
        return "-".join(self.code[i:i + 4] for i in range(0, len(self.code), 4))

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None
