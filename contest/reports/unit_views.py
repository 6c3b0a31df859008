"""Unit leaders watch their unit's participation; organisers grant who may watch which unit."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from contest.accounts.auth import organiser_required
from contest.contests.models import Contest, ContestStatus
from contest.errors import on_refusal
from contest.extensions import db, utcnow
from contest.reports import services
from contest.reports.forms import GrantForm
from contest.reports.unit_queries import unit_roster
from contest.reports.views import _contest_and_round, _rounds, bp
from contest.sorting import vi_order
from contest.units.models import Unit


@bp.route("/don-vi-cua-toi")
@login_required
def my_units():
    """The units the user may watch, with the contests they can open."""
    if services.sees_every_unit(current_user):
        units = []
    else:
        ids = services.managed_unit_ids(current_user)
        if not ids:
            abort(403)
        units = list(db.session.scalars(sa.select(Unit).where(Unit.id.in_(ids))
                                        .order_by(vi_order(Unit.name))))
    contests = list(db.session.scalars(
        sa.select(Contest).where(Contest.status != ContestStatus.DRAFT.value)
        .order_by(Contest.created_at.desc())))
    return render_template("reports/my_units.html", units=units, contests=contests)


@bp.route("/cuoc-thi/<int:contest_id>/don-vi/<int:unit_id>")
@login_required
def unit_roster_view(contest_id: int, unit_id: int):
    """Who in the unit has taken part and who has not; printable as evidence."""
    if not services.can_view_unit(current_user, unit_id):
        abort(403)
    contest, rnd = _contest_and_round(contest_id)
    if contest.status == ContestStatus.DRAFT and not current_user.is_staff:
        abort(404)
    unit = db.get_or_404(Unit, unit_id)
    people = unit_roster(contest.id, unit.id, rnd.id if rnd else None)
    took_part = sum(1 for p in people if p.attempts)
    registered = sum(1 for p in people if p.registered_at)
    rate = 100.0 * took_part / unit.headcount if unit.headcount else None
    return render_template("reports/unit_roster.html", contest=contest, rnd=rnd, unit=unit,
                           people=people, took_part=took_part, registered=registered,
                           rate=rate, generated_at=utcnow(), rounds=_rounds(contest))


@bp.route("/nguoi-theo-doi-don-vi", methods=["GET", "POST"])
@organiser_required
def managers():
    """List and grant who may watch a unit's participation."""
    form = GrantForm()
    if form.validate_on_submit():
        link = services.grant(form.login.data, form.unit_code.data, current_user)
        db.session.commit()
        flash(_("Đã giao %(name)s theo dõi %(unit)s.", name=link.user.full_name,
                unit=link.unit.name), "success")
        return redirect(url_for("reports.managers"))
    return render_template("reports/managers.html", form=form, grants=services.list_grants())


@bp.route("/nguoi-theo-doi-don-vi/<int:link_id>/xoa", methods=["POST"])
@organiser_required
def revoke_manager(link_id: int):
    """Withdraw a grant."""
    on_refusal("reports.managers")
    services.revoke(link_id, current_user)
    db.session.commit()
    flash(_("Đã thu hồi quyền theo dõi đơn vị."), "success")
    return redirect(url_for("reports.managers"))
