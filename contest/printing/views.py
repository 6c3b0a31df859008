"""Organisers download the units' invitation sheets and QR codes; the short link they print."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, Response, abort, redirect, request, url_for
from flask_babel import gettext as _

from contest.accounts.auth import organiser_required
from contest.contests.models import Contest, ContestStatus
from contest.errors import DomainError, on_refusal
from contest.extensions import db
from contest.links import public_url
from contest.printing import qr_zip, sheets
from contest.units.models import Unit

bp = Blueprint("printing", __name__)
UNIT_PARAM = "don-vi"  # the registration page's unit parameter (contest/registration/views.py)


class PrintingError(DomainError):
    """A print request that cannot be served."""


def contest_units(contest: Contest) -> list[Unit]:
    """The units invited to the contest: every unit, by code (units have no contest link)."""
    return list(db.session.scalars(sa.select(Unit).order_by(Unit.code)))


def register_url(contest: Contest, unit: Unit) -> str:
    return public_url("registration.register", token=contest.invite_token,
                      **{UNIT_PARAM: unit.code})


def short_url(contest: Contest, unit: Unit) -> str:
    return public_url("printing.short_link", token=contest.invite_token, code=unit.code)


def unit_sheet(contest: Contest, unit: Unit) -> sheets.UnitSheet:
    rounds = [sheets.RoundLine(r.name, r.opens_at, r.closes_at, r.is_practice)
              for r in contest.rounds]
    return sheets.UnitSheet(contest.title, contest.plan_reference, unit.name, unit.code,
                            register_url(contest, unit), short_url(contest, unit), rounds)


def _size() -> str:
    size = request.args.get("kho", "a4").lower()
    if size not in sheets.SIZES:
        raise PrintingError(_("Khổ giấy “%(size)s” không hỗ trợ: chọn A4 hoặc A5.",
                              size=size[:10]), field="kho")
    return size


def _download(data: bytes, mimetype: str, filename: str) -> Response:
    response = Response(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@bp.route("/quan-ly/cuoc-thi/<int:contest_id>/to-moi.pdf")
@organiser_required
def all_sheets(contest_id: int):
    """Every unit's invitation sheet in one PDF (``?kho=a4`` or ``a5``)."""
    contest = db.get_or_404(Contest, contest_id)
    on_refusal("contests.manage_detail", contest_id=contest.id)
    size = _size()
    units = contest_units(contest)
    if not units:
        raise PrintingError(_("Chưa có đơn vị nào để in tờ mời."))
    data = sheets.render((unit_sheet(contest, u) for u in units), size)
    return _download(data, "application/pdf", f"to-moi-cuoc-thi-{contest.id}-{size}.pdf")


@bp.route("/quan-ly/cuoc-thi/<int:contest_id>/don-vi/<int:unit_id>/to-moi.pdf")
@organiser_required
def unit_sheet_pdf(contest_id: int, unit_id: int):
    """One unit's invitation sheet."""
    contest = db.get_or_404(Contest, contest_id)
    unit = db.get_or_404(Unit, unit_id)
    on_refusal("contests.manage_detail", contest_id=contest.id)
    size = _size()
    data = sheets.render([unit_sheet(contest, unit)], size)
    name = qr_zip.safe_name(unit.code)
    return _download(data, "application/pdf", f"to-moi-{name}-{size}.pdf")


@bp.route("/quan-ly/cuoc-thi/<int:contest_id>/ma-qr-don-vi.zip")
@organiser_required
def qr_codes(contest_id: int):
    """Every unit's registration QR code as PNG and SVG in one zip."""
    contest = db.get_or_404(Contest, contest_id)
    on_refusal("contests.manage_detail", contest_id=contest.id)
    units = contest_units(contest)
    if not units:
        raise PrintingError(_("Chưa có đơn vị nào để tạo mã QR."))
    data = qr_zip.build((u.code, register_url(contest, u)) for u in units)
    return _download(data, "application/zip", f"ma-qr-don-vi-cuoc-thi-{contest.id}.zip")


@bp.route("/dk/<token>/<path:code>")
def short_link(token: str, code: str):
    """The short address printed on a sheet: the registration page with the unit chosen."""
    contest = db.session.scalar(sa.select(Contest).where(Contest.invite_token == token))
    if contest is None or contest.status == ContestStatus.DRAFT:
        abort(404)
    params = {UNIT_PARAM: code[:40]}
    return redirect(url_for("registration.register", token=token, **params))  # type: ignore[arg-type]
