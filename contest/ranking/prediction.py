"""Prediction question: the true value of a round and each entrant's error."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _

from contest.ranking.tiebreak import RankingError
from contest.vocabulary import PredictionKind


@dataclass(frozen=True, slots=True)
class RoundCounts:
    """Facts about a closed round that a prediction question can ask about."""

    entrants: int  # distinct entrants with a finished attempt
    attempts: int  # finished attempts
    full_marks: int  # distinct entrants whose counted attempt has every answer right


def prediction_truth(kind: str, counts: RoundCounts) -> float | None:
    """Return the true value for a prediction kind; None when the round asks nothing."""
    if kind == PredictionKind.NONE:
        return None
    if kind == PredictionKind.FULL_MARKS_COUNT:
        return float(counts.full_marks)
    if kind == PredictionKind.ENTRANT_COUNT:
        return float(counts.entrants)
    if kind == PredictionKind.ATTEMPT_COUNT:
        return float(counts.attempts)
    if kind == PredictionKind.FULL_MARKS_PERCENT:
        if counts.entrants == 0:
            return 0.0
        return round(counts.full_marks * 100 / counts.entrants, 2)
    raise RankingError(_("Loại câu hỏi dự đoán không hợp lệ: “%(kind)s”.", kind=kind))


def prediction_error(prediction: float | None, truth: float | None) -> float | None:
    """Absolute error; None when the entrant did not predict or the truth is unknown."""
    if prediction is None or truth is None:
        return None
    return abs(prediction - truth)
