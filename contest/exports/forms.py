"""The form in front of the unmasked verification export: a stated reason, by POST."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, TextAreaField
from wtforms.validators import DataRequired, Length

from contest.contests.forms import options
from contest.i18n import Form


class VerificationExportForm(Form):
    reason = TextAreaField(
        _l("Lý do xuất dữ liệu không che (ghi vào nhật ký)"), render_kw={"rows": 2},
        validators=[DataRequired(_l("Vui lòng ghi lý do xuất dữ liệu không che.")),
                    Length(min=5, max=500, message=_l("Lý do cần từ 5 đến 500 ký tự."))])
    dinh_dang = SelectField(_l("Định dạng"), choices=options([("xlsx", "xlsx"), ("csv", "csv")]),
                            default="xlsx")
