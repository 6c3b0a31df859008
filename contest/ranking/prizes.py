"""Prize allocation over a ranked list (individual or collective).

Policy:
- Prizes are handed out best first: Nhất, Nhì, Ba, Khuyến khích, each ``counts[prize]`` times.
- ``max_share`` caps the number of prizes at floor(share x entrants in the list); the
  cut removes the lowest prizes first.
- Entrants in ``exclude_ids`` (e.g. already awarded in a round ranking, "one prize per
  person") are skipped and take no slot; everyone else keeps their rank.
- Tied entrants (same rank) get the same prize: the best one free at their position. They use
  up as many slots as there are of them, so the prizes below shrink ("đồng giải").
- If a tied group is larger than the slots left, the final deterministic key (registration id,
  or unit id) decides who gets the last slots; those awards and the tied entrants left without
  one are reported (``cut_by_final_key``, ``left_out``) so judges can see and override.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _

from contest.ranking.tiebreak import RankingError
from contest.vocabulary import PrizeTier

# The prizes best first, and their Vietnamese names (data: frozen into snapshots, certificates
# and official documents; ``PrizeTier.label`` is the name in the reader's language).
PRIZES = PrizeTier.values()


@dataclass(frozen=True, slots=True)
class Award:
    """One prize for one entrant (registration id) or unit (unit id)."""

    subject_id: int
    prize: str
    rank: int
    cut_by_final_key: bool = False

    @property
    def label(self) -> str:
        return PrizeTier(self.prize).vietnamese


@dataclass(slots=True)
class Allocation:
    """The awards, plus tied entrants who missed the last slots on the final key."""

    awards: list[Award] = field(default_factory=list)
    left_out: list[int] = field(default_factory=list)

    def by_subject(self) -> dict[int, Award]:
        return {a.subject_id: a for a in self.awards}


def subject_id(row: Any) -> int:
    """Registration id of a ranked entrant or unit id of a ranked unit."""
    entry = getattr(row, "entry", None)
    return entry.registration_id if entry is not None else row.stats.unit_id


def prize_slots(counts: Mapping[str, int], entrants: int,
                max_share: float | None = None) -> list[str]:
    """The prizes to hand out in order, after the share cap."""
    unknown = set(counts) - set(PRIZES)
    if unknown:
        raise RankingError(_("Loại giải không hợp lệ: %(prizes)s.",
                             prizes=", ".join(sorted(unknown))))
    if any(n < 0 for n in counts.values()):
        raise RankingError(_("Số lượng giải không được âm."))
    slots = [prize for prize in PRIZES for _ in range(counts.get(prize, 0))]
    if max_share is not None:
        if not 0 <= max_share <= 1:
            raise RankingError(_("Tỷ lệ giải tối đa phải từ 0 đến 100%."))
        slots = slots[: int(entrants * max_share + 1e-9)]
    return slots


def allocate(ranked: Sequence[Any], counts: Mapping[str, int],
             exclude_ids: Iterable[int] = (), max_share: float | None = None) -> Allocation:
    """Hand out prizes over a ranked list (rows with ``rank``, in ranking order)."""
    slots = prize_slots(counts, len(ranked), max_share)
    excluded = set(exclude_ids)
    eligible = [row for row in ranked if subject_id(row) not in excluded]
    result = Allocation()
    used, i = 0, 0
    while i < len(eligible) and used < len(slots):
        j = i
        while j < len(eligible) and eligible[j].rank == eligible[i].rank:
            j += 1
        group, prize = eligible[i:j], slots[used]
        room = len(slots) - used
        cut = len(group) > room
        for row in group[:room]:
            result.awards.append(Award(subject_id(row), prize, row.rank, cut))
        if cut:
            result.left_out = [subject_id(row) for row in group[room:]]
        used += min(len(group), room)
        i = j
    return result
