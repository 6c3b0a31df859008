"""Sign-up by invitation link, its QR codes, and the organisers' registrations list."""

from __future__ import annotations

import io
from typing import Any

import qrcode
import qrcode.image.svg
import sqlalchemy as sa
from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user

from contest.accounts.auth import organiser_required
from contest.accounts.services import mask_id_number, mask_phone
from contest.contests.models import Contest, ContestStatus, EntrantGroup, Registration
from contest.contests.queries import registration_of
from contest.extensions import db
from contest.registration.forms import edit_form, registration_form
from contest.registration.queries import registrations_page, unit_choices
from contest.registration.services import (
    GENDER_LABELS,
    register_entrant,
    update_registration,
)
from contest.units.models import Unit
from contest.vocabulary import RegistrationField

bp = Blueprint("registration", __name__)
UNIT_PARAM = "don-vi"


def _contest_by_token(token: str) -> Contest:
    contest = db.session.scalar(sa.select(Contest).where(Contest.invite_token == token))
    if contest is None or contest.status == ContestStatus.DRAFT:
        abort(404)
    return contest


@bp.route("/dang-ky/<token>", methods=["GET", "POST"])
def register(token: str):
    """Register for a contest; ``?don-vi=<code>`` preselects the unit."""
    contest = _contest_by_token(token)
    user = current_user if current_user.is_authenticated else None
    if contest.status != ContestStatus.PUBLISHED or (user and user.is_staff):
        return render_template("registration/unavailable.html", contest=contest, user=user)
    if user and registration_of(contest.id, user.id):
        flash(_("Bạn đã đăng ký cuộc thi này."), "info")
        return redirect(url_for("contests.public_detail", contest_id=contest.id))
    if user:
        keys = [k for k in contest.required_fields if getattr(user, k) in (None, "")]
    else:
        keys = list(contest.required_fields)
    units = unit_choices(contest.id)
    form = registration_form(keys, with_password=user is None, groups=contest.groups,
                             units=units)
    if request.method == "GET" and (code := request.args.get(UNIT_PARAM)):
        unit = db.session.scalar(sa.select(Unit).where(Unit.code == code))
        if unit is not None and unit.id not in {uid for uid, _label in units}:
            flash(_("Đơn vị có mã «%(code)s» không tham gia cuộc thi này: vui lòng chọn trong "
                    "danh sách.", code=code), "warning")
            unit = None
        elif unit is None:
            flash(_("Không tìm thấy đơn vị có mã «%(code)s»: vui lòng chọn trong danh sách.",
                    code=code), "warning")
        form.unit_id.data = unit.id if unit else None
    if form.validate_on_submit():
        group = db.session.get(EntrantGroup, form.group_id.data) if form.group_id.data else None
        unit = db.session.get(Unit, form.unit_id.data) if form.unit_id.data else None
        if user:
            registration = register_entrant(contest, group, unit, user,
                                            consent=form.consent.data,
                                            extra_fields=form.user_values())
        else:
            registration = register_entrant(
                contest, group, unit, {**form.user_values(), "password": form.password.data},
                consent=form.consent.data)
        db.session.commit()
        if user is None:
            login_user(registration.user)
        flash(_("Đăng ký thành công. Chúc bạn thi tốt!"), "success")
        return redirect(url_for("contests.public_detail", contest_id=contest.id))
    collected = ", ".join(RegistrationField(k).label.lower() for k in contest.required_fields)
    return render_template("registration/register.html", contest=contest, form=form, user=user,
                           collected=collected)


@bp.route("/dang-ky/<token>/qr.svg")
def qr(token: str):
    """The invitation link (optionally for one unit) as an SVG QR code."""
    contest = db.session.scalar(sa.select(Contest).where(Contest.invite_token == token))
    if contest is None:
        abort(404)
    params = {UNIT_PARAM: request.args[UNIT_PARAM]} if request.args.get(UNIT_PARAM) else {}
    url = url_for(".register", token=token, _external=True, **params)
    buffer = io.BytesIO()
    qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage).save(buffer)
    response = Response(buffer.getvalue(), mimetype="image/svg+xml")
    response.headers["Cache-Control"] = "public, max-age=86400"
    return response


@bp.route("/quan-ly/cuoc-thi/<int:contest_id>/thi-sinh")
@organiser_required
def manage_list(contest_id: int):
    """A contest's registrations, searchable and filtered by group and unit; data masked."""
    contest = db.get_or_404(Contest, contest_id)
    filters: dict[str, Any] = {"query": request.args.get("q", "").strip()[:100],
               "group_id": request.args.get("khoi", type=int),
               "unit_id": request.args.get(UNIT_PARAM, type=int),
               "by_name": request.args.get("sap-xep") == "ten"}
    page = registrations_page(contest.id, page=request.args.get("trang", 1, type=int),
                              **filters)
    return render_template("registration/manage_list.html", contest=contest, page=page,
                           filters=filters, units=unit_choices(contest.id), mask_phone=mask_phone,
                           mask_id_number=mask_id_number)


@bp.route("/quan-ly/dang-ky/<int:registration_id>/sua", methods=["GET", "POST"])
@organiser_required
def manage_edit(registration_id: int):
    """Correct an entrant's data (unmasked here); the change is logged with the reason."""
    registration = db.get_or_404(Registration, registration_id)
    contest = registration.contest
    form = edit_form(contest.required_fields, groups=contest.groups,
                     units=unit_choices(contest.id))
    if not form.is_submitted():
        for key in form.user_keys:
            form[key].data = getattr(registration.user, key)
        form.group_id.data, form.unit_id.data = registration.group_id, registration.unit_id
    if form.validate_on_submit():
        changes = {**form.user_values(), "group_id": form.group_id.data,
                   "unit_id": form.unit_id.data}
        update_registration(registration, changes, actor_id=current_user.id,
                            reason=form.reason.data)
        db.session.commit()
        flash(_("Đã sửa thông tin thí sinh và ghi nhật ký."), "success")
        return redirect(url_for(".manage_list", contest_id=contest.id))
    return render_template("registration/manage_edit.html", form=form,
                           registration=registration, contest=contest,
                           genders=GENDER_LABELS)
