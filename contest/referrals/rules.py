"""The referral rules as pure functions over plain data (table-driven tests)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

BURST_COUNT = 3  # this many referrals of one referrer from one address ...
BURST_WINDOW = timedelta(minutes=30)  # ... within this window are a burst
SAME_DEVICE, ADDRESS_BURST = "same_device", "address_burst"


def refusal(referrer_id: int, referred_id: int, referred_by: Mapping[int, int]) -> str | None:
    """Why crediting ``referrer_id`` with ``referred_id`` is refused, or None. ``referred_by``
    maps a registration to the one that referred it. Self-referral and loops (the referrer
    was itself brought in, directly or not, by the newcomer) are refused."""
    if referrer_id == referred_id:
        return "self"
    if referred_id in referred_by:
        return "already"
    seen, node = set(), referrer_id
    while node in referred_by and node not in seen:
        seen.add(node)
        node = referred_by[node]
        if node == referred_id:
            return "loop"
    return None


@dataclass(frozen=True)
class Credit:
    id: int
    referrer_id: int
    referred_id: int
    created_at: datetime
    address_hash: str = ""
    device: str = ""
    accepted: bool = False


def flags(credits: Iterable[Credit]) -> dict[int, str]:
    """Referral id -> reason, for referrals that look made up: one device behind several
    referrals of the same referrer, or a burst of them from one address."""
    out: dict[int, str] = {}
    by_device: dict[tuple[int, str], list[Credit]] = defaultdict(list)
    by_address: dict[tuple[int, str], list[Credit]] = defaultdict(list)
    for c in credits:
        if c.device:
            by_device[(c.referrer_id, c.device)].append(c)
        if c.address_hash:
            by_address[(c.referrer_id, c.address_hash)].append(c)
    for group in by_device.values():
        if len(group) > 1:
            out.update((c.id, SAME_DEVICE) for c in group)
    for group in by_address.values():
        group.sort(key=lambda c: c.created_at)
        for i in range(len(group) - BURST_COUNT + 1):
            window = group[i:i + BURST_COUNT]
            if window[-1].created_at - window[0].created_at <= BURST_WINDOW:
                for c in window:
                    out.setdefault(c.id, ADDRESS_BURST)
    return out


@dataclass(frozen=True)
class Standing:
    referrer_id: int
    counted: int  # referred entrants who completed a counted attempt, not flagged (or accepted)
    flagged: int  # completed but flagged and not accepted: shown, not counted
    waiting: int  # registered, no completed attempt yet


def standings(credits: Iterable[Credit], completed: Collection[int],
              disqualified: Collection[int] = frozenset()) -> list[Standing]:
    """Per referrer, most counted first (then fewer flagged, then id). A referral counts only
    when the referred registration completed a counted attempt (``completed``)."""
    credits = list(credits)
    flagged_ids = flags(credits)
    tally: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
    for c in credits:
        if c.referrer_id in disqualified or c.referred_id in disqualified:
            continue
        row = tally[c.referrer_id]
        if c.referred_id not in completed:
            row[2] += 1
        elif c.id in flagged_ids and not c.accepted:
            row[1] += 1
        else:
            row[0] += 1
    rows = [Standing(r, *v) for r, v in tally.items()]
    return sorted(rows, key=lambda s: (-s.counted, s.flagged, s.referrer_id))
