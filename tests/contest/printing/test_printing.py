"""Invitation sheets per unit (text extracted from the PDF, Vietnamese intact), A4 and A5, the
QR zip (PNG and SVG), the short link, and the links on the organiser page."""

from __future__ import annotations

import io
import unicodedata
import zipfile

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4, A5

UNIT = "Ủy ban nhân dân xã Hòa Bình, huyện Đức Trọng"


@pytest.fixture
def site(make_contest, make_unit, make_user, auth):
    contest = make_contest(title="Cuộc thi tìm hiểu cải cách hành chính tỉnh Lâm Đồng năm 2026",
                           plan_reference="Kế hoạch số 45/KH-UBND")
    units = [make_unit(code="XA-HOABINH", name=UNIT), make_unit(code="SO/NOIVU",
                                                               name="Sở Nội vụ")]
    auth.login(make_user(role="organiser"))
    return contest, units


def text_of(data: bytes) -> tuple[PdfReader, list[str]]:
    reader = PdfReader(io.BytesIO(data))
    return reader, [unicodedata.normalize("NFC", p.extract_text()) for p in reader.pages]


def test_unit_sheet_text_keeps_vietnamese_and_links(client, site):
    contest, units = site
    response = client.get(f"/quan-ly/cuoc-thi/{contest.id}/don-vi/{units[0].id}/to-moi.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    reader, pages = text_of(response.data)
    assert len(pages) == 1
    text = " ".join(pages[0].split())
    for expected in ("MỜI THAM GIA CUỘC THI", "Ủy ban nhân dân xã Hòa Bình", "Đức Trọng",
                     "Lâm Đồng", "Kế hoạch số 45/KH-UBND", "Quét mã QR",
                     "Lịch các đợt thi (giờ Việt Nam)", "Tuần 1: từ",
                     f"/dk/{contest.invite_token}/XA-HOABINH"):
        assert expected in text, expected
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (round(A4[0]), round(A4[1]))


def test_all_units_in_one_pdf_on_a5(client, site):
    contest, _ = site
    response = client.get(f"/quan-ly/cuoc-thi/{contest.id}/to-moi.pdf?kho=a5")
    reader, pages = text_of(response.data)
    assert len(pages) == 2 and "Sở Nội vụ" in pages[0] + pages[1]
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (round(A5[0]), round(A5[1]))


def test_unknown_paper_size_is_refused_clearly(client, site):
    contest, _ = site
    response = client.get(f"/quan-ly/cuoc-thi/{contest.id}/to-moi.pdf?kho=a3",
                          follow_redirects=True)
    assert response.status_code == 200
    assert "Khổ giấy “a3” không hỗ trợ" in response.get_data(as_text=True)


def test_qr_zip_has_png_and_svg_per_unit(client, site):
    contest, _ = site
    response = client.get(f"/quan-ly/cuoc-thi/{contest.id}/ma-qr-don-vi.zip")
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    names = sorted(archive.namelist())
    assert names == ["png/qr-SO_NOIVU.png", "png/qr-XA-HOABINH.png",
                     "svg/qr-SO_NOIVU.svg", "svg/qr-XA-HOABINH.svg"]
    assert archive.read("png/qr-XA-HOABINH.png").startswith(b"\x89PNG")
    assert b"<svg" in archive.read("svg/qr-SO_NOIVU.svg")


def test_short_link_opens_registration_with_the_unit(client, site, auth):
    contest, units = site
    auth.logout()
    response = client.get(f"/dk/{contest.invite_token}/SO/NOIVU")
    assert response.status_code == 302
    assert response.headers["Location"] == (
        f"/dang-ky/{contest.invite_token}?don-vi=SO/NOIVU")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f'<option selected value="{units[1].id}">' in page.replace(
        f'value="{units[1].id}" selected', f'selected value="{units[1].id}"')
    assert client.get("/dk/khong-co/XA").status_code == 404


def test_organiser_page_links_to_the_printed_material(client, site):
    contest, units = site
    page = client.get(f"/quan-ly/cuoc-thi/{contest.id}").get_data(as_text=True)
    assert f"/quan-ly/cuoc-thi/{contest.id}/to-moi.pdf?kho=a4" in page
    assert f"/quan-ly/cuoc-thi/{contest.id}/ma-qr-don-vi.zip" in page
    assert f"/quan-ly/cuoc-thi/{contest.id}/don-vi/{units[1].id}/to-moi.pdf?kho=a5" in page
