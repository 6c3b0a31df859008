"""Set up contests and rounds (groups: contest.contests.groups). Services flush; callers commit.

Stable API (used by the attempt and demo helpers); every function raises ``ContestError``
(translated message, ``.problems`` lists every reason) and changes nothing when it does.
The defaults shown are ``contest.vocabulary.DEFAULTS``; the allowed values its enums.

- ``create_contest(*, title, plan_reference="", decision_reference="", rules_text="",
  tie_breaks=None, collective_formula="rate_then_average", collective_min_rate=0.5,
  required_fields=None) -> Contest`` (a draft)
- ``update_contest(contest, **same_fields) -> Contest``
- ``set_status(contest, "published" | "closed", actor_id=None) -> Contest``
- ``groups.add_group(contest, name, bank_ids, prize_counts=None) -> EntrantGroup``
- ``groups.update_group(group, name, bank_ids, prize_counts=None) -> EntrantGroup`` (refused if
  a round becomes unfillable)
- ``create_round(contest, *, name, opens_at, closes_at, time_limit_minutes=20,
  question_count=20, recipe=(), shuffle_questions=True, shuffle_options=True,
  prediction_kind="none", prediction_prompt="", attempt_policy="one_per_round",
  max_attempts=1, counting="best", is_practice=False, review_policy="after_close",
  require_all_answered=False) -> Round``; times are aware datetimes; the recipe is
  ``[{"area": 1..6, "difficulty": 1..3 | None, "count": n}]`` summing to ``question_count``
  (empty = any ``question_count`` questions) and must be fillable from every group's banks.
- ``update_round(round_, **same_fields) -> Round``
- ``extend_round(round_, closes_at, *, actor_id, reason) -> Round`` (recorded in the audit log)
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from contest.audit.services import changes, record
from contest.contests.models import Contest, Round
from contest.contests.prize_rules import PRIZE_RULE_FIELDS, prize_rule_values
from contest.contests.rules import (
    ContestError,
    normalise_required_fields,
    recipe_problems,
    recipe_shortfalls,
)
from contest.errors import FieldProblem
from contest.extensions import db, utcnow
from contest.vocabulary import (
    DEFAULTS,
    AttemptPolicy,
    AuditAction,
    CollectiveFormula,
    ContestStatus,
    Counting,
    PredictionKind,
    ReviewPolicy,
    tie_break_problems,
)
from question_bank.models import Bank
from question_bank.services import available_counts

__all__ = [
    "ContestError", "create_contest", "update_contest", "set_status", "create_round",
    "update_round", "extend_round", "recipe_check",
]

CONTEST_FIELDS = ("title", "plan_reference", "decision_reference", "rules_text", "tie_breaks",
                  "collective_formula", "collective_min_rate", "required_fields",
                  "collective_weights", "overall_tie_breaks", *PRIZE_RULE_FIELDS)
ROUND_DEFAULTS: dict[str, Any] = {
    "time_limit_minutes": DEFAULTS.time_limit_minutes, "question_count": DEFAULTS.question_count,
    "recipe": (), "shuffle_questions": True, "shuffle_options": True,
    "prediction_kind": DEFAULTS.prediction_kind, "prediction_prompt": "",
    "attempt_policy": DEFAULTS.attempt_policy, "max_attempts": DEFAULTS.max_attempts,
    "counting": DEFAULTS.counting, "is_practice": False, "review_policy": DEFAULTS.review_policy,
    "require_all_answered": False,
}
ROUND_FIELDS = ("name", "opens_at", "closes_at", *ROUND_DEFAULTS)


def _contest_values(values: dict[str, Any]) -> dict[str, Any]:
    problems = []
    title = " ".join(str(values.get("title") or "").split())
    if not title:
        problems.append(_("Vui lòng nhập tên cuộc thi."))
    elif len(title) > 255:
        problems.append(_("Tên cuộc thi dài quá 255 ký tự."))
    tie_breaks = [str(key) for key in values.get("tie_breaks") or DEFAULTS.tie_breaks]
    problems += tie_break_problems(tie_breaks)
    overall_chain = [str(key) for key in values.get("overall_tie_breaks")
                     or DEFAULTS.overall_tie_breaks]
    problems += [FieldProblem("overall_tie_breaks", _("Xếp hạng chung cuộc: %(problem)s",
                                                      problem=problem))
                 for problem in tie_break_problems(overall_chain)]
    formula = str(values.get("collective_formula") or DEFAULTS.collective_formula)
    if formula not in CollectiveFormula.values():
        problems.append(_("Cách xếp hạng tập thể không hợp lệ: %(formula)s", formula=formula))
    rate = values.get("collective_min_rate")
    rate = DEFAULTS.collective_min_rate if rate is None else rate
    if not isinstance(rate, int | float) or not 0 <= rate <= 1:
        problems.append(_("Tỷ lệ tham gia tối thiểu phải từ 0% đến 100%."))
    try:
        required = normalise_required_fields(values.get("required_fields")
                                             or DEFAULTS.required_fields)
    except ContestError as error:
        problems += error.problems
        required = []
    rules, rule_problems = prize_rule_values(values, formula)
    problems += rule_problems
    if problems:
        raise ContestError(problems)
    return {
        "title": title,
        "plan_reference": (values.get("plan_reference") or "").strip()[:255],
        "decision_reference": (values.get("decision_reference") or "").strip()[:255],
        "rules_text": (values.get("rules_text") or "").strip(),
        "tie_breaks": tie_breaks,
        "overall_tie_breaks": overall_chain,
        "collective_formula": formula,
        "collective_min_rate": float(rate),
        "required_fields": required,
        **rules,
    }


def create_contest(*, actor_id: int | None = None, **fields: Any) -> Contest:
    """Create a draft contest after checking its settings."""
    unknown = set(fields) - set(CONTEST_FIELDS)
    if unknown:
        raise TypeError(f"unknown contest fields: {sorted(unknown)}")
    contest = Contest(status=ContestStatus.DRAFT, **_contest_values(fields))
    db.session.add(contest)
    db.session.flush()
    record(actor_id, AuditAction.CONTEST_CREATE, contest, title=contest.title)
    return contest


def update_contest(contest: Contest, *, actor_id: int | None = None, **fields: Any) -> Contest:
    """Change a contest's settings (fields left out keep their values)."""
    current = {name: getattr(contest, name) for name in CONTEST_FIELDS}
    values = _contest_values({**current, **fields})
    for name, value in values.items():
        setattr(contest, name, value)
    changed = changes(current, values)
    if changed:
        record(actor_id, AuditAction.CONTEST_UPDATE, contest, changes=changed)
    db.session.flush()
    return contest


def set_status(contest: Contest, target: str, actor_id: int | None = None) -> Contest:
    """Publish or close a contest along the allowed transitions, and record it."""
    if target == ContestStatus.PUBLISHED and not contest.groups:
        raise ContestError(_("Cần ít nhất một khối thí sinh trước khi công bố cuộc thi."))
    before = contest.status
    contest.move_to(target)
    record(actor_id, AuditAction(f"contest.{target}"), contest, before=before, after=target)
    db.session.flush()
    return contest


# --- Rounds -------------------------------------------------------------------------------

def recipe_check(recipe: list[dict], question_count: int,
                 groups: Iterable[tuple[str, list[Bank]]]) -> list[str]:
    """Shortfall messages for every (group name, banks) that cannot fill the recipe."""
    problems = []
    for name, banks in groups:
        available = available_counts([bank.id for bank in banks])
        problems += [s.message(name) for s in recipe_shortfalls(recipe, available,
                                                                 question_count)]
    return problems


def _as_int(value: Any, label: Any, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ContestError(_("%(label)s phải là số nguyên từ %(low)s đến %(high)s.",
                             label=label, low=low, high=high))
    return value


def _round_values(contest: Contest, values: dict[str, Any],
                  overridden: Iterable[str] = ()) -> dict[str, Any]:
    name = " ".join(str(values.get("name") or "").split())
    if not name:
        raise ContestError(_("Vui lòng nhập tên đợt thi."))
    opens_at, closes_at = values.get("opens_at"), values.get("closes_at")
    for moment in (opens_at, closes_at):
        if not isinstance(moment, datetime) or moment.tzinfo is None:
            raise ContestError(_("Vui lòng nhập đầy đủ giờ mở và giờ đóng."))
    assert isinstance(opens_at, datetime) and isinstance(closes_at, datetime)  # checked above
    if closes_at <= opens_at:
        raise ContestError(_("Giờ đóng phải sau giờ mở."))
    out: dict[str, Any] = {"name": name[:120], "opens_at": opens_at, "closes_at": closes_at}
    out["time_limit_minutes"] = _as_int(values["time_limit_minutes"],
                                        _l("Thời gian làm bài (phút)"), 1, 300)
    out["question_count"] = _as_int(values["question_count"], _l("Số câu hỏi"), 1, 200)
    # Labels stay lazy: the happy path must not translate (nor pin the locale) for nothing.
    for key, enum_, label in (("prediction_kind", PredictionKind, _l("Câu hỏi dự đoán")),
                              ("attempt_policy", AttemptPolicy, _l("Số lượt thi")),
                              ("counting", Counting, _l("Lượt được tính")),
                              ("review_policy", ReviewPolicy, _l("Xem lại bài"))):
        if values[key] not in enum_.values():
            raise ContestError(_("%(label)s: giá trị không hợp lệ (%(value)s).",
                                 label=label, value=values[key]))
        out[key] = str(values[key])
    max_attempts = 1
    if out["attempt_policy"] == AttemptPolicy.MAX_PER_ROUND:
        max_attempts = _as_int(values["max_attempts"], _l("Số lượt tối đa mỗi đợt"), 1, 1000)
    out["max_attempts"] = max_attempts
    prompt = (values.get("prediction_prompt") or "").strip()
    if out["prediction_kind"] != PredictionKind.NONE and not prompt:
        prompt = PredictionKind(out["prediction_kind"]).default_prompt
    out["prediction_prompt"] = prompt if out["prediction_kind"] != PredictionKind.NONE else ""
    for key in ("shuffle_questions", "shuffle_options", "is_practice", "require_all_answered"):
        out[key] = bool(values[key])
    recipe = [{"area": int(line["area"]),
               "difficulty": None if line.get("difficulty") is None else int(line["difficulty"]),
               "count": line["count"]} for line in values.get("recipe") or ()
              if line.get("count")]
    problems = recipe_problems(recipe, out["question_count"])
    if problems:
        raise ContestError(problems)
    out["recipe"] = sorted(recipe, key=lambda x: (x["area"], x["difficulty"] or 0))
    if not contest.groups:
        raise ContestError(_("Cần thêm ít nhất một khối thí sinh (với ngân hàng câu hỏi) "
                             "trước khi tạo đợt thi."))
    own = set(overridden)  # groups with their own recipe do not draw the round's
    shortfalls = recipe_check(out["recipe"], out["question_count"],
                              [(g.name, g.banks) for g in contest.groups
                               if str(g.id) not in own])
    if shortfalls:
        raise ContestError([_("Ngân hàng câu hỏi không đủ cho cơ cấu đề: %(problem)s",
                              problem=shortfalls[0]), *shortfalls[1:]])
    return out


def create_round(contest: Contest, *, actor_id: int | None = None, **fields: Any) -> Round:
    """Add a round after checking its times, settings and that every group can fill its paper."""
    unknown = set(fields) - set(ROUND_FIELDS)
    if unknown:
        raise TypeError(f"unknown round fields: {sorted(unknown)}")
    values = _round_values(contest, {**ROUND_DEFAULTS, **fields})
    round_ = Round(contest=contest, **values)
    db.session.add(round_)
    db.session.flush()
    record(actor_id, AuditAction.ROUND_CREATE, round_, name=round_.name,
           opens_at=round_.opens_at.isoformat(), closes_at=round_.closes_at.isoformat())
    return round_


def _minute(moment: datetime) -> datetime:
    return moment.replace(second=0, microsecond=0)


def update_round(round_: Round, *, actor_id: int | None = None, **fields: Any) -> Round:
    """Change a round; once it has opened its times change only through ``extend_round``."""
    current = {name: getattr(round_, name) for name in ROUND_FIELDS}
    values = _round_values(round_.contest, {**current, **fields},
                           overridden=(round_.group_recipes or {}).keys())
    for key in ("opens_at", "closes_at"):  # forms carry minutes only: same minute = unchanged
        if _minute(values[key]) == _minute(getattr(round_, key)):
            values[key] = getattr(round_, key)
    if round_.opens_at <= utcnow() and (values["opens_at"] != round_.opens_at
                                        or values["closes_at"] != round_.closes_at):
        raise ContestError(_("Đợt thi đã mở: không sửa được giờ mở/đóng. "
                             "Hãy dùng chức năng Gia hạn (có ghi lý do)."))
    changed = changes(current, values)
    for name, value in values.items():
        setattr(round_, name, value)
    if changed:  # time changes included: before the opening they are ordinary edits
        record(actor_id, AuditAction.ROUND_UPDATE, round_, changes=changed)
    # A changed recipe, question count or shuffle setting: the after_flush listener discards
    # the round's prepared papers (contest/attempts/prepared.py).
    db.session.flush()
    return round_


def extend_round(round_: Round, closes_at: datetime, *, actor_id: int | None,
                 reason: str) -> Round:
    """Move a round's closing time later and record who did it and why."""
    reason = (reason or "").strip()
    if not reason:
        raise ContestError(_("Vui lòng ghi lý do gia hạn."))
    if not isinstance(closes_at, datetime) or closes_at.tzinfo is None:
        raise ContestError(_("Vui lòng nhập giờ đóng mới."))
    if closes_at <= round_.closes_at:
        raise ContestError(_("Giờ đóng mới phải muộn hơn giờ đóng hiện tại."))
    before = round_.closes_at
    round_.closes_at = closes_at
    if closes_at > utcnow():
        round_.closed_out_at = None  # reopened: it is closed out again at its new close
    record(actor_id, AuditAction.ROUND_EXTEND, round_, reason=reason,
           before=before.isoformat(), after=closes_at.isoformat())
    db.session.flush()
    return round_

