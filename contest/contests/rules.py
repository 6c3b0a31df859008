"""Pure rules for contests and rounds: recipe feasibility, status transitions, Vietnam time.

Nothing here touches the database, so every rule is table-tested.

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
from flask_babel import lazy_gettext as _l

from contest.errors import DomainError
from contest.i18n import VN_TZ
from question_bank.models import DIFFICULTY_LABELS, REFORM_AREAS, Difficulty


class ContestError(DomainError):
    """A domain error with a translated message (or a list of them); ``problems`` lists every
    reason."""


# --- Contest status -----------------------------------------------------------------------

STATUS_LABELS = {"draft": _l("Bản nháp"), "published": _l("Đã công bố"),
                 "closed": _l("Đã kết thúc")}
# draft -> published -> closed; nothing goes back (entrants may already hold results).
TRANSITIONS: dict[str, frozenset[str]] = {
    "draft": frozenset({"published"}),
    "published": frozenset({"closed"}),
    "closed": frozenset(),
}


def check_transition(current: str, target: str) -> None:
    """Raise ``ContestError`` unless a contest may move from ``current`` to ``target``."""
    if target not in TRANSITIONS:
        raise ContestError(_("Trạng thái không hợp lệ: %(status)s", status=target))
    if target not in TRANSITIONS.get(current, frozenset()):
        raise ContestError(_("Không thể chuyển cuộc thi từ «%(current)s» sang «%(target)s».",
                             current=STATUS_LABELS.get(current, current),
                             target=STATUS_LABELS[target]))


# --- Ranking settings ---------------------------------------------------------------------

TIE_BREAK_LABELS = {
    "score": _l("Điểm cao hơn"),
    "prediction_error": _l("Dự đoán sát hơn"),
    "time_taken": _l("Thời gian làm bài ngắn hơn"),
    "submitted_at": _l("Nộp bài sớm hơn"),
    "attempt_count": _l("Ít lượt thi hơn"),
    "registered_at": _l("Đăng ký sớm hơn"),
}
COLLECTIVE_FORMULA_LABELS = {
    "rate_then_average": _l("Tỷ lệ tham gia, rồi điểm trung bình"),
    "points": _l("Tính điểm theo nhiều tiêu chí"),
    "most_entrants": _l("Nhiều thí sinh nhất"),
}


def tie_break_problems(keys: list[str]) -> list[str]:
    """Why a tie-break chain is unusable (unknown or repeated keys, empty)."""
    problems = []
    if not keys:
        problems.append(_("Cần ít nhất một tiêu chí xếp hạng."))
    for key in keys:
        if key not in TIE_BREAK_LABELS:
            problems.append(_("Tiêu chí xếp hạng không hợp lệ: %(key)s", key=key))
    if len(set(keys)) != len(keys):
        problems.append(_("Mỗi tiêu chí xếp hạng chỉ được chọn một lần."))
    return problems


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

REGISTRATION_FIELD_LABELS = {
    "full_name": _l("Họ và tên"),
    "phone": _l("Số điện thoại"),
    "date_of_birth": _l("Ngày sinh"),
    "id_number": _l("Số CCCD"),
    "email": _l("Email"),
    "gender": _l("Giới tính"),
    "address": _l("Địa chỉ"),
}
# The name is on every certificate and the phone is the login.
ALWAYS_REQUIRED = ("full_name", "phone")


def normalise_required_fields(fields: Iterable[str]) -> list[str]:
    """Known field keys in display order, always including the name and the phone."""
    chosen = set(fields) | set(ALWAYS_REQUIRED)
    unknown = chosen - set(REGISTRATION_FIELD_LABELS)
    if unknown:
        raise ContestError(_("Trường đăng ký không hợp lệ: %(fields)s",
                             fields=", ".join(sorted(unknown))))
    return [key for key in REGISTRATION_FIELD_LABELS if key in chosen]


# --- Round setting labels -----------------------------------------------------------------

PREDICTION_KIND_LABELS = {
    "none": _l("Không có câu dự đoán"),
    "full_marks_count": _l("Số thí sinh trả lời đúng tất cả"),
    "entrant_count": _l("Tổng số thí sinh dự thi trong đợt"),
    "attempt_count": _l("Tổng số lượt thi trong đợt"),
    "full_marks_percent": _l("Tỷ lệ % thí sinh trả lời đúng tất cả"),
}
# Stored in the round and shown to every entrant, so they stay in Vietnamese whoever sets it up.
DEFAULT_PREDICTION_PROMPTS = {
    "full_marks_count": "Theo bạn, đợt thi này có bao nhiêu thí sinh trả lời đúng tất cả "
                        "các câu hỏi?",
    "entrant_count": "Theo bạn, đợt thi này có bao nhiêu thí sinh tham gia?",
    "attempt_count": "Theo bạn, đợt thi này có bao nhiêu lượt thi?",
    "full_marks_percent": "Theo bạn, bao nhiêu phần trăm thí sinh trả lời đúng tất cả "
                          "các câu hỏi?",
}
ATTEMPT_POLICY_LABELS = {
    "one_per_round": _l("1 lượt mỗi đợt"),
    "one_per_contest": _l("1 lượt cho cả cuộc thi"),
    "max_per_round": _l("Tối đa N lượt mỗi đợt"),
    "unlimited": _l("Không giới hạn"),
}
COUNTING_LABELS = {"best": _l("Lượt cao điểm nhất"), "first": _l("Lượt đầu tiên"),
                   "last": _l("Lượt cuối cùng")}
REVIEW_POLICY_LABELS = {
    "never": _l("Không cho xem lại"),
    "after_submit": _l("Ngay sau khi nộp bài"),
    "after_close": _l("Sau khi đợt thi đóng"),
}
