"""Certificate pages and messages in English; the PDF and stored reasons stay Vietnamese."""

from __future__ import annotations

import io
import unicodedata

from pypdf import PdfReader

from contest.certificates.models import Certificate
from contest.extensions import db
from tests.lang import english


def test_verification_in_english(cert, client):
    english(client)
    html = client.get(f"/xac-minh/{cert.code}").get_data(as_text=True)
    assert f"Certificate {cert.display_code} is valid" in html
    assert "Certificate holder" in html and "Giải Nhất" in html  # the prize is data
    missing = client.get("/xac-minh/ABCD-EFGH-JKMN-PQRS")
    assert missing.status_code == 404
    assert "No certificate found with code “ABCD-EFGH-JKMN-PQRS”." in missing.get_data(
        as_text=True)
    form = client.get("/xac-minh").get_data(as_text=True)
    assert "Verification code" in form and "Mã xác minh" not in form


def test_revocation_in_english_keeps_the_reason(cert, client, make_user, auth):
    auth.login(make_user(role="organiser"))
    english(client)
    empty = client.post(f"/chung-nhan/{cert.code}/thu-hoi", data={"reason": ""},
                        follow_redirects=True)
    assert "Please give a reason for revoking." in empty.get_data(as_text=True)
    done = client.post(f"/chung-nhan/{cert.code}/thu-hoi", data={"reason": "Thi hộ"},
                       follow_redirects=True).get_data(as_text=True)
    assert "Revoked the certificate of Nguyễn Thị Hồng Nhung." in done
    assert "Revoked " in done and "Issued (0)" in done
    html = client.get(f"/xac-minh/{cert.code}").get_data(as_text=True)
    assert "was revoked on" in html and ": Thi hộ." in html
    assert "This certificate is no longer valid." in html


def test_organiser_pages_in_english(contest_data, client, make_user, auth):
    auth.login(make_user(role="organiser"))
    english(client)
    assert "Choose a round to issue" in client.get("/chung-nhan/").get_data(as_text=True)
    url = f"/chung-nhan/vong/{contest_data.round.id}"
    person = contest_data.people[0]
    page = client.post(url, data={"login": person.phone, "prize": "Giải Nhì"},
                       follow_redirects=True).get_data(as_text=True)
    assert f"Certificate for Giải Nhì issued to {person.full_name}." in page
    assert "Certificates: Tuần 1" in page and "Issue to one entrant" in page
    assert "Entrant's phone number or email" in page
    bad = client.post(url, data={"login": "0900000000", "prize": "Giải Nhất"})
    assert "No entrant “0900000000” is registered for this contest." in bad.get_data(
        as_text=True)
    unpublished = client.post(f"{url}/tu-ket-qua", follow_redirects=True)
    assert "The results of this round have not been published yet." in unpublished.get_data(
        as_text=True)
    # A prize change revokes the old certificate with a reason stored in Vietnamese (it is
    # shown on the public page and belongs to the official record), and the PDF stays Vietnamese.
    client.post(url, data={"login": person.phone, "prize": "Giải Nhất"})
    old = db.session.query(Certificate).filter(Certificate.prize == "Giải Nhì").one()
    assert old.revoke_reason == "Cấp lại do đổi giải thành Giải Nhất."
    download = client.get(f"{url}/giay-chung-nhan.pdf")
    text = unicodedata.normalize("NFC", PdfReader(io.BytesIO(download.data)).pages[0]
                                 .extract_text())
    assert "Ban Tổ chức cuộc thi" in text and "Giải Nhất" in text


def test_issue_from_results_counts_in_english(published, contest_data, client, make_user,
                                              auth):
    auth.login(make_user(role="organiser"))
    english(client)
    page = client.post(f"/chung-nhan/vong/{contest_data.round.id}/tu-ket-qua",
                       follow_redirects=True)
    assert "Issued 2 certificates from the published results." in page.get_data(as_text=True)
