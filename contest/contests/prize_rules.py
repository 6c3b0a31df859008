"""A contest's prize rules and unit-points weights: checked values, and the plain rules object
that results and pages read (``PrizeRules.of(contest)``). Pure: no database.

Stored on Contest: ``prize_min_score`` and ``prize_max_share`` (shares 0..1, None = no limit),
``prize_once_per_contest``, ``prize_tie_rule`` (contest.vocabulary.PrizeTieRule) and
``collective_weights`` ({UnitCriterion: weight}, None = DEFAULTS.collective_weights).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _

from contest.errors import FieldProblem
from contest.vocabulary import DEFAULTS, CollectiveFormula, PrizeTieRule, UnitCriterion

PRIZE_RULE_FIELDS = ("prize_min_score", "prize_max_share", "prize_once_per_contest",
                     "prize_tie_rule")


@dataclass(frozen=True)
class PrizeRules:
    """What decides who gets a prize, beyond the counts per group and tier."""

    min_score: float | None = DEFAULTS.prize_min_score
    max_share: float | None = DEFAULTS.prize_max_share
    once_per_contest: bool = DEFAULTS.prize_once_per_contest
    tie_rule: str = DEFAULTS.prize_tie_rule
    weights: Mapping[str, float] = field(
        default_factory=lambda: dict(DEFAULTS.collective_weights))

    @classmethod
    def of(cls, contest: Any) -> PrizeRules:
        return cls(contest.prize_min_score, contest.prize_max_share,
                   bool(contest.prize_once_per_contest),
                   contest.prize_tie_rule or DEFAULTS.prize_tie_rule,
                   dict(contest.collective_weights or DEFAULTS.collective_weights))

    def as_data(self) -> dict[str, Any]:
        """For snapshots (frozen with the results they produced)."""
        return {"min_score": self.min_score, "max_share": self.max_share,
                "once_per_contest": self.once_per_contest, "tie_rule": self.tie_rule,
                "weights": dict(self.weights)}


def _share(values: Mapping[str, Any], name: str, message: str,
           problems: list[FieldProblem | str]) -> float | None:
    value = values.get(name)
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        problems.append(FieldProblem(name, message))
        return None
    return float(value)


def prize_rule_values(values: Mapping[str, Any], formula: str
                      ) -> tuple[dict[str, Any], list[FieldProblem | str]]:
    """Checked prize rules and weights from ``values``, and every problem (by field)."""
    problems: list[FieldProblem | str] = []
    min_score = _share(values, "prize_min_score", _(
        "Điểm tối thiểu để được giải phải từ 0 đến 100 (phần trăm điểm tối đa)."), problems)
    max_share = _share(values, "prize_max_share",
                       _("Tỷ lệ giải tối đa phải từ 0 đến 100 (phần trăm số thí sinh)."), problems)
    rule = str(values.get("prize_tie_rule") or DEFAULTS.prize_tie_rule)
    if rule not in PrizeTieRule.values():
        problems.append(FieldProblem("prize_tie_rule", _(
            "Cách xử lý đồng hạng ở giải cuối không hợp lệ: “%(rule)s”.", rule=rule)))
    raw = values.get("collective_weights")
    weights: dict[str, float] | None = None
    if raw is not None:
        weights = {}
        for name, weight in dict(raw).items():
            if name not in UnitCriterion.values():
                problems.append(FieldProblem("collective_weights", _(
                    "Tiêu chí tính điểm đơn vị không hợp lệ: %(names)s.", names=name)))
            elif (isinstance(weight, bool) or not isinstance(weight, int | float)
                  or not 0 <= weight <= 100):
                problems.append(FieldProblem(f"weight_{name}", _(
                    "Trọng số «%(criterion)s» phải từ 0 đến 100.",
                    criterion=UnitCriterion(name).label)))
            elif weight:
                weights[name] = float(weight)
        if not weights and formula == CollectiveFormula.POINTS and not problems:
            problems.append(FieldProblem("collective_weights", _(
                "Công thức tính điểm cần ít nhất một tiêu chí có trọng số lớn hơn 0.")))
    return {"prize_min_score": min_score, "prize_max_share": max_share,
            "prize_once_per_contest": bool(values.get("prize_once_per_contest")),
            "prize_tie_rule": rule, "collective_weights": weights or None}, problems
