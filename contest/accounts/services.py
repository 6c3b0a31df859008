"""Account operations: create users, check logins. Services flush; callers commit."""

from __future__ import annotations

import re

import sqlalchemy as sa
from flask_babel import gettext as _

from contest.accounts.models import Role, User
from contest.errors import DomainError
from contest.extensions import db

PHONE_RE = re.compile(r"^0\d{9}$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
CCCD_RE = re.compile(r"^\d{12}$")


class AccountError(DomainError):
    """A domain error with a translated message for the user."""


def normalise_phone(raw: str) -> str:
    """Turn "+84 912.345.678" or "0912 345 678" into "0912345678"."""
    digits = re.sub(r"[\s.\-()]", "", raw or "")
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    return digits


def is_valid_phone(phone: str) -> bool:
    return bool(PHONE_RE.match(phone))


def normalise_login(login: str) -> str:
    """One spelling per login: a lower-case email, or a phone as "0912345678"."""
    login = (login or "").strip()
    return login.lower() if "@" in login else normalise_phone(login)


def find_by_login(login: str) -> User | None:
    """Find a user by email (if it has an @) or by phone number."""
    login = normalise_login(login)
    if "@" in login:
        return db.session.scalar(sa.select(User).where(sa.func.lower(User.email) == login))
    return db.session.scalar(sa.select(User).where(User.phone == login))


def create_user(
    *,
    full_name: str,
    password: str,
    role: str = Role.ENTRANT,
    phone: str | None = None,
    email: str | None = None,
    **fields,
) -> User:
    """Create an account after checking the login fields are valid and unused."""
    phone = normalise_phone(phone) if phone else None
    email = email.strip().lower() if email else None
    if role not in set(Role):
        raise AccountError(_("Vai trò không hợp lệ: %(role)s", role=role))
    if not phone and not email:
        raise AccountError(_("Cần số điện thoại hoặc email để đăng nhập."))
    if phone and not is_valid_phone(phone):
        raise AccountError(_("Số điện thoại phải gồm 10 chữ số, bắt đầu bằng 0."))
    if email and not EMAIL_RE.match(email):
        raise AccountError(_("Địa chỉ email không hợp lệ."))
    if len(password) < 8:
        raise AccountError(_("Mật khẩu phải có ít nhất 8 ký tự."))
    if phone and db.session.scalar(sa.select(User.id).where(User.phone == phone)):
        raise AccountError(_("Số điện thoại này đã được đăng ký."))
    if email and db.session.scalar(sa.select(User.id).where(User.email == email)):
        raise AccountError(_("Email này đã được đăng ký."))
    id_number = fields.get("id_number")
    if id_number:
        if not CCCD_RE.match(id_number):
            raise AccountError(_("Số CCCD phải gồm đúng 12 chữ số."))
        if db.session.scalar(sa.select(User.id).where(User.id_number == id_number)):
            raise AccountError(_("Số CCCD này đã được đăng ký."))
    user = User(full_name=full_name.strip(), role=role, phone=phone, email=email, **fields)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user


def mask_phone(phone: str | None) -> str:
    """Show only the last three digits: "0912345678" -> "*******678"."""
    return "" if not phone else "*" * (len(phone) - 3) + phone[-3:]


def mask_id_number(number: str | None) -> str:
    """Show only the last four digits of a CCCD."""
    return "" if not number else "*" * (len(number) - 4) + number[-4:]
