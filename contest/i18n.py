"""Locale and time zone: Vietnamese by default, English on request."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import Flask, request

from contest.extensions import babel

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
LANG_COOKIE = "lang"


def select_locale() -> str:
    """Pick the language from the cookie, defaulting to Vietnamese."""
    lang = request.cookies.get(LANG_COOKIE, "vi")
    return lang if lang in ("vi", "en") else "vi"


def vn_time(value: datetime | None, fmt: str = "%H:%M %d/%m/%Y") -> str:
    """Format an aware UTC datetime in Vietnam time."""
    if value is None:
        return ""
    return value.astimezone(VN_TZ).strftime(fmt)


def init_babel(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.filters["vn_time"] = vn_time
    app.jinja_env.filters["vn_date"] = lambda v: vn_time(v, "%d/%m/%Y")
