"""Two app processes on different ports, sharing PostgreSQL and Redis, behave as one site."""

from __future__ import annotations

import re

import pytest
import redis
import requests

pytestmark = pytest.mark.postgres_only
REDIS_URL = "redis://127.0.0.1:6379/14"


@pytest.fixture
def shared_redis():
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.ConnectionError as error:
        pytest.fail(f"Redis not reachable at {REDIS_URL}: {error}")
    client.flushdb()
    yield client
    client.flushdb()


def csrf_token(session: requests.Session, url: str) -> str:
    page = session.get(url).text
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


def login(session: requests.Session, base: str, login: str, password: str) -> requests.Response:
    token = csrf_token(session, f"{base}/dang-nhap")
    return session.post(f"{base}/dang-nhap", allow_redirects=False,
                        data={"csrf_token": token, "login": login, "password": password})


def test_login_on_one_process_is_valid_on_the_other(start_server, make_user, shared_redis):
    organiser = make_user(role="organiser")
    first, _ = start_server(REDIS_URL=REDIS_URL)
    second, _ = start_server(REDIS_URL=REDIS_URL)
    session = requests.Session()
    assert login(session, first, organiser.phone, "matkhau123").status_code == 302
    assert session.get(f"{second}/don-vi/", allow_redirects=False).status_code == 200
    anonymous = requests.get(f"{second}/don-vi/", allow_redirects=False)
    assert anonymous.status_code == 302


def test_failed_login_limit_counts_across_processes(start_server, make_user, shared_redis):
    entrant = make_user()
    servers = [start_server(REDIS_URL=REDIS_URL, LOGIN_MAX_FAILURES="4")[0] for _ in range(2)]
    session = requests.Session()
    for attempt in range(4):  # alternate between the two processes
        response = login(session, servers[attempt % 2], entrant.phone, "wrong-password")
        assert response.status_code == 200
    refused = login(session, servers[0], entrant.phone, "matkhau123")
    assert refused.status_code == 429
    assert "thử lại sau" in refused.text


def test_attempt_started_on_one_process_continues_on_the_other(
    start_server, make_user, make_round, make_entrant, shared_redis
):
    entrant = make_user()
    round_ = make_round()
    make_entrant(entrant, round_.contest)
    first, _ = start_server(REDIS_URL=REDIS_URL)
    second, _ = start_server(REDIS_URL=REDIS_URL)
    session = requests.Session()
    assert login(session, first, entrant.phone, "matkhau123").status_code == 302
    fetch = {"X-Requested-With": "fetch"}

    started = session.post(f"{first}/api/v1/rounds/{round_.id}/attempts", headers=fetch)
    assert started.status_code == 201
    attempt_id = started.json()["attempt_id"]
    saved = session.put(f"{second}/api/v1/attempts/{attempt_id}/answers/1",
                        json={"selected": [0]}, headers=fetch)
    assert saved.status_code == 200
    resumed = session.post(f"{second}/api/v1/rounds/{round_.id}/attempts", headers=fetch)
    assert resumed.status_code == 200 and resumed.json()["attempt_id"] == attempt_id
    paper = session.get(f"{first}/api/v1/attempts/{attempt_id}").json()
    assert paper["questions"][0]["selected"] == [0]
    submitted = session.post(f"{second}/api/v1/attempts/{attempt_id}/submit",
                             json={"prediction": None}, headers=fetch)
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"
