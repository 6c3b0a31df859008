"""Referral prizes ("giải Lan tỏa") for a round's results snapshot: the top referrers by
counted referrals get the plan's prize counts, best first; a tie shares the better prize."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from contest.vocabulary import PrizeTier

PRIZE_SUFFIX = " (Lan tỏa)"  # printed after the prize name: data, always Vietnamese


def award(rows: Sequence[Any], counts: Mapping[str, int]) -> list[dict[str, Any]]:
    """Snapshot rows from leaderboard rows (``rank``, ``counted`` ...): only referrers with at
    least one counted referral can win; prizes go down the ranks in tier order."""
    slots = [tier for tier in PrizeTier for _ in range(max(0, int(counts.get(tier.value, 0))))]
    out: list[dict[str, Any]] = []
    given, rank_prize = 0, dict[int, PrizeTier]()
    for row in rows:
        prize = None
        if row.counted > 0:
            if row.rank in rank_prize:
                prize = rank_prize[row.rank]
            elif given < len(slots):
                prize = rank_prize[row.rank] = slots[given]
            if prize is not None:
                given += 1
        out.append({"registration_id": row.registration_id, "rank": row.rank,
                    "name": row.name, "unit": row.unit, "counted": row.counted,
                    "flagged": row.flagged, "waiting": row.waiting,
                    "prize": prize.value if prize else "",
                    "prize_label": prize.vietnamese + PRIZE_SUFFIX if prize else ""})
    return out
