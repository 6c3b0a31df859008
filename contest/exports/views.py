"""Download exports: round results (staff), verification (organisers, audited), audit log."""

from __future__ import annotations

import io

from flask import abort, request, send_file
from flask_login import current_user

from contest.accounts.auth import organiser_required, staff_required
from contest.contests.models import Contest, Round
from contest.exports import services
from contest.exports.registrations import registrations_export
from contest.extensions import db
from contest.judging.blueprint import bp, int_arg
from contest.judging.views_audit import audit_filter


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


@bp.route("/dot/<int:round_id>/xuat/<any(winners, results, units, bulletin):kind>")
@staff_required
def export_round(round_id: int, kind: str):
    """Download winners, full results, the unit table or the bulletin (masked data)."""
    return _round_file(round_id, kind)


@bp.route("/dot/<int:round_id>/xuat-doi-chieu")
@organiser_required
def export_verification(round_id: int):
    """Download winners with full phone and CCCD; organisers only, written to the audit log."""
    return _round_file(round_id, "verification")


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
def export_audit():
    """Download the filtered audit log."""
    return _send(services.audit_export(audit_filter(), _format()))
