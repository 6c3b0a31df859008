"""Entrant pages: my attempts, start, the timed paper, the plain-form submit and the result."""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from contest.accounts.auth import role_required
from contest.attempts import queries
from contest.attempts.models import Attempt, AttemptStatus
from contest.attempts.services import (
    AttemptError,
    StartConflict,
    Started,
    begin_attempt,
    finalize_if_expired,
    finalize_stale,
    save_answers,
    save_prediction,
    submit_attempt,
)
from contest.attempts.standing import check_standing
from contest.contests.models import Registration
from contest.extensions import db, utcnow

bp = Blueprint("attempts", __name__)
TIME_UP = _l("Đã hết giờ làm bài. Bài thi được chốt theo các câu trả lời đã lưu trước thời hạn.")


@bp.app_template_filter("attempt_status")
def attempt_status_label(status: str) -> str:
    """Label of an attempt status in the request's language."""
    return AttemptStatus.label_of(status)


def start_or_resume(round_id: int, render: Callable[[Started], str] | None = None,
                    user_id: int | None = None) -> tuple[Started, str | None]:
    """Start (or resume) and commit; a start that lost a race retries once and resumes.

    ``render(started)`` runs before the commit, while the new attempt's values are still
    loaded, so the API's answer costs no reload of the attempt after the commit expires it.
    """
    for retry in (False, True):
        try:
            started = begin_attempt(user_id or current_user.id, round_id,
                                    client_ip=request.remote_addr or "")
            rendered = render(started) if render else None
            db.session.commit()
            return started, rendered
        except AttemptError as error:
            db.session.rollback()
            if retry or not isinstance(error, StartConflict):
                raise
    raise AssertionError("unreachable")


def owned_or_404(public_id: str) -> Attempt:
    """The current user's attempt, finalised first if its time is up; anyone else gets 404."""
    attempt = queries.owned_attempt(public_id, current_user.id)
    if attempt is None:
        abort(404)
    if finalize_if_expired(attempt):
        db.session.commit()
        flash(str(TIME_UP), "info")
    return attempt


@bp.route("/bai-thi/cua-toi")
@role_required("entrant")
def my_attempts():
    """List the entrant's attempts and the open rounds they may start."""
    mine = sa.select(Registration.id).where(Registration.user_id == current_user.id)
    if finalize_stale(Attempt.registration_id.in_(mine)):
        db.session.commit()
    attempts = queries.my_attempts(current_user.id)
    open_by_round = {a.round_id: a for a in attempts if a.status == AttemptStatus.OPEN}
    return render_template("attempts/my_attempts.html", attempts=attempts,
                           rounds=queries.open_rounds(current_user.id),
                           open_by_round=open_by_round, mmss=queries.mmss)


@bp.route("/vong-thi/<int:round_id>/bat-dau", methods=["POST"])
@role_required("entrant")
def start(round_id: int):
    """Start an attempt (or resume the open one) and open the paper."""
    try:
        started, public_id = start_or_resume(round_id, render=lambda s: s.attempt.public_id)
    except AttemptError as error:
        flash(error.message, "error")
        return redirect(url_for("attempts.my_attempts"))
    return redirect(url_for("attempts.take", public_id=public_id))


@bp.route("/bai-thi/<public_id>")
@role_required("entrant")
def take(public_id: str):
    """The timed paper: every question on one page, saved answers checked."""
    attempt = owned_or_404(public_id)
    if attempt.status != AttemptStatus.OPEN:
        return redirect(url_for("attempts.result", public_id=public_id))
    try:
        check_standing(attempt.registration_id, attempt.round_id)
    except AttemptError as error:  # disqualified: the paper is no longer theirs to take
        flash(error.message, "error")
        return redirect(url_for("attempts.my_attempts"))
    return render_template(
        "attempts/take.html", attempt=attempt, now=utcnow(),
        grace=current_app.config.get("ANSWER_GRACE_SECONDS", 5),
        prediction=queries.prediction_info(attempt.round), iso=queries.iso,
        answered=queries.answered_count(attempt),
    )


def _form_answers(attempt: Attempt) -> dict[int, list[int]]:
    answers = {}
    for item in attempt.items:
        values = request.form.getlist(f"q{item.position}")
        if not all(v.isdigit() for v in values):
            raise AttemptError(_("Câu %(n)s: lựa chọn không hợp lệ.", n=item.position), 400)
        answers[item.position] = [int(v) for v in values]
    return answers


@bp.route("/bai-thi/<public_id>/nop-bai", methods=["POST"])
@role_required("entrant")
def submit(public_id: str):
    """Plain HTML submit (works without JavaScript): save every answer, then grade once."""
    attempt = owned_or_404(public_id)
    if attempt.status == AttemptStatus.OPEN:
        try:
            save_answers(attempt, _form_answers(attempt))
            if queries.prediction_info(attempt.round)["asked"]:
                save_prediction(attempt, request.form.get("prediction"))
            db.session.commit()
            submit_attempt(attempt)
            db.session.commit()
        except AttemptError as error:
            db.session.rollback()
            flash(error.message, "error")
            if attempt.status == AttemptStatus.OPEN:
                return redirect(url_for("attempts.take", public_id=public_id))
    return redirect(url_for("attempts.result", public_id=public_id))


@bp.route("/bai-thi/<public_id>/ket-qua")
@role_required("entrant")
def result(public_id: str):
    """Score, time taken, prediction, the rank once published, and the review if allowed."""
    attempt = owned_or_404(public_id)
    if attempt.status == AttemptStatus.OPEN:
        return redirect(url_for("attempts.take", public_id=public_id))
    return render_template(
        "attempts/result.html", attempt=attempt, mmss=queries.mmss,
        rank=queries.rank_for(attempt), rank_pending=queries.RANK_PENDING,
        review=queries.review_allowed(attempt), prediction=queries.prediction_info(attempt.round),
    )
