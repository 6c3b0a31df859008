"""Forms for judges' decisions; every decision carries a written reason."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length

from contest.i18n import Form
from contest.judging.services import MIN_REASON_LENGTH
from contest.vocabulary import DisqualifyScope


class ReasonForm(Form):
    reason = TextAreaField(
        _l("Lý do (bắt buộc)"),
        validators=[DataRequired(_l("Vui lòng ghi lý do.")),
                    Length(min=MIN_REASON_LENGTH, max=2000,
                           message=_l("Lý do phải từ %(min)s đến 2000 ký tự.",
                                      min=MIN_REASON_LENGTH))],
        render_kw={"rows": 3},
    )


class DisqualifyForm(ReasonForm):
    """Disqualify with a reason and an explicit scope (nothing is chosen beforehand)."""

    scope = RadioField(_l("Phạm vi loại"),
                       choices=[SelectChoice(v, label) for v, label in DisqualifyScope.choices()],
                       validators=[DataRequired(_l("Vui lòng chọn phạm vi loại: đợt thi này "
                                                   "hoặc toàn bộ cuộc thi."))])


class ResultsConfirmForm(Form):
    """Judges confirm a round's results, with an optional note."""

    note = TextAreaField(_l("Ghi chú (không bắt buộc)"), validators=[Length(max=2000)],
                         render_kw={"rows": 2})


class TruthForm(Form):
    """Judges correct a round's prediction truth; the service checks the value and reason."""

    truth = StringField(_l("Đáp án đúng mới"), render_kw={"inputmode": "decimal"})
    reason = TextAreaField(_l("Lý do sửa (bắt buộc)"), validators=[Length(max=2000)],
                           render_kw={"rows": 2})
