"""Judging pages: access by role, entry review, decisions, audit log, cache."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from contest.audit.models import AuditEntry
from contest.extensions import db
from contest.ranking import services as ranking


def test_anonymous_is_sent_to_login(world, client):
    response = client.get(f"/cham-giai/dot/{world.round.id}")
    assert response.status_code == 302 and "/dang-nhap" in response.headers["Location"]


def test_entrant_gets_403(world, client, auth, make_user):
    auth.login(make_user(role="entrant"))
    assert client.get(f"/cham-giai/dot/{world.round.id}").status_code == 403
    assert client.get("/cham-giai/nhat-ky").status_code == 403


@pytest.mark.parametrize("role", ["judge", "organiser", "admin"])
def test_staff_see_the_leaderboard(world, client, auth, make_user, role):
    world.entrant("Nguyễn Văn A", duration=100)
    world.entrant("Trần Thị B", duration=200)
    auth.login(make_user(role=role))
    body = client.get(f"/cham-giai/dot/{world.round.id}").get_data(as_text=True)
    assert "Nguyễn Văn A" in body and "Trần Thị B" in body
    assert body.index("Nguyễn Văn A") < body.index("Trần Thị B")
    assert "2 thí sinh" in body
    assert client.get("/cham-giai/").status_code == 200


def test_filters_and_bad_arguments(world, client, auth, make_user):
    world.entrant("Ở Sở Nội vụ")
    world.entrant("Ở Sở Tư pháp", unit=world.other_unit)
    auth.login(make_user(role="judge"))
    url = f"/cham-giai/dot/{world.round.id}"
    body = client.get(f"{url}?don_vi={world.other_unit.id}").get_data(as_text=True)
    assert "Ở Sở Tư pháp" in body and "Ở Sở Nội vụ" not in body
    assert client.get(f"{url}?khoi=abc").status_code == 400
    assert client.get(f"{url}?khoi=9999").status_code == 404
    assert client.get("/cham-giai/dot/9999").status_code == 404


def test_entry_page_shows_answers_timings_and_neighbours(world, client, auth, make_user):
    first = world.entrant("Nguyễn Văn A", duration=100)
    second = world.entrant("Trần Thị B", duration=200, score=3)
    auth.login(make_user(role="judge"))
    body = client.get(f"/cham-giai/dot/{world.round.id}/thi-sinh/{second.id}").get_data(
        as_text=True)
    assert "Câu hỏi số 3?" in body and "Phương án sai 1" in body
    assert "200.0" in body  # last answer 200 s after the start
    assert "Nguyễn Văn A" in body and "Điểm 4/4 &gt; 3/4" in body
    assert "*******" in body and "0800000002" not in body
    assert first.id != second.id


def test_disqualify_from_the_page_needs_a_reason(world, client, auth, make_user):
    reg = world.entrant("Nguyễn Văn A")
    judge = make_user(role="judge")
    auth.login(judge)
    url = f"/cham-giai/dot/{world.round.id}/thi-sinh/{reg.id}"
    response = client.post(url + "/loai", data={"scope": "contest", "reason": ""},
                           follow_redirects=True)
    assert "Vui lòng ghi lý do" in response.get_data(as_text=True)
    db.session.refresh(reg)
    assert reg.disqualified is False
    client.post(url + "/loai", data={"scope": "contest", "reason": "Sử dụng nhiều tài khoản"})
    db.session.refresh(reg)
    assert reg.disqualified and reg.disqualify_reason == "Sử dụng nhiều tài khoản"
    body = client.get("/cham-giai/nhat-ky").get_data(as_text=True)
    assert "Loại thí sinh" in body and "Sử dụng nhiều tài khoản" in body
    body = client.get("/cham-giai/nhat-ky?hanh_dong=results.publish").get_data(as_text=True)
    assert "Sử dụng nhiều tài khoản" not in body
    assert client.get("/cham-giai/nhat-ky?tu=xx").status_code == 400


def test_flags_page_explains(world, client, auth, make_user):
    for i in range(3):
        world.entrant(f"Cùng máy {i}", device="thiet-bi-1")
    auth.login(make_user(role="judge"))
    body = client.get(f"/cham-giai/dot/{world.round.id}/canh-bao").get_data(as_text=True)
    assert "Nhiều tài khoản trên một thiết bị" in body and "3 tài khoản" in body
    assert "không tự động loại" in body


def test_audit_export_csv_and_xlsx(world, client, auth, make_user):
    reg = world.entrant("Nguyễn Văn A")
    auth.login(make_user(role="judge"))
    client.post(f"/cham-giai/dot/{world.round.id}/thi-sinh/{reg.id}/loai",
                data={"scope": "contest", "reason": "Thi hộ người khác"})
    csv = client.get("/cham-giai/nhat-ky/xuat?dinh_dang=csv")
    assert csv.data.startswith(b"\xef\xbb\xbf")
    assert "Thi hộ người khác" in csv.data.decode("utf-8-sig")
    xlsx = client.get("/cham-giai/nhat-ky/xuat?dinh_dang=xlsx")
    assert xlsx.status_code == 200 and xlsx.data.startswith(b"PK")
    assert client.get("/cham-giai/nhat-ky/xuat?dinh_dang=pdf").status_code == 400


def test_verification_export_only_for_organisers_and_logged(world, client, auth, make_user):
    world.entrant("Nguyễn Văn A", phone="0912345678")
    url = f"/cham-giai/dot/{world.round.id}/xuat-doi-chieu"
    auth.login(make_user(role="judge"))
    assert client.get(url).status_code == 403
    assert client.get(f"/cham-giai/dot/{world.round.id}/xuat/winners").status_code == 200
    auth.logout()
    organiser = make_user(role="organiser")
    auth.login(organiser)
    response = client.post(url, data={"reason": "Đối chiếu trước lễ trao giải"})
    assert response.status_code == 200 and response.data.startswith(b"PK")
    entry = db.session.scalar(sa.select(AuditEntry).where(
        AuditEntry.action == "export.verification"))
    assert entry.actor_id == organiser.id


@pytest.mark.parametrize("redis", [False, True], ids=["memory", "redis"])
def test_second_view_is_served_from_cache(app, world, client, auth, make_user, monkeypatch,
                                          redis):
    if redis:
        app.config["REDIS_URL"] = "redis://127.0.0.1:6379/0"
        app.extensions.pop("leaderboard_cache", None)
    reg = world.entrant("Nguyễn Văn A")
    calls = []
    real = ranking.round_ranking
    monkeypatch.setattr(ranking, "round_ranking", lambda *a, **k: calls.append(1) or real(*a, **k))
    auth.login(make_user(role="judge"))
    url = f"/cham-giai/dot/{world.round.id}"
    assert client.get(url).status_code == 200
    first = len(calls)  # the board and the prize-boundary review each rank once
    assert first == 2
    assert client.get(url).status_code == 200
    assert len(calls) == first
    # A judge's action changes the data version, so the next view recomputes.
    client.post(f"{url}/thi-sinh/{reg.id}/loai",
                data={"scope": "contest", "reason": "Thi hộ người khác"})
    assert "Chưa có bài thi" in client.get(url).get_data(as_text=True)
    assert len(calls) == 2 * first
