"""Judging pages, flags and decisions in English; Vietnamese stays the default."""

from __future__ import annotations

from tests.lang import english


def test_leaderboard_and_entry_in_english_and_vietnamese(world, client, auth, make_user):
    world.entrant("Nguyễn Văn A", duration=100)
    second = world.entrant("Trần Thị B", duration=200, score=3)
    auth.login(make_user(role="judge"))
    board = f"/cham-giai/dot/{world.round.id}"
    entry = f"{board}/thi-sinh/{second.id}"
    # Vietnamese first, so an English page served from the Vietnamese cache would show.
    assert "2 thí sinh" in client.get(board).get_data(as_text=True)
    assert "Điểm 4/4 &gt; 3/4" in client.get(entry).get_data(as_text=True)
    english(client)
    body = client.get(board).get_data(as_text=True)
    assert "2 entrants." in body and "Judges' confirmation" in body
    assert "Họ và tên" not in body and "thí sinh" not in body
    body = client.get(entry).get_data(as_text=True)
    assert "Score 4/4 &gt; 3/4" in body and "Rank 2 / 2 in the entrant group." in body
    assert "Attempt 1" in body and "3 min 20 s" in body
    assert "Disqualify entrant" in body and "Điểm" not in body


def test_decision_flashes_follow_the_language(world, client, auth, make_user):
    reg = world.entrant("Nguyễn Văn A")
    auth.login(make_user(role="judge"))
    english(client)
    url = f"/cham-giai/dot/{world.round.id}/thi-sinh/{reg.id}"
    body = client.post(url + "/loai", data={"scope": "contest", "reason": ""},
                       follow_redirects=True).get_data(
        as_text=True)
    assert "Please give a reason." in body
    body = client.post(url + "/loai", data={"scope": "contest", "reason": "Thi hộ người khác"},
                       follow_redirects=True).get_data(as_text=True)
    assert "Decision recorded and saved to the audit log." in body
    body = client.post(url + "/loai", data={"scope": "contest", "reason": "Thi hộ người khác"},
                       follow_redirects=True).get_data(as_text=True)
    assert "This entrant was already disqualified (the whole contest)." in body
    body = client.get("/cham-giai/nhat-ky").get_data(as_text=True)
    assert "Audit log" in body and "Disqualify entrant" in body
    assert "Thi hộ người khác" in body  # the reason is data, never translated


def test_flags_page_in_english(world, client, auth, make_user):
    for i in range(3):
        world.entrant(f"Cùng máy {i}", device="thiet-bi-1")
    auth.login(make_user(role="judge"))
    url = f"/cham-giai/dot/{world.round.id}/canh-bao"
    assert "3 tài khoản khác nhau" in client.get(url).get_data(as_text=True)
    english(client)
    body = client.get(url).get_data(as_text=True)
    assert "Several accounts on one device" in body and "1 flag." in body
    assert "3 different accounts took the test from one device" in body
    assert "tài khoản" not in body
