"""Registration forms, built per contest from the fields it requires."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import pgettext
from wtforms import (
    BooleanField,
    EmailField,
    PasswordField,
    StringField,
    TelField,
    TextAreaField,
)
from wtforms.validators import DataRequired, EqualTo, InputRequired, Length, Optional
from wtforms.widgets import PasswordInput

from contest.contests.forms import ChoiceField, VNDateField, options
from contest.i18n import Form
from contest.registration.services import GENDER_LABELS
from contest.vocabulary import RegistrationField

CONSENT_LABEL = _l("Tôi đồng ý để Ban tổ chức thu thập và xử lý các thông tin cá nhân trên "
                   "theo Nghị định 13/2023/NĐ-CP.")


def _user_field(key: str, required: bool):
    label = RegistrationField(key).label
    check = ([InputRequired(_("Vui lòng nhập %(field)s.", field=label.lower()))] if required
             else [Optional()])
    if key == "phone":
        return TelField(label, validators=[*check, Length(max=20)],
                        render_kw={"autocomplete": "tel", "inputmode": "tel"})
    if key == "date_of_birth":
        return VNDateField(label, validators=check, render_kw={"autocomplete": "bday"})
    if key == "id_number":
        return StringField(_("%(label)s (12 chữ số)", label=label),
                           validators=[*check, Length(max=20)],
                           render_kw={"inputmode": "numeric", "autocomplete": "off"})
    if key == "email":
        return EmailField(label, validators=[*check, Length(max=254)],
                          render_kw={"autocomplete": "email"})
    if key == "gender":
        return ChoiceField(label, choices=options([("", _("— Chọn —")), *GENDER_LABELS.items()]),
                           validators=check)
    if key == "address":
        return StringField(label, validators=[*check, Length(max=255)],
                           render_kw={"autocomplete": "street-address"})
    return StringField(_("%(label)s (như trên CCCD)", label=label),
                       validators=[*check, Length(max=120)],
                       render_kw={"autocomplete": "name"})


class _Base(Form):
    user_keys: list[str] = []

    def user_values(self) -> dict[str, Any]:
        return {key: self[key].data for key in self.user_keys}


def registration_form(user_keys: list[str], *, with_password: bool, groups, units) -> _Base:
    """A sign-up form asking ``user_keys`` (all required), group, unit and consent."""

    class RegistrationForm(_Base):
        pass

    for key in user_keys:
        setattr(RegistrationForm, key, _user_field(key, required=True))
    if with_password:
        # The password stays filled in when another field is refused (hide_value=False).
        RegistrationForm.password = PasswordField(
            _("Mật khẩu (ít nhất 8 ký tự)"), render_kw={"autocomplete": "new-password"},
            widget=PasswordInput(hide_value=False),
            validators=[DataRequired(_("Vui lòng đặt mật khẩu.")), Length(min=8, max=200,
                        message=_("Mật khẩu phải có ít nhất 8 ký tự."))])
        RegistrationForm.password_again = PasswordField(
            _("Nhập lại mật khẩu"), render_kw={"autocomplete": "new-password"},
            widget=PasswordInput(hide_value=False),
            validators=[EqualTo("password", _("Hai lần nhập mật khẩu không khớp."))])
    # Several groups: none is chosen for the entrant (a wrong default is easy to miss).
    group_choices = [(g.id, g.name) for g in groups]
    if len(group_choices) > 1:
        group_choices.insert(0, ("", _("— Chọn khối thi —")))
    RegistrationForm.group_id = ChoiceField(
        _("Khối thi"), coerce=_int_or_none, choices=options(group_choices),
        validate_choice=False)
    RegistrationForm.unit_id = ChoiceField(
        pgettext("one unit", "Đơn vị"), coerce=_int_or_none,
        choices=options([("", _("— Chọn đơn vị —")), *units]),
        validate_choice=False, render_kw={"data-unit-picker": ""})
    RegistrationForm.consent = BooleanField(CONSENT_LABEL, validators=[
        DataRequired(_("Bạn cần đồng ý cho phép xử lý dữ liệu cá nhân để đăng ký."))])
    form = RegistrationForm()
    form.user_keys = list(user_keys)
    return form


def _int_or_none(value: Any) -> int | None:
    """Forged values become None, so the service names the missing choice to the user."""
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def edit_form(required: list[str], *, groups, units) -> _Base:
    """The organiser's edit form: every user field, group, unit and a required reason."""

    class RegistrationEditForm(_Base):
        pass

    keys = list(RegistrationField.values())
    for key in keys:
        setattr(RegistrationEditForm, key, _user_field(key, required=key in required))
    RegistrationEditForm.group_id = ChoiceField(
        _("Khối thi"), coerce=_int_or_none, choices=options((g.id, g.name) for g in groups),
        validate_choice=False)
    RegistrationEditForm.unit_id = ChoiceField(
        pgettext("one unit", "Đơn vị"), coerce=_int_or_none,
        choices=options([("", _("— Không có —")), *units]),
        validate_choice=False, render_kw={"data-unit-picker": ""})
    RegistrationEditForm.reason = TextAreaField(
        _("Lý do sửa (ghi vào nhật ký)"), render_kw={"rows": 2},
        validators=[DataRequired(_("Vui lòng ghi lý do sửa thông tin.")), Length(max=1000)])
    form = RegistrationEditForm()
    form.user_keys = keys
    return form
