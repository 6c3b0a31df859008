"""Sign-up pages, invitation links, QR codes and the organisers' registrations list."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from contest.accounts.models import User
from contest.audit.models import AuditEntry, PersonalDataChange
from contest.contests.models import Registration
from contest.contests.services import update_contest
from contest.extensions import db
from contest.registration.services import register_entrant
from contest.units.models import Unit


@pytest.fixture
def units(app):
    root = Unit(code="UBND-T", name="UBND tỉnh")
    db.session.add(root)
    db.session.flush()
    child = Unit(code="SNV", name="Sở Nội vụ", parent_id=root.id)
    other = Unit(code="STP", name="Sở Tư pháp", parent_id=root.id)
    db.session.add_all([child, other])
    db.session.commit()
    return root, child, other


def sign_up(contest, unit, **fields):
    data = {"full_name": "Phạm Văn Dũng", "phone": "0933444555", "date_of_birth": "1988-02-03",
            "password": "matkhau123", "password_again": "matkhau123",
            "group_id": str(contest.groups[0].id), "unit_id": str(unit.id), "consent": "y"}
    data.update(fields)
    return data


def test_invitation_link_preselects_the_unit_and_shows_paths(client, make_contest, units):
    contest = make_contest()
    body = client.get(f"/dang-ky/{contest.invite_token}?don-vi=SNV").get_data(as_text=True)
    assert f'<option selected value="{units[1].id}">UBND tỉnh › Sở Nội vụ</option>' in body
    assert "data-unit-picker" in body and "js/unit_picker.js" in body
    assert "Nghị định 13/2023/NĐ-CP" in body
    body = client.get(f"/dang-ky/{contest.invite_token}").get_data(as_text=True)
    assert f'<option selected value="{units[1].id}">' not in body


def test_unknown_unit_code_warns_but_page_works(client, make_contest, units):
    contest = make_contest()
    response = client.get(f"/dang-ky/{contest.invite_token}?don-vi=KHONG-CO")
    assert response.status_code == 200
    assert "Không tìm thấy đơn vị có mã «KHONG-CO»" in response.get_data(as_text=True)


def test_sign_up_creates_account_logs_in_and_redirects(client, make_contest, units):
    contest = make_contest()
    response = client.post(f"/dang-ky/{contest.invite_token}", data=sign_up(contest, units[1]))
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/cuoc-thi/{contest.id}")
    registration = db.session.scalar(sa.select(Registration))
    assert registration.user.phone == "0933444555" and registration.unit_id == units[1].id
    body = client.get(f"/cuoc-thi/{contest.id}").get_data(as_text=True)
    assert "Bạn đã đăng ký dự thi" in body and "Phạm Văn Dũng" in body


def test_sign_up_without_consent_is_refused(client, make_contest, units):
    contest = make_contest()
    data = sign_up(contest, units[1])
    del data["consent"]
    body = client.post(f"/dang-ky/{contest.invite_token}", data=data).get_data(as_text=True)
    assert "đồng ý cho phép xử lý dữ liệu cá nhân" in body
    assert db.session.scalar(sa.select(User)) is None


def test_sign_up_checks_cccd_and_duplicates(client, make_contest, make_user, units):
    contest = make_contest()
    update_contest(contest, required_fields=["id_number"])
    db.session.commit()
    make_user(phone="0933444555", id_number="001088000123")
    body = client.post(f"/dang-ky/{contest.invite_token}", data=sign_up(
        contest, units[1], id_number="12345")).get_data(as_text=True)
    assert "Số CCCD phải gồm đúng 12 chữ số." in body
    # Another field fails: nothing tells whether the phone is registered (issue 14).
    assert "đã được đăng ký" not in body and "Không thể đăng ký với thông tin này" not in body
    body = client.post(f"/dang-ky/{contest.invite_token}", data=sign_up(
        contest, units[1], phone="0933444556", id_number="001088000123")).get_data(as_text=True)
    assert "Không thể đăng ký với thông tin này" in body and "Số CCCD này" not in body
    assert db.session.scalar(sa.select(sa.func.count(Registration.id))) == 0


def test_forged_group_and_unit_get_vietnamese_messages(client, make_contest, units):
    contest, other = make_contest(), make_contest(title="Khác")
    body = client.post(f"/dang-ky/{contest.invite_token}", data=sign_up(
        contest, units[1], group_id=str(other.groups[0].id), unit_id="abc")).get_data(
        as_text=True)
    assert "Vui lòng chọn khối thi." in body and "Vui lòng chọn đơn vị." in body


def test_logged_in_entrant_only_picks_group_unit_and_consent(client, auth, make_contest,
                                                             make_user, units):
    contest = make_contest()
    user = make_user(full_name="Võ Thị Em")
    auth.login(user)
    body = client.get(f"/dang-ky/{contest.invite_token}").get_data(as_text=True)
    assert 'name="full_name"' not in body and 'name="password"' not in body
    assert 'name="date_of_birth"' in body  # required by the contest, missing on the account
    response = client.post(f"/dang-ky/{contest.invite_token}", data={
        "group_id": contest.groups[1].id, "unit_id": units[2].id, "consent": "y",
        "date_of_birth": "1990-01-01"})
    assert response.status_code == 302
    assert db.session.scalar(sa.select(Registration)).group.name == "Người dân"
    again = client.get(f"/dang-ky/{contest.invite_token}")
    assert again.status_code == 302


def test_staff_cannot_register(client, auth, make_contest, make_user):
    contest = make_contest()
    auth.login(make_user(role="judge"))
    body = client.get(f"/dang-ky/{contest.invite_token}").get_data(as_text=True)
    assert "không được dự thi" in body and 'name="consent"' not in body


def test_draft_and_unknown_tokens_are_404_closed_says_so(client, make_contest):
    draft = make_contest(published=False)
    assert client.get(f"/dang-ky/{draft.invite_token}").status_code == 404
    assert client.get("/dang-ky/khong-ton-tai").status_code == 404
    closed = make_contest(title="Đã xong")
    closed.move_to("closed")
    db.session.commit()
    body = client.get(f"/dang-ky/{closed.invite_token}").get_data(as_text=True)
    assert "Cuộc thi đã kết thúc" in body


def test_qr_code_is_svg_of_the_invitation_link(client, make_contest):
    contest = make_contest()
    response = client.get(f"/dang-ky/{contest.invite_token}/qr.svg?don-vi=SNV")
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    assert b"<svg" in response.data and b"<path" in response.data
    assert client.get("/dang-ky/khong-ton-tai/qr.svg").status_code == 404


def _registered(contest, unit, **fields):
    values = {"full_name": "Đặng Văn Giang", "phone": "0977123456", "password": "matkhau123",
              "date_of_birth": __import__("datetime").date(1985, 6, 7),
              "id_number": "079085001234"}
    values.update(fields)
    registration = register_entrant(contest, contest.groups[0], unit, values)
    db.session.commit()
    return registration


def test_registrations_list_masks_phone_and_cccd_and_filters(client, auth, make_contest,
                                                             make_user, units):
    contest = make_contest()
    _registered(contest, units[1])
    _registered(contest, units[2], full_name="Hồ Thị Hoa", phone="0977000999",
                id_number="079085009999")
    auth.login(make_user(role="organiser"))
    body = client.get(f"/quan-ly/cuoc-thi/{contest.id}/thi-sinh").get_data(as_text=True)
    assert "*******456" in body and "********1234" in body
    assert "0977123456" not in body and "079085001234" not in body
    body = client.get(f"/quan-ly/cuoc-thi/{contest.id}/thi-sinh?don-vi={units[2].id}"
                      ).get_data(as_text=True)
    assert "Hồ Thị Hoa" in body and "Đặng Văn Giang" not in body
    body = client.get(f"/quan-ly/cuoc-thi/{contest.id}/thi-sinh?q=0977000999"
                      ).get_data(as_text=True)
    assert "Hồ Thị Hoa" in body and "Đặng Văn Giang" not in body
    body = client.get(f"/quan-ly/cuoc-thi/{contest.id}/thi-sinh?q=0977000"
                      ).get_data(as_text=True)  # part of a number: no match (issue 14)
    assert "Hồ Thị Hoa" not in body
    body = client.get(f"/quan-ly/cuoc-thi/{contest.id}/thi-sinh?khoi={contest.groups[1].id}"
                      ).get_data(as_text=True)
    assert "Không có thí sinh nào." in body


def test_organiser_edit_shows_full_data_and_logs_change(client, auth, make_contest,
                                                        make_user, units):
    contest = make_contest()
    registration = _registered(contest, units[1])
    auth.login(make_user(role="organiser"))
    url = f"/quan-ly/dang-ky/{registration.id}/sua"
    body = client.get(url).get_data(as_text=True)
    assert 'value="0977123456"' in body and 'value="079085001234"' in body
    data = {"full_name": "Đặng Văn Giang", "phone": "0977123456", "date_of_birth": "1985-06-07",
            "id_number": "079085001235", "group_id": contest.groups[0].id,
            "unit_id": units[2].id, "reason": ""}
    body = client.post(url, data=data).get_data(as_text=True)
    assert "Vui lòng ghi lý do sửa thông tin." in body
    data["reason"] = "Thí sinh gõ nhầm CCCD, đã đối chiếu bản chụp"
    assert client.post(url, data=data).status_code == 302
    entry = db.session.scalar(sa.select(AuditEntry).where(
        AuditEntry.action == "registration.edit"))
    # The audit log keeps the CCCD masked; the full values are in the verification log.
    assert entry.details["before"] == {"id_number": "********1234", "unit_id": units[1].id}
    assert entry.details["after"] == {"id_number": "********1235", "unit_id": units[2].id}
    change = db.session.scalar(sa.select(PersonalDataChange))
    assert change.before == {"id_number": "079085001234"}
    assert change.after == {"id_number": "079085001235"}


def test_entrant_cannot_open_the_edit_page(client, auth, make_contest, units):
    contest = make_contest()
    registration = _registered(contest, units[1])
    auth.login(registration.user)
    assert client.get(f"/quan-ly/dang-ky/{registration.id}/sua").status_code == 403
    assert client.post(f"/quan-ly/dang-ky/{registration.id}/sua",
                       data={"full_name": "X", "reason": "y"}).status_code == 403


def _field_block(body: str, field_id: str) -> str:
    """The form field's block (label, input, errors) in the page."""
    start = body.index(f'id="{field_id}"')
    start = body.rindex('<div class="field', 0, start)
    end = body.find('<div class="field', start + 10)
    return body[start:end if end != -1 else body.index("</form>", start)]


def test_every_error_at_once_next_to_its_field_with_a_summary(client, make_contest,
                                                              make_user, units):
    contest = make_contest()
    make_user(phone="0933444555")
    response = client.post(f"/dang-ky/{contest.invite_token}", data=sign_up(
        contest, units[1], full_name="", date_of_birth="", group_id="", unit_id="",
        consent=""))
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    summary = body[body.index('id="error-summary"'):body.index("</div>",
                                                               body.index('id="error-summary"'))]
    assert "data-autofocus" in summary and 'role="alert"' in summary
    # The phone is taken, but a submission with other errors is not told so (issue 14: no
    # lookup of registered numbers): only its own mistakes are listed.
    assert "đã được đăng ký" not in body and "Không thể đăng ký với thông tin này" not in body
    assert 'class="error"' not in _field_block(body, "phone")
    expected = {"full_name": "Vui lòng nhập họ và tên.",
                "date_of_birth": "ngày sinh", "group_id": "Vui lòng chọn khối thi.",
                "unit_id": "Vui lòng chọn đơn vị.", "consent": "Bạn cần đồng ý"}
    for field_id, text in expected.items():
        block = _field_block(body, field_id)
        assert 'class="error"' in block and text.lower() in block.lower(), field_id
        assert f'href="#{field_id}"' in summary, field_id
    assert "Có 5 lỗi cần sửa" in summary
    assert db.session.scalar(sa.select(sa.func.count(Registration.id))) == 0


def test_the_password_is_kept_on_a_failed_submit(client, make_contest, units):
    contest = make_contest()
    body = client.post(f"/dang-ky/{contest.invite_token}", data=sign_up(
        contest, units[1], phone="12")).get_data(as_text=True)
    assert "Số điện thoại phải gồm 10 chữ số" in _field_block(body, "phone")
    assert 'value="matkhau123"' in _field_block(body, "password")
    assert 'value="matkhau123"' in _field_block(body, "password_again")


def test_no_group_is_preselected_when_there_are_several(client, make_contest, units):
    contest = make_contest()
    assert len(contest.groups) > 1
    body = client.get(f"/dang-ky/{contest.invite_token}").get_data(as_text=True)
    select = body[body.index('id="group_id"'):body.index("</select>", body.index('id="group_id"'))]
    assert "<option selected value=\"\">— Chọn khối thi —</option>" in select
    assert select.count("selected") == 1  # the empty choice only
    single = make_contest(title="Một khối")
    single.groups[1:] = []
    db.session.commit()
    body = client.get(f"/dang-ky/{single.invite_token}").get_data(as_text=True)
    select = body[body.index('id="group_id"'):body.index("</select>", body.index('id="group_id"'))]
    assert "— Chọn khối thi —" not in select
