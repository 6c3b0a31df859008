"""Forms for judges' decisions; every decision carries a written reason."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from contest.i18n import Form
from contest.judging.services import MIN_REASON_LENGTH


class ReasonForm(Form):
    reason = TextAreaField(
        _l("Lý do (bắt buộc)"),
        validators=[DataRequired(_l("Vui lòng ghi lý do.")),
                    Length(min=MIN_REASON_LENGTH, max=2000,
                           message=_l("Lý do phải từ %(min)s đến 2000 ký tự.",
                                      min=MIN_REASON_LENGTH))],
        render_kw={"rows": 3},
    )


class ResultsConfirmForm(Form):
    """Judges confirm a round's results, with an optional note."""

    note = TextAreaField(_l("Ghi chú (không bắt buộc)"), validators=[Length(max=2000)],
                         render_kw={"rows": 2})


class TruthForm(Form):
    """Judges correct a round's prediction truth; the service checks the value and reason."""

    truth = StringField(_l("Đáp án đúng mới"), render_kw={"inputmode": "decimal"})
    reason = TextAreaField(_l("Lý do sửa (bắt buộc)"), validators=[Length(max=2000)],
                           render_kw={"rows": 2})
