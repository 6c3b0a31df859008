"""Public verification of certificates; organisers issue, revoke and download them."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from contest.accounts.auth import organiser_required
from contest.certificates import pdf, services, styles
from contest.certificates.forms import IssueForm, RevokeForm
from contest.contests.models import Contest, Round
from contest.errors import on_refusal
from contest.extensions import db

bp = Blueprint("certificates", __name__)


def _verify_url(code: str) -> str:
    return url_for("certificates.verify", code=code, _external=True)


def _pdf_response(data: bytes, filename: str) -> Response:
    response = Response(data, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@bp.route("/xac-minh")
def verify_form():
    """Ask for a code printed on a certificate."""
    code = request.args.get("ma", "")
    if code.strip():
        return redirect(url_for("certificates.verify",
                                code=services.normalise_code(code)[:40] or "0"))
    return render_template("certificates/verify_form.html")


@bp.route("/xac-minh/<code>")
def verify(code: str):
    """Confirm who holds the certificate with this code (public)."""
    cert = services.find_by_code(code)
    if cert is None:
        return render_template("certificates/verify.html", cert=None, code=code[:40]), 404
    return render_template("certificates/verify.html", cert=cert, code=cert.display_code)


@bp.route("/chung-nhan/")
@organiser_required
def index():
    """Choose a round whose certificates to manage."""
    contests = db.session.scalars(sa.select(Contest).order_by(Contest.created_at.desc()))
    return render_template("certificates/index.html", contests=list(contests))


@bp.route("/chung-nhan/vong/<int:round_id>", methods=["GET", "POST"])
@organiser_required
def round_view(round_id: int):
    """A round's certificates, and the form to certify one entrant by hand."""
    rnd = db.get_or_404(Round, round_id)
    form = IssueForm()
    if form.validate_on_submit():
        cert = services.issue_by_login(rnd, form.login.data, form.prize.data,
                                       current_user.id)
        db.session.commit()
        flash(_("Đã cấp giấy chứng nhận %(prize)s cho %(name)s.", prize=cert.prize,
                name=cert.holder_name), "success")
        return redirect(url_for("certificates.round_view", round_id=rnd.id))
    return render_template("certificates/round.html", rnd=rnd, form=form,
                           revoke_form=RevokeForm(),
                           certificates=services.round_certificates(rnd.id))


@bp.route("/chung-nhan/vong/<int:round_id>/tu-ket-qua", methods=["POST"])
@organiser_required
def from_results(round_id: int):
    """Certify every prize winner of the round's published results."""
    rnd = db.get_or_404(Round, round_id)
    winners = services.winners_from_results(rnd)
    if winners is None:
        flash(_("Đợt thi này chưa công bố kết quả."), "error")
    else:
        on_refusal("certificates.round_view", round_id=rnd.id)
        issued = services.issue(winners, current_user.id)
        db.session.commit()
        flash(ngettext("Đã cấp %(num)s giấy chứng nhận theo kết quả đã công bố.",
                       "Đã cấp %(num)s giấy chứng nhận theo kết quả đã công bố.",
                       len(issued)), "success")
    return redirect(url_for("certificates.round_view", round_id=rnd.id))


@bp.route("/chung-nhan/vong/<int:round_id>/giay-chung-nhan.pdf")
@organiser_required
def round_pdf(round_id: int):
    """Every valid certificate of the round in one PDF, a page each."""
    rnd = db.get_or_404(Round, round_id)
    certificates = services.round_certificates(rnd.id, valid_only=True)
    if not certificates:
        flash(_("Đợt thi này chưa có giấy chứng nhận nào."), "error")
        return redirect(url_for("certificates.round_view", round_id=rnd.id))
    return _pdf_response(pdf.render(certificates, _verify_url, styles.style_of(rnd.contest_id)),
                         f"giay-chung-nhan-vong-{rnd.id}.pdf")


@bp.route("/chung-nhan/<code>.pdf")
@login_required
def certificate_pdf(code: str):
    """One certificate as a PDF, for organisers and for its holder."""
    cert = services.find_by_code(code)
    if cert is None or not cert.is_valid:
        abort(404)
    if not (current_user.role in ("admin", "organiser")
            or cert.registration.user_id == current_user.id):
        abort(403)
    style = styles.style_of(cert.registration.contest_id)
    return _pdf_response(pdf.render([cert], _verify_url, style),
                         f"giay-chung-nhan-{cert.code}.pdf")


@bp.route("/chung-nhan/<code>/thu-hoi", methods=["POST"])
@organiser_required
def revoke(code: str):
    """Withdraw a certificate, with a reason."""
    cert = services.find_by_code(code)
    if cert is None:
        abort(404)
    form = RevokeForm()
    if cert.round_id is None:
        on_refusal("certificates.index")
    else:
        on_refusal("certificates.round_view", round_id=cert.round_id)
    if not form.validate_on_submit():
        flash(_("Vui lòng ghi lý do thu hồi."), "error")
    else:
        services.revoke(cert, current_user.id, form.reason.data)
        db.session.commit()
        flash(_("Đã thu hồi giấy chứng nhận của %(name)s.", name=cert.holder_name), "success")
    if cert.round_id is None:
        return redirect(url_for("certificates.index"))
    return redirect(url_for("certificates.round_view", round_id=cert.round_id))


from contest.certificates import style_views  # noqa: E402,F401  (routes on this blueprint)
