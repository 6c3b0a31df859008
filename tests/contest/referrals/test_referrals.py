"""Lan tỏa: personal share links, credit only for completed counted attempts, self-referral
and loops refused, tampered codes explained, suspicious bursts shown and not counted."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from contest.extensions import db
from contest.referrals import queries, rules, services
from contest.referrals.models import Referral

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize("referrer, referred, referred_by, expected", [
    (1, 1, {}, "self"),
    (1, 2, {}, None),
    (1, 2, {2: 3}, "already"),
    (2, 1, {2: 1}, "loop"),  # 1 brought 2 in; 2 cannot bring 1 in
    (3, 1, {3: 2, 2: 1}, "loop"),  # through a chain
    (3, 4, {3: 2, 2: 1}, None),
])
def test_refusals(referrer, referred, referred_by, expected):
    assert rules.refusal(referrer, referred, referred_by) == expected


def credit(id_, referrer=1, minutes=0, address="", device=""):
    return rules.Credit(id_, referrer, 100 + id_, T0 + timedelta(minutes=minutes), address, device)


@pytest.mark.parametrize("credits, expected", [
    ([credit(1, device="d"), credit(2, device="e")], {}),
    ([credit(1, device="d"), credit(2, device="d")], {1: "same_device", 2: "same_device"}),
    ([credit(1, device="d"), credit(2, referrer=2, device="d")], {}),  # different referrers
    ([credit(i, minutes=i * 5, address="a") for i in range(1, 4)],
     {1: "address_burst", 2: "address_burst", 3: "address_burst"}),
    ([credit(i, minutes=i * 20, address="a") for i in range(1, 4)], {}),  # spread out
])
def test_flags(credits, expected):
    assert rules.flags(credits) == expected


def test_standings_count_completed_and_unflagged_only():
    credits = [credit(1), credit(2), credit(3, referrer=2, device="x"),
               credit(4, referrer=2, device="x"), credit(5, referrer=3)]
    table = rules.standings(credits, completed={101, 103, 104, 105}, disqualified={105})
    assert table == [rules.Standing(1, 1, 0, 1), rules.Standing(2, 0, 2, 0)]


def sign_up(contest, phone, **fields):
    data = {"full_name": "Phạm Văn Dũng", "phone": phone, "date_of_birth": "1988-02-03",
            "password": "matkhau123", "password_again": "matkhau123",
            "group_id": str(contest.groups[0].id), "consent": "y"}
    data.update(fields)
    return data


@pytest.fixture
def referrer(contest_world, app, auth, client):
    world = contest_world(entrants=1)
    auth.login(world.users[0])
    page = client.get(f"/cuoc-thi/{world.contest.id}/lan-toa").get_data(as_text=True)
    code = services.share_code_for(world.registrations[0]).code
    assert f"/gt/{code}" in page and "0 người đã đăng ký" in page
    auth.logout()
    world.code = code
    return world


def join(app, world, phone: str, **environ):
    """A newcomer follows the share link and registers, in a browser of their own."""
    client = app.test_client()
    response = client.get(f"/gt/{world.code}", environ_base=environ)
    assert response.headers["Location"] == f"/dang-ky/{world.contest.invite_token}"
    response = client.post(response.headers["Location"], data=sign_up(world.contest, phone),
                           environ_base=environ)
    assert response.status_code == 302, response.get_data(as_text=True)
    client.post("/dang-xuat")  # the test's app context keeps the logged-in user in ``g``
    return client


def test_registration_through_share_link_is_credited_once_completed(referrer, app,
                                                                    make_attempt):
    join(app, referrer, "0933000001", REMOTE_ADDR="10.0.0.1")
    [referral] = db.session.scalars(sa.select(Referral)).all()
    assert referral.referrer_id == referrer.registrations[0].id
    assert queries.leaderboard(referrer.round)[0].counted == 0  # registered, not finished
    assert queries.leaderboard(referrer.round)[0].waiting == 1
    make_attempt(referral.referred.user, referrer.round, finished=False)
    assert queries.leaderboard(referrer.round)[0].counted == 0  # an open attempt is not enough
    from contest.attempts.models import Attempt
    from contest.attempts.services import submit_attempt

    submit_attempt(db.session.scalar(sa.select(Attempt)))
    db.session.commit()
    [row] = queries.leaderboard(referrer.round)
    assert (row.rank, row.name, row.counted, row.waiting) == (1, "Thí sinh 1", 1, 0)


def test_tampered_code_is_explained_and_credits_nobody(referrer, app):
    client = app.test_client()
    for code in (referrer.code[:-1] + "z", "' OR 1=1 --", "A" * 300):
        response = client.get(f"/gt/{code}")
        assert response.status_code == 404
        assert "Liên kết giới thiệu không hợp lệ" in response.get_data(as_text=True)
    assert client.get(f"/gt/{referrer.code}x/qr.svg").status_code == 404
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Referral)) == 0


def test_following_your_own_link_credits_nothing(referrer, app, auth, client):
    auth.login(referrer.users[0])
    response = client.get(f"/gt/{referrer.code}", follow_redirects=True)
    assert "Bạn đã đăng ký cuộc thi này." in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Referral)) == 0


def test_burst_from_one_address_is_shown_not_counted(referrer, app, make_attempt, make_user,
                                                     auth, client):
    for n in range(3):
        join(app, referrer, f"093300001{n}", REMOTE_ADDR="10.9.9.9")
    for referral in db.session.scalars(sa.select(Referral)):
        make_attempt(referral.referred.user, referrer.round)
    [row] = queries.leaderboard(referrer.round)
    assert (row.counted, row.flagged) == (0, 3)
    auth.login(make_user(role="organiser"))
    url = f"/quan-ly/dot-thi/{referrer.round.id}/lan-toa"
    page = client.get(url).get_data(as_text=True)
    assert "Nhiều lượt đăng ký dồn dập từ cùng một địa chỉ mạng" in page
    first = db.session.scalars(sa.select(Referral).order_by(Referral.id)).first()
    client.post(f"/quan-ly/gioi-thieu/{first.id}/chap-nhan", data={"vong": referrer.round.id})
    [row] = queries.leaderboard(referrer.round)
    assert (row.counted, row.flagged) == (1, 2)
    export = client.get(f"{url}.xlsx")
    assert export.status_code == 200 and export.data.startswith(b"PK")


def test_share_page_needs_a_registration(contest_world, make_user, auth, client):
    world = contest_world(entrants=0)
    auth.login(make_user())
    assert client.get(f"/cuoc-thi/{world.contest.id}/lan-toa").status_code == 404


def test_referral_prizes_share_ties_and_need_a_counted_referral():
    from types import SimpleNamespace

    from contest.referrals.prizes import award

    rows = [SimpleNamespace(registration_id=i, rank=rank, name=f"N{i}", unit="", counted=c,
                            flagged=0, waiting=0)
            for i, (rank, c) in enumerate([(1, 5), (2, 3), (2, 3), (4, 1), (5, 0)], start=1)]
    prizes = [r["prize"] for r in award(rows, {"nhat": 1, "nhi": 1, "ba": 1})]
    assert prizes == ["nhat", "nhi", "nhi", "", ""]  # the tie for second uses the third prize
    prizes = [r["prize"] for r in award(rows, {"nhat": 1, "nhi": 1, "ba": 2})]
    assert prizes == ["nhat", "nhi", "nhi", "ba", ""]
    assert award(rows, {"nhat": 1})[0]["prize_label"] == "Giải Nhất (Lan tỏa)"


def test_referral_prize_goes_through_confirm_publish_and_export(referrer, app, make_attempt,
                                                                make_user, auth, client):
    import io

    from openpyxl import load_workbook

    from contest.results import services as results

    join(app, referrer, "0933000021", REMOTE_ADDR="10.0.0.21")
    referral = db.session.scalars(sa.select(Referral)).one()
    make_attempt(referral.referred.user, referrer.round)
    from contest.attempts.closeout import close_out
    from contest.extensions import utcnow

    referrer.round.closes_at = utcnow() - timedelta(minutes=5)  # the round is over
    close_out(referrer.round)
    judge, organiser = make_user(role="judge"), make_user(role="organiser")
    results.confirm(judge.id, referrer.round)
    db.session.commit()
    auth.login(organiser)
    response = client.post(f"/ket-qua/dot/{referrer.round.id}/cong-bo",
                           data={"referrals_nhat": "1"})
    assert response.status_code == 302, response.get_data(as_text=True)
    snapshot = results.current(referrer.round)
    [row] = snapshot.data["referrals"]
    assert (row["name"], row["counted"], row["prize_label"]) == ("Thí sinh 1", 1,
                                                                 "Giải Nhất (Lan tỏa)")
    assert snapshot.data["plan"]["referrals"]["nhat"] == 1
    public = client.get(f"/ket-qua/dot/{referrer.round.id}").get_data(as_text=True)
    assert "Giải Lan tỏa" in public and "Thí sinh 1" in public.split("Giải Lan tỏa")[1]
    export = client.get(f"/cham-giai/dot/{referrer.round.id}/xuat/referrals")
    assert export.status_code == 200
    ws = load_workbook(io.BytesIO(export.data)).active
    values = [c.value for r in ws.iter_rows() for c in r]
    assert "BẢNG XẾP HẠNG LAN TỎA (NGƯỜI GIỚI THIỆU)" in str(values[0])
    assert "Giải Nhất (Lan tỏa)" in values and "Thí sinh 1" in values
