"""Forms for issuing, revoking and verifying certificates."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import BooleanField, DateField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from contest.i18n import Form
from contest.vocabulary import CertificateLayout, PrizeTier


class IssueForm(Form):
    login = StringField(_l("Số điện thoại hoặc email của thí sinh"),
                        validators=[DataRequired(_l("Vui lòng nhập số điện thoại hoặc email.")),
                                    Length(max=254)])
    prize = SelectField(_l("Giải"),
                        choices=[SelectChoice(tier.vietnamese) for tier in PrizeTier],
                        validate_choice=True)


class RevokeForm(Form):
    reason = StringField(_l("Lý do thu hồi"), validators=[
        DataRequired(_l("Vui lòng ghi lý do thu hồi.")), Length(max=500)])


class StyleForm(Form):
    """How the contest's certificates are issued."""

    place = StringField(_l("Địa danh nơi ký"), validators=[
        DataRequired(_l("Vui lòng ghi tên tỉnh hoặc thành phố nơi ký.")), Length(max=120)])
    issuer_name = TextAreaField(_l("Cơ quan ban hành (đầu trang, mẫu khổ dọc)"),
                                validators=[Length(max=200)])
    signer_title = TextAreaField(_l("Chức danh người ký"), validators=[
        DataRequired(_l("Vui lòng ghi chức danh người ký.")), Length(max=200)])
    signer_name = StringField(_l("Họ và tên người ký"), validators=[Length(max=120)])
    decision_number = StringField(_l("Số quyết định khen thưởng"), validators=[Length(max=120)])
    decision_date = DateField(_l("Ngày quyết định"), validators=[Optional()])
    layout = SelectField(_l("Mẫu giấy chứng nhận"), choices=[SelectChoice(v, label) for v, label
                                                 in CertificateLayout.choices()],
                         validate_choice=True)
    seal = FileField(_l("Ảnh chữ ký / con dấu (PNG hoặc JPEG, tối đa 2 MB)"))
    remove_seal = BooleanField(_l("Bỏ ảnh chữ ký / con dấu đang dùng"))
