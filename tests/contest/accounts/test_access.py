"""Role guards, CSRF and the friendly error pages."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("role", ["entrant", "judge"])
def test_non_organiser_gets_friendly_403(client, auth, make_user, role):
    auth.login(make_user(role=role))
    response = client.get("/don-vi/")
    assert response.status_code == 403
    body = response.get_data(as_text=True)
    assert "Không có quyền truy cập" in body
    assert "Về trang chủ" in body


@pytest.mark.parametrize("role", ["admin", "organiser"])
def test_organisers_and_admins_pass_the_guard(client, auth, make_user, role):
    auth.login(make_user(role=role))
    assert client.get("/don-vi/").status_code == 200


def test_403_as_json_for_api_clients(client, auth, make_user):
    auth.login(make_user())
    response = client.get("/don-vi/", headers={"Accept": "application/json"})
    assert response.status_code == 403
    assert response.get_json()["error"] == "Không có quyền truy cập"


def test_unknown_page_is_friendly_404(client):
    response = client.get("/khong-ton-tai")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.get_data(as_text=True)


def test_menu_shows_units_only_to_organisers(client, auth, make_user):
    auth.login(make_user(role="entrant"))
    assert 'href="/don-vi/"' not in client.get("/").get_data(as_text=True)
    auth.logout()
    auth.login(make_user(role="organiser"))
    assert 'href="/don-vi/"' in client.get("/").get_data(as_text=True)


@pytest.fixture
def csrf_config(app_config):
    app_config["WTF_CSRF_ENABLED"] = True
    return app_config


def test_login_post_without_csrf_token_is_refused(csrf_config, client, make_user):
    make_user(phone="0912345678")
    response = client.post("/dang-nhap", data={"login": "0912345678", "password": "matkhau123"})
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert "Yêu cầu không hợp lệ" in body
    assert "tải lại trang" in body
    with client.session_transaction() as session:
        assert "_user_id" not in session


def test_login_post_with_csrf_token_works(csrf_config, client, make_user):
    make_user(phone="0912345678")
    page = client.get("/dang-nhap").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    response = client.post("/dang-nhap", data={
        "login": "0912345678", "password": "matkhau123", "csrf_token": token,
    })
    assert response.status_code == 302


def test_logout_without_csrf_token_is_refused(csrf_config, client, make_user):
    make_user(phone="0912345678", role="organiser")
    page = client.get("/dang-nhap").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    client.post("/dang-nhap", data={
        "login": "0912345678", "password": "matkhau123", "csrf_token": token,
    })
    assert client.post("/dang-xuat").status_code == 400
    assert client.get("/don-vi/").status_code == 200  # still logged in
