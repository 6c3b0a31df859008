"""Automatic integrity flags: pure detectors over plain rows.

A flag is a hint for a judge, never a verdict: nothing here disqualifies anyone.
Every detector takes plain dataclass rows (no database) so table-driven tests cover it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

# Full marks in under this many seconds per question is implausibly fast to read and answer.
FAST_SECONDS_PER_QUESTION = 4.0
FAST_MIN_SCORE_RATIO = 1.0  # "high score" = this share of the maximum (1.0 = full marks)
# Two entrants sharing at least this many identical wrong answers are worth a look.
SHARED_WRONG_MIN = 5
# A wrong choice picked by more entrants than this is a popular misconception, not collusion;
# skipping such groups keeps pair counting O(answers x cap) instead of quadratic.
SHARED_WRONG_GROUP_CAP = 50
SHARED_ORIGIN_MIN_ACCOUNTS = 3  # distinct registrations on one device or address
TAB_SWITCH_LIMIT = 5

FAST = "fast_high_score"
SHARED_WRONG = "shared_wrong_answers"
SHARED_DEVICE = "shared_device"
SHARED_ADDRESS = "shared_address"
TAB_SWITCHES = "tab_switches"

FLAG_LABELS = {
    FAST: _l("Điểm cao, làm bài quá nhanh"),
    SHARED_WRONG: _l("Nhiều câu sai giống hệt nhau"),
    SHARED_DEVICE: _l("Nhiều tài khoản trên một thiết bị"),
    SHARED_ADDRESS: _l("Nhiều tài khoản từ một địa chỉ IP"),
    TAB_SWITCHES: _l("Chuyển tab nhiều lần"),
}


@dataclass(frozen=True)
class AttemptRow:
    """What the detectors need to know about one finished attempt."""

    attempt_id: int
    registration_id: int
    score: float | None
    max_score: float
    duration_seconds: float | None
    question_count: int
    device_id: str = ""
    client_ip: str = ""
    tab_switches: int = 0


@dataclass(frozen=True)
class WrongAnswer:
    """One wrong answer: who, which question, and the chosen option texts (order-free)."""

    registration_id: int
    question_id: int
    choice: tuple[str, ...]


@dataclass(frozen=True)
class Flag:
    kind: str
    registration_ids: tuple[int, ...]
    explanation: str
    attempt_ids: tuple[int, ...] = ()
    details: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def label(self) -> str:
        return str(FLAG_LABELS[self.kind])


def _seconds(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def fast_high_scores(
    rows: Iterable[AttemptRow],
    seconds_per_question: float = FAST_SECONDS_PER_QUESTION,
    min_ratio: float = FAST_MIN_SCORE_RATIO,
) -> list[Flag]:
    """Flag attempts with a high score reached faster than ``seconds_per_question``."""
    flags = []
    for row in rows:
        if row.score is None or row.duration_seconds is None or row.max_score <= 0:
            continue
        if row.question_count <= 0 or row.score < row.max_score * min_ratio:
            continue
        pace = row.duration_seconds / row.question_count
        if pace < seconds_per_question:
            flags.append(Flag(
                FAST, (row.registration_id,),
                _("Đạt %(score)s/%(max)s điểm trong %(seconds)s giây cho %(count)s câu "
                  "(%(pace)s giây/câu, ngưỡng %(limit)s giây/câu).",
                  score=f"{row.score:g}", max=f"{row.max_score:g}",
                  seconds=_seconds(row.duration_seconds), count=row.question_count,
                  pace=_seconds(pace), limit=_seconds(seconds_per_question)),
                (row.attempt_id,), {"pace": pace},
            ))
    return flags


def shared_wrong_answers(
    answers: Iterable[WrongAnswer],
    min_shared: int = SHARED_WRONG_MIN,
    group_cap: int = SHARED_WRONG_GROUP_CAP,
) -> list[Flag]:
    """Flag pairs of entrants with at least ``min_shared`` identical wrong answers.

    Groups wrong answers by (question, choice); only groups of 2..``group_cap`` entrants
    produce pairs, so the work is bounded by the number of answers times the cap.
    """
    groups: dict[tuple[int, tuple[str, ...]], set[int]] = defaultdict(set)
    for answer in answers:
        groups[(answer.question_id, answer.choice)].add(answer.registration_id)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for members in groups.values():
        if 2 <= len(members) <= group_cap:
            for pair in combinations(sorted(members), 2):
                shared[pair] += 1
    flags = [
        Flag(SHARED_WRONG, pair,
             _("Hai thí sinh chọn cùng một phương án sai ở %(count)s câu hỏi "
               "(ngưỡng %(limit)s câu).", count=count, limit=min_shared),
             (), {"shared": count})
        for pair, count in shared.items()
        if count >= min_shared
    ]
    flags.sort(key=lambda f: (-f.details["shared"], f.registration_ids))
    return flags


def _origin_text(kind: str, accounts: int, origin: str, min_accounts: int) -> str:
    if kind == SHARED_DEVICE:
        return _("%(accounts)s tài khoản khác nhau cùng làm bài từ một thiết bị “%(origin)s” "
                 "(ngưỡng %(limit)s).", accounts=accounts, origin=origin, limit=min_accounts)
    return _("%(accounts)s tài khoản khác nhau cùng làm bài từ địa chỉ IP “%(origin)s” "
             "(ngưỡng %(limit)s).", accounts=accounts, origin=origin, limit=min_accounts)


def _shared_origin(
    rows: Sequence[AttemptRow], attr: str, kind: str, min_accounts: int
) -> list[Flag]:
    by_origin: dict[str, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        origin = getattr(row, attr)
        if origin:
            by_origin[origin][row.registration_id].append(row.attempt_id)
    flags = []
    for origin, registrations in sorted(by_origin.items()):
        if len(registrations) >= min_accounts:
            attempts = tuple(sorted(a for ids in registrations.values() for a in ids))
            flags.append(Flag(
                kind, tuple(sorted(registrations)),
                _origin_text(kind, len(registrations), origin, min_accounts),
                attempts, {"origin": origin},
            ))
    return flags


def shared_devices(
    rows: Sequence[AttemptRow], min_accounts: int = SHARED_ORIGIN_MIN_ACCOUNTS
) -> list[Flag]:
    """Flag devices used by ``min_accounts`` or more distinct registrations."""
    return _shared_origin(rows, "device_id", SHARED_DEVICE, min_accounts)


def shared_addresses(
    rows: Sequence[AttemptRow], min_accounts: int = SHARED_ORIGIN_MIN_ACCOUNTS
) -> list[Flag]:
    """Flag IP addresses used by ``min_accounts`` or more distinct registrations."""
    return _shared_origin(rows, "client_ip", SHARED_ADDRESS, min_accounts)


def many_tab_switches(rows: Iterable[AttemptRow], limit: int = TAB_SWITCH_LIMIT) -> list[Flag]:
    """Flag attempts that left the test page more than ``limit`` times."""
    return [
        Flag(TAB_SWITCHES, (row.registration_id,),
             _("Rời trang làm bài %(count)s lần (ngưỡng %(limit)s lần).",
               count=row.tab_switches, limit=limit),
             (row.attempt_id,), {"tab_switches": row.tab_switches})
        for row in rows
        if row.tab_switches > limit
    ]


def all_flags(rows: Sequence[AttemptRow], answers: Iterable[WrongAnswer]) -> list[Flag]:
    """Every detector with its default threshold, most specific first."""
    return (fast_high_scores(rows) + shared_wrong_answers(answers) + shared_devices(rows)
            + shared_addresses(rows) + many_tab_switches(rows))


def choice_key(options: Sequence[str], selected: Iterable[int] | None) -> tuple[str, ...]:
    """Chosen option texts, sorted: shuffled display orders compare equal."""
    return tuple(sorted(str(options[i]) for i in selected or () if 0 <= i < len(options)))
