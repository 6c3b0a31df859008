"""Forms of the contest's units page: which units take part, and each group's targets."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileAllowed, FileField
from wtforms import BooleanField, RadioField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length

from contest.contests.forms import MultiCheckboxField
from contest.i18n import Form


class ContestUnitsForm(Form):
    subtrees = TextAreaField(
        _l("Cả nhánh dưới các đơn vị có mã"), validators=[Length(max=20_000)],
        render_kw={"rows": 2, "placeholder": "UBND-CB"})
    block_ids = MultiCheckboxField(_l("Mọi đơn vị thuộc khối"), coerce=int,
                                   validate_choice=False)
    codes = TextAreaField(
        _l("Danh sách mã đơn vị (mỗi dòng một mã, hoặc cách nhau bằng dấu phẩy)"),
        validators=[Length(max=200_000)], render_kw={"rows": 4})
    file = FileField(
        _l("Hoặc tệp danh sách đơn vị của cuộc thi (cột “Mã đơn vị”)"),
        validators=[FileAllowed(["xlsx", "xlsm", "xls", "ods", "csv"],
                                _l("Chỉ nhận tệp Excel (.xlsx, .xls), OpenDocument (.ods) "
                                   "hoặc CSV (.csv)."))],
        render_kw={"accept": ".xlsx,.xlsm,.xls,.ods,.csv"})
    mode = RadioField(_l("Cách áp dụng"), default="replace", validate_choice=False, choices=[
        SelectChoice("replace", _l("Thay danh sách hiện có")),
        SelectChoice("add", _l("Thêm vào danh sách hiện có"))])


class TargetsForm(Form):
    targets = TextAreaField(
        _l("Chỉ tiêu theo đơn vị (mỗi dòng “mã đơn vị: số người”)"),
        validators=[Length(max=200_000)], render_kw={"rows": 8, "placeholder": "X01: 25"})
    from_headcount = BooleanField(
        _l("Đơn vị không ghi ở trên lấy biên chế của đơn vị làm chỉ tiêu"))
