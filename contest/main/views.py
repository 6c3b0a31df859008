"""Home page, health check and display preferences."""

from __future__ import annotations

import sqlalchemy as sa
from flask import (
    Blueprint,
    abort,
    current_app,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from contest.contests.models import Contest, ContestStatus
from contest.extensions import db, utcnow
from contest.i18n import vn_time
from contest.links import public_url
from contest.main.home import current_round, home_contests, latest_results
from contest.main.social import share_image
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
    """Landing page: contests open now and coming, with the latest published results."""
    now = utcnow()
    user_id = current_user.id if current_user.is_authenticated else None
    return render_template("main/index.html", contests=home_contests(now, user_id),
                           results=latest_results(), now=now)


@bp.route("/cuoc-thi/<int:contest_id>/anh-chia-se.png")
def share_picture(contest_id: int):
    """The Open Graph picture of a published contest (title, reference, current round)."""
    contest = db.get_or_404(Contest, contest_id)
    if contest.status == ContestStatus.DRAFT:
        abort(404)
    current = current_round(list(contest.rounds), utcnow())
    footer = _("Thi tìm hiểu cải cách hành chính")
    if current is not None:
        footer = _("%(round)s: %(opens)s – %(closes)s", round=current.name,
                   opens=vn_time(current.opens_at, "%d/%m"),
                   closes=vn_time(current.closes_at, "%d/%m/%Y"))
    subtitle = contest.plan_reference or ", ".join(g.name for g in contest.groups)
    response = make_response(share_image(contest.title, subtitle, footer))
    response.headers["Content-Type"] = "image/png"
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response


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
    return {"prefs": prefs, "nav_items": nav_items, "has_endpoint": has_endpoint,
            "public_url": public_url}


def has_endpoint(endpoint: str) -> bool:
    """Let templates link to a feature only when its blueprint is registered."""
    return endpoint in current_app.view_functions
