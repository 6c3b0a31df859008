"""Entrant pages: my attempts, start, the timed paper, the plain-form submit and the result."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from contest.accounts.auth import role_required
from contest.arrival import arrived_at
from contest.attempts import queries
from contest.attempts.gate import Gate, start_gate
from contest.attempts.late import late_answers
from contest.attempts.models import Attempt, AttemptStatus
from contest.attempts.services import (
    AttemptError,
    StartConflict,
    Started,
    finalize_if_expired,
    finalize_stale,
    grace,
    save_answers,
    save_prediction,
    start_attempt,
    submit_attempt,
)
from contest.attempts.standing import check_standing
from contest.contests.models import AttemptPolicy, ContestStatus, Registration, Round
from contest.errors import on_refusal
from contest.extensions import db, utcnow
from contest.proxies import client_address

bp = Blueprint("attempts", __name__)
TIME_UP = _l("Đã hết giờ làm bài. Bài thi được chốt theo các câu trả lời đã lưu trước thời hạn.")


@bp.app_template_filter("attempt_status")
def attempt_status_label(status: str) -> str:
    """Label of an attempt status in the request's language."""
    return AttemptStatus.label_of(status)


@bp.app_template_global()
def attempt_start_url(round_id: int) -> str | None:
    """Where a round's start button leads (the start page, then the clock runs); None if the
    start routes are not registered (the page then says the paper is not ready)."""
    if not {"attempts.start", "attempts.start_page"} <= current_app.view_functions.keys():
        return None
    return url_for("attempts.start_page", round_id=round_id)


@bp.app_template_filter("option_letter")
def option_letter(index: int) -> str:
    """An option's letter as the paper shows it (A for display index 0)."""
    return chr(ord("A") + index) if 0 <= index < 26 else str(index + 1)


@bp.app_template_global("attempt_gate")
def attempt_gate(round_: Round) -> Gate | None:
    """For a round's start button: resume, refusal (shown instead of the button) or None."""
    if not current_user.is_authenticated or current_user.role != "entrant":
        return None
    return start_gate(current_user.id, round_)


def start_or_resume(round_id: int, render: Callable[[Started], str] | None = None,
                    user_id: int | None = None) -> tuple[Started, str | None]:
    """Start (or resume) and commit; a start that lost a race retries once and resumes.

    ``render(started)`` runs before the commit, while the new attempt's values are still
    loaded, so the API's answer costs no reload of the attempt after the commit expires it.
    """
    for retry in (False, True):
        try:
            with serialised_on_sqlite():
                started = start_attempt(user_id or current_user.id, round_id,
                                        client_ip=client_address())
                rendered = render(started) if render else None
                db.session.commit()
            return started, rendered
        except AttemptError as error:
            db.session.rollback()
            if retry or not isinstance(error, StartConflict):
                raise
    raise AssertionError("unreachable")


_SQLITE_START_LOCK = threading.Lock()


@contextmanager
def serialised_on_sqlite() -> Iterator[None]:
    """SQLite ignores the start's SELECT ... FOR UPDATE, so there one start runs at a time:
    a lock for this process's threads and BEGIN IMMEDIATE (the database's write lock, taken
    before the start reads anything) for other processes. PostgreSQL: nothing to do."""
    if db.session.get_bind().dialect.name != "sqlite":
        yield
        return
    with _SQLITE_START_LOCK:
        try:
            connection = db.session.connection()
            raw = connection.connection.dbapi_connection
            if raw is not None and not getattr(raw, "in_transaction", True):
                connection.exec_driver_sql("BEGIN IMMEDIATE")
            yield
        except BaseException:
            db.session.rollback()
            raise


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
    rounds = queries.open_rounds(current_user.id)
    return render_template("attempts/my_attempts.html", attempts=attempts, rounds=rounds,
                           gates={r.id: start_gate(current_user.id, r) for r in rounds},
                           open_by_round=open_by_round, mmss=queries.mmss)


@bp.get("/vong-thi/<int:round_id>/bat-dau")
@role_required("entrant")
def start_page(round_id: int):
    """Before the clock runs: the rules, the time limit, the number of questions and the
    button to begin, or why the entrant cannot start (no button then)."""
    round_ = db.get_or_404(Round, round_id)
    if round_.contest.status == ContestStatus.DRAFT:
        abort(404)
    gate = start_gate(current_user.id, round_)
    if gate.resume:
        return redirect(url_for("attempts.take", public_id=gate.resume))
    return render_template("attempts/start.html", round=round_, contest=round_.contest,
                           gate=gate, prediction=queries.prediction_info(round_),
                           policy_label=AttemptPolicy.label_of(round_.attempt_policy))


@bp.route("/vong-thi/<int:round_id>/bat-dau", methods=["POST"])
@role_required("entrant")
def start(round_id: int):
    """Start an attempt (or resume the open one) and open the paper; a refusal is shown on
    the start page, next to the button."""
    on_refusal("attempts.start_page", flash_as="inline", round_id=round_id)
    started, public_id = start_or_resume(round_id, render=lambda s: s.attempt.public_id)
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
    """Plain HTML submit (works without JavaScript): save every answer, then grade once;
    judged on the request's arrival (contest/arrival.py).

    Two commits on purpose: the answers (and prediction) are committed before grading, so a
    submit the round's rules refuse (every question must be answered) rolls back only the
    grading, and the entrant is back on the paper with what they chose still saved (refused
    late answers are recorded by the first commit too).
    """
    arrived = arrived_at()
    attempt = owned_or_404(public_id)
    if attempt.status == AttemptStatus.OPEN:
        on_refusal("attempts.take", public_id=public_id)  # which shows the result once closed
        save_answers(attempt, _form_answers(attempt), now=arrived)
        in_time = arrived <= attempt.deadline + grace()
        if in_time and queries.prediction_info(attempt.round)["asked"]:
            save_prediction(attempt, request.form.get("prediction"), now=arrived)
        db.session.commit()
        submit_attempt(attempt, now=arrived)
        db.session.commit()
    return redirect(url_for("attempts.result", public_id=public_id))


@bp.route("/bai-thi/<public_id>/ket-qua")
@role_required("entrant")
def result(public_id: str):
    """Score, time taken, prediction, the rank once published, and the review if allowed."""
    attempt = owned_or_404(public_id)
    if attempt.status == AttemptStatus.OPEN:
        return redirect(url_for("attempts.take", public_id=public_id))
    review = queries.review_allowed(attempt)
    return render_template(
        "attempts/result.html", attempt=attempt, mmss=queries.mmss,
        rank=queries.rank_for(attempt), rank_pending=queries.RANK_PENDING,
        review=review, prediction=queries.prediction_info(attempt.round),
        hidden=queries.hidden_keys(attempt) if review else set(),
        late=late_answers(attempt.id),
    )


# Organiser routes on the same blueprint, kept in their own module.
from contest.attempts import organiser  # noqa: E402,F401
