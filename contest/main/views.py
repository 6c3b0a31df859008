"""Home page, health check and display preferences."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, current_app, jsonify, redirect, render_template, request, url_for

from contest.extensions import db
from contest.navigation import nav_items

bp = Blueprint("main", __name__)

PREFS = {
    "font": ("normal", "large", "larger"),
    "contrast": ("normal", "high"),
    "lang": ("vi", "en"),
}
YEAR = 365 * 24 * 3600


@bp.route("/")
def index():
    """Landing page: open contests for entrants, shortcuts for staff."""
    return render_template("main/index.html")


@bp.route("/healthz")
def healthz():
    """Report whether the database answers (for load balancers and monitors)."""
    try:
        db.session.execute(sa.text("SELECT 1"))
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        db.session.rollback()
        return jsonify(status="error", database="unreachable"), 503
    return jsonify(status="ok", database="ok")


@bp.route("/tuy-chon", methods=["POST"])
def preferences():
    """Remember font size, contrast and language in cookies (works without JavaScript)."""
    target = request.form.get("next", "")
    if not target.startswith("/") or target.startswith("//"):
        target = url_for("main.index")
    response = redirect(target)
    for name, allowed in PREFS.items():
        value = request.form.get(name)
        if value in allowed:
            response.set_cookie(name, value, max_age=YEAR, samesite="Lax", httponly=False)
    return response


@bp.app_context_processor
def inject_preferences() -> dict:
    """Expose the display preferences so base.html can set classes on <html>."""
    prefs = {name: request.cookies.get(name, allowed[0]) for name, allowed in PREFS.items()}
    for name, allowed in PREFS.items():
        if prefs[name] not in allowed:
            prefs[name] = allowed[0]
    return {"prefs": prefs, "nav_items": nav_items, "has_endpoint": has_endpoint}


def has_endpoint(endpoint: str) -> bool:
    """Let templates link to a feature only when its blueprint is registered."""
    return endpoint in current_app.view_functions
