"""Forms for issuing, revoking and verifying certificates."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length

from contest.ranking.prizes import PRIZE_LABELS


class IssueForm(FlaskForm):
    login = StringField("Số điện thoại hoặc email của thí sinh",
                        validators=[DataRequired("Vui lòng nhập số điện thoại hoặc email."),
                                    Length(max=254)])
    prize = SelectField("Giải", choices=[SelectChoice(label) for label in PRIZE_LABELS.values()],
                        validate_choice=True)


class RevokeForm(FlaskForm):
    reason = StringField("Lý do thu hồi", validators=[
        DataRequired("Vui lòng ghi lý do thu hồi."), Length(max=500)])
