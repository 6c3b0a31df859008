"""The publish form; prize counts are read as plain numeric fields per group."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import TextAreaField
from wtforms.validators import Length

from contest.i18n import Form


class PublishForm(Form):
    reason = TextAreaField(
        _l("Lý do công bố lại (bắt buộc khi đã có phiên bản trước)"),
        validators=[Length(max=2000, message=_l("Lý do tối đa 2000 ký tự."))],
        render_kw={"rows": 3},
    )
