"""Attacks on passwords (issue 14, points 5 and 6): guessable passwords accepted, no way to
change one, no way back into an account without an e-mail channel."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask import g

from contest.accounts.models import User
from contest.accounts.passwords import common_passwords, password_problems
from contest.accounts.services import AccountError, create_user
from contest.audit.models import AuditEntry
from contest.extensions import db


def post(client, url: str, data: dict):
    g.pop("_login_user", None)  # the tests' app context spans requests; a server's does not
    return client.post(url, data=data)


@pytest.mark.parametrize("password", ["12345678", "Password123", "QWERTYUIOP", "anhyeuem123",
                                      "11111111", "1q2w3e4r", "iloveyou"])
def test_common_passwords_are_refused(app, password):
    assert password_problems(password) == [
        "Mật khẩu này quá phổ biến, dễ bị đoán. Vui lòng chọn mật khẩu khác."]


def test_the_list_ships_with_the_app_and_leaves_the_test_password_valid(app):
    assert len(common_passwords()) > 1000
    assert password_problems("matkhau123") == []
    assert password_problems("ngan") == ["Mật khẩu phải có ít nhất 8 ký tự."]


def test_password_equal_to_the_phone_or_cccd_is_refused(app):
    with pytest.raises(AccountError, match="trùng số điện thoại"):
        create_user(full_name="A", password="0912345678", phone="0912345678")
    with pytest.raises(AccountError, match="trùng số điện thoại"):
        create_user(full_name="A", password="+84 912 345 678", phone="0912345678")
    with pytest.raises(AccountError, match="trùng số điện thoại"):
        create_user(full_name="A", password="079190123456", phone="0912345678",
                    id_number="079190123456")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 0


def test_self_registration_with_12345678_creates_nothing(app, client, make_contest, make_unit):
    contest = make_contest()
    unit = make_unit()
    response = client.post(f"/dang-ky/{contest.invite_token}", data={
        "full_name": "Kẻ Tấn Công", "phone": "0934567890", "date_of_birth": "1988-02-03",
        "id_number": "079188123456", "password": "12345678",
        "password_again": "12345678", "group_id": contest.groups[0].id, "unit_id": unit.id,
        "consent": "y"})
    assert "Mật khẩu này quá phổ biến" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(User).where(User.phone == "0934567890")) is None


def test_cli_refuses_a_common_password(app, runner):
    result = runner.invoke(args=["users", "create", "--role", "admin", "--name", "A",
                                 "--email", "a@example.vn", "--password", "password1"])
    assert result.exit_code != 0 and "quá phổ biến" in result.output


def test_change_password_needs_the_current_one_and_a_good_new_one(app, client, auth, make_user):
    user = make_user()
    auth.login(user)
    url = "/tai-khoan/doi-mat-khau"
    assert client.get(url).headers["Cache-Control"] == "no-store"
    for data, message in [
        ({"current_password": "doan-bua", "new_password": "hoa-sen-2025",
          "new_password_again": "hoa-sen-2025"}, "Mật khẩu hiện tại không đúng."),
        ({"current_password": "matkhau123", "new_password": "12345678",
          "new_password_again": "12345678"}, "quá phổ biến"),
        ({"current_password": "matkhau123", "new_password": "hoa-sen-2025",
          "new_password_again": "hoa-sen-2026"}, "Hai mật khẩu mới không khớp."),
    ]:
        response = post(client, url, data)
        assert response.status_code == 400 and message in response.get_data(as_text=True)
    db.session.refresh(user)
    assert user.check_password("matkhau123")


@pytest.fixture
def accounts(make_user):
    return {role: make_user(role=role) for role in ("entrant", "judge", "organiser", "admin")}


def test_organiser_resets_an_entrants_password_audited(app, client, auth, accounts):
    entrant, organiser = accounts["entrant"], accounts["organiser"]
    auth.login(organiser)
    response = post(client, f"/quan-ly/tai-khoan/{entrant.id}/dat-lai-mat-khau",
                    {"reason": "Thí sinh quên mật khẩu, gọi điện xác minh"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    temporary = page.split('<strong class="mono">')[1].split("<")[0]
    assert len(temporary) == 10
    db.session.refresh(entrant)
    assert entrant.check_password(temporary) and not entrant.check_password("matkhau123")
    entry = db.session.scalar(sa.select(AuditEntry).where(
        AuditEntry.action == "account.password_reset"))
    assert entry.actor_id == organiser.id and entry.target_id == entrant.id
    assert temporary not in str(entry.details) and temporary not in entry.reason


@pytest.mark.parametrize(("actor", "target", "status"), [
    ("judge", "entrant", 403), ("entrant", "judge", 403), ("organiser", "admin", 403),
    ("organiser", "organiser", 403), ("admin", "admin", 403)])
def test_nobody_resets_an_account_above_or_beside_them(app, client, auth, accounts,
                                                       make_user, actor, target, status):
    victim = (accounts[target] if actor != target or actor == "admin"
              else make_user(role=target))
    if actor == "admin" and target == "admin":
        victim = accounts["admin"]  # their own: use the change-password page instead
    auth.login(accounts[actor])
    response = post(client, f"/quan-ly/tai-khoan/{victim.id}/dat-lai-mat-khau",
                    {"reason": "Chiếm tài khoản"})
    assert response.status_code == status
    db.session.refresh(victim)
    assert victim.check_password("matkhau123")


def test_a_temporary_password_must_be_replaced_before_anything_else(app, client, auth,
                                                                     accounts):
    from contest.accounts.services import reset_password

    entrant = accounts["entrant"]
    temporary = reset_password(accounts["organiser"], entrant, "Quên mật khẩu")
    db.session.commit()
    response = post(client, "/dang-nhap", {"login": entrant.login, "password": temporary})
    assert response.status_code == 302
    g.pop("_login_user", None)
    page = client.get("/bai-thi/cua-toi")
    assert page.status_code == 302 and page.headers["Location"] == "/tai-khoan/doi-mat-khau"
    done = post(client, "/tai-khoan/doi-mat-khau", {
        "current_password": temporary, "new_password": "hoa-sen-2025",
        "new_password_again": "hoa-sen-2025"})
    assert done.status_code == 302
    g.pop("_login_user", None)
    assert client.get("/bai-thi/cua-toi").status_code == 200


def test_guessing_the_current_password_through_a_stolen_session_is_throttled(app, client,
                                                                             auth, make_user):
    app.config["LOGIN_MAX_FAILURES"] = 3
    user = make_user()
    auth.login(user)
    guesses = [post(client, "/tai-khoan/doi-mat-khau", {
        "current_password": f"doan-{n}", "new_password": "chiem-tai-khoan",
        "new_password_again": "chiem-tai-khoan"}).status_code for n in range(5)]
    assert guesses == [400, 400, 400, 429, 429]
    db.session.refresh(user)
    assert user.check_password("matkhau123")
