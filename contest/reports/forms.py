"""Forms of the reports pages."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length


class GrantForm(FlaskForm):
    login = StringField("Số điện thoại hoặc email của người theo dõi",
                        validators=[DataRequired("Vui lòng nhập số điện thoại hoặc email."),
                                    Length(max=254)])
    unit_code = StringField("Mã đơn vị", validators=[DataRequired("Vui lòng nhập mã đơn vị."),
                                                     Length(max=40)])
