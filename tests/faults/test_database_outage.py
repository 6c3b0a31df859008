"""PostgreSQL connections dropped mid-contest: clients get a retryable 503, nothing is lost.

Restarting the shared PostgreSQL server from a test is unsafe, so the outage is simulated the
way a restart looks to the app: every backend of the test database is terminated
(``pg_terminate_backend``), repeatedly, while entrants answer. benchmarks/fault_pg_restart.sh
does the real restart for a human to run.
"""

from __future__ import annotations

import time

import pytest
import sqlalchemy as sa

from contest.extensions import db
from tests.contest.attempts.live import Client, live_server
from tests.faults.conftest import Entrant, assert_acked_answers_stored, run_entrants

pytestmark = pytest.mark.postgres_only
TERMINATE = sa.text("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()")


def test_pool_pre_ping_is_on(app):
    assert app.config["SQLALCHEMY_ENGINE_OPTIONS"]["pool_pre_ping"] is True


def test_connection_killed_mid_answer_gives_503_then_retry_saves(app, client, auth,
                                                                 contest_day, database_url):
    """The backend dies exactly while the answer's UPDATE runs: 503 JSON, then a retry works."""
    day = contest_day(n=1)
    person = day.people[0]
    auth.login(person.phone)
    killer = sa.create_engine(database_url, poolclass=sa.pool.NullPool)
    armed = {"on": True}

    @sa.event.listens_for(db.engine, "before_cursor_execute")
    def kill_own_backend(conn, cursor, statement, parameters, context, executemany):
        if armed["on"] and statement.lstrip().upper().startswith("UPDATE ATTEMPT_ITEM"):
            armed["on"] = False
            pid = conn.connection.dbapi_connection.info.backend_pid
            with killer.connect() as other:
                other.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})

    url = f"/api/v1/attempts/{person.public_id}/answers/2"
    try:
        refused = client.put(url, json={"selected": [1]})
        assert refused.status_code == 503
        assert refused.headers["Retry-After"].isdigit()
        body = refused.get_json()
        assert body["error"] == "Hệ thống tạm thời gián đoạn"
        assert "thử lại" in body["message"] and "Traceback" not in refused.get_data(as_text=True)
        retried = client.put(url, json={"selected": [1]})
        assert retried.status_code == 200 and retried.get_json()["saved"] is True
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", kill_own_backend)
        killer.dispose()
    assert client.get(f"/api/v1/attempts/{person.public_id}").get_json()[
        "questions"][1]["selected"] == [1]


def test_html_page_during_outage_is_friendly_503(app, client, auth, contest_day, database_url):
    day = contest_day(n=1)
    auth.login(day.people[0].phone)
    killer = sa.create_engine(database_url, poolclass=sa.pool.NullPool)

    @sa.event.listens_for(db.engine, "before_cursor_execute")
    def kill_own_backend(conn, cursor, statement, parameters, context, executemany):
        if "FROM attempt" in statement:
            pid = conn.connection.dbapi_connection.info.backend_pid
            with killer.connect() as other:
                other.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})

    try:
        response = client.get("/bai-thi/cua-toi")
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", kill_own_backend)
        killer.dispose()
    assert response.status_code == 503
    assert "Hệ thống tạm thời gián đoạn" in response.get_data(as_text=True)
    assert client.get("/bai-thi/cua-toi").status_code == 200


def test_backends_terminated_during_load_lose_nothing(start_server, contest_day, database_url,
                                                     tmp_path):
    """Gunicorn, 8 entrants answering; all backends of the database killed 4 times."""
    day = contest_day(n=8)
    base, _ = start_server(workers=2, GUNICORN_CMD_ARGS="--threads 4")
    entrants = [Entrant(base, person) for person in day.people]
    for entrant in entrants:
        entrant.login()
    killer = sa.create_engine(database_url, poolclass=sa.pool.NullPool)
    failures, threads = run_entrants(entrants, rounds=10)
    killed = []
    try:
        while len(killed) < 4 and any(t.is_alive() for t in threads):
            time.sleep(0.3)
            with killer.connect() as conn:
                killed.append(conn.execute(TERMINATE).scalar())
                conn.commit()
    finally:
        killer.dispose()
    for thread in threads:
        thread.join(120)
    assert not failures, failures
    assert all(not t.is_alive() for t in threads)
    statuses: dict[int, int] = {}
    for entrant in entrants:
        for code, count in entrant.statuses.items():
            statuses[code] = statuses.get(code, 0) + count
    print(f"\nbackends terminated per round: {killed}; answer statuses: {statuses}")
    assert sum(killed) >= 4
    assert set(statuses) <= {200, 503}, statuses  # never a 500
    bodies = [b for e in entrants for b in e.bodies_503]
    assert all(b["json"]["error"] == "Hệ thống tạm thời gián đoạn" and b["retry_after"]
               for b in bodies)
    assert assert_acked_answers_stored(entrants) == 8 * 5
    log = "".join(path.read_text() for path in tmp_path.glob("server-*.log"))
    assert "Error handling request" not in log, log[-3000:]  # nothing escaped the app


def test_connection_killed_after_the_last_query_still_answers(app, contest_day, database_url):
    """The backend dies between the view's last query and the end of the request: the ready
    answer is still sent (the session is released without raising), not a 500."""
    day = contest_day(n=1)
    person = day.people[0]
    killer = sa.create_engine(database_url, poolclass=sa.pool.NullPool)
    armed = {"on": False}

    @sa.event.listens_for(db.engine, "after_cursor_execute")
    def kill_after(conn, cursor, statement, parameters, context, executemany):
        if armed["on"] and "FROM attempt_item" in statement:
            armed["on"] = False
            pid = conn.connection.dbapi_connection.info.backend_pid
            with killer.connect() as other:
                other.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
            time.sleep(0.2)  # let the termination reach the socket

    try:
        with live_server(app) as port:
            browser = Client(port)
            browser.login(person.phone)
            armed["on"] = True
            status, body = browser.request("GET", f"/api/v1/attempts/{person.public_id}/status")
            assert not armed["on"], "the kill did not happen"
            assert status == 200 and body["status"] == "open"
            status, _ = browser.request("GET", f"/api/v1/attempts/{person.public_id}/status")
            assert status == 200
    finally:
        sa.event.remove(db.engine, "after_cursor_execute", kill_after)
        killer.dispose()
