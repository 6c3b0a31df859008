"""Attacks on sessions (issue 14, points 6, 10, 11): a copied session or remember-me cookie
after logout, password change, deactivation or disqualification; the attempt API's hot paths
included. Each test replays what the attacker kept and checks it no longer works."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa
from flask import g

from contest.accounts.models import RememberToken
from contest.attempts.models import Attempt, AttemptStatus
from contest.audit.models import AuditEntry
from contest.extensions import db, utcnow

FETCH = {"X-Requested-With": "fetch"}


def login(client, user, password: str = "matkhau123", remember: bool = False):
    data = {"login": user.login, "password": password}
    if remember:
        data["remember"] = "y"
    fresh()
    return client.post("/dang-nhap", data=data)


def stolen(app, client, *names: str):
    """A second browser holding copies of ``client``'s cookies (what a thief keeps)."""
    thief = app.test_client()
    for name in names or ("session",):
        cookie = client.get_cookie(name)
        assert cookie is not None, name
        thief.set_cookie(name, cookie.value)
    return thief


def fresh() -> None:
    """Forget the user Flask-Login keeps in ``g``: the tests' app context spans requests,
    a real server's does not (each request loads its user from its own cookies)."""
    g.pop("_login_user", None)


def logged_in(client) -> bool:
    fresh()
    response = client.get("/bai-thi/cua-toi")
    return response.status_code == 200


@pytest.fixture
def playing(app, client, make_user, make_round, make_entrant):
    """An entrant logged in with an open attempt started through the API."""
    user = make_user(phone="0912000111")
    round_ = make_round(question_count=5)
    registration = make_entrant(user, round_.contest)
    assert login(client, user).status_code == 302
    started = client.post(f"/api/v1/rounds/{round_.id}/attempts", headers=FETCH)
    assert started.status_code == 201
    return user, round_, registration, started.get_json()["attempt_id"]


def answer(client, public_id: str, choice: int = 0):
    fresh()
    return client.put(f"/api/v1/attempts/{public_id}/answers/1", json={"selected": [choice]})


def test_old_session_cookie_is_dead_after_logout_even_on_the_hot_paths(app, client, playing):
    user, round_, _registration, public_id = playing
    thief = stolen(app, client)
    assert answer(thief, public_id).status_code == 200  # the copy works while logged in
    client.post("/dang-xuat")
    assert answer(thief, public_id, 1).status_code == 401
    fresh()
    assert thief.post(f"/api/v1/rounds/{round_.id}/attempts", headers=FETCH).status_code == 401
    fresh()
    assert thief.get(f"/api/v1/attempts/{public_id}").status_code == 401
    assert not logged_in(thief)


def test_remember_me_token_rotates_on_every_login_and_dies_at_logout(app, client, make_user):
    user = make_user()
    login(client, user, remember=True)
    first = client.get_cookie("remember_token").value
    client.post("/dang-xuat")
    assert client.get_cookie("remember_token") is None
    login(client, user, remember=True)
    second = client.get_cookie("remember_token").value
    assert first != second
    replay = app.test_client()
    replay.set_cookie("remember_token", first)  # the token from before the logout
    assert not logged_in(replay)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(RememberToken)) == 1


def test_remember_me_token_is_single_use_and_expires(app, client, make_user, monkeypatch):
    user = make_user()
    login(client, user, remember=True)
    token = client.get_cookie("remember_token").value
    owner = app.test_client()
    owner.set_cookie("remember_token", token)
    assert logged_in(owner)  # restores the session and rotates the token
    assert owner.get_cookie("remember_token").value != token
    copy = app.test_client()
    copy.set_cookie("remember_token", token)
    assert not logged_in(copy)
    row = db.session.scalar(sa.select(RememberToken))
    assert timedelta(days=29) < row.expires_at - utcnow() <= timedelta(days=30)
    row.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    late = app.test_client()
    late.set_cookie("remember_token", owner.get_cookie("remember_token").value)
    assert not logged_in(late)


def test_password_change_ends_the_thiefs_session_and_remember_token(app, client, make_user):
    user = make_user()
    login(client, user, remember=True)
    thief = stolen(app, client, "session", "remember_token")
    fresh()
    response = client.post("/tai-khoan/doi-mat-khau", data={
        "current_password": "matkhau123", "new_password": "hoa-sen-2025",
        "new_password_again": "hoa-sen-2025"})
    assert response.status_code == 302
    assert logged_in(client)  # the owner's browser carries on
    assert not logged_in(thief)
    assert login(app.test_client(), user).status_code == 200  # the old password is gone
    assert login(app.test_client(), user, "hoa-sen-2025").status_code == 302


def test_deactivated_accounts_old_session_cannot_start_or_answer(app, client, playing,
                                                                 make_user):
    user, round_, _registration, public_id = playing
    organiser = make_user(role="organiser")
    staff = app.test_client()
    login(staff, organiser)
    fresh()
    assert staff.post(f"/quan-ly/tai-khoan/{user.id}/khoa",
                      data={"reason": "Tài khoản ảo"}).status_code == 302
    assert answer(client, public_id).status_code == 401
    fresh()
    assert client.post(f"/api/v1/rounds/{round_.id}/attempts", headers=FETCH).status_code == 401
    assert login(app.test_client(), user).status_code == 200  # and cannot log in again
    entry = db.session.scalar(sa.select(AuditEntry).where(
        AuditEntry.action == "account.deactivate"))
    assert entry.actor_id == organiser.id and entry.target_id == user.id


def test_disqualified_entrant_can_neither_answer_nor_submit(app, client, playing, make_user):
    user, round_, registration, public_id = playing
    judge = make_user(role="judge")
    staff = app.test_client()
    login(staff, judge)
    fresh()
    response = staff.post(f"/cham-giai/dot/{round_.id}/thi-sinh/{registration.id}/loai",
                          data={"reason": "Thi hộ người khác", "scope": "contest"})
    assert response.status_code in (302, 303)
    assert answer(client, public_id).status_code == 401  # the session ended
    login(client, user)  # logging in again does not help
    assert answer(client, public_id).status_code == 403
    fresh()
    submitted = client.post(f"/api/v1/attempts/{public_id}/submit", json={}, headers=FETCH)
    assert submitted.status_code == 403
    assert client.post(f"/api/v1/rounds/{round_.id}/attempts", headers=FETCH).status_code == 403
    attempt = db.session.scalar(sa.select(Attempt).where(Attempt.public_id == public_id))
    db.session.refresh(attempt)
    # Left as it is for the judges (not submitted by the refused request); the round's
    # close-out finalises it as at its deadline.
    assert attempt.status == AttemptStatus.OPEN


def test_revocation_check_costs_no_query_per_answer(app, client, playing):
    _user, _round, _registration, public_id = playing
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_):
        if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK")):
            statements.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", count)
    try:
        for choice in (0, 1, 0):
            assert answer(client, public_id, choice).status_code == 200
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", count)
    assert len(statements) == 3 and all(s.lstrip().upper().startswith("UPDATE")
                                         for s in statements)


REDIS_URL = "redis://127.0.0.1:6379/13"


@pytest.fixture
def shared_redis(app_config):
    redis = pytest.importorskip("redis")
    connection = redis.Redis.from_url(REDIS_URL)
    try:
        connection.flushdb()
    except redis.ConnectionError as error:
        pytest.skip(f"Redis not reachable at {REDIS_URL}: {error}")
    app_config["REDIS_URL"] = REDIS_URL
    yield app_config
    connection.flushdb()
    connection.close()


def test_logout_in_one_process_ends_the_session_in_another_at_once(shared_redis, app, client,
                                                                   playing):
    """Two app processes sharing Redis: the second one's cached version is dropped too."""
    from contest import create_app

    _user, _round, _registration, public_id = playing
    second = create_app(shared_redis)
    other_process = second.test_client()
    other_process.set_cookie("session", client.get_cookie("session").value)
    with second.app_context():
        assert other_process.put(f"/api/v1/attempts/{public_id}/answers/1",
                                 json={"selected": [0]}).status_code == 200
        db.session.remove()
    client.post("/dang-xuat")
    with second.app_context():
        response = other_process.put(f"/api/v1/attempts/{public_id}/answers/1",
                                     json={"selected": [1]})
        db.session.remove()
        db.engine.dispose()
    assert response.status_code == 401
