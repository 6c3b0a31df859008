"""Judges' pages: rounds, leaderboards, one entrant's answers, flags and decisions."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from contest.accounts.auth import staff_required
from contest.accounts.services import mask_phone
from contest.attempts import closeout
from contest.attempts.late import late_answers
from contest.contests import unit_scope
from contest.contests.models import Contest, Registration, Round
from contest.contests.prize_rules import PrizeRules
from contest.errors import on_refusal
from contest.extensions import db
from contest.judging import cache, queries, services, standings
from contest.judging.flags import all_flags
from contest.judging.forms import DisqualifyForm, ReasonForm, ResultsConfirmForm, TruthForm
from contest.ranking import truth
from contest.request_args import int_arg, page_arg
from contest.results import awards
from contest.results import services as results
from contest.sorting import vi_sorted
from contest.units.models import Block, Unit
from contest.vocabulary import PredictionKind

bp = Blueprint("judging", __name__, url_prefix="/cham-giai")


def _round(round_id: int) -> Round:
    """The round, closed out first if its close time has passed (the scheduler may lag)."""
    rnd = db.get_or_404(Round, round_id)
    if closeout.close_out(rnd) is not None:
        db.session.commit()
    return rnd


def _group_id(rnd: Round) -> int:
    groups = standings.groups_of(rnd)
    if not groups:
        abort(404)
    chosen = int_arg("khoi")
    if chosen is None:
        return groups[0].id
    if chosen not in {g.id for g in groups}:
        abort(404)
    return chosen


def _group_flags(rnd: Round, group_id: int) -> list[dict]:
    """Flags of one group with the people involved (cached like the leaderboard)."""
    def compute() -> list[dict]:
        rows, answers = queries.flag_inputs(rnd, group_id)
        found = all_flags(rows, answers)
        names = standings.people(r for fl in found for r in fl.registration_ids)
        return [{"kind": fl.kind, "label": fl.label, "explanation": fl.explanation,
                 "people": [{"id": r, **names.get(r, {})} for r in fl.registration_ids]}
                for fl in found]

    return cache.cached({"view": "flags", "round": rnd.id, "group": group_id},
                        cache.data_version(rnd), compute)


@bp.route("/")
@staff_required
def index():
    """List contests and their rounds with their publication state."""
    contests = db.session.scalars(sa.select(Contest).order_by(Contest.created_at.desc())).all()
    published = {r.id: results.current(r) for c in contests for r in c.rounds}
    return render_template("judging/index.html", contests=contests, published=published)


@bp.route("/dot/<int:round_id>")
@staff_required
def leaderboard(round_id: int):
    """A round's leaderboard for one group, filtered by unit or block, one page at a time."""
    rnd = _round(round_id)
    f = standings.BoardFilter(_group_id(rnd), int_arg("don_vi"), int_arg("khoi_don_vi"))
    page = page_arg()
    board = standings.board_page(rnd, f, page)
    pages = max(1, -(-board["total"] // standings.PAGE_SIZE))
    units = [{"id": uid, "name": label}
             for uid, _code, label in unit_scope.labelled_units(rnd.contest_id)]
    blocks = vi_sorted(db.session.scalars(
        sa.select(Block).where(sa.exists().where(
            Unit.block_id == Block.id, unit_scope.in_scope(Unit.id, rnd.contest_id)))).all(),
        key=lambda block: block.name)
    return render_template(
        "judging/leaderboard.html", rnd=rnd, f=f, board=board, page=page, pages=pages,
        groups=standings.groups_of(rnd), units=units, blocks=blocks,
        chain=[label for label in (board["rows"][0]["keys"] if board["rows"] else {})],
        confirmation=results.confirmation(rnd), confirmed=results.is_confirmed(rnd),
        snapshot=results.current(rnd), confirm_form=ResultsConfirmForm(),
        prize_review=_prize_review(rnd),
        truth_history=truth.history(rnd), truth_form=TruthForm(formdata=None),
        truth_kind=PredictionKind.label_of(rnd.prediction_kind),
        pending=closeout.not_closed_out_reason(rnd))


def _prize_review(rnd: Round) -> list[dict]:
    """Boundary ties and prize warnings of every group (cached like the leaderboard)."""
    parts = {"view": "prize_review", "round": rnd.id,
             "rules": PrizeRules.of(rnd.contest).as_data(),
             "counts": [g.prize_counts for g in rnd.contest.groups]}
    return cache.cached(parts, cache.data_version(rnd), lambda: awards.prize_review(rnd))


@bp.route("/dot/<int:round_id>/thi-sinh/<int:registration_id>")
@staff_required
def entry(round_id: int, registration_id: int):
    """One entrant: every attempt with answers and timings, neighbours and flags."""
    rnd = _round(round_id)
    registration = db.get_or_404(Registration, registration_id)
    if registration.contest_id != rnd.contest_id:
        abort(404)
    attempts = queries.attempts_of(registration.id, rnd.id)
    chosen = int_arg("luot")
    attempt = next((a for a in attempts if a.id == chosen), None) if chosen else None
    around = standings.neighbourhood(rnd, registration)
    if attempt is None and attempts:
        counted = around and next((r["attempt_id"] for r in around["rows"] if r["is_self"]),
                                  None)
        attempt = next((a for a in attempts if a.id == counted), attempts[0])
    flags = [fl for fl in _group_flags(rnd, registration.group_id)
             if registration.id in {p["id"] for p in fl["people"]}]
    return render_template(
        "judging/entry.html", rnd=rnd, registration=registration, attempts=attempts,
        attempt=attempt, items=queries.item_views(attempt) if attempt else [],
        late=late_answers(attempt.id) if attempt else [],
        around=around, flags=flags, form=ReasonForm(), mask_phone=mask_phone,
        disqualify_form=DisqualifyForm(formdata=None),
        standing=services.standing(registration, rnd))


@bp.route("/dot/<int:round_id>/canh-bao")
@staff_required
def flags(round_id: int):
    """Automatic flags of a round's group, with explanations; they never disqualify."""
    rnd = _round(round_id)
    group_id = _group_id(rnd)
    found = _group_flags(rnd, group_id)
    return render_template("judging/flags.html", rnd=rnd, group_id=group_id, found=found,
                           groups=standings.groups_of(rnd))


def _decide(round_id: int, registration_id: int, action, form_class=ReasonForm) -> object:
    rnd = _round(round_id)
    registration = db.get_or_404(Registration, registration_id)
    if registration.contest_id != rnd.contest_id:
        abort(404)
    form = form_class()
    back = url_for("judging.entry", round_id=rnd.id, registration_id=registration.id)
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for error in errors:
                flash(str(error), "error")
        return redirect(back)
    on_refusal("judging.entry", round_id=rnd.id, registration_id=registration.id)
    action(current_user.id, registration, form, rnd)
    db.session.commit()
    flash(_("Đã ghi nhận quyết định và lưu vào nhật ký."), "success")
    return redirect(back)


@bp.route("/dot/<int:round_id>/thi-sinh/<int:registration_id>/loai", methods=["POST"])
@staff_required
def disqualify(round_id: int, registration_id: int):
    """Disqualify an entrant in this round or the whole contest, with a written reason."""
    return _decide(round_id, registration_id, lambda actor, registration, form, rnd:
                   services.disqualify(actor, registration, form.reason.data,
                                       scope=form.scope.data, round_=rnd), DisqualifyForm)


@bp.route("/dot/<int:round_id>/thi-sinh/<int:registration_id>/khoi-phuc", methods=["POST"])
@staff_required
def reinstate(round_id: int, registration_id: int):
    """Lift the disqualification that applies in this round, with a written reason."""
    return _decide(round_id, registration_id, lambda actor, registration, form, rnd:
                   services.reinstate(actor, registration, form.reason.data, round_=rnd))


@bp.route("/dot/<int:round_id>/xac-nhan", methods=["POST"])
@staff_required
def confirm(round_id: int):
    """Confirm the round's results (all groups) as they stand."""
    rnd = _round(round_id)
    return confirmed(lambda note: results.confirm(current_user.id, rnd, note),
                     _("Đã xác nhận kết quả đợt thi."), "judging.leaderboard", round_id=rnd.id)


def confirmed(confirm, done: str, endpoint: str, **values):
    """A confirm button's answer (a round's or the overall results): the judge's note checked,
    the confirmation made and committed, and back to the board it was pressed on."""
    form = ResultsConfirmForm()
    on_refusal(endpoint, **values)
    if not form.validate_on_submit():
        flash(_("Ghi chú không hợp lệ (tối đa 2000 ký tự)."), "error")
    else:
        confirm(form.note.data or "")
        db.session.commit()
        flash(done, "success")
    return redirect(url_for(endpoint, **values))


# Routes on the same blueprint, kept in their own modules.
from contest.judging import views_audit, views_overall, views_truth, views_units  # noqa: E402,F401
