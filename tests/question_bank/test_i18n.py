"""The question bank in English (lang cookie) and unchanged in Vietnamese, the default."""

import io
import random

import openpyxl
import pytest
from flask_babel import force_locale

from question_bank.drawing import CandidateQuestion, DrawError, choose_questions
from question_bank.parsing import CellError, parse_area
from tests.lang import english

from .files import one_sheet, question
from .test_views import token_of, upload


@pytest.fixture
def organiser(make_user, auth):
    user = make_user(role="organiser")
    auth.login(user)
    return user


def test_browse_page_in_english(client, organiser, make_question):
    make_question(text="Câu hỏi tiếng Việt?")
    english(client)
    page = client.get("/ngan-hang/").get_data(as_text=True)
    assert "Add question" in page and "Import from Excel" in page and "Export to Excel" in page
    assert "1 question" in page and "Active questions by reform area and difficulty" in page
    assert "Câu hỏi tiếng Việt?" in page  # content is data, never translated
    assert "Thêm câu hỏi" not in page and "Ngừng sử dụng" not in page


def test_browse_page_stays_vietnamese_by_default(client, organiser, make_question):
    make_question()
    page = client.get("/ngan-hang/").get_data(as_text=True)
    assert "Thêm câu hỏi" in page and "Nhập từ Excel" in page and "1 câu hỏi" in page
    assert "Add question" not in page


def test_question_form_and_flash_in_english(client, organiser):
    english(client)
    page = client.get("/ngan-hang/cau-hoi/moi").get_data(as_text=True)
    assert "Question text" in page and "Option A" in page and "Keep in place" in page
    response = client.post("/ngan-hang/cau-hoi/moi", data={
        "code": "EN1", "text": "Câu?", "area": "1", "difficulty": "2",
        "option_a": "Một", "option_b": "Hai", "correct_a": "y"}, follow_redirects=True)
    assert "Question EN1 added." in response.get_data(as_text=True)


def test_import_preview_errors_in_english(client, organiser):
    english(client)
    rows = [question(text="Tốt?"), question(answer="G"), question(text="")]
    token = token_of(upload(client, one_sheet(rows)))
    page = client.get(f"/ngan-hang/nhap/{token}").get_data(as_text=True)
    assert "Errors to fix (2)" in page and "Preview before import" in page
    assert "Answer “G” does not match any option." in page
    assert "The question text is empty." in page
    report = client.get(f"/ngan-hang/nhap/{token}/bao-cao-loi.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(report.data)).active
    assert sheet.cell(1, 12).value == "Error"


def test_import_preview_errors_stay_vietnamese_by_default(client, organiser):
    token = token_of(upload(client, one_sheet([question(answer="G")])))
    page = client.get(f"/ngan-hang/nhap/{token}").get_data(as_text=True)
    assert "Đáp án “G” không khớp với phương án nào." in page and "Lỗi cần sửa (1)" in page


def test_cell_errors_are_vietnamese_outside_a_request_and_english_when_asked(app):
    with pytest.raises(CellError, match="Lĩnh vực số 9 không có"):
        parse_area("9")
    with app.app_context(), force_locale("en"), pytest.raises(
            CellError, match="There is no reform area number 9"):
        parse_area("9")


def test_draw_errors_follow_the_locale(app):
    recipe = [{"area": 2, "difficulty": 3, "count": 1}]
    pool = [CandidateQuestion(id=1, area=1, difficulty=1)]
    with pytest.raises(DrawError, match="không đủ câu cho lĩnh vực 2, mức độ 3: cần 1, chỉ có 0"):
        choose_questions(recipe, 1, pool, random.Random(1))
    with app.app_context(), force_locale("en"), pytest.raises(
            DrawError, match="reform area 2, difficulty 3: 1 needed, only 0 available"):
        choose_questions(recipe, 1, pool, random.Random(1))
