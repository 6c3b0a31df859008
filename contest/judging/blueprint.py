"""The judging blueprint, shared by the view modules that register routes on it."""

from __future__ import annotations

from flask import Blueprint, abort, request

bp = Blueprint("judging", __name__, url_prefix="/cham-giai")


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
