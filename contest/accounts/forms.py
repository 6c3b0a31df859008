"""Forms for logging in."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, PasswordField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from contest.i18n import Form


class LoginForm(Form):
    login = StringField(
        _l("Số điện thoại hoặc email"),
        validators=[DataRequired(_l("Vui lòng nhập số điện thoại hoặc email.")), Length(max=254)],
        render_kw={"autocomplete": "username", "inputmode": "email"},
    )
    password = PasswordField(
        _l("Mật khẩu"),
        validators=[DataRequired(_l("Vui lòng nhập mật khẩu.")), Length(max=200)],
        render_kw={"autocomplete": "current-password"},
    )
    remember = BooleanField(_l("Ghi nhớ đăng nhập"))


class ChangePasswordForm(Form):
    current_password = PasswordField(
        _l("Mật khẩu hiện tại"), validators=[DataRequired(_l("Vui lòng nhập mật khẩu hiện tại.")),
                                             Length(max=200)],
        render_kw={"autocomplete": "current-password"})
    new_password = PasswordField(
        _l("Mật khẩu mới (ít nhất 8 ký tự)"),
        validators=[DataRequired(_l("Vui lòng nhập mật khẩu mới.")), Length(max=200)],
        render_kw={"autocomplete": "new-password"})
    new_password_again = PasswordField(
        _l("Nhập lại mật khẩu mới"),
        validators=[DataRequired(_l("Vui lòng nhập lại mật khẩu mới.")), Length(max=200)],
        render_kw={"autocomplete": "new-password"})


class ReasonForm(Form):
    reason = TextAreaField(
        _l("Lý do (ghi vào nhật ký)"), render_kw={"rows": 2},
        validators=[DataRequired(_l("Vui lòng ghi lý do.")), Length(max=500)])
