"""Public results page reads the current snapshot only and never shows phone or CCCD."""

from __future__ import annotations

from contest.extensions import db
from contest.judging import services as judging
from contest.results import services


def publish(world, make_user, reason=""):
    judge, organiser = make_user(role="judge"), make_user(role="organiser")
    services.confirm(judge.id, world.round)
    snapshot = services.publish(organiser.id, world.round, reason=reason)
    db.session.commit()
    return judge, organiser, snapshot


def test_public_page_masks_personal_data(world, client, make_user):
    world.entrant("Nguyễn Văn A", phone="0912345678", id_number="001090012345")
    publish(world, make_user)
    body = client.get(f"/ket-qua/dot/{world.round.id}").get_data(as_text=True)
    assert "Nguyễn Văn A" in body and "Sở Nội vụ" in body and "Giải Nhất" in body
    for secret in ("0912345678", "*******678", "001090012345", "2345", "1990"):
        assert secret not in body
    assert f"/ket-qua/dot/{world.round.id}" in client.get("/ket-qua/").get_data(as_text=True)


def test_unpublished_round_is_404(world, client):
    world.entrant("Nguyễn Văn A")
    assert client.get(f"/ket-qua/dot/{world.round.id}").status_code == 404
    assert client.get(f"/ket-qua/dot/{world.round.id}?phien_ban=x").status_code == 404


def test_both_versions_stay_viewable(world, client, make_user):
    a = world.entrant("Nguyễn Văn A", duration=100)
    world.entrant("Trần Thị B", duration=200)
    judge, organiser, _ = publish(world, make_user)
    judging.disqualify(judge.id, a, "Thi hộ cho người khác")
    services.confirm(judge.id, world.round)
    services.publish(organiser.id, world.round, reason="Loại thí sinh thi hộ")
    db.session.commit()
    current = client.get(f"/ket-qua/dot/{world.round.id}").get_data(as_text=True)
    assert "Nguyễn Văn A" not in current and "Phiên bản 2" in current
    assert "Loại thí sinh thi hộ" in current
    old = client.get(f"/ket-qua/dot/{world.round.id}?phien_ban=1").get_data(as_text=True)
    assert "Nguyễn Văn A" in old and "phiên bản cũ" in old


def test_publish_page_for_organisers_only(world, client, auth, make_user):
    world.entrant("Nguyễn Văn A")
    url = f"/ket-qua/dot/{world.round.id}/cong-bo"
    auth.login(make_user(role="judge"))
    assert client.get(url).status_code == 403
    client.post(f"/cham-giai/dot/{world.round.id}/xac-nhan", data={"note": ""})
    auth.logout()
    auth.login(make_user(role="organiser"))
    assert "Đã được Ban giám khảo xác nhận" in client.get(url).get_data(as_text=True)
    form = {f"g{world.group.id}_nhat": "1", f"g{world.group.id}_nhi": "0", "reason": ""}
    response = client.post(url, data=form)
    assert response.status_code == 302
    assert services.current(world.round).version == 1
    bad = client.post(url, data={f"g{world.group.id}_nhat": "-1", "reason": "Sửa số giải"},
                      follow_redirects=True)
    assert "Số lượng giải" in bad.get_data(as_text=True)
    assert services.current(world.round).version == 1
