"""Query-string arguments shared by pages of several features: bad values are a 400, never a 500."""

from __future__ import annotations

from datetime import datetime

from flask import abort, request

from contest.i18n import VN_TZ


def int_arg(name: str) -> int | None:
    """An optional whole-number query argument; anything else is a 400, never a 500."""
    raw = request.args.get(name, "").strip()
    if not raw:
        return None
    if not raw.isdigit() or len(raw) > 12:
        abort(400)
    return int(raw)


def page_arg() -> int:
    return max(1, int_arg("trang") or 1)


def day_arg(name: str) -> datetime | None:
    """A date (YYYY-MM-DD, Vietnam time) from the query string as aware Vietnam midnight."""
    raw = request.args.get(name, "").strip()
    if not raw:
        return None
    try:
        return datetime.strptime(raw, "%Y-%m-%d").replace(tzinfo=VN_TZ)
    except ValueError:
        abort(400)
