"""``flask --app contest users create``."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from contest.accounts.models import User
from contest.extensions import db


@pytest.fixture
def real_kdf(app_config):
    app_config["PASSWORD_HASH_METHOD"] = "scrypt"


def test_users_create_makes_an_admin(real_kdf, runner):
    result = runner.invoke(args=[
        "users", "create", "--role", "admin", "--name", "Quản trị viên",
        "--phone", "+84 912 345 678", "--email", "Admin@Tinh.gov.vn", "--password", "matkhau123",
    ])
    assert result.exit_code == 0, result.output
    assert "Created admin" in result.output
    user = db.session.scalar(sa.select(User).where(User.phone == "0912345678"))
    assert user.role == "admin"
    assert user.email == "admin@tinh.gov.vn"
    assert user.full_name == "Quản trị viên"
    assert user.password_hash.startswith("scrypt:")


def test_created_user_can_log_in(runner, client):
    runner.invoke(args=["users", "create", "--role", "organiser", "--name", "BTC",
                        "--email", "btc@tinh.gov.vn", "--password", "matkhau123"])
    response = client.post("/dang-nhap",
                           data={"login": "btc@tinh.gov.vn", "password": "matkhau123"})
    assert response.status_code == 302


def test_users_create_refuses_a_duplicate_phone(runner, make_user):
    make_user(phone="0912345678")
    result = runner.invoke(args=[
        "users", "create", "--role", "judge", "--name", "Trùng", "--phone", "0912.345.678",
        "--password", "matkhau123",
    ])
    assert result.exit_code != 0
    assert "Số điện thoại này đã được đăng ký." in result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 1


def test_users_create_refuses_a_short_password(runner):
    result = runner.invoke(args=["users", "create", "--role", "admin", "--name", "A",
                                 "--email", "a@b.vn", "--password", "ngan"])
    assert result.exit_code != 0
    assert "ít nhất 8 ký tự" in result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 0


def test_users_create_needs_a_login(runner):
    result = runner.invoke(args=["users", "create", "--role", "admin", "--name", "A",
                                 "--password", "matkhau123"])
    assert result.exit_code != 0
    assert "Cần số điện thoại hoặc email" in result.output


def test_users_create_refuses_an_unknown_role(runner):
    result = runner.invoke(args=["users", "create", "--role", "boss", "--name", "A",
                                 "--email", "a@b.vn", "--password", "matkhau123"])
    assert result.exit_code == 2
