"""Fault tests: a contest in progress, entrants answering over HTTP, and ways to break things."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from types import SimpleNamespace

import pytest
import requests
import sqlalchemy as sa

from contest.attempts.models import Attempt, AttemptItem
from contest.extensions import db

RETRYABLE = (502, 503, 504)
BROKEN = (requests.ConnectionError, requests.exceptions.ChunkedEncodingError)


@pytest.fixture
def contest_day(make_round, make_entrant, make_user, make_attempt) -> Callable:
    """Factory: an open round with ``n`` registered entrants, each with an open attempt."""

    def factory(n: int = 6) -> SimpleNamespace:
        round_ = make_round(question_count=5, time_limit_minutes=60)
        people = []
        for i in range(n):
            user = make_user(full_name=f"Thí sinh {i + 1}", phone=f"0933{i:06d}")
            make_entrant(user, round_.contest)
            attempt = make_attempt(user, round_, finished=False)
            people.append(SimpleNamespace(phone=user.phone, public_id=attempt.public_id,
                                          options={it.position: len(it.options)
                                                   for it in attempt.items}))
        db.session.remove()
        return SimpleNamespace(round=round_, people=people)

    return factory


class Entrant:
    """One entrant's browser over real HTTP: keeps its cookie, retries what was not acked."""

    def __init__(self, base: str, person: SimpleNamespace) -> None:
        self.base = base
        self.person = person
        self.session = requests.Session()
        self.acked: dict[int, list[int]] = {}  # position -> selection acknowledged last
        self.statuses: dict[int, int] = {}  # status code -> count, every answer try
        self.connection_errors = 0
        self.bodies_503: list[dict] = []

    def login(self, csrf: bool = True) -> None:
        data = {"login": self.person.phone, "password": "matkhau123"}
        for _ in range(50):
            try:
                if csrf:
                    page = self.session.get(f"{self.base}/dang-nhap", timeout=10).text
                    data["csrf_token"] = re.search(
                        r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
                response = self.session.post(f"{self.base}/dang-nhap", data=data, timeout=10,
                                             allow_redirects=False)
                if response.status_code == 302:
                    return
            except BROKEN:
                pass
            time.sleep(0.1)
        raise AssertionError(f"login failed for {self.person.phone}")

    def answer(self, position: int, selected: list[int], give_up_after: float = 30) -> None:
        """PUT until acknowledged; connection errors and 502/503/504 are retried."""
        url = f"{self.base}/api/v1/attempts/{self.person.public_id}/answers/{position}"
        deadline = time.monotonic() + give_up_after
        while time.monotonic() < deadline:
            try:
                response = self.session.put(url, json={"selected": selected}, timeout=10,
                                            headers={"X-Requested-With": "fetch"})
            except BROKEN:  # refused, reset, or cut off in the middle of the answer
                self.connection_errors += 1
                time.sleep(0.05)
                continue
            code = response.status_code
            self.statuses[code] = self.statuses.get(code, 0) + 1
            if code == 200 and response.json().get("saved"):
                self.acked[position] = sorted(set(selected))
                return
            if code in RETRYABLE:
                if code == 503:
                    self.bodies_503.append({"json": response.json(),
                                            "retry_after": response.headers.get("Retry-After")})
                time.sleep(0.05)
                continue
            raise AssertionError(f"answer refused: {code} {response.text[:300]}")
        raise AssertionError(f"answer never acknowledged within {give_up_after}s")

    def run(self, rounds: int, stop: threading.Event | None = None) -> None:
        """Answer every question ``rounds`` times with changing choices."""
        for n in range(rounds):
            for position, options in sorted(self.person.options.items()):
                self.answer(position, [(n + position) % options])
            if stop is not None and stop.is_set():
                return


def run_entrants(entrants: list[Entrant], rounds: int, stop: threading.Event | None = None
                 ) -> tuple[list[BaseException], list[threading.Thread]]:
    """Start every entrant in its own thread; return the (growing) failures and the threads."""
    failures: list[BaseException] = []

    def work(entrant: Entrant) -> None:
        try:
            entrant.run(rounds, stop)
        except BaseException as error:  # noqa: BLE001 - reported to the test
            failures.append(error)

    threads = [threading.Thread(target=work, args=(e,)) for e in entrants]
    for thread in threads:
        thread.start()
    return failures, threads


def assert_acked_answers_stored(entrants: list[Entrant]) -> int:
    """Every acknowledged answer is the stored selection of its position; returns how many."""
    checked = 0
    for entrant in entrants:
        rows = db.session.execute(
            sa.select(AttemptItem.position, AttemptItem.selected).join(Attempt)
            .where(Attempt.public_id == entrant.person.public_id)).all()
        stored = {position: selected for position, selected in rows}
        for position, selection in entrant.acked.items():
            assert stored[position] == selection, (entrant.person.phone, position)
            checked += 1
    db.session.remove()
    return checked
