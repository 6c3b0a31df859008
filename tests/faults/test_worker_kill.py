"""A gunicorn worker killed with SIGKILL mid-contest loses no acknowledged answer."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest

from tests.faults.conftest import Entrant, assert_acked_answers_stored, run_entrants

pytestmark = pytest.mark.postgres_only


def workers_of(master: int) -> set[int]:
    """Child pids of the gunicorn master (its workers)."""
    children: set[int] = set()
    for task in Path(f"/proc/{master}/task").iterdir():
        text = (task / "children").read_text().split()
        children.update(int(pid) for pid in text)
    return children


def two_workers(master: int) -> set[int] | None:
    workers = workers_of(master)
    return workers if len(workers) == 2 else None


def wait_for(predicate, timeout: float = 20, step: float = 0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := predicate():
            return value
        time.sleep(step)
    raise AssertionError("condition not met in time")


def test_sigkilled_worker_loses_no_acknowledged_answer(start_server, contest_day):
    day = contest_day(n=8)
    base, master = start_server(workers=2)
    before = wait_for(lambda: two_workers(master.pid))
    entrants = [Entrant(base, person) for person in day.people]
    for entrant in entrants:
        entrant.login()
    stop = threading.Event()
    failures, threads = run_entrants(entrants, rounds=1000, stop=stop)

    # Kill a worker once answers are flowing. A kill between two requests interrupts nothing,
    # so kill again (after the master replaced it) until one hits a request in flight.
    wait_for(lambda: sum(len(e.acked) for e in entrants) >= 20)
    victims = []
    workers = before
    for _ in range(5):
        victims.append(sorted(workers)[0])
        os.kill(victims[-1], signal.SIGKILL)
        time.sleep(1)
        workers = wait_for(lambda: (w := two_workers(master.pid)) and not set(victims) & w and w)
        if sum(e.connection_errors for e in entrants) >= 1:
            break
    stop.set()
    for thread in threads:
        thread.join(120)
    assert not failures, failures
    assert all(not thread.is_alive() for thread in threads)

    # The master replaced the worker and is still serving.
    after = two_workers(master.pid)
    assert after and not set(victims) & after
    assert master.poll() is None
    checked = assert_acked_answers_stored(entrants)
    assert checked == 8 * 5
    retried = sum(e.connection_errors for e in entrants)
    assert retried >= 1, "the kill interrupted no request in flight"
    answers = sum(sum(e.statuses.values()) for e in entrants)
    print(f"\nworkers killed: {len(victims)}; {retried} connection errors retried; "
          f"{answers} answer responses")
    assert subprocess.run(["kill", "-0", str(master.pid)]).returncode == 0
