"""Forms of the reports pages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from contest.i18n import Form


class GrantForm(Form):
    login = StringField(_l("Số điện thoại hoặc email của người theo dõi"),
                        validators=[DataRequired(_l("Vui lòng nhập số điện thoại hoặc email.")),
                                    Length(max=254)])
    unit_code = StringField(_l("Mã đơn vị"),
                            validators=[DataRequired(_l("Vui lòng nhập mã đơn vị.")),
                                        Length(max=40)])
