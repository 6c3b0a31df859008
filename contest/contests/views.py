"""Public contest pages; the organiser pages live in ``manage.py`` on the same blueprint."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, url_for
from flask_login import current_user

from contest.contests.forms import ButtonForm
from contest.contests.models import Contest, ContestStatus, RoundStatus
from contest.contests.queries import public_contests, registration_of
from contest.extensions import db

bp = Blueprint("contests", __name__)


@bp.app_template_global()
def attempt_start_url(round_id: int) -> str | None:
    """URL of the attempts start endpoint, or None in an app without the attempts blueprint
    (the page then shows no start button)."""
    if "attempts.start" not in current_app.view_functions:
        return None
    return url_for("attempts.start", round_id=round_id)


@bp.route("/cuoc-thi/")
def public_list():
    """Published contests with their rounds; open rounds stand out."""
    return render_template("contests/public_list.html", contests=public_contests(),
                           OPEN=RoundStatus.OPEN)


@bp.route("/cuoc-thi/<int:contest_id>")
def public_detail(contest_id: int):
    """A contest's rules and rounds; registered entrants start attempts from here."""
    contest = db.get_or_404(Contest, contest_id)
    if contest.status == ContestStatus.DRAFT and not (
            current_user.is_authenticated and current_user.is_staff):
        abort(404)
    registration = None
    if current_user.is_authenticated:
        registration = registration_of(contest.id, current_user.id)
    return render_template("contests/public_detail.html", contest=contest,
                           registration=registration, OPEN=RoundStatus.OPEN,
                           form=ButtonForm())


from contest.contests import manage, manage_units  # noqa: E402,F401,I001  (organiser routes)
