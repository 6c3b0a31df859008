"""The overall results: organisers publish them (a new version needs a reason); the public
reads the current (or a chosen) version."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import defer

from contest.accounts.auth import organiser_required
from contest.contests.models import Contest
from contest.extensions import db
from contest.results import overall
from contest.results.forms import PublishForm
from contest.results.models import OverallSnapshot
from contest.results.services import ResultsError
from contest.results.views import bp, plan_from_form, public_view
from contest.vocabulary import PrizeTier


@bp.route("/cuoc-thi/<int:contest_id>/chung-cuoc")
def overall_results(contest_id: int):
    """A published overall ranking: winners and units from the current or a chosen version."""
    raw = request.args.get("phien_ban", "")
    if raw and not raw.isdigit():
        abort(404)
    query = sa.select(OverallSnapshot).where(OverallSnapshot.contest_id == contest_id)
    query = query.where(OverallSnapshot.version == int(raw)) if raw else query.where(
        OverallSnapshot.is_current.is_(True))
    snapshot = db.session.scalar(query)
    if snapshot is None:
        abort(404)
    history = db.session.scalars(
        sa.select(OverallSnapshot).options(defer(OverallSnapshot.data))
        .where(OverallSnapshot.contest_id == contest_id)
        .order_by(OverallSnapshot.version.desc())).all()
    return render_template("results/overall.html", view=public_view(snapshot.data),
                           snapshot=snapshot, history=history,
                           rounds=snapshot.data.get("rounds", []))


@bp.route("/cuoc-thi/<int:contest_id>/chung-cuoc/cong-bo", methods=["GET", "POST"])
@organiser_required
def overall_publish(contest_id: int):
    """Publish the confirmed overall results with the overall prize counts."""
    contest = db.get_or_404(Contest, contest_id)
    current = overall.current(contest)
    form = PublishForm()
    if form.validate_on_submit():
        try:
            snapshot = overall.publish(current_user.id, contest, form.reason.data or "",
                                       plan_from_form(contest, overall.default_plan(contest)))
        except ResultsError as error:
            db.session.rollback()
            flash(str(error), "error")
        else:
            db.session.commit()
            flash(_("Đã công bố kết quả chung cuộc, phiên bản %(version)s.",
                    version=snapshot.version), "success")
            return redirect(url_for("results.overall_results", contest_id=contest.id))
    plan = (current.data.get("plan") if current else None) or overall.default_plan(contest)
    return render_template("results/overall_publish.html", contest=contest, form=form,
                           current=current, plan=plan, prizes=PrizeTier.values(),
                           prize_labels={tier.value: tier.label for tier in PrizeTier},
                           confirmation=overall.confirmation(contest),
                           confirmed=overall.is_confirmed(contest),
                           stale=current is not None and overall.is_stale(current))
