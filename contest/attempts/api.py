"""JSON API under /api/v1 for the attempt page.

CSRF: the blueprint is exempt from the form CSRF token, but every request needs the session
cookie (SameSite=Lax) and every write needs ``X-Requested-With: fetch`` or a JSON body; a
cross-site HTML form can send neither without a CORS preflight, which this app never grants.
"""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from contest.accounts.auth import session_user_id
from contest.arrival import arrived_at
from contest.attempts import queries
from contest.attempts.batch import parse_batch, save_batch
from contest.attempts.events import record_event
from contest.attempts.services import (
    KEEP,
    AttemptError,
    finalize_if_expired,
    grace,
    save_prediction,
    submit_attempt,
)
from contest.attempts.views import start_or_resume
from contest.errors import json_title
from contest.extensions import csrf, db, utcnow

bp = Blueprint("attempts_api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)
SAFE = ("GET", "HEAD", "OPTIONS")
HOT_ENDPOINTS = ("attempts_api.start", "attempts_api.answer", "attempts_api.answers")


def error(message: str, status: int, **extra):
    return jsonify(error=json_title(status), message=str(message),
                   server_time=queries.iso(utcnow()), **extra), status


@bp.before_request
def guard():
    """Logged-in users only; writes must prove they come from this site's scripts.

    Starting and answering, the contest's peak requests, trust the signed session's user id
    instead of loading the user: a start finds the user's own registration, an answer's UPDATE
    matches only an open attempt of that user.
    """
    hot = request.endpoint in HOT_ENDPOINTS and session_user_id() is not None
    if not hot and not current_user.is_authenticated:
        return error(_("Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại."), 401)
    if request.method not in SAFE and not (
        request.headers.get("X-Requested-With") == "fetch" or request.is_json
    ):
        return error(_("Thiếu tiêu đề X-Requested-With: fetch."), 403)
    return None


def _user_id() -> int:
    """The logged-in user's id: from the session on the hot paths, else from current_user."""
    return session_user_id() or current_user.id


def _attempt(public_id: str, *, with_items: bool = True):
    """The user's attempt; closed first if its time is up for everyone (deadline + grace +
    queueing allowance: an entrant's own late save or submit closes it sooner)."""
    attempt = queries.owned_attempt(public_id, current_user.id, with_items=with_items)
    if attempt is None:
        raise AttemptError(_("Không tìm thấy bài thi."), 404)
    if finalize_if_expired(attempt):
        db.session.commit()
    return attempt


def _saved_json(saved) -> dict:
    if saved.answered_at is not None:
        return {"position": saved.position, "saved": True,
                "answered_at": queries.iso(saved.answered_at)}
    return {"position": saved.position, "saved": False, "status": saved.status,
            "message": saved.message}


def _body() -> dict:
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise AttemptError(_("Dữ liệu gửi lên phải là một đối tượng JSON."), 400)
    return data


@bp.route("/rounds/<int:round_id>/attempts", methods=["POST"])
def start(round_id: int):
    """Start or resume: the paper without answers, the deadline and the server time."""
    started, body = start_or_resume(round_id, render=queries.start_json, user_id=_user_id())
    return Response(body, 201 if started.created else 200, mimetype="application/json")


@bp.route("/attempts/<public_id>")
def paper(public_id: str):
    """The paper with saved selections; correct answers only when review is allowed."""
    return jsonify(queries.paper_json(_attempt(public_id)))


@bp.route("/attempts/<public_id>/status")
def status(public_id: str):
    """Status, deadline, server time and how many questions are answered."""
    attempt, now = _attempt(public_id), utcnow()
    return jsonify(status=attempt.status, deadline=queries.iso(attempt.deadline),
                   server_time=queries.iso(now), answered=queries.answered_count(attempt),
                   accepting=attempt.is_open and now <= attempt.deadline + grace())


@bp.route("/attempts/<public_id>/answers/<int:position>", methods=["PUT"])
def answer(public_id: str, position: int):
    """Save one answer: {"selected": [display indices]}; refused if it arrived after deadline +
    grace (the refusal is recorded for the judges)."""
    arrived = arrived_at()
    (saved,) = save_batch(_user_id(), public_id, [(position, _body().get("selected"))], arrived)
    db.session.commit()  # a refused late answer's record too
    if saved.answered_at is None:
        return error(saved.message, saved.status)
    return jsonify(saved=True, position=position, answered_at=queries.iso(saved.answered_at),
                   server_time=queries.iso(utcnow()))


@bp.route("/attempts/<public_id>/answers", methods=["PUT"])
def answers(public_id: str):
    """Save several answers at once: {"answers": [{"position", "selected"}, ...]}; each is
    acknowledged on its own in ``results`` (saved, or refused with status and message)."""
    arrived = arrived_at()
    results = save_batch(_user_id(), public_id, parse_batch(_body()), arrived)
    db.session.commit()
    return jsonify(results=[_saved_json(saved) for saved in results],
                   saved=sum(1 for saved in results if saved.saved),
                   server_time=queries.iso(utcnow()))


@bp.route("/attempts/<public_id>/prediction", methods=["PUT"])
def prediction(public_id: str):
    """Keep the prediction typed so far: {"prediction": number | null}."""
    arrived = arrived_at()
    value = save_prediction(_attempt(public_id), _body().get("prediction"), now=arrived)
    db.session.commit()
    return jsonify(saved=True, prediction=value, server_time=queries.iso(utcnow()))


@bp.route("/attempts/<public_id>/submit", methods=["POST"])
def submit(public_id: str):
    """Submit and grade once: {"prediction": number | null} (absent keeps the saved one).
    A submit that arrived by deadline + grace is ``submitted`` however long it was queued."""
    arrived = arrived_at()
    attempt = _attempt(public_id, with_items=False)
    body = request.get_json(silent=True) or {}
    if not isinstance(body, dict):
        raise AttemptError(_("Dữ liệu gửi lên phải là một đối tượng JSON."), 400)
    graded = submit_attempt(attempt, prediction=body.get("prediction", KEEP), now=arrived)
    result = queries.result_json(attempt)  # before the commit expires the attempt and its round
    db.session.commit()
    return jsonify(**result, already_finished=not graded,
                   result_url=url_for("attempts.result", public_id=public_id))


@bp.route("/attempts/<public_id>/events", methods=["POST"])
def event(public_id: str):
    """Count an anti-cheat event: {"type": "tab_hidden"}."""
    recorded = record_event(current_user.id, public_id, str(_body().get("type", "")))
    if not recorded and queries.owned_attempt(public_id, current_user.id) is None:
        raise AttemptError(_("Không tìm thấy bài thi."), 404)  # someone else's or unknown id
    db.session.commit()
    return jsonify(recorded=recorded)
