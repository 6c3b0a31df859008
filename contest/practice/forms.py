"""The organiser's practice settings for a contest."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SelectField

from contest.i18n import Form


class SettingForm(Form):
    bank_id = SelectField(_l("Ngân hàng câu hỏi ôn tập"), coerce=int, validate_choice=True)
    allow_counted_banks = BooleanField(
        _l("Cho phép ôn tập bằng câu hỏi của các ngân hàng đang dùng cho đợt thi tính điểm"))
