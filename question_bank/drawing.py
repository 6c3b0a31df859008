"""Draw an entrant's paper: pure functions over plain data, no database, no contest features.

The round recipe is a list of quotas ``{"area": 1..6, "difficulty": 1..3 | None, "count": n}``;
an empty recipe means "any ``total`` questions". Quotas with a difficulty are served before
area-only quotas, so a broad quota never takes the questions a narrow one needs. When the quotas
add up to less than ``total`` the rest is drawn from any unused candidate.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _

from contest.errors import DomainError


class DrawError(DomainError):
    """The banks cannot supply the paper the recipe asks for (message in the current locale)."""


@dataclass(frozen=True)
class OptionData:
    text: str
    is_correct: bool = False
    keep_in_place: bool = False


@dataclass(frozen=True)
class CandidateQuestion:
    """A question that may be drawn; ``options`` only matter once it is chosen."""

    id: int
    area: int
    difficulty: int
    text: str = ""
    options: tuple[OptionData, ...] = field(default_factory=tuple)
    weight: float = 1.0
    explanation: str = ""


@dataclass(frozen=True)
class DrawnQuestion:
    """A question as one paper shows it: options in display order, correct display indices."""

    question_id: int
    area: int
    difficulty: int
    text: str
    options: tuple[str, ...]
    correct: tuple[int, ...]
    weight: float = 1.0
    explanation: str = ""
    source_positions: tuple[int, ...] = ()  # original position of each displayed option


def arrange_options(
    options: Sequence[OptionData], rng: random.Random, shuffle: bool
) -> list[int]:
    """Return original positions in display order; ``keep_in_place`` options never move."""
    order = list(range(len(options)))
    if not shuffle:
        return order
    movable = [i for i, option in enumerate(options) if not option.keep_in_place]
    shuffled = movable[:]
    rng.shuffle(shuffled)
    for slot, original in zip(movable, shuffled, strict=True):
        order[slot] = original
    return order


def _quota(entry: Mapping[str, Any], number: int) -> tuple[int, int | None, int]:
    try:
        area = int(entry["area"])
        difficulty = entry.get("difficulty")
        difficulty = int(difficulty) if difficulty not in (None, "") else None
        count = int(entry["count"])
    except (KeyError, TypeError, ValueError) as error:
        raise DrawError(_("Cơ cấu đề dòng %(n)s không hợp lệ.", n=number)) from error
    if count < 0:
        raise DrawError(_("Cơ cấu đề dòng %(n)s: số câu không được âm.", n=number))
    return area, difficulty, count


def _shortage(area: int, difficulty: int | None, needed: int, available: int) -> str:
    if difficulty:
        return _(
            "Ngân hàng câu hỏi không đủ câu cho lĩnh vực %(area)s, mức độ %(difficulty)s: "
            "cần %(needed)s, chỉ có %(available)s.",
            area=area, difficulty=difficulty, needed=needed, available=available,
        )
    return _(
        "Ngân hàng câu hỏi không đủ câu cho lĩnh vực %(area)s: "
        "cần %(needed)s, chỉ có %(available)s.",
        area=area, needed=needed, available=available,
    )


def choose_questions(
    recipe: Sequence[Mapping[str, Any]],
    total: int,
    candidates: Sequence[CandidateQuestion],
    rng: random.Random,
    shuffle_questions: bool = True,
) -> list[CandidateQuestion]:
    """Pick the paper's questions following the recipe quotas, in display order."""
    quotas = [_quota(entry, n) for n, entry in enumerate(recipe, start=1)]
    pool = sorted({c.id: c for c in candidates}.values(), key=lambda c: c.id)
    used: set[int] = set()
    picked: list[tuple[int, CandidateQuestion]] = []  # (recipe index, question)
    # Narrow quotas (area + difficulty) first, then area-only ones.
    for index, (area, difficulty, count) in sorted(
        enumerate(quotas), key=lambda item: item[1][1] is None
    ):
        fits = [
            c for c in pool
            if c.id not in used and c.area == area
            and (difficulty is None or c.difficulty == difficulty)
        ]
        if len(fits) < count:
            raise DrawError(_shortage(area, difficulty, count, len(fits)))
        for question in rng.sample(fits, count):
            used.add(question.id)
            picked.append((index, question))
    missing = total - len(picked)
    if missing > 0:
        rest = [c for c in pool if c.id not in used]
        if len(rest) < missing:
            raise DrawError(
                _(
                    "Ngân hàng câu hỏi không đủ câu: "
                    "cần %(total)s, chỉ có %(available)s câu đang dùng.",
                    total=total, available=len(pool),
                )
            )
        picked.extend((len(quotas), q) for q in rng.sample(rest, missing))
    if shuffle_questions:
        questions = [q for _, q in picked]
        rng.shuffle(questions)
        return questions
    return [q for _, q in sorted(picked, key=lambda item: (item[0], item[1].id))]


def fix_question(
    question: CandidateQuestion, rng: random.Random, shuffle_options: bool
) -> DrawnQuestion:
    """Fix one chosen question's options in display order."""
    order = arrange_options(question.options, rng, shuffle_options)
    return DrawnQuestion(
        question_id=question.id,
        area=question.area,
        difficulty=question.difficulty,
        text=question.text,
        options=tuple(question.options[i].text for i in order),
        correct=tuple(slot for slot, i in enumerate(order) if question.options[i].is_correct),
        weight=question.weight,
        explanation=question.explanation,
        source_positions=tuple(order),
    )


def draw_paper(
    recipe: Sequence[Mapping[str, Any]],
    total: int,
    candidates: Sequence[CandidateQuestion],
    rng: random.Random,
    shuffle_questions: bool = True,
    shuffle_options: bool = True,
) -> list[DrawnQuestion]:
    """Choose the questions and fix their options: the whole paper in one call."""
    chosen = choose_questions(recipe, total, candidates, rng, shuffle_questions)
    return [fix_question(q, rng, shuffle_options) for q in chosen]
