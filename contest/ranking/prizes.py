"""Prize allocation over a ranked list (individual or collective).

Policy:
- Prizes are handed out best first: Nhất, Nhì, Ba, Khuyến khích, each ``counts[prize]`` times.
- ``max_share`` caps the number of prizes at floor(share x entrants in the list); the
  cut removes the lowest prizes first. The cap is hard: no tie rule goes past it.
- Entrants in ``exclude_ids`` (e.g. already awarded in an earlier round, "one prize per
  person") and entrants under ``min_score`` (a share of their max score) are skipped and take
  no slot; everyone else keeps their rank.
- Tied entrants (same rank) get the same prize: the best one free at their position. They use
  up as many slots as there are of them, so the prizes below shrink ("đồng giải").
- A tied group larger than the slots left straddles the last slot (a *boundary tie*). The
  contest's ``tie_rule`` decides: ``cut`` - the final deterministic key (registration id, or
  unit id) orders the group and it takes the slots left in plan order, the rest get nothing;
  ``share`` - all of them get the prize at their position (more prizes than the plan), up to
  the share cap, past which the final key cuts. The boundary is reported (``boundary``:
  who is in, who is left out, why) so judges see it before they confirm.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _

from contest.ranking.tiebreak import RankingError
from contest.vocabulary import PrizeTier, PrizeTieRule

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


@dataclass(frozen=True, slots=True)
class BoundaryTie:
    """A group tied on every key across the last prize slot, and how the rule settled it."""

    rank: int
    prize: str  # the prize at the group's position
    slots: int  # slots of the plan left for the group
    rule: str  # PrizeTieRule value
    in_ids: tuple[int, ...]
    out_ids: tuple[int, ...]
    capped: bool = False  # the share cap, not the rule, left the last ones out
    cap: int | None = None

    @property
    def size(self) -> int:
        return len(self.in_ids) + len(self.out_ids)


@dataclass(slots=True)
class Allocation:
    """The awards, plus who the rules left out and why."""

    awards: list[Award] = field(default_factory=list)
    left_out: list[int] = field(default_factory=list)  # tied at the boundary, no prize
    boundary: BoundaryTie | None = None
    below_min: list[int] = field(default_factory=list)  # under the minimum score
    excluded: list[int] = field(default_factory=list)  # already awarded elsewhere
    slots: int = 0  # prizes in the plan after the share cap
    unfilled: int = 0  # slots left without anyone eligible

    def by_subject(self) -> dict[int, Award]:
        return {a.subject_id: a for a in self.awards}


def subject_id(row: Any) -> int:
    """Registration id of a ranked entrant or unit id of a ranked unit."""
    entry = getattr(row, "entry", None)
    return entry.registration_id if entry is not None else row.stats.unit_id


def reaches(row: Any, min_score: float | None) -> bool:
    """Whether a ranked entrant has at least ``min_score`` (a share) of their max score."""
    entry = getattr(row, "entry", None)
    if min_score is None or entry is None:
        return True
    return entry.score >= min_score * entry.max_score - 1e-9


def _share_cap(entrants: int, max_share: float | None) -> int | None:
    if max_share is None:
        return None
    if not 0 <= max_share <= 1:
        raise RankingError(_("Tỷ lệ giải tối đa phải từ 0 đến 100%."))
    return int(entrants * max_share + 1e-9)


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
    cap = _share_cap(entrants, max_share)
    return slots if cap is None else slots[:cap]


def allocate(ranked: Sequence[Any], counts: Mapping[str, int],
             exclude_ids: Iterable[int] = (), max_share: float | None = None, *,
             min_score: float | None = None,
             tie_rule: str = PrizeTieRule.CUT) -> Allocation:
    """Hand out prizes over a ranked list (rows with ``rank``, in ranking order)."""
    if tie_rule not in PrizeTieRule.values():
        raise RankingError(_("Cách xử lý đồng hạng ở giải cuối không hợp lệ: “%(rule)s”.",
                             rule=tie_rule))
    if min_score is not None and not 0 <= min_score <= 1:
        raise RankingError(_("Điểm tối thiểu để được giải phải từ 0 đến 100%."))
    slots = prize_slots(counts, len(ranked), max_share)
    cap = _share_cap(len(ranked), max_share)
    excluded = set(exclude_ids)
    result = Allocation(slots=len(slots))
    eligible = []
    for row in ranked:
        sid = subject_id(row)
        if sid in excluded:
            result.excluded.append(sid)
        elif not reaches(row, min_score):
            result.below_min.append(sid)
        else:
            eligible.append(row)
    used, i = 0, 0
    while i < len(eligible) and used < len(slots):
        j = i
        while j < len(eligible) and eligible[j].rank == eligible[i].rank:
            j += 1
        group, room = eligible[i:j], len(slots) - used
        if len(group) <= room:
            result.awards += [Award(subject_id(row), slots[used], row.rank) for row in group]
            used += len(group)
            i = j
            continue
        if tie_rule == PrizeTieRule.SHARE:
            take = len(group) if cap is None else min(len(group), max(cap - used, room))
            inside = group[:take]
            result.awards += [Award(subject_id(row), slots[used], row.rank, take < len(group))
                              for row in inside]
        else:
            inside = group[:room]
            result.awards += [Award(subject_id(row), slots[used + k], row.rank, True)
                              for k, row in enumerate(inside)]
        outside = group[len(inside):]
        result.left_out = [subject_id(row) for row in outside]
        result.boundary = BoundaryTie(
            group[0].rank, slots[used], room, str(tie_rule),
            tuple(subject_id(row) for row in inside), tuple(result.left_out),
            capped=tie_rule == PrizeTieRule.SHARE and bool(outside), cap=cap)
        used = len(slots)
        break
    result.unfilled = len(slots) - min(used, len(slots))
    return result


def boundary_note(tie: BoundaryTie) -> str:
    """Why the boundary tie was settled as it was, in the reader's language."""
    numbers = {"count": tie.size, "rank": tie.rank, "slots": tie.slots,
               "prize": PrizeTier(tie.prize).label, "won": len(tie.in_ids),
               "out": len(tie.out_ids)}
    if tie.rule == PrizeTieRule.SHARE and tie.capped:
        return _("%(count)s thí sinh đồng hạng %(rank)s trên mọi tiêu chí tranh %(slots)s suất "
                 "giải cuối (%(prize)s). Thể lệ: tất cả cùng nhận giải, nhưng không vượt giới "
                 "hạn %(cap)s giải theo tỷ lệ tối đa, nên khóa cuối (mã đăng ký, nhỏ hơn xếp "
                 "trước) quyết định: %(won)s người được giải, %(out)s người không được giải.",
                 cap=tie.cap, **numbers)
    if tie.rule == PrizeTieRule.SHARE:
        return _("%(count)s thí sinh đồng hạng %(rank)s trên mọi tiêu chí tranh %(slots)s suất "
                 "giải cuối (%(prize)s). Thể lệ: tất cả cùng nhận %(prize)s, nhiều hơn cơ cấu "
                 "giải %(extra)s giải.", extra=tie.size - tie.slots, **numbers)
    return _("%(count)s thí sinh đồng hạng %(rank)s trên mọi tiêu chí tranh %(slots)s suất giải "
             "cuối (từ %(prize)s). Thể lệ: cắt theo khóa cuối (mã đăng ký, nhỏ hơn xếp trước), "
             "giải theo đúng cơ cấu: %(won)s người được giải, %(out)s người không được giải.",
             **numbers)
