"""Organiser pages for entrant groups within a contest: the units taking part and each
group's targets; a round's own paper recipe for a group."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from contest.accounts.auth import organiser_required
from contest.contests import group_recipes, unit_scope
from contest.contests.forms import ButtonForm, options
from contest.contests.models import Contest, EntrantGroup, Round, paper_settings
from contest.contests.recipe_forms import GroupRecipeForm
from contest.contests.unit_forms import ContestUnitsForm, TargetsForm
from contest.contests.views import bp
from contest.errors import on_refusal
from contest.extensions import db
from contest.sorting import vi_sorted
from contest.units.queries import block_list

SHOWN_UNITS = 200


@bp.route("/quan-ly/cuoc-thi/<int:contest_id>/don-vi", methods=["GET", "POST"])
@organiser_required
def manage_units(contest_id: int):
    """Choose the contest's units: subtrees, blocks, a list of codes or a file."""
    contest = db.get_or_404(Contest, contest_id)
    form = ContestUnitsForm()
    form.block_ids.choices = options(
        (b.id, b.name) for b in vi_sorted(block_list(), key=lambda b: b.name))
    if form.validate_on_submit():
        upload = form.file.data
        file_codes = None
        if upload and getattr(upload, "filename", ""):
            file_codes = unit_scope.codes_in_file(upload.read(), upload.filename)
        count = unit_scope.choose_units(
            contest, subtrees=form.subtrees.data or "", block_ids=form.block_ids.data or [],
            codes=form.codes.data or "", file_codes=file_codes, add=form.mode.data == "add",
            actor_id=current_user.id)
        db.session.commit()
        flash(_("Cuộc thi có %(count)s đơn vị tham gia.", count=count), "success")
        return redirect(url_for(".manage_units", contest_id=contest.id))
    units = unit_scope.labelled_units(contest.id) if unit_scope.is_scoped(contest.id) else []
    return render_template("contests/manage_units.html", contest=contest, form=form,
                           units=units[:SHOWN_UNITS], total=len(units), all_form=ButtonForm(),
                           shown=SHOWN_UNITS)


@bp.route("/quan-ly/cuoc-thi/<int:contest_id>/don-vi/tat-ca", methods=["POST"])
@organiser_required
def manage_units_all(contest_id: int):
    """Let the contest use every unit again."""
    contest = db.get_or_404(Contest, contest_id)
    on_refusal(".manage_units", contest_id=contest.id)
    if ButtonForm().validate_on_submit():
        unit_scope.use_every_unit(contest, actor_id=current_user.id)
        db.session.commit()
        flash(_("Cuộc thi dùng lại toàn bộ đơn vị."), "success")
    return redirect(url_for(".manage_units", contest_id=contest.id))


@bp.route("/quan-ly/khoi/<int:group_id>/chi-tieu", methods=["GET", "POST"])
@organiser_required
def group_targets(group_id: int):
    """How many entrants of this group each unit should bring (the rate's denominator)."""
    group = db.get_or_404(EntrantGroup, group_id)
    form = TargetsForm()
    if request.method == "GET":
        form.targets.data = unit_scope.targets_text(group.id)
    if form.validate_on_submit():
        count = unit_scope.set_targets(group, form.targets.data or "",
                                       from_headcount=form.from_headcount.data,
                                       actor_id=current_user.id)
        db.session.commit()
        flash(_("Đã lưu chỉ tiêu của %(count)s đơn vị cho khối «%(name)s».", count=count,
                name=group.name), "success")
        return redirect(url_for(".manage_units", contest_id=group.contest_id))
    return render_template("contests/group_targets.html", form=form, group=group,
                           contest=group.contest)


@bp.route("/quan-ly/dot-thi/<int:round_id>/khoi/<int:group_id>/co-cau-de",
          methods=["GET", "POST"])
@organiser_required
def group_recipe(round_id: int, group_id: int):
    """A round's own paper recipe for one entrant group, or back to the round's."""
    round_ = db.get_or_404(Round, round_id)
    group = db.get_or_404(EntrantGroup, group_id)
    if group.contest_id != round_.contest_id:
        abort(404)
    form = GroupRecipeForm()
    if request.method == "GET":
        recipe, question_count = paper_settings(round_, group.id)
        form.load(group_recipes.group_recipe(round_, group), question_count, recipe)
    if form.validate_on_submit():
        use_round = form.use_round.data
        group_recipes.set_group_recipe(
            round_, group, question_count=None if use_round else form.question_count.data,
            recipe=None if use_round else form.recipe(), actor_id=current_user.id)
        db.session.commit()
        flash(_("Đã lưu cơ cấu đề của khối «%(name)s».", name=group.name), "success")
        return redirect(url_for(".round_detail", round_id=round_.id))
    return render_template("contests/group_recipe.html", form=form, round=round_, group=group,
                           contest=round_.contest)
