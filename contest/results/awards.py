"""Prizes of a round under the contest's rules, and what judges must see before confirming.

- ``group_allocation``: contest.ranking.prizes.allocate with the contest's rules (minimum
  score, share cap, tie rule at the last slot, earlier winners left out).
- ``earlier_winners``: with "one prize per person across the contest", the registrations that
  won in an earlier counted round (its published snapshot, or computed now if unpublished).
- ``boundary_view``: a boundary tie as plain JSON (who is in, who is left out, why), kept in
  the snapshot and shown on the judges' leaderboard.
- ``prize_review``: per group of a round, the boundary tie and warnings, for the judges' page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from flask_babel import gettext as _

from contest.contests.models import Round
from contest.contests.prize_rules import PrizeRules
from contest.ranking import services as ranking
from contest.ranking.individual import Ranked
from contest.ranking.prizes import Allocation, allocate, boundary_note
from contest.ranking.tiebreak import explain
from contest.vocabulary import DEFAULTS, PrizeTier

DEFAULT_GROUP_PRIZES = dict(DEFAULTS.prize_counts)


def group_allocation(ranked: Sequence[Ranked], counts: Mapping[str, int], rules: PrizeRules,
                     exclude_ids: Iterable[int] = ()) -> Allocation:
    return allocate(ranked, counts, exclude_ids, rules.max_share, min_score=rules.min_score,
                    tie_rule=rules.tie_rule)


def _earlier_rounds(rnd: Round) -> list[Round]:
    return [r for r in ranking.counted_rounds(rnd.contest)
            if r.id != rnd.id and (r.opens_at, r.id) < (rnd.opens_at, rnd.id)]


def earlier_winners(rnd: Round, rules: PrizeRules | None = None) -> set[int]:
    """Registrations already awarded in an earlier counted round (only when the contest gives
    one prize per person across its rounds)."""
    from contest.results import services as results  # results.services imports build

    rules = rules or PrizeRules.of(rnd.contest)
    won: set[int] = set()
    if not rules.once_per_contest:
        return won
    for earlier in _earlier_rounds(rnd):
        snapshot = results.current(earlier)
        if snapshot is not None:
            won |= {row["registration_id"] for g in snapshot.data["groups"]
                    for row in g["rows"] if row.get("prize")}
            continue
        by_group = ranking.round_ranking(earlier)
        for group in earlier.contest.groups:
            allocation = group_allocation(by_group.get(group.id, []),
                                          group.prize_counts or DEFAULT_GROUP_PRIZES, rules, won)
            won |= {a.subject_id for a in allocation.awards}
    return won


def boundary_view(allocation: Allocation, ranked: Sequence[Ranked], chain: Sequence[str],
                  person: Callable[[int], Mapping[str, Any]]) -> dict[str, Any] | None:
    """The boundary tie of one group's allocation as JSON, with names and the reason."""
    tie = allocation.boundary
    if tie is None:
        return None
    by_id = {r.entry.registration_id: r for r in ranked}
    awards = allocation.by_subject()

    def who(registration_id: int) -> dict[str, Any]:
        info = person(registration_id)
        award = awards.get(registration_id)
        return {"registration_id": registration_id, "name": info.get("name", ""),
                "unit": info.get("unit", ""), "prize": award.prize if award else "",
                "prize_label": award.label if award else ""}

    first, last = by_id[tie.in_ids[0]], by_id[(tie.out_ids or tie.in_ids)[-1]]
    return {
        "rank": tie.rank, "prize": tie.prize, "prize_label": PrizeTier(tie.prize).label,
        "slots": tie.slots, "rule": tie.rule, "size": tie.size, "capped": tie.capped,
        "note": boundary_note(tie), "tied_on": explain(first, last, chain),
        "in": [who(i) for i in tie.in_ids], "out": [who(i) for i in tie.out_ids],
    }


def warnings(allocation: Allocation, ranked_count: int) -> list[str]:
    """Things judges should know about a group's prizes (not errors: nothing is refused)."""
    out = []
    if allocation.unfilled:
        out.append(_("Cơ cấu có %(slots)s suất giải nhưng chỉ %(filled)s suất có người đủ điều "
                     "kiện (%(ranked)s thí sinh được xếp hạng): %(unfilled)s suất bỏ trống.",
                     slots=allocation.slots, filled=allocation.slots - allocation.unfilled,
                     ranked=ranked_count, unfilled=allocation.unfilled))
    if allocation.below_min:
        out.append(_("%(count)s thí sinh dưới điểm tối thiểu nên không được xét giải.",
                     count=len(allocation.below_min)))
    if allocation.excluded:
        out.append(_("%(count)s thí sinh đã đạt giải ở đợt trước nên không được xét giải lại.",
                     count=len(allocation.excluded)))
    return out


def lookup(names: Mapping[int, Mapping[str, Any]]) -> Callable[[int], Mapping[str, Any]]:
    return lambda registration_id: names.get(registration_id, {})


def prize_review(rnd: Round) -> list[dict[str, Any]]:
    """For each group of a round: its boundary tie (or None) and warnings, as things stand."""
    rules = PrizeRules.of(rnd.contest)
    return review_groups(rnd.contest.groups, ranking.round_ranking(rnd),
                         rnd.contest.tie_breaks, rules, earlier_winners(rnd, rules))


def review_groups(groups: Iterable[Any], by_group: Mapping[Any, Sequence[Ranked]],
                  chain: Sequence[str], rules: PrizeRules,
                  won: Iterable[int] = ()) -> list[dict[str, Any]]:
    """Boundary tie and warnings of each group's ranking (a round's or the overall one)."""
    from contest.judging.standings import people

    won = set(won)
    out = []
    for group in groups:
        ranked = by_group.get(group.id, [])
        allocation = group_allocation(ranked, group.prize_counts or DEFAULT_GROUP_PRIZES,
                                      rules, won)
        tie = allocation.boundary
        names: dict[int, dict] = people([*tie.in_ids, *tie.out_ids]) if tie else {}
        out.append({"group_id": group.id, "name": group.name,
                    "boundary": boundary_view(allocation, ranked, chain, lookup(names)),
                    "warnings": warnings(allocation, len(ranked))})
    return out
