"""Registering entrants and organisers' logged corrections."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from contest.accounts.models import User
from contest.audit.models import AuditEntry
from contest.contests.services import update_contest
from contest.extensions import db
from contest.registration.services import (
    RegistrationError,
    register_entrant,
    update_registration,
)
from contest.units.models import Unit


@pytest.fixture
def unit(app):
    unit = Unit(code="SNV", name="Sở Nội vụ")
    db.session.add(unit)
    db.session.commit()
    return unit


def person(**fields):
    values = {"full_name": "Nguyễn Văn An", "phone": "0912 345 678", "password": "matkhau123",
              "date_of_birth": date(1990, 5, 1), "id_number": "001090000001"}
    values.update(fields)
    return values


def test_register_new_entrant_creates_account_and_registration(make_contest, unit):
    contest = make_contest()
    registration = register_entrant(contest, contest.groups[0], unit, person())
    db.session.commit()
    user = registration.user
    assert user.role == "entrant" and user.phone == "0912345678"
    assert user.unit_id == unit.id and user.check_password("matkhau123")
    assert registration.consent_at is not None


def test_consent_is_required(make_contest, unit):
    contest = make_contest()
    with pytest.raises(RegistrationError, match="Nghị định 13/2023/NĐ-CP"):
        register_entrant(contest, contest.groups[0], unit, person(), consent=False)
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 0


def test_required_fields_follow_the_contest(make_contest, unit):
    contest = make_contest()
    update_contest(contest, required_fields=["date_of_birth", "id_number", "email"])
    with pytest.raises(RegistrationError) as error:
        register_entrant(contest, contest.groups[0], unit,
                         person(full_name=" ", id_number="", date_of_birth=None))
    assert "Vui lòng nhập họ và tên." in error.value.problems
    assert "Vui lòng nhập số cccd." in error.value.problems
    assert "Vui lòng nhập email." in error.value.problems
    assert "Vui lòng nhập ngày sinh." in error.value.problems


@pytest.mark.parametrize(("fields", "message"), [
    ({"id_number": "12345678901"}, "Số CCCD phải gồm đúng 12 chữ số."),
    ({"id_number": "00109000000A"}, "Số CCCD phải gồm đúng 12 chữ số."),
    ({"phone": "12345"}, "Số điện thoại phải gồm 10 chữ số, bắt đầu bằng 0."),
    ({"password": "ngan"}, "Mật khẩu phải có ít nhất 8 ký tự."),
    ({"email": "khong-phai-email"}, "Địa chỉ email không hợp lệ."),
    ({"gender": "x"}, "Giới tính không hợp lệ."),
])
def test_malformed_fields_are_refused(make_contest, unit, fields, message):
    contest = make_contest()
    with pytest.raises(RegistrationError) as error:
        register_entrant(contest, contest.groups[0], unit, person(**fields))
    assert message in error.value.problems


def test_one_account_per_phone_and_per_id_number(make_contest, unit):
    contest = make_contest()
    register_entrant(contest, contest.groups[0], unit, person())
    db.session.commit()
    with pytest.raises(RegistrationError) as error:
        register_entrant(contest, contest.groups[0], unit,
                         person(phone="0912345678", id_number="001090000001"))
    # One neutral answer that names neither number (issue 14: no enumeration).
    assert error.value.problems == [
        "Không thể đăng ký với thông tin này. Nếu bạn đã có tài khoản, hãy đăng nhập; "
        "nếu quên mật khẩu, hãy liên hệ Ban tổ chức để được đặt lại."]


def test_existing_entrant_registers_for_another_contest(make_contest, unit, make_user):
    first, second = make_contest(), make_contest(title="Cuộc thi thứ hai")
    user = register_entrant(first, first.groups[0], unit, person()).user
    registration = register_entrant(second, second.groups[1], unit, user)
    assert registration.user is user and registration.group.name == "Người dân"
    with pytest.raises(RegistrationError, match="đã đăng ký cuộc thi này"):
        register_entrant(second, second.groups[0], unit, user)
    with pytest.raises(RegistrationError, match="không được dự thi"):
        register_entrant(second, second.groups[0], unit, make_user(role="judge"))


def test_existing_entrant_fills_only_missing_required_fields(make_contest, unit, make_user):
    contest = make_contest()
    update_contest(contest, required_fields=["id_number"])
    user = make_user(full_name="Lê Thị Bình")
    with pytest.raises(RegistrationError, match="Vui lòng nhập số cccd"):
        register_entrant(contest, contest.groups[0], unit, user)
    register_entrant(contest, contest.groups[0], unit, user,
                     extra_fields={"id_number": "001090000009", "full_name": "Người khác"})
    assert user.id_number == "001090000009" and user.full_name == "Lê Thị Bình"


def test_unit_and_group_and_open_contest_required(make_contest, unit):
    contest, draft = make_contest(), make_contest(published=False, title="Nháp")
    with pytest.raises(RegistrationError) as error:
        register_entrant(contest, draft.groups[0], None, person())
    assert "Vui lòng chọn khối thi." in error.value.problems
    assert "Vui lòng chọn đơn vị." in error.value.problems
    with pytest.raises(RegistrationError, match="không nhận đăng ký"):
        register_entrant(draft, draft.groups[0], unit, person())


def test_organiser_edit_is_logged_with_before_and_after(make_contest, unit, make_user):
    organiser = make_user(role="organiser")
    contest = make_contest()
    registration = register_entrant(contest, contest.groups[0], unit, person())
    db.session.commit()
    with pytest.raises(RegistrationError, match="lý do"):
        update_registration(registration, {"full_name": "Nguyễn Văn Ân"},
                            actor_id=organiser.id, reason="")
    update_registration(registration, {"full_name": "Nguyễn Văn Ân", "phone": "0912345678",
                                       "group_id": contest.groups[1].id},
                        actor_id=organiser.id, reason="Sai chính tả theo CCCD")
    db.session.commit()
    entry = db.session.scalar(sa.select(AuditEntry).where(~AuditEntry.action.like("%.create")))
    assert entry.action == "registration.edit" and entry.reason == "Sai chính tả theo CCCD"
    assert entry.details["before"] == {"full_name": "Nguyễn Văn An",
                                       "group_id": contest.groups[0].id}
    assert entry.details["after"] == {"full_name": "Nguyễn Văn Ân",
                                      "group_id": contest.groups[1].id}
    assert registration.user.full_name == "Nguyễn Văn Ân"
    assert registration.group.name == "Người dân"


def test_organiser_edit_checks_uniqueness_and_changes(make_contest, unit, make_user):
    contest = make_contest()
    make_user(phone="0987654321")
    registration = register_entrant(contest, contest.groups[0], unit, person())
    with pytest.raises(RegistrationError, match="Số điện thoại này đã được đăng ký"):
        update_registration(registration, {"phone": "0987654321"}, actor_id=None, reason="x")
    with pytest.raises(RegistrationError, match="Không có thông tin nào thay đổi"):
        update_registration(registration, {"full_name": "Nguyễn Văn An"}, actor_id=None,
                            reason="x")
    assert db.session.scalar(sa.select(sa.func.count(AuditEntry.id))
                             .where(AuditEntry.action == "registration.edit")) == 0
