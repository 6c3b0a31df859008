"""A round's paper recipe for one entrant group (e.g. a shorter citizens' paper). Flushes."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from contest.audit.services import record
from contest.contests.models import EntrantGroup, Round, paper_settings
from contest.contests.rules import ContestError, recipe_problems
from contest.contests.services import recipe_check
from contest.extensions import db
from contest.vocabulary import AuditAction


def group_recipe(round_: Round, group: EntrantGroup) -> dict[str, Any] | None:
    """The group's own recipe in the round ({"question_count", "recipe"}), or None."""
    return (round_.group_recipes or {}).get(str(group.id))


def set_group_recipe(round_: Round, group: EntrantGroup, *, question_count: int | None,
                     recipe: list[dict[str, Any]] | None, actor_id: int | None = None) -> None:
    """Give ``group`` its own recipe in ``round_`` (``recipe`` None: draw the round's again).

    The recipe must add up to ``question_count`` (or be empty: any questions) and the group's
    banks must fill it; otherwise nothing changes. Changing it discards the round's prepared
    papers (after_flush, contest/attempts/prepared.py)."""
    if group.contest_id != round_.contest_id:
        raise ContestError(_("Khối thí sinh không thuộc cuộc thi của đợt này."), 404)
    recipes = dict(round_.group_recipes or {})
    if recipe is None:
        recipes.pop(str(group.id), None)
        shortfalls = recipe_check(list(round_.recipe or []), round_.question_count,
                                  [(group.name, group.banks)])
        if shortfalls:
            raise ContestError([_("Ngân hàng của khối không đủ cho cơ cấu đề chung của đợt: "
                                  "%(problem)s", problem=shortfalls[0]), *shortfalls[1:]])
    else:
        if not isinstance(question_count, int) or not 1 <= question_count <= 200:
            raise ContestError(_("Số câu hỏi phải là số nguyên từ 1 đến 200."),
                               field="question_count")
        lines = sorted(({"area": int(line["area"]),
                         "difficulty": None if line.get("difficulty") is None
                         else int(line["difficulty"]), "count": int(line["count"])}
                        for line in recipe if line.get("count")),
                       key=lambda x: (x["area"], x["difficulty"] or 0))
        problems = recipe_problems(lines, question_count)
        if problems:
            raise ContestError(problems)
        shortfalls = recipe_check(lines, question_count, [(group.name, group.banks)])
        if shortfalls:
            raise ContestError([_("Ngân hàng câu hỏi không đủ cho cơ cấu đề: %(problem)s",
                                  problem=shortfalls[0]), *shortfalls[1:]])
        recipes[str(group.id)] = {"question_count": question_count, "recipe": lines}
    before = paper_settings(round_, group.id)
    round_.group_recipes = recipes  # a new dict, so the change is seen (and papers discarded)
    db.session.flush()
    after = paper_settings(round_, group.id)
    record(actor_id, AuditAction.ROUND_GROUP_RECIPE, round_, group_id=group.id,
           group=group.name, before={"question_count": before[1], "recipe": before[0]},
           after={"question_count": after[1], "recipe": after[0]})
