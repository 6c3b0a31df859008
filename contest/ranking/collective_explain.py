"""Why a unit has its rank (or none), said the way ``tiebreak.explain`` says it for entrants.

``explain_units(a, b, formula)`` names the first key of the formula that separates two ranked
units (the keys: ``collective.FORMULA_KEYS``); ``rank_reasons`` gives every ranked unit of a
block the sentence against its neighbour; ``left_out_reason`` says why a unit is not ranked.
Text is in the reader's language (results build it under Vietnamese for the documents).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from contest.ranking.collective import FORMULA_KEYS, UnitRanked, UnitStats, _worst_none
from contest.vocabulary import CollectiveFormula, UnitCriterion

POINTS_LABEL = _l("tổng điểm tiêu chí")


def key_label(key: str) -> str:
    """A formula key as it reads inside a sentence ("tỷ lệ tham gia")."""
    text = str(POINTS_LABEL) if key == "points" else UnitCriterion(key).label
    return text[:1].lower() + text[1:]


def show(key: str, value: float | None) -> str:
    if value is None:
        return _("không có")
    if key == "rate":
        return f"{round(value * 100, 2):g}%"
    return f"{round(value, 2):g}"


def _detail(row: UnitRanked) -> str:
    return ", ".join(f"{key_label(name)} {show(name, points)}"
                     for name, points in row.detail.items())


def explain_units(a: UnitRanked, b: UnitRanked, formula: str) -> str:
    """Which key of the formula first separates unit ``a`` from unit ``b``, and how."""
    equal: list[str] = []
    for key in FORMULA_KEYS[formula]:
        left, right = a.value(key), b.value(key)
        if _worst_none(left) == _worst_none(right):
            equal.append(_("bằng %(key)s (%(value)s)", key=key_label(key),
                           value=show(key, left)))
            continue
        if left is None or right is None:
            sign = _("tốt hơn") if _worst_none(left) < _worst_none(right) else _("kém hơn")
        else:
            sign = ">" if left > right else "<"
        shown_a, shown_b = show(key, left), show(key, right)
        if key == "points" and a.detail:
            shown_a, shown_b = f"{shown_a} ({_detail(a)})", f"{shown_b} ({_detail(b)})"
        return _sentence(equal + [f"{key_label(key)} {shown_a} {sign} {shown_b}"])
    ida, idb = a.stats.unit_id or 0, b.stats.unit_id or 0
    tail = _("đồng hạng; thứ tự hiển thị theo mã đơn vị %(a)s %(sign)s %(b)s",
             a=ida, b=idb, sign="<" if ida < idb else ">")
    return _sentence(equal + [tail])


def rank_reasons(rows: Sequence[UnitRanked], formula: str,
                 name: Callable[[int | None], str]) -> dict[int | None, str]:
    """For each ranked unit of one block: why it is below the unit above it (the first:
    why it is above the second)."""
    reasons: dict[int | None, str] = {}
    for i, row in enumerate(rows):
        if i == 0 and len(rows) == 1:
            reasons[row.stats.unit_id] = _("Đơn vị duy nhất được xếp hạng trong khối.")
        elif i == 0:
            reasons[row.stats.unit_id] = _(
                "Xếp trên %(unit)s: %(reason)s", unit=name(rows[1].stats.unit_id),
                reason=explain_units(row, rows[1], formula))
        else:
            reasons[row.stats.unit_id] = _(
                "Xếp sau %(unit)s: %(reason)s", unit=name(rows[i - 1].stats.unit_id),
                reason=explain_units(rows[i - 1], row, formula))
    return reasons


def left_out_reason(s: UnitStats, formula: str, min_rate: float = 0.0) -> str:
    """Why a unit is not in the formula's ranking ("" when it is)."""
    if formula not in (CollectiveFormula.RATE_THEN_AVERAGE,
                       CollectiveFormula.FULL_STAFF_AND_WINNER):
        return ""
    if s.rate is None:
        return _("Không xếp hạng: đơn vị chưa có biên chế nên không tính được tỷ lệ tham gia.")
    if formula == CollectiveFormula.RATE_THEN_AVERAGE:
        if s.rate < min_rate - 1e-12:
            return _("Không xếp hạng: tỷ lệ tham gia %(rate)s dưới mức tối thiểu %(min)s.",
                     rate=show("rate", s.rate), min=show("rate", min_rate))
        return ""
    if s.rate < 1 - 1e-12:
        return _("Không xếp hạng: tỷ lệ tham gia %(rate)s, chưa đủ 100%% biên chế.",
                 rate=show("rate", s.rate))
    if s.winners == 0:
        return _("Không xếp hạng: đơn vị không có người đạt giải cá nhân.")
    return ""


def weights_text(weights: Mapping[str, float]) -> str:
    """"số người dự thi × 1, tổng điểm × 2" for the contest page and documents."""
    return ", ".join(f"{key_label(name)} × {w:g}" for name, w in weights.items())


def _sentence(parts: list[str]) -> str:
    text = "; ".join(parts)
    return text[:1].upper() + text[1:]
