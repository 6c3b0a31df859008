"""The publish form; prize counts are read as plain numeric fields per group."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import Length


class PublishForm(FlaskForm):
    reason = TextAreaField(
        "Lý do công bố lại (bắt buộc khi đã có phiên bản trước)",
        validators=[Length(max=2000, message="Lý do tối đa 2000 ký tự.")],
        render_kw={"rows": 3},
    )
