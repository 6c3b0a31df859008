"""Forms for questions and imports."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from contest.i18n import Form
from question_bank.models import (
    DIFFICULTY_NAMES,
    MAX_TOPIC,
    OPTION_ORDER_NAMES,
    REFORM_AREAS,
    OptionOrder,
)
from question_bank.rules import (
    LETTERS,
    MAX_CODE,
    MAX_EXPLANATION,
    MAX_LEGAL_BASIS,
    MAX_OPTION,
    MAX_TEXT,
)

AREA_LABELS = [(i, f"{i}. {name}") for i, name in enumerate(REFORM_AREAS, start=1)]
AREA_CHOICES = [SelectChoice(str(i), label) for i, label in AREA_LABELS]
DIFFICULTY_CHOICES = [SelectChoice(str(int(d)), label) for d, label in DIFFICULTY_NAMES.items()]
ORDER_CHOICES = [SelectChoice(order.value, label) for order, label in OPTION_ORDER_NAMES.items()]
ANY_AREA = [SelectChoice("0", _l("— Theo cột Lĩnh vực trong tệp —")), *AREA_CHOICES]


class QuestionForm(Form):
    code = StringField(_l("Mã câu hỏi"), validators=[Optional(), Length(max=MAX_CODE)])
    text = TextAreaField(_l("Nội dung câu hỏi"),
                         validators=[DataRequired(_l("Hãy nhập nội dung.")), Length(max=MAX_TEXT)])
    area = SelectField(_l("Lĩnh vực"), coerce=int, choices=AREA_CHOICES)
    difficulty = SelectField(_l("Mức độ"), coerce=int, choices=DIFFICULTY_CHOICES, default=2)
    explanation = TextAreaField(_l("Giải thích"), validators=[Length(max=MAX_EXPLANATION)])
    legal_basis = StringField(_l("Căn cứ"), validators=[Length(max=MAX_LEGAL_BASIS)])
    banks = StringField(_l("Ngân hàng (cách nhau bằng dấu ;)"), validators=[Length(max=1000)])
    topic = StringField(_l("Chủ đề (hạng mục)"), validators=[Length(max=MAX_TOPIC)])
    option_order = SelectField(_l("Khi trộn phương án"), choices=ORDER_CHOICES,
                               default=OptionOrder.AUTO.value)

    def option_rows(self):
        """(letter, text field, correct box, keep box) for A-F."""
        return [(x, self[f"option_{x.lower()}"], self[f"correct_{x.lower()}"],
                 self[f"keep_{x.lower()}"]) for x in LETTERS]

    def values(self) -> dict:
        """Options compacted (blank ones dropped) with their correct/keep positions."""
        options: list[str] = []
        correct: list[int] = []
        keep: list[int] = []
        for _letter, text, is_correct, is_kept in self.option_rows():
            if not (text.data or "").strip():
                continue
            if is_correct.data:
                correct.append(len(options))
            if is_kept.data:
                keep.append(len(options))
            options.append(text.data.strip())
        return {"options": options, "correct": correct, "keep_in_place": keep}


for _letter in LETTERS:
    _name = _letter.lower()
    setattr(QuestionForm, f"option_{_name}",
            TextAreaField(_l("Phương án %(letter)s", letter=_letter),
                          validators=[Length(max=MAX_OPTION)]))
    setattr(QuestionForm, f"correct_{_name}",
            BooleanField(_l("%(letter)s là đáp án đúng", letter=_letter)))
    setattr(QuestionForm, f"keep_{_name}",
            BooleanField(_l("Giữ vị trí %(letter)s khi trộn", letter=_letter)))


CONFLICT_CHOICES = [
    SelectChoice("", _l("— Hỏi: chưa nhập các dòng này —")),
    SelectChoice("update", _l("Cập nhật câu đã có (thay nội dung của ngân hàng kia)")),
    SelectChoice("new", _l("Nhập thành câu mới với mã mới")),
]


class ImportForm(Form):
    file = FileField(_l("Tệp câu hỏi (.xlsx, .xls, .ods, .csv, .gift, .txt, .xml, .zip)"),
                     validators=[FileRequired(_l("Hãy chọn tệp."))])
    bank = StringField(_l("Đưa vào ngân hàng"), validators=[Optional(), Length(max=120)])
    area = SelectField(_l("Lĩnh vực cho các dòng không ghi lĩnh vực"), coerce=int,
                       choices=ANY_AREA,
                       default=0)
    all_sheets = BooleanField(_l("Đọc mọi trang tính có câu hỏi"))
    include_duplicates = BooleanField(_l("Vẫn nhập các câu hỏi trùng"))


class ImportOptionsForm(Form):
    """Change the choices of a stored upload and check it again."""

    bank = StringField(_l("Đưa vào ngân hàng"), validators=[Optional(), Length(max=120)])
    area = SelectField(_l("Lĩnh vực cho các dòng không ghi lĩnh vực"), coerce=int,
                       choices=ANY_AREA,
                       default=0)
    sheet = SelectField(_l("Trang tính"), choices=[], validate_choice=False)
    all_sheets = BooleanField(_l("Đọc mọi trang tính có câu hỏi"))
    include_duplicates = BooleanField(_l("Vẫn nhập các câu hỏi trùng"))
    code_conflicts = SelectField(_l("Mã đã có ở ngân hàng khác"), choices=CONFLICT_CHOICES,
                                 default="")


class ActionForm(Form):
    """A bare form: only the CSRF token, for POST buttons."""
