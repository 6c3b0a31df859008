"""The form of a round's own paper recipe for one entrant group (same grid as the round's)."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField
from wtforms.validators import NumberRange, Optional

from contest.contests.forms import GRID_DIFFICULTIES, IntField, RoundForm
from contest.i18n import Form
from question_bank.models import REFORM_AREAS


class GroupRecipeForm(Form):
    use_round = BooleanField(_l("Dùng cơ cấu đề chung của đợt thi"))
    question_count = IntField(_l("Số câu hỏi của đề cho khối này"),
                              validators=[Optional(), NumberRange(1, 200)])

    grid = RoundForm.grid
    recipe = RoundForm.recipe

    def load(self, settings: dict[str, Any] | None, question_count: int,
             recipe: list[dict[str, Any]]) -> None:
        self.use_round.data = settings is None
        self.question_count.data = question_count
        for line in recipe:
            self[f"r_{line['area']}_{line['difficulty'] or 0}"].data = line["count"]


for _area in range(1, len(REFORM_AREAS) + 1):
    for _d in GRID_DIFFICULTIES:
        setattr(GroupRecipeForm, f"r_{_area}_{_d}", getattr(RoundForm, f"r_{_area}_{_d}"))
