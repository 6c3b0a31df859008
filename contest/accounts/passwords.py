"""The password rule (NIST SP 800-63B): at least 8 characters, not a common password, not the
account's own phone or CCCD number. ``common_passwords.txt`` ships with the app."""

from __future__ import annotations

import re
import secrets
from functools import lru_cache
from pathlib import Path

from flask_babel import gettext as _

MIN_LENGTH = 8
MAX_LENGTH = 200
COMMON_FILE = Path(__file__).with_name("common_passwords.txt")
# Temporary passwords read out over the phone: no 0/o, 1/l/i look-alikes.
TEMPORARY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    lines = COMMON_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines
                     if line.strip() and not line.startswith("#"))


def password_problems(password: str | None, *, phone: str | None = None,
                      id_number: str | None = None) -> list[str]:
    """Why ``password`` is refused (empty: acceptable), in the request's language."""
    password = password or ""
    if len(password) < MIN_LENGTH:
        return [_("Mật khẩu phải có ít nhất 8 ký tự.")]
    if len(password) > MAX_LENGTH:
        return [_("Mật khẩu dài quá 200 ký tự.")]
    problems = []
    if password.strip().lower() in common_passwords():
        problems.append(_("Mật khẩu này quá phổ biến, dễ bị đoán. Vui lòng chọn mật khẩu khác."))
    digits = re.sub(r"[\s.\-()+]", "", password)
    if digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    if (phone and digits == phone) or (id_number and digits == id_number):
        problems.append(_("Mật khẩu không được trùng số điện thoại hoặc số CCCD."))
    return problems


def temporary_password() -> str:
    """A random password for an organiser's reset: 10 characters, about 50 bits."""
    return "".join(secrets.choice(TEMPORARY_ALPHABET) for _ in range(10))
