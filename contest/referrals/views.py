"""Share links (public), an entrant's own share page and the organisers' referral leaderboard."""

from __future__ import annotations

import io
import secrets

import qrcode
import qrcode.image.svg
from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from contest.accounts.auth import organiser_required
from contest.contests.forms import ButtonForm
from contest.contests.models import Contest, Round
from contest.contests.queries import registration_of
from contest.errors import on_refusal
from contest.exports.writers import MIMETYPES, Sheet, to_xlsx
from contest.extensions import db
from contest.links import public_url
from contest.referrals import queries, services
from contest.referrals.models import Referral

bp = Blueprint("referrals", __name__)
SESSION_KEY, DEVICE_COOKIE = services.SESSION_KEY, services.DEVICE_COOKIE
FLAG_LABELS = {"same_device": _l("Nhiều lượt đăng ký từ cùng một thiết bị"),
               "address_burst": _l("Nhiều lượt đăng ký dồn dập từ cùng một địa chỉ mạng")}
# The exported leaderboard is a document handed on: Vietnamese whatever the page language.
EXPORT_SHEET = "Lan tỏa"
EXPORT_TITLE = "BẢNG XẾP HẠNG LAN TỎA — {contest}"
EXPORT_ROUND = "Đợt thi: {round}"
EXPORT_HEADERS = ["Hạng", "Người giới thiệu", "Đơn vị", "Số người đã thi (được tính)",
                  "Nghi vấn (chưa tính)", "Đã đăng ký, chưa thi"]


@bp.route("/gt/<code>")
def follow(code: str):
    """A personal share link: remember who brought the visitor, then open the sign-up page."""
    share = services.find_code(code)
    session[SESSION_KEY] = share.code
    contest = share.registration.contest
    response = redirect(url_for("registration.register", token=contest.invite_token))
    if not request.cookies.get(DEVICE_COOKIE):
        response.set_cookie(DEVICE_COOKIE, secrets.token_urlsafe(16), max_age=365 * 86400,
                            httponly=True, samesite="Lax")
    return response


@bp.route("/gt/<code>/qr.svg")
def qr(code: str):
    share = services.find_code(code)
    buffer = io.BytesIO()
    qrcode.make(public_url("referrals.follow", code=share.code),
                image_factory=qrcode.image.svg.SvgPathImage).save(buffer)
    return Response(buffer.getvalue(), mimetype="image/svg+xml")


@bp.route("/cuoc-thi/<int:contest_id>/lan-toa")
@login_required
def mine(contest_id: int):
    """The entrant's share link and QR code for the contest, and how many joined through it."""
    contest = db.get_or_404(Contest, contest_id)
    registration = registration_of(contest.id, current_user.id)
    if registration is None:
        abort(404)
    share = services.share_code_for(registration)
    db.session.commit()
    return render_template("referrals/mine.html", contest=contest, share=share,
                           link=public_url("referrals.follow", code=share.code),
                           count=queries.my_referrals(registration.id))


@bp.route("/quan-ly/dot-thi/<int:round_id>/lan-toa")
@organiser_required
def leaderboard(round_id: int):
    """Referrers of the round by referred entrants who completed a counted attempt."""
    rnd = db.get_or_404(Round, round_id)
    return render_template("referrals/leaderboard.html", rnd=rnd,
                           rows=queries.leaderboard(rnd), form=ButtonForm(),
                           flagged=queries.flagged_referrals(rnd.contest_id),
                           flag_labels=FLAG_LABELS)


@bp.route("/quan-ly/dot-thi/<int:round_id>/lan-toa.xlsx")
@organiser_required
def export(round_id: int):
    rnd = db.get_or_404(Round, round_id)
    rows = [[r.rank, r.name, r.unit, r.counted, r.flagged, r.waiting]
            for r in queries.leaderboard(rnd)]
    titles = [EXPORT_TITLE.format(contest=rnd.contest.title), EXPORT_ROUND.format(round=rnd.name)]
    sheet = Sheet(EXPORT_SHEET, titles, EXPORT_HEADERS, rows)
    response = Response(to_xlsx([sheet]), mimetype=MIMETYPES["xlsx"])
    response.headers["Content-Disposition"] = f'attachment; filename="lan-toa-dot-{rnd.id}.xlsx"'
    return response


@bp.route("/quan-ly/gioi-thieu/<int:referral_id>/chap-nhan", methods=["POST"])
@organiser_required
def accept(referral_id: int):
    """Count a flagged referral after checking it."""
    referral = db.get_or_404(Referral, referral_id)
    round_id = request.form.get("vong", type=int)
    if round_id:
        on_refusal("referrals.leaderboard", round_id=round_id)
        back = url_for("referrals.leaderboard", round_id=round_id)
    else:
        on_refusal("contests.manage_detail", contest_id=referral.contest_id)
        back = url_for("contests.manage_detail", contest_id=referral.contest_id)
    if ButtonForm().validate_on_submit():
        services.accept(referral)
        db.session.commit()
        flash(_("Đã tính lượt giới thiệu này."), "success")
    return redirect(back)
