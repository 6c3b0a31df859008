"""Results pages in English, while snapshots (and so the official documents) stay Vietnamese."""

from __future__ import annotations

from contest.extensions import db
from contest.results import services
from tests.lang import english


def test_publish_in_english_freezes_vietnamese_text(world, client, auth, make_user):
    world.entrant("Nguyễn Văn A", duration=100)
    world.entrant("Trần Thị B", duration=200)
    judge = make_user(role="judge")
    services.confirm(judge.id, world.round)
    db.session.commit()
    auth.login(make_user(role="organiser"))
    english(client)
    url = f"/ket-qua/dot/{world.round.id}/cong-bo"
    page = client.get(url).get_data(as_text=True)
    assert "Confirmed by the judges" in page and "First prize" in page
    form = {f"g{world.group.id}_nhat": "1", f"g{world.group.id}_nhi": "1", "reason": ""}
    body = client.post(url, data=form, follow_redirects=True).get_data(as_text=True)
    assert "Results published, version 1." in body
    data = services.current(world.round).data
    rows = data["groups"][0]["rows"]
    assert data["chain"][0] == "điểm" and rows[0]["prize_label"] == "Giải Nhất"
    assert rows[0]["time_taken"] == "1 phút 40 giây" and rows[0]["deciding"].startswith("Bằng")
    # The public page shows the frozen results in the reader's language.
    assert "First prize" in body and "Second prize" in body and "1 min 40 s" in body
    assert "Version 1, published at" in body and "Ranking order: score" in body
    assert "Giải Nhất" not in body and "phút" not in body


def test_public_page_stays_vietnamese_by_default(world, client, make_user):
    world.entrant("Nguyễn Văn A", duration=100)
    judge, organiser = make_user(role="judge"), make_user(role="organiser")
    services.confirm(judge.id, world.round)
    services.publish(organiser.id, world.round)
    db.session.commit()
    body = client.get(f"/ket-qua/dot/{world.round.id}").get_data(as_text=True)
    assert "Giải Nhất" in body and "1 phút 40 giây" in body and "Thứ tự xếp hạng: điểm" in body
    english(client)
    body = client.get(f"/ket-qua/dot/{world.round.id}").get_data(as_text=True)
    assert "First prize" in body and "Published results" not in body
    assert "No results have been published yet." not in client.get("/ket-qua/").get_data(
        as_text=True)


def test_publish_errors_in_english(world, client, auth, make_user):
    world.entrant("Nguyễn Văn A")
    auth.login(make_user(role="organiser"))
    english(client)
    url = f"/ket-qua/dot/{world.round.id}/cong-bo"
    body = client.post(url, data={"reason": ""}, follow_redirects=True).get_data(as_text=True)
    assert "The results have not been confirmed by the judges" in body
