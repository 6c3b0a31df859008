"""Certificate PDFs carry Vietnamese text intact."""

from __future__ import annotations

import io
import unicodedata

from pypdf import PdfReader

from contest.certificates import pdf, services


def _text(data: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(data))
    return [unicodedata.normalize("NFC", page.extract_text()) for page in reader.pages]


def test_pdf_text_keeps_diacritics(contest_data):
    person = contest_data.people[0]
    # A decomposed name (as some keyboards type it) must come out composed.
    name = unicodedata.normalize("NFD", person.full_name)
    [cert] = services.issue([services.Winner(contest_data.regs[0].id, name, "Sở Nội vụ",
                                             "Giải Nhất", "Tuần 1", contest_data.round.id)],
                            None)
    data = pdf.render([cert], lambda code: f"https://thi.example.vn/xac-minh/{code}")
    assert data.startswith(b"%PDF")
    [text] = _text(data)
    for expected in ("Giải Nhất", "Nguyễn Thị Hồng Nhung", "GIẤY CHỨNG NHẬN", "Sở Nội vụ",
                     "Tìm hiểu cải cách hành chính", cert.display_code, "Tuần 1"):
        assert expected in text, expected


def test_one_pdf_holds_a_page_per_certificate(contest_data):
    winners = [services.Winner(r.id, p.full_name, "Sở Nội vụ", prize, "Tuần 1",
                               contest_data.round.id)
               for r, p, prize in zip(contest_data.regs, contest_data.people,
                                      ("Giải Nhất", "Giải Nhì", "Giải Ba"), strict=True)]
    certs = services.issue(winners, None)
    pages = _text(pdf.render(certs, lambda code: code))
    assert len(pages) == 3
    assert "Trần Minh Quân" in pages[1] and "Giải Ba" in pages[2]
