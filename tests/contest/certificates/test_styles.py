"""Certificates as organisers issue them: place line, signer, decision, layout, seal image."""

from __future__ import annotations

import io
import unicodedata

import pytest
from PIL import Image
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4

from contest.certificates import styles
from contest.certificates.models import CertificateStyle
from contest.extensions import db


def png(size=(300, 150)) -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", size, (200, 0, 0, 128)).save(out, "PNG")
    return out.getvalue()


def form(**changes) -> dict:
    data = {"place": "Lâm Đồng", "signer_title": "KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN",
            "signer_name": "Nguyễn Văn Bình", "decision_number": "123/QĐ-BTC",
            "decision_date": "2025-03-12", "issuer_name": "UBND TỈNH LÂM ĐỒNG\nBAN TỔ CHỨC",
            "layout": "portrait"}
    data.update(changes)
    return data


def pdf_text(data: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(data))
    text = unicodedata.normalize("NFC", reader.pages[0].extract_text())
    return reader, " ".join(text.split())


@pytest.fixture
def organiser(client, make_user, auth):
    auth.login(make_user(role="organiser"))
    return client


def test_default_certificate_has_no_country_as_place(cert, contest_data, organiser):
    _, text = pdf_text(organiser.get(f"/chung-nhan/{cert.code}.pdf").data)
    assert "Việt Nam," not in text and "TM. BAN TỔ CHỨC" in text
    page = organiser.get(f"/quan-ly/cuoc-thi/{contest_data.contest.id}/mau-chung-nhan")
    assert "TM. BAN TỔ CHỨC</textarea>" in page.get_data(as_text=True)  # the default offered


def test_style_is_printed_on_the_contest_certificates(cert, contest_data, organiser):
    url = f"/quan-ly/cuoc-thi/{contest_data.contest.id}/mau-chung-nhan"
    response = organiser.post(url, data={**form(), "seal": (io.BytesIO(png()), "dau.png")},
                              content_type="multipart/form-data")
    assert response.status_code == 302
    row = db.session.get(CertificateStyle, contest_data.contest.id)
    assert row.seal_mimetype == "image/png" and row.layout == "portrait"
    reader, text = pdf_text(organiser.get(f"/chung-nhan/{cert.code}.pdf").data)
    for expected in ("Lâm Đồng, ngày 12 tháng 3 năm 2025", "KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN",
                     "Nguyễn Văn Bình", "Theo Quyết định số 123/QĐ-BTC ngày 12/03/2025",
                     "UBND TỈNH LÂM ĐỒNG", "Nguyễn Thị Hồng Nhung", "Giải Nhất"):
        assert expected in text, expected
    assert "Việt Nam," not in text
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (round(A4[0]), round(A4[1]))  # portrait
    assert len(reader.pages[0].images) == 1  # the seal
    # The landscape layout carries the same lines; the sample PDF uses the style too.
    organiser.post(url, data=form(layout="landscape", place="Thành phố Huế"))
    reader, text = pdf_text(organiser.get(f"/chung-nhan/{cert.code}.pdf").data)
    assert "Thành phố Huế, ngày 12 tháng 3 năm 2025" in text and "Nguyễn Văn Bình" in text
    assert float(reader.pages[0].mediabox[2]) > float(reader.pages[0].mediabox[3])
    assert len(reader.pages[0].images) == 1  # the seal was kept
    _, sample = pdf_text(organiser.get(f"{url}/xem-thu.pdf").data)
    assert "Thành phố Huế" in sample and "Nguyễn Văn Mẫu" in sample


@pytest.mark.parametrize("upload, message", [
    (b"%PDF-1.4 not an image", "không phải ảnh PNG hoặc JPEG"),
    (b"GIF89a" + b"\0" * 100, "không phải ảnh PNG hoặc JPEG"),
    (png()[:40], "không phải ảnh PNG hoặc JPEG"),  # truncated
    (png((120, 120)), "quá lớn"),  # over the limit set below
])
def test_seal_upload_refuses_non_images_and_oversized_files(contest_data, organiser, upload,
                                                            message, monkeypatch):
    # A small limit keeps the upload under the test client's in-memory threshold.
    monkeypatch.setattr(styles, "SEAL_MAX_BYTES", 120)
    url = f"/quan-ly/cuoc-thi/{contest_data.contest.id}/mau-chung-nhan"
    response = organiser.post(url, data={**form(), "seal": (io.BytesIO(upload), "dau.png")},
                              content_type="multipart/form-data")
    assert response.status_code in (200, 400, 409, 422)
    page = response.get_data(as_text=True)
    assert message in page and 'id="seal-error"' in page
    assert db.session.get(CertificateStyle, contest_data.contest.id) is None


def test_seal_check_reads_the_content_not_the_name():
    assert styles.check_seal(png()) == "image/png"
    out = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(out, "JPEG")
    assert styles.check_seal(out.getvalue()) == "image/jpeg"


def test_country_as_place_is_refused(contest_data, organiser):
    url = f"/quan-ly/cuoc-thi/{contest_data.contest.id}/mau-chung-nhan"
    page = organiser.post(url, data=form(place="Việt Nam")).get_data(as_text=True)
    assert "không ghi “Việt Nam”" in page
    assert db.session.get(CertificateStyle, contest_data.contest.id) is None


def test_seal_over_two_megabytes_is_refused_before_reading_it():
    from contest.certificates.services import CertificateError

    with pytest.raises(CertificateError, match="quá lớn") as refused:
        styles.check_seal(b"\x89PNG\r\n\x1a\n" + b"\0" * styles.SEAL_MAX_BYTES)
    assert refused.value.field == "seal"
