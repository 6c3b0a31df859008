"""Organiser forms: contest settings, entrant groups, rounds (with the recipe grid), extension."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    FloatField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    widgets,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from contest.contests.rules import utc_to_vn, vn_to_utc
from contest.i18n import Form
from contest.vocabulary import (
    DEFAULTS,
    AttemptPolicy,
    CollectiveFormula,
    Counting,
    PredictionKind,
    PrizeTier,
    PrizeTieRule,
    RegistrationField,
    ReviewPolicy,
    TieBreakKey,
    UnitCriterion,
)
from question_bank.models import REFORM_AREAS

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
TIE_BREAK_SLOTS = 5
# 0 stands for "any difficulty" in the grid's field names (r_<area>_<difficulty>).
GRID_DIFFICULTIES = (1, 2, 3, 0)


def _vietnamese(field_class: Any, message: str) -> Any:
    """A field class whose parse error (WTForms has no Vietnamese catalogue) reads ``message``."""

    class Field(field_class):
        def process_formdata(self, valuelist):
            try:
                super().process_formdata(valuelist)
            except ValueError as error:
                raise ValueError(message) from error

    Field.__name__ = field_class.__name__
    return Field


IntField = _vietnamese(IntegerField, _l("Vui lòng nhập một số nguyên."))
NumField = _vietnamese(FloatField, _l("Vui lòng nhập một số (ví dụ 50 hoặc 50.5)."))
VNDateTimeField = _vietnamese(DateTimeLocalField, _l("Ngày giờ không hợp lệ."))
VNDateField = _vietnamese(DateField, _l("Ngày không hợp lệ (ngày/tháng/năm)."))


class ChoiceField(SelectField):
    """A select whose value the service checks (with a Vietnamese message), not WTForms."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("validate_choice", False)
        super().__init__(*args, **kwargs)


class MultiCheckboxField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


def options(pairs) -> list[SelectChoice]:
    """Choices for select fields from (value, label) pairs or a {value: label} dict."""
    pairs = pairs.items() if isinstance(pairs, dict) else pairs
    return [SelectChoice(value, label) for value, label in pairs]



class ContestForm(Form):
    title = StringField(_l("Tên cuộc thi"), validators=[
        DataRequired(_l("Vui lòng nhập tên cuộc thi.")), Length(max=255)])
    plan_reference = StringField(_l("Kế hoạch số"), validators=[Length(max=255)])
    decision_reference = StringField(_l("Quyết định số"), validators=[Length(max=255)])
    rules_text = TextAreaField(_l("Thể lệ (hiển thị cho thí sinh)"), render_kw={"rows": 8})
    required_fields = MultiCheckboxField(
        _l("Thông tin bắt buộc khi đăng ký"),
        choices=options(RegistrationField.choices()),
    )
    collective_formula = ChoiceField(_l("Cách xếp hạng tập thể"),
                                     choices=options(CollectiveFormula.choices()))
    collective_min_rate = IntField(
        _l("Tỷ lệ tham gia tối thiểu của đơn vị (%)"),
        default=round(DEFAULTS.collective_min_rate * 100),
        validators=[InputRequired(_l("Vui lòng nhập tỷ lệ.")), NumberRange(0, 100)])
    prize_min_score = NumField(
        _l("Điểm tối thiểu để được giải (tính theo phần trăm điểm tối đa; để trống: không "
           "giới hạn)"),
        validators=[Optional(), NumberRange(0, 100, _l(
            "Điểm tối thiểu để được giải phải từ 0 đến 100 (phần trăm điểm tối đa)."))])
    prize_max_share = NumField(
        _l("Số giải tối đa (tính theo phần trăm số thí sinh của khối; để trống: không giới "
           "hạn)"),
        validators=[Optional(), NumberRange(0, 100, _l(
            "Tỷ lệ giải tối đa phải từ 0 đến 100 (phần trăm số thí sinh)."))])
    prize_once_per_contest = BooleanField(
        _l("Mỗi người chỉ nhận một giải trong cả cuộc thi (đợt sau bỏ qua người đã đạt giải ở "
           "đợt trước)"))
    prize_tie_rule = ChoiceField(_l("Đồng hạng ở suất giải cuối cùng"),
                                 choices=options(PrizeTieRule.choices()),
                                 default=DEFAULTS.prize_tie_rule.value)

    def tie_break_fields(self) -> list[Any]:
        return [self[f"tie_break_{i}"] for i in range(1, TIE_BREAK_SLOTS + 1)]

    def overall_fields(self) -> list[Any]:
        return [self[f"overall_tie_break_{i}"] for i in range(1, TIE_BREAK_SLOTS + 1)]

    def weight_fields(self) -> list[Any]:
        return [self[f"weight_{name}"] for name in UnitCriterion.values()]

    def weights(self) -> dict[str, float] | None:
        """The points weights typed in; None (the defaults) when every box is empty."""
        typed = {name: self[f"weight_{name}"].data for name in UnitCriterion.values()}
        if all(value is None for value in typed.values()):
            return None
        return {name: value or 0 for name, value in typed.items()}

    def values(self) -> dict[str, Any]:
        """Plain values for contest.contests.services (percentages as shares)."""
        def share(value: float | None) -> float | None:
            return None if value is None else value / 100

        return {
            "title": self.title.data, "plan_reference": self.plan_reference.data,
            "decision_reference": self.decision_reference.data,
            "rules_text": self.rules_text.data,
            "required_fields": self.required_fields.data or [],
            "tie_breaks": [f.data for f in self.tie_break_fields() if f.data],
            "overall_tie_breaks": [f.data for f in self.overall_fields() if f.data],
            "collective_formula": self.collective_formula.data,
            "collective_min_rate": self.collective_min_rate.data / 100,
            "collective_weights": self.weights(),
            "prize_min_score": share(self.prize_min_score.data),
            "prize_max_share": share(self.prize_max_share.data),
            "prize_once_per_contest": bool(self.prize_once_per_contest.data),
            "prize_tie_rule": self.prize_tie_rule.data,
        }

    def load(self, contest) -> None:
        """Fill the form from a contest (for editing)."""
        for name in ("title", "plan_reference", "decision_reference", "rules_text",
                     "required_fields", "collective_formula"):
            self[name].data = getattr(contest, name)
        self.collective_min_rate.data = round(contest.collective_min_rate * 100)
        for name in ("prize_min_score", "prize_max_share"):
            value = getattr(contest, name)
            self[name].data = None if value is None else round(value * 100, 2)
        self.prize_once_per_contest.data = contest.prize_once_per_contest
        self.prize_tie_rule.data = contest.prize_tie_rule
        weights = contest.collective_weights or dict(DEFAULTS.collective_weights)
        for name in UnitCriterion.values():
            self[f"weight_{name}"].data = weights.get(name, 0)
        for field, key in zip(self.tie_break_fields(), [*contest.tie_breaks, *[""] * 9],
                              strict=False):
            field.data = key
        for field, key in zip(self.overall_fields(),
                              [*(contest.overall_tie_breaks or ()), *[""] * 9], strict=False):
            field.data = key


for _i in range(1, TIE_BREAK_SLOTS + 1):
    setattr(ContestForm, f"tie_break_{_i}", ChoiceField(
        _l("Tiêu chí %(n)s", n=_i),
        choices=options([("", _l("(không dùng)")), *TieBreakKey.choices()]),
        default=TieBreakKey.SCORE.value if _i == 1 else "", validators=[Optional()]))
    setattr(ContestForm, f"overall_tie_break_{_i}", ChoiceField(
        _l("Tiêu chí chung cuộc %(n)s", n=_i),
        choices=options([("", _l("(không dùng)")), *TieBreakKey.choices()]),
        default=(list(DEFAULTS.overall_tie_breaks) + [""] * 9)[_i - 1],
        validators=[Optional()]))


for _criterion in UnitCriterion:
    setattr(ContestForm, f"weight_{_criterion.value}", NumField(
        _l("Trọng số: %(criterion)s", criterion=_criterion.caption),
        default=DEFAULTS.collective_weights.get(_criterion.value, 0),
        validators=[Optional(), NumberRange(0, 100, _l(
            "Trọng số phải từ 0 đến 100 (0: không dùng tiêu chí)."))],
        render_kw={"inputmode": "decimal"}))


class GroupForm(Form):
    name = StringField(_l("Tên khối thí sinh"), validators=[
        DataRequired(_l("Vui lòng nhập tên khối thí sinh.")), Length(max=120)])
    bank_ids = SelectMultipleField(_l("Ngân hàng câu hỏi"), coerce=int, validate_choice=False,
                                   render_kw={"size": 6})
    nhat = IntField(_l("Số giải Nhất mỗi đợt"), default=DEFAULTS.prize_counts["nhat"],
                    validators=[NumberRange(0, 10000)])
    nhi = IntField(_l("Số giải Nhì mỗi đợt"), default=DEFAULTS.prize_counts["nhi"],
                   validators=[NumberRange(0, 10000)])
    ba = IntField(_l("Số giải Ba mỗi đợt"), default=DEFAULTS.prize_counts["ba"],
                  validators=[NumberRange(0, 10000)])
    khuyen_khich = IntField(_l("Số giải Khuyến khích mỗi đợt"),
                            default=DEFAULTS.prize_counts["khuyen_khich"],
                            validators=[NumberRange(0, 10000)])

    def prize_counts(self) -> dict[str, int]:
        return {tier.value: getattr(self, tier.value).data for tier in PrizeTier}


class RoundForm(Form):
    name = StringField(_l("Tên đợt thi"), validators=[
        DataRequired(_l("Vui lòng nhập tên đợt thi.")), Length(max=120)])
    opens_at = VNDateTimeField(_l("Giờ mở (giờ Việt Nam)"), format=DATETIME_FORMAT,
                                  validators=[InputRequired(_l("Vui lòng nhập giờ mở."))])
    closes_at = VNDateTimeField(_l("Giờ đóng (giờ Việt Nam)"), format=DATETIME_FORMAT,
                                   validators=[InputRequired(_l("Vui lòng nhập giờ đóng."))])
    time_limit_minutes = IntField(_l("Thời gian làm bài (phút)"),
                                  default=DEFAULTS.time_limit_minutes, validators=[
        InputRequired(_l("Vui lòng nhập thời gian.")), NumberRange(1, 300)])
    question_count = IntField(_l("Số câu hỏi của đề"), default=DEFAULTS.question_count,
                              validators=[
        InputRequired(_l("Vui lòng nhập số câu.")), NumberRange(1, 200)])
    shuffle_questions = BooleanField(_l("Đảo thứ tự câu hỏi"), default=True)
    shuffle_options = BooleanField(_l("Đảo thứ tự phương án (trừ phương án giữ nguyên vị trí)"),
                                   default=True)
    prediction_kind = ChoiceField(_l("Câu hỏi dự đoán"), choices=options(PredictionKind.choices()))
    prediction_prompt = TextAreaField(_l("Nội dung câu dự đoán (để trống: dùng câu mặc định)"),
                                      render_kw={"rows": 2})
    attempt_policy = ChoiceField(_l("Số lượt thi"), choices=options(AttemptPolicy.choices()))
    max_attempts = IntField(_l("Số lượt tối đa mỗi đợt (khi chọn «Tối đa N lượt»)"),
                            default=DEFAULTS.max_attempts,
                                validators=[Optional(), NumberRange(1, 1000)])
    counting = ChoiceField(_l("Lượt được tính"), choices=options(Counting.choices()))
    review_policy = ChoiceField(_l("Xem lại bài làm"), choices=options(ReviewPolicy.choices()),
                                default=DEFAULTS.review_policy.value)
    is_practice = BooleanField(_l("Đợt thi thử (không tính kết quả)"))
    require_all_answered = BooleanField(_l("Bắt buộc trả lời hết các câu mới được nộp bài"))

    def grid(self) -> list[tuple[int, str, list[Any]]]:
        """Rows of the recipe grid: (area id, area name, [fields by difficulty])."""
        return [(area, name, [self[f"r_{area}_{d}"] for d in GRID_DIFFICULTIES])
                for area, name in enumerate(REFORM_AREAS, start=1)]

    def recipe(self) -> list[dict[str, Any]]:
        return [{"area": area, "difficulty": d or None, "count": self[f"r_{area}_{d}"].data}
                for area in range(1, len(REFORM_AREAS) + 1) for d in GRID_DIFFICULTIES
                if self[f"r_{area}_{d}"].data]

    def values(self) -> dict[str, Any]:
        """Plain values for contest.contests.services (times as aware UTC)."""
        values = {name: self[name].data for name in (
            "name", "time_limit_minutes", "question_count", "shuffle_questions",
            "shuffle_options", "prediction_kind", "prediction_prompt", "attempt_policy",
            "counting", "review_policy", "is_practice", "require_all_answered")}
        values["max_attempts"] = self.max_attempts.data or 1
        values["opens_at"] = vn_to_utc(self.opens_at.data)
        values["closes_at"] = vn_to_utc(self.closes_at.data)
        values["recipe"] = self.recipe()
        return values

    def load(self, round_) -> None:
        """Fill the form from a round (for editing), times in Vietnam time."""
        for name in ("name", "time_limit_minutes", "question_count", "shuffle_questions",
                     "shuffle_options", "prediction_kind", "prediction_prompt",
                     "attempt_policy", "max_attempts", "counting", "review_policy",
                     "is_practice", "require_all_answered"):
            self[name].data = getattr(round_, name)
        self.opens_at.data = utc_to_vn(round_.opens_at)
        self.closes_at.data = utc_to_vn(round_.closes_at)
        for line in round_.recipe:
            self[f"r_{line['area']}_{line['difficulty'] or 0}"].data = line["count"]


for _area in range(1, len(REFORM_AREAS) + 1):
    for _d in GRID_DIFFICULTIES:
        setattr(RoundForm, f"r_{_area}_{_d}", IntField(
            _l("Lĩnh vực %(area)s, mức %(level)s", area=_area, level=_d or _l("bất kỳ")),
            validators=[Optional(), NumberRange(0, 200, _l("Số câu phải từ 0 đến 200."))],
            render_kw={"min": 0, "max": 200, "inputmode": "numeric"}))


class ButtonForm(Form):
    """An empty form confirming a POST button (publish, close, prepare papers): the CSRF token."""
