"""Units pages, flashes, form errors and import row errors follow the language cookie."""

from __future__ import annotations

import json
import re

from contest.extensions import db
from contest.units.models import Unit
from tests.contest.units.files import ROWS, upload, xlsx_bytes
from tests.lang import english

# The test app context spans the whole test, so Flask-Babel's per-context locale cache would keep
# the first page's language: each test renders in one language only.


def test_units_list_in_vietnamese_by_default(client, organiser):
    body = client.get("/don-vi/").get_data(as_text=True)
    assert "Thêm đơn vị" in body and "Tìm theo tên hoặc mã" in body and "0 đơn vị." in body


def test_units_list_in_english(client, organiser):
    english(client)
    body = client.get("/don-vi/").get_data(as_text=True)
    assert "Add unit" in body and "Search by name or code" in body and "0 units." in body
    assert "Thêm đơn vị" not in body


def test_create_form_errors_and_flash_in_english(client, organiser):
    english(client)
    page = client.get("/don-vi/them").get_data(as_text=True)
    assert "Unit code" in page and "Leave empty for a top-level unit." in page
    bad = client.post("/don-vi/them", data={"code": "", "name": "Sở Nội vụ", "headcount": "x"})
    body = bad.get_data(as_text=True)
    assert "Please enter the unit code." in body and "Please enter a whole number." in body
    done = client.post("/don-vi/them", data={"code": "SNV", "name": "Sở Nội vụ"},
                       follow_redirects=True)
    assert "Unit “Sở Nội vụ” saved." in done.get_data(as_text=True)


def test_duplicate_code_error_in_english(client, organiser):
    db.session.add(Unit(code="SNV", name="Sở Nội vụ", headcount=0))
    db.session.commit()
    english(client)
    body = client.post("/don-vi/them", data={"code": "SNV", "name": "Khác"}).get_data(as_text=True)
    assert "Code “SNV” is already used by another unit." in body


def picker_texts(client) -> dict:
    page = client.get("/don-vi/them").get_data(as_text=True)
    block = re.search(r"<script type=\"application/json\" data-unit-picker-messages>(.*?)"
                      r"</script>", page, re.S)
    return json.loads(block.group(1))


def test_unit_picker_texts_in_vietnamese_by_default(client, organiser):
    texts = picker_texts(client)
    assert texts["none"] == "Không tìm thấy đơn vị nào."
    assert texts["foundOne"] == texts["foundMany"] == "Tìm thấy {n} đơn vị."


def test_unit_picker_texts_in_english(client, organiser):
    english(client)
    texts = picker_texts(client)
    assert texts["none"] == "No units found."
    assert texts["foundOne"] == "{n} unit found." and texts["foundMany"] == "{n} units found."


def test_import_preview_and_row_errors_in_english(client, organiser):
    english(client)
    rows = [*ROWS, ["", "Không mã", "", "", "abc"]]
    token = upload(client, xlsx_bytes(rows)).headers["Location"].rsplit("/", 1)[-1]
    body = client.get(f"/don-vi/nhap/{token}").get_data(as_text=True)
    assert "2 errors: no units imported" in body
    assert "Row 5, column “Mã đơn vị”: The unit code is missing." in body
    assert "Row 5, column “Biên chế”: “abc” is not a number." in body
    assert "3 new" in body


def test_import_row_errors_stay_vietnamese_by_default(client, organiser):
    rows = [*ROWS, ["", "Không mã", "", "", "abc"]]
    token = upload(client, xlsx_bytes(rows)).headers["Location"].rsplit("/", 1)[-1]
    body = client.get(f"/don-vi/nhap/{token}").get_data(as_text=True)
    assert "Dòng 5, cột “Mã đơn vị”: Thiếu mã đơn vị." in body
    assert "Dòng 5, cột “Biên chế”: “abc” không phải là số." in body


def test_import_confirm_flash_in_english(client, organiser):
    english(client)
    token = upload(client, xlsx_bytes(ROWS)).headers["Location"].rsplit("/", 1)[-1]
    page = client.get(f"/don-vi/nhap/{token}").get_data(as_text=True)
    assert "Confirm import of 3 units" in page
    done = client.post("/don-vi/nhap/xac-nhan", data={"token": token}, follow_redirects=True)
    assert "Units imported: 3 new, 0 updated, 0 unchanged." in done.get_data(as_text=True)


def test_unreadable_file_error_in_english(client, organiser):
    english(client)
    token = upload(client, b"not a zip", "don_vi.xlsx").headers["Location"].rsplit("/", 1)[-1]
    body = client.get(f"/don-vi/nhap/{token}").get_data(as_text=True)
    assert "The file is damaged or is not a spreadsheet." in body


def test_upload_page_keeps_header_names_in_english(client, organiser):
    english(client)
    body = client.get("/don-vi/nhap").get_data(as_text=True)
    assert "Import units" in body and "Upload and preview" in body
    assert "<strong>Mã đơn vị</strong> (required; also “Mã”, “Mã ĐV” or “Code”)" in body


def test_wtforms_own_messages_follow_the_language(client, organiser):
    """WTForms ships no Vietnamese; translations/vi/LC_MESSAGES/wtforms.po supplies it."""
    too_long = {"code": "X" * 41, "name": "Phường Một", "parent_id": ""}
    page = client.post("/don-vi/them", data=too_long).get_data(as_text=True)
    assert "Không được dài quá 40 ký tự." in page
    assert "Field cannot be longer" not in page
    english(client)
    page = client.post("/don-vi/them", data=too_long).get_data(as_text=True)
    assert "Field cannot be longer than 40 characters." in page
    assert db.session.scalar(db.select(db.func.count()).select_from(Unit)) == 0
