"""Failed logins are limited per address and per login, in memory or through Redis."""

from __future__ import annotations

import pytest

from contest import create_app
from contest.extensions import db
from contest.ratelimit import MemoryCounter, RedisCounter

REDIS_URL = "redis://127.0.0.1:6379/15"
GOOD = {"login": "0912345678", "password": "matkhau123"}
BAD = {"login": "0912345678", "password": "saimatkhau"}


def fail(client, times: int, data: dict = BAD) -> list[int]:
    return [client.post("/dang-nhap", data=data).status_code for _ in range(times)]


@pytest.fixture
def limited_config(app_config):
    app_config.update(LOGIN_MAX_FAILURES=3, LOGIN_WINDOW_SECONDS=300)
    return app_config


def test_memory_limit_answers_429_after_n_failures(limited_config, app, client, make_user):
    make_user(phone="0912345678")
    assert isinstance(app.extensions["failure_counter"], MemoryCounter)
    assert fail(client, 3) == [200, 200, 200]
    response = client.post("/dang-nhap", data=BAD)
    assert response.status_code == 429
    assert "Đăng nhập sai quá 3 lần" in response.get_data(as_text=True)


def test_limited_login_is_refused_even_with_right_password(limited_config, client, make_user):
    make_user(phone="0912345678")
    fail(client, 3)
    assert client.post("/dang-nhap", data=GOOD).status_code == 429
    with client.session_transaction() as session:
        assert "_user_id" not in session


def test_other_spellings_of_the_phone_share_one_counter(limited_config, app, make_user):
    make_user(phone="0912345678")
    spellings = ["0912345678", "+84912345678", "84 912 345 678", "+84 912 345 678"]
    # Different addresses, so only the per-login key can slow the guessing: past the limit
    # one attempt goes through, the next one straight after is refused unchecked.
    codes = [app.test_client().post("/dang-nhap", data={"login": login, "password": "sai"},
                                    environ_base={"REMOTE_ADDR": f"10.0.0.{n}"}).status_code
             for n, login in enumerate(spellings)]
    assert codes == [200, 200, 200, 200]
    response = app.test_client().post("/dang-nhap", data=GOOD,
                                      environ_base={"REMOTE_ADDR": "10.0.0.99"})
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) >= 1


def test_success_trusts_the_device_for_that_account(limited_config, client, make_user):
    make_user(phone="0912345678")
    fail(client, 2)
    assert client.post("/dang-nhap", data=GOOD).status_code == 302
    client.post("/dang-xuat")
    assert fail(client, 3) == [200, 200, 200]


def test_other_logins_from_other_addresses_are_not_blocked(limited_config, app, make_user):
    make_user(phone="0912345678")
    make_user(phone="0987654321")
    fail(app.test_client(), 4)
    other = app.test_client()
    response = other.post("/dang-nhap", data={"login": "0987654321", "password": "matkhau123"},
                          environ_base={"REMOTE_ADDR": "10.1.1.1"})
    assert response.status_code == 302


def test_one_address_guessing_many_logins_is_blocked(limited_config, client, make_user):
    make_user(phone="0987654321")
    for n in range(3):
        client.post("/dang-nhap", data={"login": f"09000000{n:02d}", "password": "sai"})
    response = client.post("/dang-nhap", data={"login": "0987654321", "password": "matkhau123"})
    assert response.status_code == 429


@pytest.fixture
def redis_config(limited_config):
    redis = pytest.importorskip("redis")
    connection = redis.Redis.from_url(REDIS_URL)
    try:
        connection.flushdb()
    except redis.ConnectionError as error:
        pytest.skip(f"Redis not reachable at {REDIS_URL}: {error}")
    limited_config["REDIS_URL"] = REDIS_URL
    yield limited_config
    connection.flushdb()
    connection.close()


def test_redis_limit_answers_429_after_n_failures(redis_config, app, client, make_user):
    make_user(phone="0912345678")
    assert isinstance(app.extensions["failure_counter"], RedisCounter)
    assert fail(client, 3) == [200, 200, 200]
    assert client.post("/dang-nhap", data=BAD).status_code == 429


def test_two_app_instances_sharing_redis_count_together(redis_config, app, make_user):
    make_user(phone="0912345678")
    second = create_app(redis_config)
    assert fail(app.test_client(), 2) == [200, 200]
    with second.app_context():
        assert fail(second.test_client(), 1) == [200]
        assert second.test_client().post("/dang-nhap", data=GOOD).status_code == 429
        db.session.remove()
        db.engine.dispose()  # the second app's pool would otherwise be closed by the GC
    assert app.test_client().post("/dang-nhap", data=GOOD).status_code == 429


def test_redis_counter_expires_with_the_window(redis_config):
    counter = RedisCounter(REDIS_URL)
    assert counter.hit("k", 300) == 1
    assert counter.hit("k", 300) == 2
    assert counter.count("k", 300) == 2
    ttl = counter._redis.ttl("rl:k")
    assert 0 < ttl <= 300
    counter.reset("k")
    assert counter.count("k", 300) == 0


def test_memory_counter_forgets_hits_outside_the_window(monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr("contest.ratelimit.time.monotonic", lambda: clock[0])
    counter = MemoryCounter()
    counter.hit("k", 60)
    clock[0] += 30
    assert counter.hit("k", 60) == 2
    clock[0] += 31
    assert counter.count("k", 60) == 1
