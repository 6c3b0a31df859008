"""Download exports: round results (staff), verification (organisers, audited), audit log."""

from __future__ import annotations

import io

from flask import Blueprint, abort, render_template, request, send_file
from flask_login import current_user

from contest.accounts.auth import organiser_required, staff_required
from contest.audit.queries import audit_filter
from contest.contests.models import Contest, Round
from contest.exports import services
from contest.exports.forms import VerificationExportForm
from contest.exports.registrations import registrations_export
from contest.extensions import db
from contest.request_args import int_arg
from contest.security import no_store

# Under the judging pages' prefix: the downloads are buttons on the leaderboard and audit log.
bp = Blueprint("exports", __name__, url_prefix="/cham-giai")


def _send(file: services.ExportFile):
    return send_file(io.BytesIO(file.content), mimetype=file.mimetype, as_attachment=True,
                     download_name=file.filename, max_age=0)


def _format() -> str:
    fmt = request.args.get("dinh_dang", "xlsx")
    if fmt not in services.FORMATS:
        abort(400)
    return fmt


def _round_file(round_id: int, kind: str):
    rnd = db.get_or_404(Round, round_id)
    file = services.round_export(kind, rnd, _format(), int_arg("khoi"), current_user.id)
    db.session.commit()
    return _send(file)


@bp.route("/dot/<int:round_id>/xuat/<any(winners, results, units, bulletin, referrals):kind>")
@staff_required
@no_store
def export_round(round_id: int, kind: str):
    """Download winners, full results, the unit table or the bulletin (masked data)."""
    return _round_file(round_id, kind)


@bp.route("/dot/<int:round_id>/xuat-doi-chieu", methods=["GET", "POST"])
@organiser_required
@no_store
def export_verification(round_id: int):
    """Winners with full phone and CCCD: organisers only, by POST (CSRF token) with a stated
    reason, written to the audit log. GET only shows the form, so a link cannot export."""
    rnd = db.get_or_404(Round, round_id)
    form = VerificationExportForm()
    if form.validate_on_submit():
        try:
            file = services.round_export("verification", rnd, form.dinh_dang.data,
                                         int_arg("khoi"), current_user.id,
                                         reason=form.reason.data.strip())
        except services.ExportError:
            db.session.rollback()
            abort(404)
        db.session.commit()
        return _send(file)
    status = 400 if form.is_submitted() else 200
    return render_template("judging/verification_export.html", rnd=rnd, form=form,
                           group_id=int_arg("khoi")), status


@bp.route("/cuoc-thi/<int:contest_id>/xuat-thi-sinh")
@organiser_required
def export_registrations(contest_id: int):
    """Download the contest's registered entrants: masked, or with ``?day-du=1`` in full
    (written to the audit log)."""
    contest = db.get_or_404(Contest, contest_id)
    file = registrations_export(contest, _format(), full=request.args.get("day-du") == "1",
                                actor_id=current_user.id)
    db.session.commit()
    return _send(file)


@bp.route("/nhat-ky/xuat")
@staff_required
@no_store
def export_audit():
    """Download the filtered audit log."""
    file = services.audit_export(audit_filter(), _format(), current_user.id)
    db.session.commit()
    return _send(file)


@bp.route("/cuoc-thi/<int:contest_id>/chung-cuoc/xuat/<any(winners, results, units):kind>")
@staff_required
@no_store
def overall_export(contest_id: int, kind: str):
    """Download the overall winners, full overall results or the contest's unit table."""
    contest = db.get_or_404(Contest, contest_id)
    file = services.overall_export(kind, contest, _format(), int_arg("khoi"))
    return _send(file)
