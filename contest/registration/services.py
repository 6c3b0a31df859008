"""Register entrants and let organisers correct their data. Services flush; views commit.

Stable API (used by the demo and attempt helpers); errors are ``RegistrationError``
(a ``ContestError``: translated message, ``.problems`` lists every reason):

- ``register_entrant(contest, group, unit, entrant, consent=True, extra_fields=None)
  -> Registration`` where ``entrant`` is either a dict of user fields (full_name, phone,
  password, date_of_birth: date, id_number, email, gender, address) for a new entrant account,
  or an existing entrant ``User``; for a ``User``, ``extra_fields`` may fill required fields
  the account still lacks (never overwrite). ``unit`` may be None only when no unit exists.
- ``update_registration(registration, changes, *, actor_id, reason) -> Registration``: an
  organiser's correction of user fields, ``group_id`` or ``unit_id``, logged with before/after.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.security import generate_password_hash

from contest.accounts.models import Role, User
from contest.accounts.passwords import password_problems
from contest.accounts.services import (
    CCCD_RE,
    EMAIL_RE,
    AccountError,
    create_user,
    is_valid_phone,
    normalise_phone,
)
from contest.audit.personal import masked, record_change
from contest.audit.services import record
from contest.contests.models import Contest, ContestStatus, EntrantGroup, Registration
from contest.contests.rules import ContestError
from contest.contests.unit_scope import chosen_ids
from contest.extensions import db, utcnow
from contest.units.models import Unit
from contest.vocabulary import AuditAction, RegistrationField

GENDER_LABELS = {"nam": _l("Nam"), "nu": _l("Nữ"), "khac": _l("Khác")}
USER_FIELDS = RegistrationField.values()
TAKEN_MESSAGE = _l("Không thể đăng ký với thông tin này. Nếu bạn đã có tài khoản, hãy đăng nhập; "
                   "nếu quên mật khẩu, hãy liên hệ Ban tổ chức để được đặt lại.")
CONSENT_MESSAGE = _l("Bạn cần đồng ý cho phép xử lý dữ liệu cá nhân "
                     "(Nghị định 13/2023/NĐ-CP) để đăng ký.")


class RegistrationError(ContestError):
    """A registration refused, with every reason in the request's language."""


class FieldMessage(str):
    """A problem's text naming the form field at fault (``.field``); compares as the text."""

    field: str | None

    def __new__(cls, message: object, field: str | None) -> FieldMessage:
        made = super().__new__(cls, str(message))
        made.field = field
        return made


def clean_fields(values: dict[str, Any]) -> dict[str, Any]:
    """Trim and normalise user fields; empty strings become None."""
    out: dict[str, Any] = {}
    for key in USER_FIELDS:
        if key not in values:
            continue
        value = values[key]
        if isinstance(value, str):
            value = " ".join(value.split()) or None
        if value is not None and key == "phone":
            value = normalise_phone(value)
        elif value is not None and key == "id_number":
            value = re.sub(r"[\s.\-]", "", value)
        elif value is not None and key == "email":
            value = value.lower()
        out[key] = value
    return out


def field_problems(values: dict[str, Any], required: list[str],
                   user: User | None = None, *, neutral: bool = False) -> list[str]:
    """Why these user fields are unacceptable: missing, malformed or used by another account
    (``neutral``: one message that names no field, and only when nothing else is wrong)."""
    problems: list[str] = [
        FieldMessage(_("Vui lòng nhập %(field)s.", field=RegistrationField(key).label.lower()),
                     key)
        for key in required if key in values and not values[key]]
    phone, number = values.get("phone"), values.get("id_number")
    email, born = values.get("email"), values.get("date_of_birth")
    if phone and not is_valid_phone(phone):
        problems.append(FieldMessage(_("Số điện thoại phải gồm 10 chữ số, bắt đầu bằng 0."),
                                     "phone"))
    if number and not CCCD_RE.match(number):
        problems.append(FieldMessage(_("Số CCCD phải gồm đúng 12 chữ số."), "id_number"))
    if email and not EMAIL_RE.match(email):
        problems.append(FieldMessage(_("Địa chỉ email không hợp lệ."), "email"))
    if born is not None and (not isinstance(born, date)
                             or not date(1900, 1, 1) <= born <= utcnow().date()):
        problems.append(FieldMessage(_("Ngày sinh không hợp lệ."), "date_of_birth"))
    if values.get("gender") and values["gender"] not in GENDER_LABELS:
        problems.append(FieldMessage(_("Giới tính không hợp lệ."), "gender"))
    if values.get("full_name") and len(values["full_name"]) > 120:
        problems.append(FieldMessage(_("Họ và tên dài quá 120 ký tự."), "full_name"))
    if values.get("address") and len(values["address"]) > 255:
        problems.append(FieldMessage(_("Địa chỉ dài quá 255 ký tự."), "address"))
    others = sa.select(User.id).where(User.id != user.id) if user else sa.select(User.id)
    taken = []
    for column, value, message in (
        (User.phone, phone, _("Số điện thoại này đã được đăng ký.")),
        (User.id_number, number, _("Số CCCD này đã được đăng ký.")),
        (User.email, email, _("Email này đã được đăng ký.")),
    ):
        # Every lookup runs, so the answer takes as long whichever value is taken.
        if value and db.session.scalar(others.where(column == value)):
            taken.append(FieldMessage(message, column.key))
    if not neutral:
        return problems + taken
    # Self-registration: whether a number is registered is told only to a submission that
    # is otherwise acceptable (it would create an account), in words that do not say which.
    return problems or ([FieldMessage(TAKEN_MESSAGE, None)] if taken else [])


def _unless_other(problems: list[str], fields: list[str]) -> list[str]:
    """The neutral "taken" answer only when nothing else is wrong with the submission."""
    return [] if problems and fields == [str(TAKEN_MESSAGE)] else fields


def _check_place(contest: Contest, group: EntrantGroup | None, unit: Unit | None) -> list[str]:
    problems: list[str] = []
    if contest.status != ContestStatus.PUBLISHED:
        problems.append(_("Cuộc thi này hiện không nhận đăng ký."))
    if group is None or group.contest_id != contest.id:
        problems.append(FieldMessage(_("Vui lòng chọn khối thi."), "group_id"))
    if unit is None and db.session.scalar(sa.select(Unit.id).limit(1)) is not None:
        problems.append(FieldMessage(_("Vui lòng chọn đơn vị."), "unit_id"))
    elif unit is not None and not _takes_part(contest.id, unit.id):
        problems.append(FieldMessage(
            _("Đơn vị này không tham gia cuộc thi, vui lòng chọn đơn vị khác."), "unit_id"))
    return problems


def _takes_part(contest_id: int, unit_id: int) -> bool:
    scope = chosen_ids(contest_id)
    return scope is None or unit_id in scope


def registration_problems(contest: Contest, group: EntrantGroup | None, unit: Unit | None,
                          entrant: dict[str, Any] | User, consent: bool = True,
                          extra_fields: dict[str, Any] | None = None) -> list[str]:
    """Every reason ``register_entrant`` would refuse, all at once, writing nothing; each a
    ``FieldMessage`` naming its form field where it has one."""
    return _prepare(contest, group, unit, entrant, consent, extra_fields)[0]


def _prepare(contest: Contest, group: EntrantGroup | None, unit: Unit | None,
             entrant: dict[str, Any] | User, consent: bool,
             extra_fields: dict[str, Any] | None) -> tuple[list[str], dict[str, Any]]:
    """The problems, and the cleaned values to write (the fields an existing user lacks)."""
    problems = _check_place(contest, group, unit)
    if not consent:
        problems.append(FieldMessage(CONSENT_MESSAGE, "consent"))
    required = list(contest.required_fields)
    if isinstance(entrant, User):
        user = entrant
        if user.role != Role.ENTRANT:
            problems.append(_("Tài khoản Ban tổ chức, Ban giám khảo không được dự thi."))
        elif db.session.scalar(sa.select(Registration.id).where(
                Registration.contest_id == contest.id, Registration.user_id == user.id)):
            problems.append(_("Bạn đã đăng ký cuộc thi này."))
        fill = {k: v for k, v in clean_fields(extra_fields or {}).items()
                if v is not None and getattr(user, k) in (None, "")}
        lacking = [k for k in required if getattr(user, k) in (None, "") and k not in fill]
        problems += [FieldMessage(_("Vui lòng nhập %(field)s.",
                                    field=RegistrationField(k).label.lower()), k)
                     for k in lacking]
        problems += _unless_other(problems, field_problems(fill, required, user, neutral=True))
        return problems, fill
    values = clean_fields(entrant)
    values.update({k: None for k in required if k not in values})
    problems += [FieldMessage(text, "password") for text in password_problems(
        entrant.get("password"), phone=values.get("phone"), id_number=values.get("id_number"))]
    problems += _unless_other(problems, field_problems(values, required, neutral=True))
    if problems == [str(TAKEN_MESSAGE)]:
        # Hash like a real sign-up would, so "taken" answers as slowly as "created".
        generate_password_hash(entrant.get("password") or "",
                               method=current_app.config.get("PASSWORD_HASH_METHOD", "scrypt"))
    return problems, values


def register_entrant(contest: Contest, group: EntrantGroup | None, unit: Unit | None,
                     entrant: dict[str, Any] | User, consent: bool = True,
                     extra_fields: dict[str, Any] | None = None,
                     client_ip: str | None = None) -> Registration:
    """Register a new or existing entrant account for ``contest`` in a group and unit."""
    problems, values = _prepare(contest, group, unit, entrant, consent, extra_fields)
    if problems:
        raise RegistrationError(problems)
    if isinstance(entrant, User):
        user = entrant
        for key, value in values.items():  # only the fields the account lacked
            setattr(user, key, value)
    else:
        try:
            user = create_user(password=entrant["password"], role=Role.ENTRANT,
                               **{k: v for k, v in values.items() if v is not None})
        except AccountError as error:  # a race on a unique field
            raise RegistrationError(str(TAKEN_MESSAGE)) from error
    if user.unit_id is None and unit is not None:
        user.unit_id = unit.id
    registration = Registration(contest=contest, user=user, group=group,
                                unit=unit, consent_at=utcnow(),
                                client_ip=(client_ip or None) and client_ip[:45])
    db.session.add(registration)
    db.session.flush()
    return registration


def _shown(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def update_registration(registration: Registration, changes: dict[str, Any], *,
                        actor_id: int | None, reason: str) -> Registration:
    """Correct an entrant's data as an organiser; log each changed field's before/after."""
    reason = (reason or "").strip()
    if not reason:
        raise RegistrationError(_("Vui lòng ghi lý do sửa thông tin."))
    user, contest = registration.user, registration.contest
    values = clean_fields(changes)
    problems = field_problems(values, list(contest.required_fields), user)
    group_id = changes.get("group_id", registration.group_id)
    unit_id = changes.get("unit_id", registration.unit_id)
    group = db.session.get(EntrantGroup, group_id) if group_id else None
    if group is None or group.contest_id != contest.id:
        problems.append(_("Vui lòng chọn khối thi."))
    if unit_id and db.session.get(Unit, unit_id) is None:
        problems.append(_("Đơn vị không tồn tại."))
    elif unit_id and unit_id != registration.unit_id and not _takes_part(contest.id, unit_id):
        problems.append(_("Đơn vị này không tham gia cuộc thi, vui lòng chọn đơn vị khác."))
    if problems:
        raise RegistrationError(problems)
    assert group is not None  # a missing group is one of the problems above
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for key, value in values.items():
        if getattr(user, key) != value:
            before[key], after[key] = _shown(getattr(user, key)), _shown(value)
    for key, value in (("group_id", group_id), ("unit_id", unit_id)):
        if getattr(registration, key) != value:
            before[key], after[key] = getattr(registration, key), value
    if not after:
        raise RegistrationError(_("Không có thông tin nào thay đổi."))
    for key in after:
        if key == "group_id":
            registration.group = group
        elif key == "unit_id":
            registration.unit = db.session.get(Unit, unit_id) if unit_id else None
        else:
            setattr(user, key, values[key])
    # The audit log (which judges read and export) keeps phone, CCCD and birth date masked;
    # their unmasked values go only to the organisers' verification log.
    entry = record(actor_id, AuditAction.REGISTRATION_EDIT, registration, reason=reason,
                   before=masked(before), after=masked(after), user_id=user.id)
    record_change(entry, user_id=user.id, registration_id=registration.id,
                  before=before, after=after)
    db.session.flush()
    return registration
