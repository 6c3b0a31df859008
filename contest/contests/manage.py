"""Organiser pages: contests, entrant groups, rounds, publishing and extensions."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from contest.accounts.auth import organiser_required
from contest.contests import groups, queries, services
from contest.contests.cockpit import next_steps
from contest.contests.forms import (
    ButtonForm,
    ContestForm,
    GroupForm,
    RoundForm,
    options,
)
from contest.contests.models import Contest, EntrantGroup, Round
from contest.contests.queries import (
    bank_choices,
    managed_contests,
    registration_count,
    round_extensions,
)
from contest.contests.rules import area_name, difficulty_name, utc_to_vn
from contest.contests.time_forms import ExtendForm, ShortenForm
from contest.contests.views import bp
from contest.extensions import db, utcnow
from contest.registration.queries import unit_page
from contest.vocabulary import DEFAULTS, AttemptPolicy, Counting, ReviewPolicy


@bp.route("/quan-ly/cuoc-thi/")
@organiser_required
def manage_list():
    """Every contest with its status, rounds and registrations."""
    return render_template("contests/manage_list.html", rows=managed_contests())


@bp.route("/quan-ly/cuoc-thi/moi", methods=["GET", "POST"])
@organiser_required
def manage_create():
    """Create a draft contest."""
    form = ContestForm()
    if not form.is_submitted():
        form.required_fields.data = [str(key) for key in DEFAULTS.required_fields]
    if form.validate_on_submit():
        contest = services.create_contest(actor_id=current_user.id, **form.values())
        db.session.commit()
        flash(_("Đã tạo cuộc thi. Hãy thêm khối thí sinh và đợt thi."), "success")
        return redirect(url_for(".manage_detail", contest_id=contest.id))
    return render_template("contests/manage_form.html", form=form, contest=None)


@bp.route("/quan-ly/cuoc-thi/<int:contest_id>/sua", methods=["GET", "POST"])
@organiser_required
def manage_edit(contest_id: int):
    """Edit a contest's settings."""
    contest = db.get_or_404(Contest, contest_id)
    form = ContestForm()
    if not form.is_submitted():
        form.load(contest)
    if form.validate_on_submit():
        services.update_contest(contest, actor_id=current_user.id, **form.values())
        db.session.commit()
        flash(_("Đã lưu cuộc thi."), "success")
        return redirect(url_for(".manage_detail", contest_id=contest.id))
    return render_template("contests/manage_form.html", form=form, contest=contest)


@bp.route("/quan-ly/cuoc-thi/<int:contest_id>")
@organiser_required
def manage_detail(contest_id: int):
    """A contest's groups, rounds, invitation links and QR codes."""
    from contest.attempts.closeout import close_out

    contest = db.get_or_404(Contest, contest_id)
    if [r for r in contest.rounds if close_out(r) is not None]:  # rounds whose time is up
        db.session.commit()
    group_form = GroupForm(formdata=None)
    group_form.bank_ids.choices = options(bank_choices())
    query = request.args.get("q", "").strip()
    units = unit_page(query, request.args.get("trang", 1, type=int), contest_id=contest.id)
    return render_template("contests/manage_detail.html", contest=contest,
                           group_form=group_form, form=ButtonForm(), units=units,
                           query=query, registrations=registration_count(contest.id),
                           steps=next_steps(contest))


@bp.route("/quan-ly/cuoc-thi/<int:contest_id>/trang-thai/<target>", methods=["POST"])
@organiser_required
def manage_status(contest_id: int, target: str):
    """Publish or close a contest."""
    contest = db.get_or_404(Contest, contest_id)
    if ButtonForm().validate_on_submit():
        services.set_status(contest, target, actor_id=current_user.id)
        db.session.commit()
        flash(_("Cuộc thi đã chuyển sang «%(status)s».", status=contest.status_label),
              "success")
    return redirect(url_for(".manage_detail", contest_id=contest.id))


@bp.route("/quan-ly/cuoc-thi/<int:contest_id>/khoi", methods=["POST"])
@organiser_required
def group_add(contest_id: int):
    """Add an entrant group with its banks."""
    contest = db.get_or_404(Contest, contest_id)
    form = GroupForm()
    if form.validate_on_submit():
        groups.add_group(contest, form.name.data, form.bank_ids.data or [],
                         form.prize_counts(), actor_id=current_user.id)
        db.session.commit()
        flash(_("Đã thêm khối «%(name)s».", name=form.name.data.strip()), "success")
    for errors in form.errors.values():
        for message in errors:
            flash(str(message), "error")
    return redirect(url_for(".manage_detail", contest_id=contest.id))


@bp.route("/quan-ly/khoi/<int:group_id>/sua", methods=["GET", "POST"])
@organiser_required
def group_edit(group_id: int):
    """Rename a group or change its banks."""
    group = db.get_or_404(EntrantGroup, group_id)
    form = GroupForm(obj=None if request.method == "POST" else group)
    form.bank_ids.choices = options(bank_choices())
    if not form.is_submitted():
        form.bank_ids.data = [bank.id for bank in group.banks]
        for key, count in (group.prize_counts or {}).items():
            if hasattr(form, key):
                getattr(form, key).data = count
    if form.validate_on_submit():
        groups.update_group(group, form.name.data, form.bank_ids.data or [],
                            form.prize_counts(), actor_id=current_user.id)
        db.session.commit()
        flash(_("Đã lưu khối thí sinh."), "success")
        return redirect(url_for(".manage_detail", contest_id=group.contest_id))
    return render_template("contests/group_edit.html", form=form, group=group)


@bp.route("/quan-ly/cuoc-thi/<int:contest_id>/dot-thi/moi", methods=["GET", "POST"])
@organiser_required
def round_create(contest_id: int):
    """Add a round; a recipe the banks cannot fill is refused with the shortfall named."""
    contest = db.get_or_404(Contest, contest_id)
    form = RoundForm()
    if form.validate_on_submit():
        round_ = services.create_round(contest, actor_id=current_user.id, **form.values())
        db.session.commit()
        flash(_("Đã tạo đợt thi «%(name)s».", name=round_.name), "success")
        return redirect(url_for(".round_detail", round_id=round_.id))
    return render_template("contests/round_form.html", form=form, contest=contest, round=None,
                           sharing=queries.rounds_sharing_banks(contest))


@bp.route("/quan-ly/dot-thi/<int:round_id>/sua", methods=["GET", "POST"])
@organiser_required
def round_edit(round_id: int):
    """Edit a round's settings."""
    round_ = db.get_or_404(Round, round_id)
    form = RoundForm()
    if not form.is_submitted():
        form.load(round_)
    if form.validate_on_submit():
        services.update_round(round_, actor_id=current_user.id, **form.values())
        db.session.commit()
        flash(_("Đã lưu đợt thi."), "success")
        return redirect(url_for(".round_detail", round_id=round_.id))
    return render_template("contests/round_form.html", form=form, contest=round_.contest,
                           round=round_,
                           sharing=queries.rounds_sharing_banks(round_.contest, round_.id))


@bp.route("/quan-ly/dot-thi/<int:round_id>")
@organiser_required
def round_detail(round_id: int, shorten: ShortenForm | None = None, status: int = 200):
    """A round's settings, recipe, recorded extensions and early closes."""
    from contest.attempts.closeout import close_out  # attempts builds on contests
    from contest.attempts.prepared import prepared_summary
    from contest.contests.closing import round_closings

    round_ = db.get_or_404(Round, round_id)
    if close_out(round_) is not None:  # lazily, when the scheduler has not yet
        db.session.commit()
    form = ExtendForm(formdata=None)
    form.closes_at.data = utc_to_vn(round_.closes_at)
    return render_template("contests/round_detail.html", round=round_, contest=round_.contest,
                           form=form, extensions=round_extensions(round_.id),
                           shorten=shorten or ShortenForm(formdata=None),
                           closings=round_closings(round_.id), now=utcnow(),
                           prepared=prepared_summary(round_), confirm=ButtonForm(),
                           area_name=area_name, difficulty_name=difficulty_name,
                           labels={"policy": dict(AttemptPolicy.choices()),
                                   "counting": dict(Counting.choices()),
                                   "review": dict(ReviewPolicy.choices())}), status


@bp.route("/quan-ly/dot-thi/<int:round_id>/gia-han", methods=["POST"])
@organiser_required
def round_extend(round_id: int):
    """Extend a round's closing time, recording the reason."""
    round_ = db.get_or_404(Round, round_id)
    form = ExtendForm()
    if form.validate_on_submit():
        services.extend_round(round_, form.values_closes_at(), actor_id=current_user.id,
                              reason=form.reason.data)
        db.session.commit()
        flash(_("Đã gia hạn đợt thi."), "success")
        return redirect(url_for(".round_detail", round_id=round_.id))
    for errors in form.errors.values():
        for message in errors:
            flash(str(message), "error")
    return redirect(url_for(".round_detail", round_id=round_.id))


@bp.route("/quan-ly/dot-thi/<int:round_id>/dong-som", methods=["POST"])
@organiser_required
def round_shorten(round_id: int):
    """Close an open round now, or move its close earlier, recording the reason."""
    from contest.contests.closing import shorten_round

    round_ = db.get_or_404(Round, round_id)
    form = ShortenForm()
    if form.validate_on_submit():
        shorten_round(round_, form.values_closes_at(), actor_id=current_user.id,
                      reason=form.reason.data)
        db.session.commit()
        flash(_("Đã đóng sớm đợt thi."), "success")
        return redirect(url_for(".round_detail", round_id=round_.id))
    return round_detail(round_.id, shorten=form, status=400)
