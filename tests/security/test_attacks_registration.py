"""Attacks through self-registration (issue 14, points 3 and 4): looking up who is registered,
mass-creating sock puppets. Each test sends the attacker's requests and checks they failed."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa
from flask import g

from contest.accounts.models import User
from contest.contests.models import Registration
from contest.extensions import db
from contest.registration.bursts import Burst, find_bursts

TAKEN = "Không thể đăng ký với thông tin này."
PROXY = {"REMOTE_ADDR": "127.0.0.1"}


@pytest.fixture
def signup(app, make_contest, make_unit, make_user):
    app.config.update(TRUSTED_PROXIES="127.0.0.1", REGISTRATION_ADDRESS_LIMIT=50)
    contest = make_contest()
    contest.required_fields = ["full_name", "phone", "date_of_birth", "id_number"]
    db.session.commit()
    unit = make_unit()
    make_user(full_name="Quản trị", phone="0911111111", id_number="079190000001")

    def send(client, address: str = "203.0.113.1", **fields):
        data = {"full_name": "Người Dò", "phone": "0934000001", "date_of_birth": "1988-02-03",
                "id_number": "079188000001", "password": "hoa-sen-2025",
                "password_again": "hoa-sen-2025", "group_id": contest.groups[0].id,
                "unit_id": unit.id, "consent": "y", **fields}
        g.pop("_login_user", None)
        return client.post(f"/dang-ky/{contest.invite_token}", data=data, environ_base=PROXY,
                           headers={"X-Forwarded-For": address})

    send.contest, send.unit = contest, unit
    return send


def flashes(response) -> list[str]:
    """Every message the page shows: flashes, and the sign-up form's error summary."""
    body = response.get_data(as_text=True)
    found = re.findall(r'<p class="flash flash-\w+">(.*?)</p>', body)
    if 'id="error-summary"' in body:
        start = body.index('id="error-summary"')
        block = body[start:body.index("</div>", start)]
        found += [re.sub(r"<[^>]+>", "", item) for item in re.findall(r"<li>(.*?)</li>", block)]
    return found


@pytest.mark.parametrize("broken", [{"consent": ""}, {"id_number": "123"},
                                    {"password": "12345678", "password_again": "12345678"}])
def test_a_failing_probe_does_not_say_whether_the_number_is_registered(app, signup, broken):
    taken = signup(app.test_client(), phone="0911111111", **broken)
    free = signup(app.test_client(), phone="0934999999", **broken)
    # The same page, word for word, apart from the number typed in.
    page = taken.get_data(as_text=True).replace("0911111111", "#")
    assert page == free.get_data(as_text=True).replace("0934999999", "#")
    assert taken.status_code == free.status_code
    assert "đã được đăng ký" not in page and TAKEN not in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 1


def test_a_complete_probe_gets_one_neutral_answer_naming_no_field(app, signup):
    by_phone = signup(app.test_client(), phone="0911111111")
    by_id = signup(app.test_client(), id_number="079190000001")
    assert flashes(by_phone) == flashes(by_id)
    assert len(flashes(by_phone)) == 1 and TAKEN in flashes(by_phone)[0]
    assert "Ban tổ chức" in flashes(by_phone)[0]  # how to get back in, without saying more
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 1


def test_taken_and_created_cost_the_same_password_hash(app, signup, monkeypatch):
    import contest.accounts.models as models
    import contest.registration.services as services

    hashed: list[str] = []

    def spy(real):
        def wrapped(password, *args, **kwargs):
            hashed.append(password)
            return real(password, *args, **kwargs)
        return wrapped

    monkeypatch.setattr(models, "generate_password_hash", spy(models.generate_password_hash))
    monkeypatch.setattr(services, "generate_password_hash",
                        spy(services.generate_password_hash))
    signup(app.test_client(), phone="0911111111")
    assert hashed == ["hoa-sen-2025"]
    assert signup(app.test_client()).status_code == 302  # created
    assert hashed == ["hoa-sen-2025"] * 2


def test_one_address_cannot_mass_register(app, signup):
    app.config["REGISTRATION_ADDRESS_LIMIT"] = 3
    codes = [signup(app.test_client(), phone=f"09340000{n:02d}",
                    id_number=f"0791880000{n:02d}").status_code for n in range(5)]
    assert codes == [302, 302, 302, 429, 429]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Registration)) == 3
    # Forging X-Forwarded-For from outside the trusted proxy buys nothing either.
    forged = app.test_client().post(
        f"/dang-ky/{signup.contest.invite_token}", environ_base={"REMOTE_ADDR": "203.0.113.1"},
        headers={"X-Forwarded-For": "198.51.100.77"}, data={"full_name": "X"})
    assert forged.status_code != 302


def test_many_addresses_cannot_flood_one_contest(app, signup):
    app.config["REGISTRATION_CONTEST_LIMIT"] = 3
    codes = [signup(app.test_client(), address=f"198.51.100.{n}", phone=f"09340000{n:02d}",
                    id_number=f"0791880000{n:02d}").status_code for n in range(5)]
    assert codes == [302, 302, 302, 429, 429]
    refused = signup(app.test_client(), address="198.51.100.99", phone="0934000099",
                     id_number="079188000099")
    assert "thử lại sau" in refused.get_data(as_text=True)
    assert int(refused.headers["Retry-After"]) > 0


def test_organisers_see_sock_puppets_as_a_burst(app, signup, client, auth, make_user):
    for n in range(6):
        assert signup(app.test_client(), phone=f"09340000{n:02d}",
                      id_number=f"0791880000{n:02d}").status_code == 302
    signup(app.test_client(), address="198.51.100.50", phone="0934000050",
           id_number="079188000050")  # one honest colleague elsewhere
    g.pop("_login_user", None)
    auth.login(make_user(role="organiser"))
    page = client.get(f"/quan-ly/cuoc-thi/{signup.contest.id}/thi-sinh").get_data(as_text=True)
    assert "Cảnh báo: đăng ký dồn dập" in page
    assert "6 đăng ký" in page and "203.0.113.1" in page and "198.51.100.50" not in page


T0 = datetime(2026, 3, 1, 8, 0)


@pytest.mark.parametrize(("rows", "expected"), [
    ([], []),
    ([(1, "a", T0 + timedelta(minutes=i)) for i in range(4)], []),
    ([(1, "a", T0 + timedelta(minutes=i)) for i in range(5)],
     [Burst(1, "a", 5, T0, T0 + timedelta(minutes=4))]),
    ([(1, "a", T0 + timedelta(minutes=3 * i)) for i in range(5)], []),  # spread over 12 min
    ([(1, "a", T0 + timedelta(minutes=i)) for i in range(3)]
     + [(2, "a", T0 + timedelta(minutes=i)) for i in range(3)], []),  # two units
    ([(1, None, T0)] * 9, []),  # address unknown (organiser-made)
    ([(1, "b", T0 + timedelta(seconds=i)) for i in range(7)]
     + [(1, "a", T0 + timedelta(seconds=i)) for i in range(5)],
     [Burst(1, "b", 7, T0, T0 + timedelta(seconds=6)),
      Burst(1, "a", 5, T0, T0 + timedelta(seconds=4))]),
])
def test_find_bursts(rows, expected):
    assert find_bursts(rows, threshold=5, window=timedelta(minutes=10)) == expected
