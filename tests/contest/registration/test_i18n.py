"""The sign-up page, its checks and the organisers' list follow the language."""

from __future__ import annotations

from contest.extensions import db
from contest.units.models import Unit
from tests.lang import english


def test_sign_up_page_in_english(client, make_contest):
    contest = make_contest()
    english(client)
    body = client.get(f"/dang-ky/{contest.invite_token}?don-vi=KHONG-CO").get_data(as_text=True)
    assert "No unit has the code «KHONG-CO»" in body
    assert "About your personal data." in body and "Decree 13/2023/NĐ-CP" in body
    assert "Repeat the password" in body and "Full name (as on your citizen ID card)" in body
    assert "Về dữ liệu cá nhân." not in body


def test_sign_up_problems_in_english_and_vietnamese(client, make_contest):
    contest = make_contest()
    db.session.add(Unit(code="SNV", name="Sở Nội vụ"))
    db.session.commit()
    data = {"full_name": "Phạm Văn Dũng", "phone": "12345", "date_of_birth": "1988-02-03",
            "password": "matkhau123", "password_again": "khac12345",
            "group_id": str(contest.groups[0].id), "unit_id": "", "consent": "y"}
    body = client.post(f"/dang-ky/{contest.invite_token}", data=data).get_data(as_text=True)
    assert "Hai lần nhập mật khẩu không khớp." in body
    english(client)
    body = client.post(f"/dang-ky/{contest.invite_token}", data=data).get_data(as_text=True)
    assert "The two passwords do not match." in body
    data["password_again"] = data["password"]
    body = client.post(f"/dang-ky/{contest.invite_token}", data=data).get_data(as_text=True)
    assert "Please choose a unit." in body
    assert "The phone number must have 10 digits and start with 0." in body


def test_organisers_list_in_english(client, auth, make_contest, make_user):
    contest = make_contest()
    auth.login(make_user(role="organiser", phone=None, email="btc@example.vn"))
    english(client)
    body = client.get(f"/quan-ly/cuoc-thi/{contest.id}/thi-sinh").get_data(as_text=True)
    assert "Registered entrants" in body and "0 entrants." in body and "No entrants." in body
    # The entrant-group filter says so, and the unit picker gets its messages in English too.
    assert "Entrant group" in body and "data-unit-picker-messages" in body
