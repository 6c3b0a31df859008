"""People who use the platform and the role each one holds."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from flask import current_app
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from contest.extensions import Model, enum_column, utcnow

if TYPE_CHECKING:
    from contest.units.models import Unit


class Role(enum.StrEnum):
    ADMIN = "admin"
    ORGANISER = "organiser"
    JUDGE = "judge"
    ENTRANT = "entrant"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.ADMIN: "Quản trị hệ thống",
    Role.ORGANISER: "Ban tổ chức",
    Role.JUDGE: "Ban giám khảo",
    Role.ENTRANT: "Thí sinh",
}


class User(UserMixin, Model):
    """An account. Entrants log in with their phone number; staff with phone or email."""

    __tablename__ = "user"
    __table_args__ = (
        sa.CheckConstraint("phone IS NOT NULL OR email IS NOT NULL", name="has_login"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    full_name: Mapped[str] = mapped_column(sa.String(120))
    phone: Mapped[str | None] = mapped_column(sa.String(20), unique=True)
    email: Mapped[str | None] = mapped_column(sa.String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    role: Mapped[str] = enum_column(Role, "role", default=Role.ENTRANT, length=20, index=True)
    unit_id: Mapped[int | None] = mapped_column(sa.ForeignKey("unit.id"), index=True)
    date_of_birth: Mapped[date | None]
    id_number: Mapped[str | None] = mapped_column(sa.String(12), unique=True)
    gender: Mapped[str | None] = mapped_column(sa.String(10))
    address: Mapped[str | None] = mapped_column(sa.String(255))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Bumped to end every session and remember-me token at once (contest/accounts/sessions.py).
    session_version: Mapped[int] = mapped_column(default=0, server_default="0")
    # Set by an organiser's password reset: the temporary password must be replaced first.
    must_change_password: Mapped[bool] = mapped_column(default=False, server_default=sa.false())

    unit: Mapped[Unit | None] = relationship(back_populates="members")

    def set_password(self, password: str) -> None:
        """Hash with scrypt (Werkzeug's default KDF); tests may pick a cheaper method."""
        method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
        self.password_hash = generate_password_hash(password, method=method)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive accounts
        return self.active

    def has_role(self, *roles: str) -> bool:
        return self.role in roles

    @property
    def is_staff(self) -> bool:
        return self.role in (Role.ADMIN, Role.ORGANISER, Role.JUDGE)

    @property
    def login(self) -> str:
        return self.phone or self.email or ""

    def __repr__(self) -> str:
        return f"<User {self.id} {self.role} {self.login}>"


class RememberToken(Model):
    """One "remember me" login: a random token (only its SHA-256 kept), new at every login,
    expiring after ``REMEMBER_DAYS`` and deleted when the account's sessions end."""

    __tablename__ = "remember_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"),
                                         index=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
