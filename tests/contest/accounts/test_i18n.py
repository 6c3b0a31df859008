"""Login messages follow the language cookie; Vietnamese stays the default."""

from __future__ import annotations

from tests.lang import english


def test_wrong_password_message_in_english(client, make_user):
    make_user(phone="0912345678")
    english(client)
    response = client.post("/dang-nhap", data={"login": "0912345678", "password": "sai-mat-khau"})
    body = response.get_data(as_text=True)
    assert "Wrong phone number/email or password." in body
    assert "không đúng" not in body


def test_login_required_and_logout_messages_follow_the_language(client, auth, make_user):
    user = make_user()
    page = client.get("/bai-thi/cua-toi", follow_redirects=True).get_data(as_text=True)
    assert "Vui lòng đăng nhập để tiếp tục." in page
    english(client)
    page = client.get("/bai-thi/cua-toi", follow_redirects=True).get_data(as_text=True)
    assert "Please log in to continue." in page
    auth.login(user)
    page = client.post("/dang-xuat", follow_redirects=True).get_data(as_text=True)
    assert "You have logged out." in page
