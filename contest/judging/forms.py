"""Forms for judges' decisions; every decision carries a written reason."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length

from contest.judging.services import MIN_REASON_LENGTH


class ReasonForm(FlaskForm):
    reason = TextAreaField(
        "Lý do (bắt buộc)",
        validators=[DataRequired("Vui lòng ghi lý do."),
                    Length(min=MIN_REASON_LENGTH, max=2000,
                           message=f"Lý do phải từ {MIN_REASON_LENGTH} đến 2000 ký tự.")],
        render_kw={"rows": 3},
    )


class ConfirmForm(FlaskForm):
    note = TextAreaField("Ghi chú (không bắt buộc)", validators=[Length(max=2000)],
                         render_kw={"rows": 2})
