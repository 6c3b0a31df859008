"""Forms for questions and imports."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from question_bank.models import DIFFICULTY_LABELS, REFORM_AREAS
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
DIFFICULTY_CHOICES = [SelectChoice(str(int(d)), label) for d, label in DIFFICULTY_LABELS.items()]
ANY_AREA = [SelectChoice("0", "— Theo cột Lĩnh vực trong tệp —"), *AREA_CHOICES]


class QuestionForm(FlaskForm):
    code = StringField("Mã câu hỏi", validators=[Optional(), Length(max=MAX_CODE)])
    text = TextAreaField("Nội dung câu hỏi", validators=[DataRequired("Hãy nhập nội dung."),
                                                         Length(max=MAX_TEXT)])
    area = SelectField("Lĩnh vực", coerce=int, choices=AREA_CHOICES)
    difficulty = SelectField("Mức độ", coerce=int, choices=DIFFICULTY_CHOICES, default=2)
    explanation = TextAreaField("Giải thích", validators=[Length(max=MAX_EXPLANATION)])
    legal_basis = StringField("Căn cứ", validators=[Length(max=MAX_LEGAL_BASIS)])
    banks = StringField("Ngân hàng (cách nhau bằng dấu ;)", validators=[Length(max=1000)])

    def option_rows(self):
        """(letter, text field, correct box, keep box) for A-F."""
        return [(x, self[f"option_{x.lower()}"], self[f"correct_{x.lower()}"],
                 self[f"keep_{x.lower()}"]) for x in LETTERS]

    def values(self) -> dict:
        """Options compacted (blank ones dropped) with their correct/keep positions."""
        options, correct, keep = [], [], []
        for _, text, is_correct, is_kept in self.option_rows():
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
            TextAreaField(f"Phương án {_letter}", validators=[Length(max=MAX_OPTION)]))
    setattr(QuestionForm, f"correct_{_name}", BooleanField(f"{_letter} là đáp án đúng"))
    setattr(QuestionForm, f"keep_{_name}", BooleanField(f"Giữ vị trí {_letter} khi trộn"))


class ImportForm(FlaskForm):
    file = FileField("Tệp câu hỏi (.xlsx, .xls, .ods, .csv)",
                     validators=[FileRequired("Hãy chọn tệp.")])
    bank = StringField("Đưa vào ngân hàng", validators=[Optional(), Length(max=120)])
    area = SelectField("Lĩnh vực cho các dòng không ghi lĩnh vực", coerce=int,
                       choices=ANY_AREA,
                       default=0)
    all_sheets = BooleanField("Đọc mọi trang tính có câu hỏi")
    include_duplicates = BooleanField("Vẫn nhập các câu hỏi trùng")


class ImportOptionsForm(FlaskForm):
    """Change the choices of a stored upload and check it again."""

    bank = StringField("Đưa vào ngân hàng", validators=[Optional(), Length(max=120)])
    area = SelectField("Lĩnh vực cho các dòng không ghi lĩnh vực", coerce=int,
                       choices=ANY_AREA,
                       default=0)
    sheet = SelectField("Trang tính", choices=[], validate_choice=False)
    all_sheets = BooleanField("Đọc mọi trang tính có câu hỏi")
    include_duplicates = BooleanField("Vẫn nhập các câu hỏi trùng")


class ActionForm(FlaskForm):
    """A bare form: only the CSRF token, for POST buttons."""
