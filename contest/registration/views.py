"""Sign-up by invitation link, its QR codes, and the organisers' registrations list."""

from __future__ import annotations

import io
import re
from functools import lru_cache
from typing import Any

import qrcode
import qrcode.image.svg
import sqlalchemy as sa
from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_user

from contest.accounts.auth import organiser_required
from contest.accounts.services import mask_id_number, mask_phone
from contest.audit.personal import log_view
from contest.contests.models import Contest, ContestStatus, EntrantGroup, Registration
from contest.contests.queries import registration_of
from contest.extensions import db
from contest.links import public_url
from contest.proxies import client_address
from contest.referrals.services import credit_from_session
from contest.registration.bursts import contest_bursts, reserve_signup
from contest.registration.forms import edit_form, registration_form
from contest.registration.queries import (
    personal_changes_page,
    registrations_page,
    unit_choices,
)
from contest.registration.services import (
    GENDER_LABELS,
    RegistrationError,
    register_entrant,
    registration_problems,
    update_registration,
)
from contest.security import no_store
from contest.units.models import Unit
from contest.vocabulary import RegistrationField

bp = Blueprint("registration", __name__)
UNIT_PARAM = "don-vi"
UNIT_CODE_RE = re.compile(r"[\w.\-]{1,40}")  # what a unit code (String(40)) can look like
# Audit reasons of a look at unmasked data (stored data, Vietnamese like the exports).
VIEW_EDIT_FORM = "Mở trang sửa thông tin thí sinh"
VIEW_CHANGE_LOG = "Xem nhật ký đối chiếu dữ liệu cá nhân"


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
    summary: list[tuple[str | None, str]] = []
    if form.is_submitted():
        valid = form.validate()
        if valid and (wait := reserve_signup(contest.id)):
            flash(_("Có quá nhiều lượt đăng ký từ địa chỉ này hoặc vào cuộc thi này. "
                    "Vui lòng thử lại sau %(minutes)s phút.", minutes=wait), "error")
            response = make_response(render_template(
                "registration/register.html", contest=contest, form=form, user=user,
                collected=", ".join(RegistrationField(k).label.lower()
                                    for k in contest.required_fields), summary=summary), 429)
            response.headers["Retry-After"] = str(wait * 60)
            return response
        group = db.session.get(EntrantGroup, form.group_id.data) if form.group_id.data else None
        unit = db.session.get(Unit, form.unit_id.data) if form.unit_id.data else None
        entrant: Any = user or {**form.user_values(), "password": form.password.data}
        extra = form.user_values() if user else None
        problems = registration_problems(contest, group, unit, entrant,
                                         consent=form.consent.data, extra_fields=extra)
        if valid and not problems:
            try:
                registration = register_entrant(contest, group, unit, entrant,
                                                consent=form.consent.data, extra_fields=extra,
                                                client_ip=client_address())
            except RegistrationError as error:  # lost a race on a unique field
                db.session.rollback()
                problems = list(error.problems)  # type: ignore[arg-type]
            else:
                credit_from_session(registration)  # a personal share link followed (lan tỏa)
                db.session.commit()
                if user is None:
                    login_user(registration.user)
                flash(_("Đăng ký thành công. Chúc bạn thi tốt!"), "success")
                return redirect(url_for("contests.public_detail", contest_id=contest.id))
        summary = _attach(form, problems)
    collected = ", ".join(RegistrationField(k).label.lower() for k in contest.required_fields)
    return render_template("registration/register.html", contest=contest, form=form, user=user,
                           collected=collected, summary=summary)


def _attach(form, problems) -> list[tuple[str | None, str]]:
    """Put each service problem next to its field (unless the form already found one there)
    and list every error, in the form's order, for the summary: (field id or None, text)."""
    general = []
    for problem in problems:
        name = getattr(problem, "field", None)
        field = form._fields.get(name) if name else None
        if field is None:
            general.append(str(problem))
        elif not field.errors:
            field.errors = [str(problem)]
    summary: list[tuple[str | None, str]] = [(None, text) for text in general]
    for name, field in form._fields.items():
        for text in field.errors:
            summary.append((None if name == "csrf_token" else field.id, str(text)))
    return summary


@bp.route("/dang-ky/<token>/qr.svg")
def qr(token: str):
    """The invitation link (optionally for one unit) as an SVG QR code.

    The link is built on PUBLIC_URL (never the Host header) and the picture is drawn once per
    link and kept (``_qr_svg``); a unit code that no unit could have is a 400, before any work.
    """
    code = request.args.get(UNIT_PARAM, "")
    if len(token) > 64 or len(request.query_string) > 200 or (
            code and not UNIT_CODE_RE.fullmatch(code)):
        abort(400)
    contest = db.session.scalar(sa.select(Contest).where(Contest.invite_token == token))
    if contest is None:
        abort(404)
    params = {UNIT_PARAM: code} if code else {}
    url = public_url(".register", token=token, **params)
    response = Response(_qr_svg(url), mimetype="image/svg+xml")
    # Shared caches may keep it only when the link does not depend on the request's Host.
    public = bool(current_app.config.get("PUBLIC_URL"))
    response.headers["Cache-Control"] = ("public, max-age=86400" if public
                                         else "private, max-age=300")
    return response


@lru_cache(maxsize=512)
def _qr_svg(url: str) -> bytes:
    buffer = io.BytesIO()
    qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage).save(buffer)
    return buffer.getvalue()


@bp.route("/quan-ly/cuoc-thi/<int:contest_id>/thi-sinh")
@organiser_required
@no_store
def manage_list(contest_id: int):
    """A contest's registrations, searchable and filtered by group and unit; data masked."""
    contest = db.get_or_404(Contest, contest_id)
    filters: dict[str, Any] = {"query": request.args.get("q", "").strip()[:100],
               "group_id": request.args.get("khoi", type=int),
               "unit_id": request.args.get(UNIT_PARAM, type=int),
               "by_name": request.args.get("sap-xep") == "ten"}
    page = registrations_page(contest.id, page=request.args.get("trang", 1, type=int),
                              **filters)
    units = unit_choices()
    return render_template("registration/manage_list.html", contest=contest, page=page,
                           filters=filters, units=units, mask_phone=mask_phone,
                           mask_id_number=mask_id_number, bursts=contest_bursts(contest.id),
                           unit_names=dict(units))


@bp.route("/quan-ly/dang-ky/<int:registration_id>/sua", methods=["GET", "POST"])
@organiser_required
@no_store
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
    # The form shows the entrant's data unmasked: every look is audited.
    log_view(current_user.id, VIEW_EDIT_FORM, registration, user_ids=[registration.user_id],
             contest_id=contest.id)
    db.session.commit()
    return render_template("registration/manage_edit.html", form=form,
                           registration=registration, contest=contest,
                           genders=GENDER_LABELS)


@bp.route("/quan-ly/cuoc-thi/<int:contest_id>/nhat-ky-doi-chieu")
@organiser_required
@no_store
def change_log(contest_id: int):
    """The verification log: unmasked before/after of personal data corrections (audited)."""
    contest = db.get_or_404(Contest, contest_id)
    page = personal_changes_page(contest.id, page=request.args.get("trang", 1, type=int))
    log_view(current_user.id, VIEW_CHANGE_LOG, contest,
             user_ids=[change.user_id for change in page.items], contest_id=contest.id,
             change_ids=[change.id for change in page.items])
    db.session.commit()
    return render_template("registration/change_log.html", contest=contest, page=page,
                           labels={k.value: k.label for k in RegistrationField})
