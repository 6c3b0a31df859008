"""Share codes (one per registration) and the referrals credited through them."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from contest.extensions import Model, utcnow

if TYPE_CHECKING:
    from contest.contests.models import Registration


class ShareCode(Model):
    """An entrant's personal share code for one contest (random, made on first use)."""

    __tablename__ = "share_code"

    registration_id: Mapped[int] = mapped_column(
        sa.ForeignKey("registration.id", ondelete="CASCADE"), primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(16), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    registration: Mapped[Registration] = relationship()


class Referral(Model):
    """A registration made through someone's share link. ``address_hash`` (keyed hash of the
    client address) and ``device`` (a random cookie) only serve to flag suspicious bursts;
    ``accepted`` is an organiser's decision to count a flagged referral anyway."""

    __tablename__ = "referral"
    __table_args__ = (sa.CheckConstraint("referrer_id <> referred_id", name="not_self"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contest_id: Mapped[int] = mapped_column(sa.ForeignKey("contest.id", ondelete="CASCADE"),
                                            index=True)
    referrer_id: Mapped[int] = mapped_column(
        sa.ForeignKey("registration.id", ondelete="CASCADE"), index=True)
    referred_id: Mapped[int] = mapped_column(
        sa.ForeignKey("registration.id", ondelete="CASCADE"), unique=True)
    address_hash: Mapped[str] = mapped_column(sa.String(64), default="")
    device: Mapped[str] = mapped_column(sa.String(40), default="")
    accepted: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    referrer: Mapped[Registration] = relationship(foreign_keys=[referrer_id])
    referred: Mapped[Registration] = relationship(foreign_keys=[referred_id])
