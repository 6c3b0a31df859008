"""Certificates issued to winners, each with an unguessable verification code."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from contest.extensions import Model, enum_column, utcnow
from contest.vocabulary import DEFAULTS, CertificateLayout

if TYPE_CHECKING:
    from contest.contests.models import Registration, Round

CODE_LENGTH = 16
# Printed above the signature when the organiser sets no title of their own.
DEFAULT_SIGNER_TITLE = "TM. BAN TỔ CHỨC"


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
    # "" for an individual prize; "referrals" for a referral prize (lan tỏa): one valid
    # certificate per entrant, round and category, so the two never replace each other.
    category: Mapped[str] = mapped_column(sa.String(20), default="", server_default="")
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


class CertificateStyle(Model):
    """How a contest's certificates are issued: the place line, the signer, the commendation
    decision, the layout and an optional scanned signature / seal image (kept in the database,
    never under the web root; served only inside the PDFs)."""

    __tablename__ = "certificate_style"

    contest_id: Mapped[int] = mapped_column(sa.ForeignKey("contest.id", ondelete="CASCADE"),
                                            primary_key=True)
    place: Mapped[str] = mapped_column(sa.String(120), default="")
    signer_title: Mapped[str] = mapped_column(sa.String(200),
                                              default=DEFAULT_SIGNER_TITLE)
    signer_name: Mapped[str] = mapped_column(sa.String(120), default="")
    decision_number: Mapped[str] = mapped_column(sa.String(120), default="")
    decision_date: Mapped[date | None]
    issuer_name: Mapped[str] = mapped_column(sa.String(200), default="")
    layout: Mapped[str] = enum_column(CertificateLayout, "layout",
                                      default=DEFAULTS.certificate_layout, length=12)
    seal_image: Mapped[bytes | None] = mapped_column(sa.LargeBinary)
    seal_mimetype: Mapped[str] = mapped_column(sa.String(20), default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
