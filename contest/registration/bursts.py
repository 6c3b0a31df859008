"""Self-registration limits and the organisers' burst flag.

Sign-ups are counted per client address and per contest (atomic counters: Redis when
REDIS_URL is set, else per process; ``contest.ratelimit``). Each registration keeps the address
it came from, so organisers see when many arrive in one unit from one address in a short time
(sock puppets moving a unit's participation rate).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from contest.contests.models import Registration
from contest.extensions import db
from contest.proxies import client_address
from contest.ratelimit import counter


def reserve_signup(contest_id: int) -> int:
    """Count one sign-up attempt; 0 when it may go on, else the minutes to wait."""
    config = current_app.config
    address_window = config["REGISTRATION_ADDRESS_WINDOW_SECONDS"]
    contest_window = config["REGISTRATION_CONTEST_WINDOW_SECONDS"]
    by_address = counter().hit(f"reg:ip:{client_address()}", address_window)
    by_contest = counter().hit(f"reg:contest:{contest_id}", contest_window)
    if by_address > config["REGISTRATION_ADDRESS_LIMIT"]:
        return -(-address_window // 60)
    if by_contest > config["REGISTRATION_CONTEST_LIMIT"]:
        return -(-contest_window // 60)
    return 0


@dataclass(frozen=True)
class Burst:
    unit_id: int | None
    client_ip: str
    count: int
    first: datetime
    last: datetime


def find_bursts(rows: Iterable[tuple[int | None, str | None, datetime]], *, threshold: int,
                window: timedelta) -> list[Burst]:
    """(unit id, address, registered at) rows -> the largest run per unit and address of at
    least ``threshold`` registrations within ``window``, biggest first. Pure."""
    groups: dict[tuple[int | None, str], list[datetime]] = defaultdict(list)
    for unit_id, address, at in rows:
        if address:
            groups[(unit_id, address)].append(at)
    bursts = []
    for (unit_id, address), times in groups.items():
        times.sort()
        best, start = (0, 0, 0), 0
        for end, at in enumerate(times):
            while at - times[start] > window:
                start += 1
            if end - start + 1 > best[0]:
                best = (end - start + 1, start, end)
        if best[0] >= threshold:
            bursts.append(Burst(unit_id, address, best[0], times[best[1]], times[best[2]]))
    return sorted(bursts, key=lambda b: (-b.count, b.first))


def contest_bursts(contest_id: int) -> list[Burst]:
    """The contest's registration bursts, by the configured threshold and window."""
    config = current_app.config
    rows = db.session.execute(
        sa.select(Registration.unit_id, Registration.client_ip, Registration.created_at)
        .where(Registration.contest_id == contest_id, Registration.client_ip.is_not(None)))
    return find_bursts(((r[0], r[1], r[2]) for r in rows),
                       threshold=config["REGISTRATION_BURST_COUNT"],
                       window=timedelta(seconds=config["REGISTRATION_BURST_SECONDS"]))
