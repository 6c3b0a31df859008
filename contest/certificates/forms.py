"""Forms for issuing, revoking and verifying certificates."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length

from contest.i18n import Form
from contest.vocabulary import PrizeTier


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
