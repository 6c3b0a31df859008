"""Forms that move a round's close after it opened: extend (later) and shorten (now or earlier),
each with its written reason."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from contest.contests.forms import DATETIME_FORMAT, VNDateTimeField
from contest.contests.rules import vn_to_utc
from contest.i18n import Form


class ExtendForm(Form):
    closes_at = VNDateTimeField(_l("Giờ đóng mới (giờ Việt Nam)"), format=DATETIME_FORMAT,
                                   validators=[InputRequired(_l("Vui lòng nhập giờ đóng mới."))])
    reason = TextAreaField(_l("Lý do gia hạn"), validators=[
        DataRequired(_l("Vui lòng ghi lý do gia hạn.")), Length(max=1000)], render_kw={"rows": 2})

    def values_closes_at(self):
        return vn_to_utc(self.closes_at.data)


class ShortenForm(Form):
    """Close an open round now (no time given) or move its close earlier; always a reason."""

    closes_at = VNDateTimeField(_l("Giờ đóng mới (giờ Việt Nam; để trống để đóng ngay)"),
                                format=DATETIME_FORMAT, validators=[Optional()])
    reason = TextAreaField(_l("Lý do đóng sớm"), validators=[
        DataRequired(_l("Vui lòng ghi lý do đóng sớm đợt thi.")), Length(max=1000)],
        render_kw={"rows": 2})

    def values_closes_at(self):
        return vn_to_utc(self.closes_at.data) if self.closes_at.data else None
