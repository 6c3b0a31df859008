"""Prediction question: the true value of a round and each entrant's error."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from flask_babel import gettext as _

from contest.ranking.tiebreak import RankingError
from contest.vocabulary import DEFAULTS, PredictionKind

# Predictions and truths have at most DEFAULTS.prediction_decimals decimals, so an error is a
# whole number of these units: counted as an integer (Python and SQL alike), shown as a Decimal.
UNITS = 10 ** DEFAULTS.prediction_decimals


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


def error_units(prediction: float, truth: float) -> int:
    """|prediction - truth| in hundredths, exactly (45.37 and 45.39 are both 1 from 45.38);
    ``queries.counted`` computes the same in SQL."""
    return int(round(abs(prediction - truth) * UNITS))


def as_decimal(units: int | None) -> Decimal | None:
    """A whole number of units as the decimal people read (1 -> Decimal("0.01"))."""
    return None if units is None else Decimal(units).scaleb(-DEFAULTS.prediction_decimals)


def prediction_error(prediction: float | None, truth: float | None) -> Decimal | None:
    """Absolute error as an exact decimal; None when the entrant did not predict or the truth
    is unknown. Compared as decimals, equal distances from the truth are equal."""
    if prediction is None or truth is None:
        return None
    return as_decimal(error_units(prediction, truth))
