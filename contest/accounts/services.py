"""Account operations: create users, check logins. Services flush; callers commit."""

from __future__ import annotations

import re

import sqlalchemy as sa
from flask_babel import gettext as _

from contest.accounts.models import Role, User
from contest.accounts.passwords import password_problems, temporary_password
from contest.accounts.sessions import end_all
from contest.audit.services import record
from contest.errors import DomainError
from contest.extensions import db
from contest.vocabulary import AuditAction

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
    if problems := password_problems(password, phone=phone, id_number=fields.get("id_number")):
        raise AccountError(problems[0])
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


def change_password(user: User, current: str, new: str, again: str) -> None:
    """The owner changes their password; every other session of the account ends."""
    if not user.check_password(current or ""):
        raise AccountError(_("Mật khẩu hiện tại không đúng."), field="current_password")
    if new != again:
        raise AccountError(_("Hai mật khẩu mới không khớp."), field="new_password_again")
    if problems := password_problems(new, phone=user.phone, id_number=user.id_number):
        raise AccountError(problems[0], field="new_password")
    if user.check_password(new):
        raise AccountError(_("Mật khẩu mới phải khác mật khẩu hiện tại."), field="new_password")
    user.set_password(new)
    user.must_change_password = False
    end_all(user)


def may_manage(actor: User, user: User) -> bool:
    """Organisers manage entrants' and judges' accounts; admins every account but their own."""
    if actor.id == user.id:
        return False
    if actor.role == Role.ADMIN:
        return True
    return actor.role == Role.ORGANISER and user.role in (Role.ENTRANT, Role.JUDGE)


def _managed(actor: User, user: User, reason: str) -> str:
    if not may_manage(actor, user):
        raise AccountError(_("Bạn không được quản lý tài khoản này."), 403)
    reason = (reason or "").strip()
    if not reason:
        raise AccountError(_("Vui lòng ghi lý do."), field="reason")
    return reason


def reset_password(actor: User, user: User, reason: str) -> str:
    """An organiser or admin gives the account a temporary password (there is no e-mail
    channel), ends its sessions and audits it; returns the password to hand over."""
    reason = _managed(actor, user, reason)
    password = temporary_password()
    user.set_password(password)
    user.must_change_password = True  # the holder replaces it at their first login
    end_all(user)
    record(actor.id, AuditAction.PASSWORD_RESET, user, reason=reason, user_id=user.id)
    return password


def deactivate(actor: User, user: User, reason: str) -> None:
    """Lock an account: it can no longer log in, and its open sessions end at once."""
    reason = _managed(actor, user, reason)
    user.active = False
    end_all(user)
    record(actor.id, AuditAction.ACCOUNT_DEACTIVATE, user, reason=reason, user_id=user.id)
