"""Logging in and out: phone or email, remember me, safe redirects, inactive accounts."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from contest.accounts.models import User
from contest.extensions import db


def test_login_by_phone_redirects_home(client, make_user):
    user = make_user(phone="0912345678")
    response = client.post("/dang-nhap", data={"login": "0912345678", "password": "matkhau123"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    with client.session_transaction() as session:
        assert session["_user_id"] == str(user.id)


@pytest.mark.parametrize("typed", ["+84912345678", "+84 912 345 678", "84912345678",
                                   "0912.345.678", " 0912-345-678 "])
def test_login_by_phone_in_other_spellings(client, make_user, typed):
    user = make_user(phone="0912345678")
    response = client.post("/dang-nhap", data={"login": typed, "password": "matkhau123"})
    assert response.status_code == 302
    with client.session_transaction() as session:
        assert session["_user_id"] == str(user.id)


def test_login_by_email_ignores_case(client, make_user):
    user = make_user(role="organiser", phone=None, email="btc@sonoivu.gov.vn")
    response = client.post(
        "/dang-nhap", data={"login": "  BTC@SoNoiVu.gov.VN ", "password": "matkhau123"}
    )
    assert response.status_code == 302
    with client.session_transaction() as session:
        assert session["_user_id"] == str(user.id)


def test_wrong_password_flashes_and_stays_logged_out(client, make_user):
    make_user(phone="0912345678")
    response = client.post("/dang-nhap", data={"login": "0912345678", "password": "saimatkhau"})
    assert response.status_code == 200
    assert "Số điện thoại/email hoặc mật khẩu không đúng." in response.get_data(as_text=True)
    with client.session_transaction() as session:
        assert "_user_id" not in session


def test_unknown_login_gets_the_same_message(client):
    response = client.post("/dang-nhap", data={"login": "0999999999", "password": "matkhau123"})
    assert response.status_code == 200
    assert "Số điện thoại/email hoặc mật khẩu không đúng." in response.get_data(as_text=True)


def test_empty_form_shows_field_errors(client):
    response = client.post("/dang-nhap", data={})
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Vui lòng nhập số điện thoại hoặc email." in body
    assert "Vui lòng nhập mật khẩu." in body


def test_remember_me_sets_a_remember_cookie(client, make_user):
    make_user(phone="0912345678")
    client.post("/dang-nhap",
                data={"login": "0912345678", "password": "matkhau123", "remember": "y"})
    cookie = client.get_cookie("remember_token")
    assert cookie is not None
    assert cookie.http_only


def test_without_remember_me_no_remember_cookie(client, make_user):
    make_user(phone="0912345678")
    client.post("/dang-nhap", data={"login": "0912345678", "password": "matkhau123"})
    assert client.get_cookie("remember_token") is None


def test_remember_cookie_restores_the_session(client, make_user):
    make_user(role="organiser", phone="0912345678")
    client.post("/dang-nhap",
                data={"login": "0912345678", "password": "matkhau123", "remember": "y"})
    client.delete_cookie("session")
    assert client.get("/don-vi/").status_code == 200


def test_logout_is_post_only(client, auth, make_user):
    user = make_user(role="organiser")
    auth.login(user)
    response = client.get("/dang-xuat")
    assert response.status_code == 405
    assert "Thao tác không được hỗ trợ" in response.get_data(as_text=True)
    assert client.get("/don-vi/").status_code == 200  # still logged in
    response = client.post("/dang-xuat")
    assert response.status_code == 302
    assert client.get("/don-vi/").status_code == 302  # back to the login page


def test_logout_forgets_the_remember_cookie(client, make_user):
    make_user(role="organiser", phone="0912345678")
    client.post("/dang-nhap",
                data={"login": "0912345678", "password": "matkhau123", "remember": "y"})
    client.post("/dang-xuat")
    assert client.get("/don-vi/").status_code == 302


def test_next_redirect_follows_a_local_path(client, make_user):
    make_user(phone="0912345678")
    response = client.post("/dang-nhap?next=/don-vi/?q=x",
                           data={"login": "0912345678", "password": "matkhau123"})
    assert response.headers["Location"] == "/don-vi/?q=x"


@pytest.mark.parametrize("target", [
    "https://evil.example/", "//evil.example/", "/\\evil.example", "\\\\evil.example",
    "http:/evil.example", "javascript:alert(1)", "/\r\nLocation: https://evil.example",
    " //evil.example",
])
def test_next_redirect_never_leaves_the_site(client, make_user, target):
    make_user(phone="0912345678")
    response = client.post("/dang-nhap", query_string={"next": target},
                           data={"login": "0912345678", "password": "matkhau123"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_protected_page_sends_anonymous_user_to_login_with_next(client):
    response = client.get("/don-vi/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/dang-nhap?next=")


def test_logged_in_user_visiting_login_is_redirected(client, auth, make_user):
    auth.login(make_user())
    assert client.get("/dang-nhap").status_code == 302


def test_inactive_user_cannot_log_in(client, make_user):
    user = make_user(phone="0912345678")
    user.active = False
    db.session.commit()
    response = client.post("/dang-nhap", data={"login": "0912345678", "password": "matkhau123"})
    assert response.status_code == 200
    assert "không đúng" in response.get_data(as_text=True)
    with client.session_transaction() as session:
        assert "_user_id" not in session


def test_deactivated_user_loses_the_open_session(client, auth, make_user):
    user = make_user(role="organiser")
    auth.login(user)
    assert client.get("/don-vi/").status_code == 200
    user.active = False
    db.session.commit()
    assert client.get("/don-vi/").status_code == 302


@pytest.fixture
def real_kdf(app_config):
    app_config["PASSWORD_HASH_METHOD"] = "scrypt"


def test_password_is_stored_hashed_with_scrypt(real_kdf, make_user):
    user = make_user(password="matkhau-bi-mat")
    stored = db.session.scalar(sa.select(User.password_hash).where(User.id == user.id))
    assert stored.startswith("scrypt:")
    assert "matkhau-bi-mat" not in stored
    assert user.check_password("matkhau-bi-mat")
    assert not user.check_password("matkhau-bi-mak")
