"""Pure rules for contests and rounds: recipe feasibility, status transitions, Vietnam time.

Nothing here touches the database, so every rule is table-tested. The settings' values and
labels live in ``contest.vocabulary`` (tie-break chains: ``vocabulary.tie_break_problems``).

- ``recipe_shortfalls(recipe, available, total=None) -> list[Shortfall]``
- ``recipe_problems(recipe, question_count) -> list[str]`` (shape of a recipe)
- ``check_transition(current, target)`` raises ``ContestError`` on an illegal move
- ``vn_to_utc(naive_vn) -> aware UTC`` and ``utc_to_vn(aware) -> naive Vietnam wall time``
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from flask_babel import gettext as _

from contest.errors import DomainError
from contest.i18n import VN_TZ
from contest.vocabulary import ALWAYS_REQUIRED, ContestStatus, RegistrationField
from question_bank.models import DIFFICULTY_LABELS, REFORM_AREAS, Difficulty


class ContestError(DomainError):
    """A domain error with a translated message (or a list of them); ``problems`` lists every
    reason."""


# --- Contest status -----------------------------------------------------------------------

# draft -> published -> closed; nothing goes back (entrants may already hold results).
TRANSITIONS: dict[str, frozenset[str]] = {
    ContestStatus.DRAFT: frozenset({ContestStatus.PUBLISHED}),
    ContestStatus.PUBLISHED: frozenset({ContestStatus.CLOSED}),
    ContestStatus.CLOSED: frozenset(),
}


def check_transition(current: str, target: str) -> None:
    """Raise ``ContestError`` unless a contest may move from ``current`` to ``target``."""
    if target not in TRANSITIONS:
        raise ContestError(_("Trạng thái không hợp lệ: %(status)s", status=target))
    if target not in TRANSITIONS.get(current, frozenset()):
        raise ContestError(_("Không thể chuyển cuộc thi từ «%(current)s» sang «%(target)s».",
                             current=ContestStatus.label_of(current),
                             target=ContestStatus.label_of(target)))


# --- Recipes ------------------------------------------------------------------------------

def area_name(area_id: int) -> str:
    return REFORM_AREAS[area_id - 1] if 1 <= area_id <= len(REFORM_AREAS) else f"#{area_id}"


def difficulty_name(difficulty: int | None) -> str:
    return _("bất kỳ") if difficulty is None else DIFFICULTY_LABELS[Difficulty(difficulty)]


@dataclass(frozen=True)
class Shortfall:
    """Too few questions for one line of a recipe. ``area`` None means the whole paper."""

    area: int | None
    difficulty: int | None
    needed: int
    available: int

    def message(self, group_name: str) -> str:
        numbers = {"needed": self.needed, "group": group_name, "available": self.available}
        if self.area is None:
            return _("Cả đề: cần %(needed)s câu, nhóm «%(group)s» chỉ có %(available)s câu",
                     **numbers)
        where = {"area": area_name(self.area), "level": difficulty_name(self.difficulty)}
        if self.difficulty is None:
            return _("Lĩnh vực «%(area)s», mức %(level)s: cần %(needed)s câu (ngoài các câu đã "
                     "chọn theo mức), nhóm «%(group)s» chỉ có %(available)s câu",
                     **where, **numbers)
        return _("Lĩnh vực «%(area)s», mức %(level)s: cần %(needed)s câu, nhóm «%(group)s» "
                 "chỉ có %(available)s câu", **where, **numbers)


def recipe_problems(recipe: Iterable[Mapping[str, Any]], question_count: int) -> list[str]:
    """Why a recipe is malformed: bad area/difficulty, negative counts, wrong total."""
    problems, seen, total = [], set(), 0
    for line in recipe:
        area, diff, count = line.get("area"), line.get("difficulty"), line.get("count")
        if not isinstance(area, int) or not 1 <= area <= len(REFORM_AREAS):
            problems.append(_("Lĩnh vực không hợp lệ: %(area)s", area=area))
            continue
        if diff is not None and diff not in {d.value for d in Difficulty}:
            problems.append(_("Mức độ không hợp lệ: %(level)s", level=diff))
            continue
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            problems.append(_("Số câu của lĩnh vực «%(area)s» phải là số không âm.",
                              area=area_name(area)))
            continue
        if (area, diff) in seen:
            problems.append(_("Lĩnh vực «%(area)s», mức %(level)s bị lặp lại.",
                              area=area_name(area), level=difficulty_name(diff)))
        seen.add((area, diff))
        total += count
    if seen and not problems and total != question_count:
        problems.append(_("Tổng số câu theo lĩnh vực và mức độ là %(total)s, phải bằng số câu "
                          "của đề (%(count)s).", total=total, count=question_count))
    return problems


def recipe_shortfalls(
    recipe: Iterable[Mapping[str, Any]],
    available: Mapping[tuple[int, int], int],
    total: int | None = None,
) -> list[Shortfall]:
    """Lines of ``recipe`` that ``available`` {(area, difficulty): n} cannot fill.

    Exact lines (area + difficulty) are served first; an "any difficulty" line of an area draws
    from what its exact lines leave. An empty recipe needs ``total`` questions of any kind.
    """
    lines = [line for line in recipe if line.get("count")]
    if not lines:
        have = sum(available.values())
        return [Shortfall(None, None, total, have)] if total and have < total else []
    shortfalls: list[Shortfall] = []
    exact_used: dict[int, int] = {}
    for line in sorted(lines, key=lambda x: (x["area"], x["difficulty"] is None,
                                              x["difficulty"] or 0)):
        area, diff, count = line["area"], line["difficulty"], line["count"]
        if diff is not None:
            have = available.get((area, diff), 0)
            exact_used[area] = exact_used.get(area, 0) + min(count, have)
        else:
            in_area = sum(n for (a, _), n in available.items() if a == area)
            have = max(in_area - exact_used.get(area, 0), 0)
        if have < count:
            shortfalls.append(Shortfall(area, diff, count, have))
    return shortfalls


# --- Vietnam time at the edges ------------------------------------------------------------

def vn_to_utc(value: datetime) -> datetime:
    """Read a naive Vietnam wall time (a form's datetime-local) as an aware UTC datetime."""
    if value.tzinfo is not None:
        return value.astimezone(UTC)
    return value.replace(tzinfo=VN_TZ).astimezone(UTC)


def utc_to_vn(value: datetime) -> datetime:
    """Give the naive Vietnam wall time of an aware datetime, for a datetime-local input."""
    return value.astimezone(VN_TZ).replace(tzinfo=None)


# --- Registration fields ------------------------------------------------------------------

def normalise_required_fields(fields: Iterable[str]) -> list[str]:
    """Known field keys in display order, always including the name and the phone."""
    chosen = set(fields) | set(ALWAYS_REQUIRED)
    unknown = chosen - set(RegistrationField.values())
    if unknown:
        raise ContestError(_("Trường đăng ký không hợp lệ: %(fields)s",
                             fields=", ".join(sorted(unknown))))
    return [key.value for key in RegistrationField if key in chosen]
