"""The prediction truth as judges see it: how it was computed and its corrections. A judge may
correct it with a written reason (audited); rankings read the truth live, so they are
recomputed at once and a confirmation made before no longer holds. Services flush."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation

import sqlalchemy as sa
from flask_babel import gettext as _

from contest.audit import services as audit
from contest.audit.models import AuditEntry
from contest.contests.models import Round
from contest.errors import FieldProblem
from contest.extensions import db
from contest.ranking.tiebreak import RankingError
from contest.vocabulary import DEFAULTS, AuditAction, PredictionKind

MIN_REASON_LENGTH = 5


@dataclass(frozen=True, slots=True)
class TruthStep:
    """One event in the truth's history: computed at close-out or corrected by a judge."""

    at: datetime
    actor: str
    value: float | None
    how: str  # how it was computed, or the correction's reason
    corrected: bool


def computation(kind: str, details: dict) -> str:
    """The computation in words, from the figures recorded when it was computed."""
    entrants, attempts = details.get("entrants", 0), details.get("attempts", 0)
    full = details.get("full_marks", 0)
    if kind == PredictionKind.FULL_MARKS_PERCENT:
        return _("%(full)s thí sinh đạt điểm tối đa / %(entrants)s thí sinh có bài thi × 100, "
                 "làm tròn %(d)s chữ số thập phân", full=full, entrants=entrants,
                 d=DEFAULTS.prediction_decimals)
    if kind == PredictionKind.FULL_MARKS_COUNT:
        return _("số thí sinh đạt điểm tối đa: %(full)s", full=full)
    if kind == PredictionKind.ENTRANT_COUNT:
        return _("số thí sinh có bài thi: %(entrants)s", entrants=entrants)
    if kind == PredictionKind.ATTEMPT_COUNT:
        return _("số lượt thi đã nộp hoặc hết giờ: %(attempts)s", attempts=attempts)
    return ""


def history(round_: Round) -> list[TruthStep]:
    """How the round's truth was computed and corrected, oldest first."""
    entries = db.session.scalars(sa.select(AuditEntry).where(
        AuditEntry.target_type == Round.__name__, AuditEntry.target_id == round_.id,
        AuditEntry.action.in_([AuditAction.ROUND_PREDICTION_TRUTH,
                               AuditAction.ROUND_PREDICTION_CORRECT]))
        .order_by(AuditEntry.at, AuditEntry.id))
    steps = []
    for e in entries:
        corrected = e.action == AuditAction.ROUND_PREDICTION_CORRECT
        steps.append(TruthStep(
            e.at, e.actor.full_name if e.actor else _("hệ thống"),
            e.details.get("after" if corrected else "truth"),
            e.reason if corrected else computation(e.details.get("kind", ""), e.details),
            corrected))
    return steps


def parse_truth(round_: Round, raw: object) -> float:
    """The typed truth as a number with at most the allowed decimals, or a field problem."""
    text = str(raw if raw is not None else "").strip().replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = Decimal("NaN")
    if not text or not value.is_finite():
        raise RankingError(_("Đáp án đúng: vui lòng nhập một con số."), field="truth")
    if value < 0:
        raise RankingError(_("Đáp án đúng: không được là số âm."), field="truth")
    if value != round(value, DEFAULTS.prediction_decimals):
        raise RankingError(_("Đáp án đúng: tối đa %(n)s chữ số sau dấu thập phân.",
                             n=DEFAULTS.prediction_decimals), field="truth")
    if round_.prediction_kind == PredictionKind.FULL_MARKS_PERCENT and value > 100:
        raise RankingError(_("Đáp án đúng: tỉ lệ phần trăm không được lớn hơn 100."),
                           field="truth")
    return float(value)


def correct_truth(actor_id: int, round_: Round, raw: object, reason: str | None) -> float:
    """A judge corrects the truth with a reason; refused (nothing changed) otherwise."""
    problems: list[FieldProblem | str] = []
    if round_.prediction_kind == PredictionKind.NONE:
        raise RankingError(_("Đợt thi này không có câu hỏi dự đoán."))
    if round_.closed_out_at is None:
        raise RankingError(_("Đợt thi chưa được chốt: đáp án câu dự đoán chưa được tính."))
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON_LENGTH:
        problems.append(FieldProblem("reason", _(
            "Lý do: phải ghi lý do sửa đáp án (ít nhất %(min)s ký tự).", min=MIN_REASON_LENGTH)))
    try:
        value = parse_truth(round_, raw)
    except RankingError as error:
        problems.insert(0, FieldProblem("truth", error.message))
    if problems:
        raise RankingError(problems)
    before = round_.prediction_truth
    round_.prediction_truth = value
    audit.record(actor_id, AuditAction.ROUND_PREDICTION_CORRECT, round_, reason=reason,
                 before=before, after=value, kind=round_.prediction_kind,
                 contest_id=round_.contest_id)
    return value
