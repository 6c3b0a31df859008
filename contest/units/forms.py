"""Forms for importing and editing units."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import HiddenField, IntegerField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)

from contest.i18n import Form
from contest.units.mapping import MAPPING_RE
from contest.units.uploads import TOKEN_RE

NO_PARENT = SelectChoice("", _l("— Không có (đơn vị cấp cao nhất) —"))


class WholeNumberField(IntegerField):
    """An IntegerField whose conversion error is ours to translate (WTForms has no vi locale)."""

    def process_formdata(self, valuelist: list) -> None:
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(_("Vui lòng nhập một số nguyên.")) from error


class UploadForm(Form):
    file = FileField(
        _l("Tệp danh sách đơn vị"),
        validators=[
            FileRequired(_l("Vui lòng chọn tệp.")),
            FileAllowed(
                ["xlsx", "xlsm", "xls", "ods", "csv"],
                _l("Chỉ nhận tệp Excel (.xlsx, .xls), OpenDocument (.ods) hoặc CSV (.csv)."),
            ),
        ],
        render_kw={"accept": ".xlsx,.xlsm,.xls,.ods,.csv"},
    )


class ImportConfirmForm(Form):
    """Confirm importing the checked unit file named by its upload token."""

    token = HiddenField(validators=[DataRequired(), Regexp(TOKEN_RE.pattern)])
    mapping = HiddenField(validators=[Optional(), Regexp(MAPPING_RE.pattern)])


class UnitForm(Form):
    code = StringField(
        _l("Mã đơn vị"),
        validators=[DataRequired(_l("Vui lòng nhập mã đơn vị.")), Length(max=40)],
    )
    name = StringField(
        _l("Tên đơn vị"),
        validators=[DataRequired(_l("Vui lòng nhập tên đơn vị.")), Length(max=255)],
    )
    parent_id = SelectField(_l("Đơn vị cấp trên"), choices=[NO_PARENT], validate_choice=False,
                            render_kw={"data-unit-picker": ""})
    block = StringField(_l("Khối"), validators=[Optional(), Length(max=120)],
                        render_kw={"list": "block-names", "autocomplete": "off"})
    headcount = WholeNumberField(
        _l("Biên chế"),
        validators=[Optional(), NumberRange(min=0, max=10_000_000,
                                            message=_l("Biên chế phải là số từ 0 trở lên."))],
        render_kw={"inputmode": "numeric", "min": 0},
    )

    def validate_parent_id(self, field: SelectField) -> None:
        field.data = field.data or ""  # a missing field means "no parent"
        if field.data not in {choice.value for choice in field.choices}:
            raise ValidationError(_("Đơn vị cấp trên không hợp lệ, vui lòng chọn lại."))

    @property
    def parent_value(self) -> int | None:
        return int(self.parent_id.data) if self.parent_id.data else None
