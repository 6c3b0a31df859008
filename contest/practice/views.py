"""Practice pages (open to everyone) and the organiser's practice setting for a contest.

A set lives in the signed session cookie (question ids, the answers given), so practice works
without an account and without JavaScript: each answer is a POST that redirects back to the
question, now showing whether it was right, the explanation and the legal basis.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import Blueprint, flash, jsonify, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from contest.accounts.auth import organiser_required
from contest.contests.models import Contest
from contest.errors import on_refusal
from contest.extensions import db, utcnow
from contest.practice import queries, services
from contest.practice.forms import SettingForm
from contest.practice.models import PracticeSetting
from question_bank.models import Bank

bp = Blueprint("practice", __name__)
KEY = "practice"


def _user_id() -> int | None:
    return current_user.id if current_user.is_authenticated else None


def _current() -> dict[str, Any] | None:
    state = session.get(KEY)
    return state if isinstance(state, dict) and state.get("ids") else None


@bp.route("/on-tap/")
def index():
    """Choose what to practise; a logged-in user sees their progress per area."""
    now = utcnow()
    return render_template("practice/index.html", areas=queries.areas(now, _user_id()),
                           contests=queries.practice_contests(), current=_current(),
                           size=services.SET_SIZE)


@bp.route("/on-tap/bat-dau", methods=["POST"])
def start():
    """Start a set of a reform area (``linh-vuc``) or of a contest's practice bank."""
    on_refusal("practice.index")
    now = utcnow()
    area_id = request.form.get("linh-vuc", type=int)
    contest_id = request.form.get("cuoc-thi", type=int)
    if area_id is not None:
        source = services.area_source(area_id)
    elif contest_id is not None:
        source = services.contest_source(contest_id, now)
    else:
        raise services.PracticeError(_("Vui lòng chọn lĩnh vực hoặc cuộc thi để ôn tập."))
    ids = services.draw_set(source, _user_id(), now)
    session[KEY] = {"ids": ids, "answers": {}, "right": [], "title": source.title}
    return redirect(url_for("practice.question", position=1))


def _position_or_redirect(position: int):
    state = _current()
    if state is None:
        flash(_("Hãy chọn một lĩnh vực để bắt đầu ôn tập."), "info")
        return None, redirect(url_for("practice.index"))
    if not 1 <= position <= len(state["ids"]):
        return None, redirect(url_for("practice.question", position=1))
    return state, None


@bp.route("/on-tap/cau/<int:position>", methods=["GET", "POST"])
def question(position: int):
    """One question of the set; after an answer, the right options and why."""
    state, redirect_to = _position_or_redirect(position)
    if state is None:
        return redirect_to
    now = utcnow()
    on_refusal("practice.index")
    q = services.question_for_practice(state["ids"][position - 1], now)
    key = str(position)
    if request.method == "POST" and key not in state["answers"]:
        on_refusal("practice.question", position=position)
        selected = request.form.getlist("chon", type=int)
        right = services.record_answer(q, selected, _user_id(), now)
        db.session.commit()
        state["answers"][key] = sorted(set(selected))
        if right:
            state["right"].append(position)
        session[KEY] = state
        session.modified = True
        if request.headers.get("X-Requested-With") == "fetch":
            return jsonify(_feedback(q, right, position, state))
    if request.method == "POST":
        return redirect(url_for("practice.question", position=position))
    answered = state["answers"].get(key)
    return render_template("practice/question.html", q=q, position=position,
                           total=len(state["ids"]), title=state["title"], answered=answered,
                           right=position in state["right"],
                           correct=set(q.correct_positions))


def _feedback(q, right: bool, position: int, state: dict[str, Any]) -> dict[str, Any]:
    last = position >= len(state["ids"])
    next_url = (url_for("practice.summary") if last
                else url_for("practice.question", position=position + 1))
    return {"right": right, "correct": q.correct_positions, "explanation": q.explanation,
            "legal_basis": q.legal_basis, "next_url": next_url}


@bp.route("/on-tap/ket-qua")
def summary():
    """How the set went, and a button for another."""
    state = _current()
    if state is None:
        return redirect(url_for("practice.index"))
    return render_template("practice/summary.html", title=state["title"],
                           total=len(state["ids"]), answered=len(state["answers"]),
                           right=len(state["right"]), logged_in=_user_id() is not None)


@bp.route("/quan-ly/cuoc-thi/<int:contest_id>/on-tap", methods=["GET", "POST"])
@organiser_required
def settings(contest_id: int):
    """The contest's practice bank and whether its counted banks may be practised."""
    contest = db.get_or_404(Contest, contest_id)
    setting = db.session.get(PracticeSetting, contest.id)
    form = SettingForm(obj=setting)
    banks = db.session.scalars(sa.select(Bank).order_by(Bank.name)).all()
    form.bank_id.choices = [SelectChoice(0, _("— Không có —")),
                            *(SelectChoice(b.id, b.name) for b in banks)]
    if not form.is_submitted() and setting is not None:
        form.bank_id.data = setting.bank_id or 0
    if form.validate_on_submit():
        services.save_setting(contest, form.bank_id.data or None, form.allow_counted_banks.data)
        db.session.commit()
        flash(_("Đã lưu cài đặt ôn tập."), "success")
        return redirect(url_for("practice.settings", contest_id=contest.id))
    return render_template("practice/settings.html", contest=contest, form=form)
