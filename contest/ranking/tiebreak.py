"""Tie-break keys, the sort key built from a contest's chain, and ``explain``.

Every key is "smaller is better" once encoded, so one tuple comparison ranks two entrants.
A missing value (no prediction, no recorded time) always loses against a present one.
The registration id is always the last key, so an order never changes between two runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from contest.errors import DomainError
from contest.i18n import vn_time
from contest.vocabulary import TieBreakKey, tie_break_problems


class RankingError(DomainError):
    """A ranking rule that cannot be applied (unknown key, unknown formula ...)."""


@dataclass(slots=True)
class Entry:
    """One entrant's counted result, with the value of every tie-break key."""

    registration_id: int
    score: float
    max_score: float = 0.0
    prediction: float | None = None
    prediction_error: Decimal | None = None  # exact: see ranking.prediction
    time_taken: float | None = None  # seconds; overall: the sum over counted rounds
    submitted_at: datetime | None = None  # overall: the latest counted submission
    attempt_count: int = 1  # finished attempts; overall: over all counted rounds
    registered_at: datetime | None = None
    group_id: int | None = None
    unit_id: int | None = None
    user_id: int | None = None
    attempt_id: int | None = None  # the counted attempt (None for the overall list)
    rounds: int = 1  # rounds with a counted attempt


def _num(value: float | int | Decimal | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, Decimal):  # 0.01, 2, 0 (never 1E+1)
        return format(value.normalize(), "f") if value else "0"
    return f"{value:g}" if isinstance(value, float) else str(value)


def duration_text(seconds: float | None) -> str:
    """A duration as people read it, e.g. "3 phút 05 giây"."""
    if seconds is None:
        return _("không ghi nhận")
    whole = int(round(seconds))
    minutes, secs = divmod(whole, 60)
    if minutes:
        return _("%(minutes)s phút %(seconds)s giây", minutes=minutes, seconds=f"{secs:02d}")
    return _("%(seconds)s giây", seconds=secs)


def _moment(value: datetime | None) -> str:
    return _("không ghi nhận") if value is None else vn_time(value, "%H:%M:%S %d/%m/%Y")


@dataclass(frozen=True)
class Key:
    """A tie-break key: how to read it, which way is better, how to show it."""

    name: str
    caption: Any  # a lazy string: the label in the reader's language
    read: Callable[[Entry], Any]
    descending: bool
    show: Callable[[Entry], str]

    @property
    def label(self) -> str:
        """The key's name as shown to people (dictionary keys and JSON need a plain str)."""
        return str(self.caption)

    def encode(self, entry: Entry) -> tuple:
        """Return a tuple where smaller is better and a missing value is worst."""
        value = self.read(entry)
        if value is None:
            return (1, 0)
        return (0, -value) if self.descending else (0, value)


KEYS: dict[str, Key] = {
    key.name: key
    for key in (
        Key("score", _l("điểm"), lambda e: e.score, True,
            lambda e: f"{_num(e.score)}/{_num(e.max_score)}" if e.max_score else _num(e.score)),
        Key("prediction_error", _l("sai số dự đoán"), lambda e: e.prediction_error, False,
            lambda e: (_("không dự đoán") if e.prediction_error is None
                       else _num(e.prediction_error))),
        Key("time_taken", _l("thời gian làm bài"), lambda e: e.time_taken, False,
            lambda e: duration_text(e.time_taken)),
        Key("submitted_at", _l("thời điểm nộp bài"), lambda e: e.submitted_at, False,
            lambda e: _moment(e.submitted_at)),
        Key("attempt_count", _l("số lượt thi"), lambda e: e.attempt_count, False,
            lambda e: str(e.attempt_count)),
        Key("registered_at", _l("thời điểm đăng ký"), lambda e: e.registered_at, False,
            lambda e: _moment(e.registered_at)),
    )
}
assert set(KEYS) == set(TieBreakKey.values()), "every tie-break key needs a reader"
FINAL_KEY_LABEL = _l("mã đăng ký")


def normalise_chain(chain: Iterable[str] | None) -> tuple[str, ...]:
    """Validate a configured chain; score always comes first, duplicates are dropped."""
    chain = list(chain or ())
    problems = tie_break_problems(chain, strict=False)
    if problems:
        raise RankingError(problems)
    names: list[str] = [TieBreakKey.SCORE.value]
    for name in chain:
        if name not in names:
            names.append(str(name))
    return tuple(names)


def tie_key(chain: Sequence[str]) -> Callable[[Entry], tuple]:
    """Key equal for entrants who share a rank (every configured key equal)."""
    keys = [KEYS[name] for name in normalise_chain(chain)]
    return lambda entry: tuple(key.encode(entry) for key in keys)


def sort_key(chain: Sequence[str]) -> Callable[[Entry], tuple]:
    """Total order: the configured keys, then the registration id."""
    ties = tie_key(chain)
    return lambda entry: (ties(entry), entry.registration_id)


def explain(a: Any, b: Any, chain: Sequence[str]) -> str:
    """Say which key first separates ``a`` from ``b`` and how (Vietnamese unless asked).

    ``a`` and ``b`` are entries or ranked rows (anything with an ``entry``).
    """
    a, b = getattr(a, "entry", a), getattr(b, "entry", b)
    equal: list[str] = []
    for name in normalise_chain(chain):
        key = KEYS[name]
        left, right = key.encode(a), key.encode(b)
        if left == right:
            equal.append(_("bằng %(key)s (%(value)s)", key=key.label, value=key.show(a)))
            continue
        sign = "<" if (left < right) != key.descending else ">"
        if key.read(a) is None or key.read(b) is None:
            sign = _("tốt hơn") if left < right else _("kém hơn")
        reason = f"{key.label} {key.show(a)} {sign} {key.show(b)}"
        return _sentence(equal + [reason])
    tail = _("đồng hạng; thứ tự hiển thị theo %(key)s %(a)s %(sign)s %(b)s",
             key=FINAL_KEY_LABEL, a=a.registration_id, b=b.registration_id,
             sign="<" if a.registration_id < b.registration_id else ">")
    return _sentence(equal + [tail])


def _sentence(parts: list[str]) -> str:
    text = "; ".join(parts)
    return text[:1].upper() + text[1:]
