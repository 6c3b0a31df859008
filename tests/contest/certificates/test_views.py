"""Public verification and the organisers' certificate pages."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from contest.certificates.models import Certificate
from contest.extensions import db


def test_valid_code_shows_the_holder(cert, client):
    html = client.get(f"/xac-minh/{cert.code}").get_data(as_text=True)
    assert "là hợp lệ" in html
    assert "Nguyễn Thị Hồng Nhung" in html and "Giải Nhất" in html and "Tuần 1" in html
    assert cert.registration.user.phone not in html


def test_code_typed_with_dashes_and_lower_case_works(cert, client):
    response = client.get(f"/xac-minh?ma={cert.display_code.lower()}", follow_redirects=True)
    assert "Nguyễn Thị Hồng Nhung" in response.get_data(as_text=True)


def test_unknown_code_says_not_found_in_vietnamese(app, client):
    response = client.get("/xac-minh/ABCD-EFGH-JKMN-PQRS")
    assert response.status_code == 404
    assert "Không tìm thấy giấy chứng nhận có mã" in response.get_data(as_text=True)
    assert client.get("/xac-minh/<script>").status_code == 404
    assert client.get("/xac-minh?ma=---", follow_redirects=True).status_code == 404


def test_verify_form_renders(app, client):
    page = client.get("/xac-minh")
    assert page.status_code == 200 and "Mã xác minh" in page.get_data(as_text=True)


def test_revoked_certificate_says_so(cert, client, make_user, auth):
    auth.login(make_user(role="organiser"))
    client.post(f"/chung-nhan/{cert.code}/thu-hoi", data={"reason": "Thi hộ"})
    html = client.get(f"/xac-minh/{cert.code}").get_data(as_text=True)
    assert "đã bị thu hồi" in html and "Thi hộ" in html


def test_revoke_needs_a_reason(cert, client, make_user, auth):
    auth.login(make_user(role="organiser"))
    page = client.post(f"/chung-nhan/{cert.code}/thu-hoi", data={"reason": ""},
                       follow_redirects=True)
    assert "Vui lòng ghi lý do thu hồi" in page.get_data(as_text=True)
    assert db.session.get(Certificate, cert.id).is_valid


def test_organiser_issues_by_hand_and_downloads_the_round(contest_data, client, make_user,
                                                           auth):
    auth.login(make_user(role="organiser"))
    url = f"/chung-nhan/vong/{contest_data.round.id}"
    assert client.get("/chung-nhan/").status_code == 200
    for person, prize in zip(contest_data.people[:2], ("Giải Nhất", "Giải Khuyến khích"),
                             strict=True):
        page = client.post(url, data={"login": person.phone, "prize": prize},
                           follow_redirects=True)
        assert f"Đã cấp giấy chứng nhận {prize} cho {person.full_name}" in page.get_data(
            as_text=True)
    bad = client.post(url, data={"login": "0900000000", "prize": "Giải Nhất"})
    assert "Không có thí sinh" in bad.get_data(as_text=True)
    forged = client.post(url, data={"login": contest_data.people[2].phone, "prize": "Giải Vàng"})
    assert forged.status_code == 200
    assert db.session.query(Certificate).count() == 2
    download = client.get(f"{url}/giay-chung-nhan.pdf")
    assert download.status_code == 200 and download.mimetype == "application/pdf"
    assert len(PdfReader(io.BytesIO(download.data)).pages) == 2


def test_issue_from_results_without_results_explains(contest_data, client, make_user, auth):
    auth.login(make_user(role="organiser"))
    page = client.post(f"/chung-nhan/vong/{contest_data.round.id}/tu-ket-qua",
                       follow_redirects=True)
    assert "chưa công bố kết quả" in page.get_data(as_text=True)


def test_issue_from_published_results(published, contest_data, client, make_user, auth):
    auth.login(make_user(role="organiser"))
    page = client.post(f"/chung-nhan/vong/{contest_data.round.id}/tu-ket-qua",
                       follow_redirects=True)
    assert "Đã cấp 2 giấy chứng nhận" in page.get_data(as_text=True)


@pytest.mark.parametrize("role", ["judge", "entrant"])
def test_only_organisers_manage(contest_data, client, make_user, auth, role):
    auth.login(make_user(role=role))
    assert client.get("/chung-nhan/").status_code == 403
    assert client.get(f"/chung-nhan/vong/{contest_data.round.id}").status_code == 403
    assert client.get(f"/chung-nhan/vong/{contest_data.round.id}/giay-chung-nhan.pdf"
                      ).status_code == 403


def test_holder_downloads_own_pdf_others_cannot(cert, contest_data, client, auth):
    auth.login(contest_data.people[0])
    assert client.get(f"/chung-nhan/{cert.code}.pdf").status_code == 200
    auth.logout()
    auth.login(contest_data.people[1])
    assert client.get(f"/chung-nhan/{cert.code}.pdf").status_code == 403
