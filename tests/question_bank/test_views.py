"""Pages: browse, forms, import preview/confirm, error report, access."""

import io
import re

import openpyxl
import pytest
import sqlalchemy as sa

from contest.extensions import db
from question_bank.models import Question, QuestionStatus

from .files import one_sheet, question


@pytest.fixture
def organiser(make_user, auth):
    user = make_user(role="organiser")
    auth.login(user)
    return user


def upload(client, data, filename="cau-hoi.xlsx", **fields):
    form = {"file": (io.BytesIO(data), filename), "bank": "CBCCVC 2025", "area": "0"} | fields
    return client.post("/ngan-hang/nhap", data=form, content_type="multipart/form-data")


def token_of(response) -> str:
    return re.search(r"/ngan-hang/nhap/([A-Za-z0-9_-]+)$", response.headers["Location"]).group(1)


def count() -> int:
    return db.session.scalar(sa.select(sa.func.count(Question.id)))


@pytest.mark.parametrize("role", ["entrant", "judge"])
@pytest.mark.parametrize("url", ["/ngan-hang/", "/ngan-hang/nhap", "/ngan-hang/cau-hoi/moi",
                                 "/ngan-hang/tep-mau.xlsx", "/ngan-hang/xuat.xlsx"])
def test_only_organisers_get_in(client, make_user, auth, role, url):
    auth.login(make_user(role=role))
    assert client.get(url).status_code == 403


def test_anonymous_is_sent_to_login(client):
    assert client.get("/ngan-hang/").status_code in (302, 401)


def test_preview_then_confirm_imports(client, organiser):
    response = upload(client, one_sheet([question(text="Câu một?"), question(text="Câu hai?"),
                                         question(text="Câu một?")]))
    assert response.status_code == 302
    token = token_of(response)
    page = client.get(f"/ngan-hang/nhap/{token}").get_data(as_text=True)
    assert "Câu một?" in page and "Câu trùng (1)" in page and "Xác nhận nhập 2 câu" in page
    assert count() == 0  # nothing written before confirmation
    response = client.post(f"/ngan-hang/nhap/{token}/xac-nhan")
    assert response.status_code == 302 and count() == 2
    assert client.get(f"/ngan-hang/nhap/{token}").status_code == 404  # upload forgotten


def test_preview_with_errors_cannot_be_confirmed_and_report_downloads(client, organiser):
    rows = [question(text="Tốt?"), question(answer="G"), question(text="")]
    token = token_of(upload(client, one_sheet(rows)))
    page = client.get(f"/ngan-hang/nhap/{token}").get_data(as_text=True)
    assert "Lỗi cần sửa (2)" in page and "Xác nhận nhập" not in page
    client.post(f"/ngan-hang/nhap/{token}/xac-nhan")
    assert count() == 0
    report = client.get(f"/ngan-hang/nhap/{token}/bao-cao-loi.xlsx")
    assert report.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(report.data)).active
    assert sheet.cell(1, 12).value == "Lỗi"
    assert sheet.cell(2, 12).value is None
    assert "Đáp án" in sheet.cell(3, 12).value and "Câu hỏi" in sheet.cell(4, 12).value
    assert sheet.cell(3, 2).value == "Câu hỏi?"  # the organiser's own data is kept


def test_recheck_maps_file_categories_to_areas(client, organiser):
    header = ["Câu hỏi", "A", "B", "Đáp án", "Nhóm"]
    token = token_of(upload(client, one_sheet([["Câu?", "x", "y", "A", "Phần riêng"]], header)))
    page = client.get(f"/ngan-hang/nhap/{token}").get_data(as_text=True)
    assert "“Phần riêng”" in page
    client.post(f"/ngan-hang/nhap/{token}", data={
        "bank": "B", "area": "0", "map-label-1": "Phần riêng", "map-1": "5"})
    page = client.get(f"/ngan-hang/nhap/{token}").get_data(as_text=True)
    assert "Xác nhận nhập 1 câu" in page
    client.post(f"/ngan-hang/nhap/{token}/xac-nhan")
    assert db.session.scalar(sa.select(Question.area_id)) == 5


def test_someone_elses_or_forged_token_is_404(client, organiser, make_user, auth):
    token = token_of(upload(client, one_sheet([question()])))
    assert client.get("/ngan-hang/nhap/../../etc/passwd").status_code == 404
    assert client.get("/ngan-hang/nhap/khong-co-token-nay-1234567890").status_code == 404
    auth.logout()
    auth.login(make_user(role="organiser"))
    assert client.get(f"/ngan-hang/nhap/{token}").status_code == 404


def test_unreadable_upload_is_refused_with_a_message(client, organiser):
    response = upload(client, b"this is not a spreadsheet", filename="x.xlsx")
    assert response.status_code == 400
    assert "bị hỏng" in response.get_data(as_text=True)


def test_upload_over_the_limit_gets_the_friendly_413(app, client, organiser):
    app.config["MAX_CONTENT_LENGTH"] = 1024
    response = upload(client, b"x" * 4096)
    assert response.status_code == 413
    assert "Tệp quá lớn" in response.get_data(as_text=True)


def test_browse_filters_paginates_and_escapes(client, organiser, make_question):
    make_question(text="<script>alert(1)</script> thể chế?", area_id=1, difficulty=1,
                  banks=["B1"])
    for n in range(30):
        make_question(text=f"Câu công vụ {n:02d}?", area_id=4, difficulty=3, banks=["B2"])
    page = client.get("/ngan-hang/").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    assert "31 câu hỏi" in page and "Trang 1/2" in page
    page = client.get("/ngan-hang/?q=script&area=1&difficulty=1").get_data(as_text=True)
    assert "1 câu hỏi" in page
    page = client.get("/ngan-hang/?area=4&page=2").get_data(as_text=True)
    assert "Trang 2/2" in page and "Câu công vụ 29?" in page
    assert client.get("/ngan-hang/?area=abc&page=-1&status=zzz").status_code == 200


def test_matrix_counts_per_area_and_difficulty(client, organiser, make_question):
    make_question(area_id=2, difficulty=3, banks=["B1"])
    make_question(area_id=2, difficulty=3, banks=["B1"])
    make_question(area_id=2, difficulty=3, banks=["B2"])
    page = client.get("/ngan-hang/?bank=1").get_data(as_text=True)
    row = re.search(r"2\. Cải cách thủ tục hành chính</th>(.*?)</tr>", page, re.S).group(1)
    assert re.findall(r">(\d+)<", row) == ["0", "0", "2", "2"]


def test_create_and_edit_question_with_forms(client, organiser):
    response = client.post("/ngan-hang/cau-hoi/moi", data={
        "code": "", "text": "Câu mới?", "area": "3", "difficulty": "1",
        "option_a": "Một", "option_b": "", "option_c": "Hai", "option_d": "Cả hai ý trên",
        "correct_c": "y", "banks": "B1; B2"})
    assert response.status_code == 302
    question = db.session.scalar(sa.select(Question))
    assert [o.text for o in question.options] == ["Một", "Hai", "Cả hai ý trên"]
    assert question.correct_positions == [1] and question.options[2].keep_in_place
    page = client.get(f"/ngan-hang/cau-hoi/{question.id}").get_data(as_text=True)
    assert "Câu mới?" in page and "Xoá hẳn" in page
    client.post(f"/ngan-hang/cau-hoi/{question.id}", data={
        "text": "Câu đã sửa?", "area": "3", "difficulty": "2", "option_a": "X",
        "option_b": "Y", "correct_a": "y", "correct_b": "y"})
    db.session.expire_all()
    assert question.text == "Câu đã sửa?" and question.correct_positions == [0, 1]


def test_form_without_correct_answer_shows_error(client, organiser):
    response = client.post("/ngan-hang/cau-hoi/moi", data={
        "text": "Câu?", "area": "1", "difficulty": "1", "option_a": "x", "option_b": "y"})
    assert response.status_code == 200 and "Chưa có đáp án" in response.get_data(as_text=True)
    assert count() == 0


def test_retire_reactivate_and_delete(client, organiser, make_question):
    question = make_question()
    client.post(f"/ngan-hang/cau-hoi/{question.id}/ngung")
    db.session.expire_all()
    assert question.status == QuestionStatus.RETIRED
    client.post(f"/ngan-hang/cau-hoi/{question.id}/dung-lai")
    db.session.expire_all()
    assert question.status == QuestionStatus.ACTIVE
    client.post(f"/ngan-hang/cau-hoi/{question.id}/xoa")
    assert count() == 0
    assert client.post("/ngan-hang/cau-hoi/999/xoa").status_code == 404


def test_template_and_export_download(client, organiser, make_question):
    make_question()
    for url in ("/ngan-hang/tep-mau.xlsx", "/ngan-hang/xuat.xlsx", "/ngan-hang/xuat.xlsx?bank=1"):
        response = client.get(url)
        assert response.status_code == 200 and response.data.startswith(b"PK")
    assert client.get("/ngan-hang/xuat.xlsx?bank=99").status_code == 404
