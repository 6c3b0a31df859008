"""Pure grading: an answer is right only when the selected set equals the correct set."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class ItemGrade:
    is_correct: bool
    points: float


@dataclass(frozen=True)
class PaperGrade:
    score: float
    max_score: float
    items: tuple[ItemGrade, ...]

    @property
    def correct_count(self) -> int:
        return sum(1 for item in self.items if item.is_correct)


def grade_item(
    selected: Iterable[int] | None, correct: Iterable[int], weight: float = 1.0
) -> ItemGrade:
    """All or nothing: no marks for a partly right multi-answer, none taken away for a wrong one."""
    chosen = set(selected or ())
    right = set(correct)
    ok = bool(chosen) and chosen == right
    return ItemGrade(is_correct=ok, points=weight if ok else 0.0)


def grade_paper(
    items: Sequence[tuple[Iterable[int] | None, Iterable[int], float]],
) -> PaperGrade:
    """Grade ``(selected, correct, weight)`` triples; the score is the sum of the points."""
    grades = tuple(grade_item(selected, correct, weight) for selected, correct, weight in items)
    return PaperGrade(
        score=sum(g.points for g in grades),
        max_score=float(sum(weight for _, _, weight in items)),
        items=grades,
    )
