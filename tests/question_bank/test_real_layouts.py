"""Layouts seen in organisers' real files (issue 15, points 2-5), built with openpyxl."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from contest.extensions import db
from question_bank.fingerprint import fingerprint
from question_bank.import_plan import ImportOptions
from question_bank.importer import import_file
from question_bank.models import Question
from question_bank.parsing import parse_answer, split_options, strip_numbering

from .files import one_sheet, question


def run(data, filename="cau-hoi.xlsx", **options):
    plan, result = import_file(data, filename, ImportOptions(**options))
    db.session.commit()
    return plan, result


def stored() -> list[Question]:
    return list(db.session.scalars(sa.select(Question).order_by(Question.id)))


# --- point 2: letter prefixes and numbering -------------------------------------------------

@pytest.mark.parametrize(("raw", "expected"), [
    ("C.\tNghị quyết 76/NQ-CP", [2]), ("C. Nghị quyết 76/NQ-CP", [2]),
    ("c) nghị quyết 76/nq-cp", [2]), ("Nghị quyết 76/NQ-CP", [2]), ("C", [2]),
])
def test_answer_with_or_without_its_letter(raw, expected):
    options = ["Luật", "Nghị định", "Nghị quyết 76/NQ-CP", "Thông tư"]
    assert parse_answer(raw, options) == expected


def test_answer_equal_to_a_prefixed_option_cell():
    options = ["A.\tLuật", "B.\tNghị định"]  # cells kept as written (a lone prefix)
    assert parse_answer("B.\tNghị định", options) == [1]


@pytest.mark.parametrize("cell", [
    "A/ Một\nB/ Hai\nC/ Ba", "A - Một\nB - Hai\nC - Ba", "A: Một\nB: Hai\nC: Ba",
    "A. Một\nB) Hai\nC/ Ba",
])
def test_slash_dash_and_colon_prefixes_split(cell):
    assert split_options(cell) == ["Một", "Hai", "Ba"]


def test_a_dash_inside_text_is_not_a_prefix():
    assert split_options("A-1 là mã\nB-2 là mã") == ["A-1 là mã", "B-2 là mã"]


@pytest.mark.parametrize(("text", "stem", "numbering"), [
    ("Câu 12: Ai ban hành?", "Ai ban hành?", "Câu 12:"), ("1: Ai?", "Ai?", "1:"),
    ("Câu 3. Ai?", "Ai?", "Câu 3."), ("12) Ai?", "Ai?", "12)"),
    ("1.000 người dự thi?", "1.000 người dự thi?", ""), ("Câu 5:", "Câu 5:", ""),
    ("CÂU HỎI 4: Ai?", "Ai?", "CÂU HỎI 4:"), ("Q10 là gì?", "Q10 là gì?", ""),
    ("Question 2. Who?", "Who?", "Question 2."), ("2021 là năm gì?", "2021 là năm gì?", ""),
])
def test_numbering_is_taken_off_stems(text, stem, numbering):
    assert strip_numbering(text) == (stem, numbering)


def test_numbering_is_stripped_on_import_shown_and_ignored_by_duplicates(app):
    rows = [question(code="N1", text="Câu 59: Nghị quyết 76 ban hành năm nào?",
                     options=("2020", "2021"), answer="B.\t2021"),
            question(code="N2", text="Nghị quyết 76 ban hành năm nào?", options=("2021", "2020"),
                     answer="A")]
    plan, result = run(one_sheet(rows))
    assert plan.errors == [] and plan.rows[0].numbering == "Câu 59:"
    assert [r.action for r in plan.rows] == ["new", "duplicate"]
    (q,) = stored()
    assert q.text == "Nghị quyết 76 ban hành năm nào?" and q.correct_positions == [1]
    assert fingerprint("Câu 1: X?", ["a", "b"]) == fingerprint("X?", ["b", "a"])


def test_a_hundred_and_twenty_answers_written_with_their_letter_import(app):
    rows = []
    for n in range(1, 121):
        options = [f"Văn bản {n}.{i}" for i in range(4)]
        rows.append(question(code=f"L{n}", text=f"Câu {n}: Văn bản nào {n}?",
                             options=tuple(f"{'ABCD'[i]}.\t{o}" for i, o in enumerate(options)),
                             answer=f"{'ABCD'[n % 4]}.\t{options[n % 4]}"))
    plan, result = run(one_sheet(rows))
    assert plan.errors == [] and result.created == 120
    assert all(q.correct_positions == [int(q.code[1:]) % 4] for q in stored())
    assert stored()[0].options[0].text == "Văn bản 1.0"


def test_line_without_its_letter_is_a_warning_naming_the_row(app, runner, tmp_path):
    header = ["Câu hỏi", "Các phương án", "Đáp án", "Lĩnh vực"]
    data = one_sheet([["Câu một?", "A. Một\nB. Hai", "A", 1],
                      ["Câu hai?", "A. Một\nB. Hai\nC. Ba\nBốn", "B", 1]], header)
    plan, _ = run(data, filename="x.xlsx")
    assert [(w.row, w.column) for w in plan.warnings] == [(3, "Các phương án")]
    assert "“Bốn”" in plan.warnings[0].message and "phương án C" in plan.warnings[0].message
    path = tmp_path / "x.xlsx"
    path.write_bytes(data)
    result = runner.invoke(args=["bank", "import", str(path), "--dry-run"])
    assert "Cảnh báo: Trang Câu hỏi, dòng 3" in result.output


def test_preview_shows_numbering_and_warnings(client, make_user, auth):
    import io
    auth.login(make_user(role="organiser"))
    header = ["Câu hỏi", "Các phương án", "Đáp án", "Lĩnh vực"]
    data = one_sheet([["Câu 7: Câu hai?", "A/ Một\nB/ Hai\nBa", "B", 1]], header)
    response = client.post("/ngan-hang/nhap", data={
        "file": (io.BytesIO(data), "p.xlsx"), "bank": "", "area": "0"},
        content_type="multipart/form-data")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "đã bỏ số thứ tự “Câu 7:”" in page and "không có chữ cái phương án" in page


# --- point 4: codes belong to a bank ---------------------------------------------------------

def _numbered(prefix: str, count: int = 3) -> bytes:
    return one_sheet([question(code=str(n), text=f"{prefix} {n}?", options=("x", f"y{n}"))
                      for n in range(1, count + 1)])


def test_a_second_bank_numbered_from_one_does_not_replace_the_first(app):
    run(_numbered("Bộ một"), bank="Bộ 1")
    plan, result = run(_numbered("Bộ hai"), bank="Bộ 2")
    assert result is None and plan.conflicts == 3
    assert [(e.row, e.column) for e in plan.errors] == [(2, "Mã"), (3, "Mã"), (4, "Mã")]
    assert "“Bộ 1”" in plan.errors[0].message
    assert [q.text for q in stored()] == ["Bộ một 1?", "Bộ một 2?", "Bộ một 3?"]
    plan, result = run(_numbered("Bộ hai"), bank="Bộ 2", code_conflicts="new")
    assert result.created == 3 and result.updated == 0
    assert [q.text for q in stored()][:3] == ["Bộ một 1?", "Bộ một 2?", "Bộ một 3?"]
    assert {q.code for q in stored()[3:]} == {"Q000001", "Q000002", "Q000003"}
    plan, result = run(_numbered("Bộ một mới"), bank="Bộ 1")  # same bank: updates as before
    assert result.updated == 3 and stored()[0].text == "Bộ một mới 1?"


def test_cli_needs_update_existing(app, runner, tmp_path):
    run(_numbered("Bộ một"), bank="Bộ 1")
    path = tmp_path / "hai.xlsx"
    path.write_bytes(_numbered("Bộ hai"))
    result = runner.invoke(args=["bank", "import", str(path), "--bank", "Bộ 2"])
    assert result.exit_code == 1 and "--update-existing" in result.output
    assert stored()[0].text == "Bộ một 1?"
    result = runner.invoke(args=["bank", "import", str(path), "--bank", "Bộ 2",
                                 "--update-existing"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert stored()[0].text == "Bộ hai 1?"
    assert sorted(b.name for b in stored()[0].banks) == ["Bộ 1", "Bộ 2"]


def test_web_preview_offers_the_choice(client, make_user, auth):
    import io
    run(_numbered("Bộ một"), bank="Bộ 1")
    auth.login(make_user(role="organiser"))
    response = client.post("/ngan-hang/nhap", data={
        "file": (io.BytesIO(_numbered("Bộ hai")), "hai.xlsx"), "bank": "Bộ 2", "area": "0"},
        content_type="multipart/form-data")
    url = response.headers["Location"]
    page = client.get(url).get_data(as_text=True)
    assert "Mã đã có ở ngân hàng khác" in page and "Nhập thành câu mới" in page
    assert "Xác nhận nhập" not in page
    client.post(url, data={"bank": "Bộ 2", "area": "0", "sheet": "", "code_conflicts": "new"})
    page = client.get(url).get_data(as_text=True)
    assert "Xác nhận nhập 3 câu" in page
    client.post(url + "/xac-nhan", data={})
    assert len(stored()) == 6 and stored()[0].text == "Bộ một 1?"


# --- point 5: Unicode Text, missing area column, blank option columns ---------------------------

def _unicode_text(rows: list[list]) -> bytes:
    """What Excel writes for "Unicode Text (*.txt)": UTF-16 LE with a BOM, tabs, CRLF."""
    import pandas as pd
    text = pd.DataFrame(rows).to_csv(index=False, header=False, sep="\t", lineterminator="\r\n")
    return text.encode("utf-16")


def test_excel_unicode_text_is_accepted(app):
    data = _unicode_text([["Câu hỏi", "Phương án A", "Phương án B", "Đáp án", "Lĩnh vực"],
                          ["Cơ quan nào ban hành Nghị quyết 76?", "Quốc hội", "Chính phủ", "B",
                           "Thể chế"],
                          ["Câu 2: Dịch vụ công trực tuyến?", "Có", "Không", "A", 6]])
    assert data.startswith(b"\xff\xfe")
    plan, result = run(data, filename="Ngan hang.txt")
    assert plan.errors == [] and result.created == 2
    first, second = stored()
    assert first.text == "Cơ quan nào ban hành Nghị quyết 76?" and first.correct_positions == [1]
    assert second.text == "Dịch vụ công trực tuyến?" and second.area_id == 6


def test_missing_area_column_is_one_message_saying_how_to_choose(app, runner, tmp_path):
    rows = [[f"Câu {n}?", "x", "y", "A"] for n in range(1, 391)]
    data = one_sheet(rows, ["Câu hỏi", "A", "B", "Đáp án"])
    plan, result = run(data)
    assert result is None and len(plan.errors) == 1
    (error,) = plan.errors
    assert (error.row, error.column) == (1, "Lĩnh vực")
    assert "390 dòng" in error.message and "--area" in error.message
    assert "Lĩnh vực cho các dòng không ghi lĩnh vực" in error.message
    path = tmp_path / "khong-linh-vuc.xlsx"
    path.write_bytes(data)
    result = runner.invoke(args=["bank", "import", str(path)])
    assert result.exit_code == 1 and result.output.count("chưa có lĩnh vực") == 1
    assert stored() == []


def test_blank_option_is_reported_under_its_own_column(app):
    row = question(options=("Một", "Hai", "", "Bốn"))
    plan, _ = run(one_sheet([row]))
    assert [(e.row, e.column) for e in plan.errors] == [(2, "Phương án C")]
    header = ["Câu hỏi", "A", "B", "C", "D", "Đáp án", "Lĩnh vực"]
    plan, _ = run(one_sheet([["Câu?", "Một", "", "Ba", "", "A", 1]], header))
    assert [(e.row, e.column) for e in plan.errors] == [(2, "B")]
    assert stored() == []


# --- point 3: topics ---------------------------------------------------------------------------

TOPIC_HEADER = ["STT", "Hạng mục", "Câu hỏi", "Phương án A", "Phương án B", "Đáp án"]


def _topics_file() -> bytes:
    return one_sheet([[1, "Luật Cán bộ, công chức", "Câu 1: Ai?", "x", "y", "A"],
                      [2, "Dịch vụ công trực tuyến", "Câu 2: Gì?", "x", "z", "B"],
                      [3, "Luật Cán bộ, công chức", "Câu 3: Khi nào?", "p", "q", "A"]],
                     TOPIC_HEADER)


def test_a_category_column_becomes_the_topic_and_maps_to_areas(app, runner, tmp_path):
    plan, result = run(_topics_file())
    assert result is None and len(plan.errors) == 1 and "--map-area" in plan.errors[0].message
    assert plan.topics == ["Luật Cán bộ, công chức", "Dịch vụ công trực tuyến"]
    path = tmp_path / "hang-muc.xlsx"
    path.write_bytes(_topics_file())
    result = runner.invoke(args=["bank", "import", str(path), "--map-area",
                                 "Luật Cán bộ, công chức=4", "--map-area",
                                 "Dịch vụ công trực tuyến=6"])
    assert result.exit_code == 0, result.output
    assert [(q.topic, q.area_id) for q in stored()] == [
        ("Luật Cán bộ, công chức", 4), ("Dịch vụ công trực tuyến", 6),
        ("Luật Cán bộ, công chức", 4)]


def test_a_non_area_value_in_the_area_column_is_kept_as_topic(app):
    header = ["Câu hỏi", "A", "B", "Đáp án", "Chủ đề"]
    data = one_sheet([["Câu?", "x", "y", "A", "Phần I - Luật"],
                      ["Câu hai?", "x", "y", "A", "Công vụ"]], header)
    plan, result = run(data, default_area=1)
    assert plan.errors == [] and plan.unknown_areas == ["Phần I - Luật"]
    assert [(q.area_id, q.topic) for q in stored()] == [(1, "Phần I - Luật"), (4, "")]


def test_preview_mapping_table_then_bank_page_filters_by_topic(client, make_user, auth):
    import io
    auth.login(make_user(role="organiser"))
    response = client.post("/ngan-hang/nhap", data={
        "file": (io.BytesIO(_topics_file()), "hang-muc.xlsx"), "bank": "", "area": "0"},
        content_type="multipart/form-data")
    url = response.headers["Location"]
    page = client.get(url).get_data(as_text=True)
    assert "“Luật Cán bộ, công chức”" in page and "“Dịch vụ công trực tuyến”" in page
    labels = {"map-label-1": "Luật Cán bộ, công chức", "map-label-2": "Dịch vụ công trực tuyến"}
    client.post(url, data={"bank": "", "area": "0", "sheet": "", **labels,
                           "map-1": "4", "map-2": "6"})
    page = client.get(url).get_data(as_text=True)
    assert 'value="4" selected' in page and "Xác nhận nhập 3 câu" in page
    client.post(url + "/xac-nhan", data={})
    assert [(q.topic, q.area_id) for q in stored()][:2] == [
        ("Luật Cán bộ, công chức", 4), ("Dịch vụ công trực tuyến", 6)]
    page = client.get("/ngan-hang/?topic=Luật Cán bộ, công chức").get_data(as_text=True)
    assert "Ai?" in page and "Khi nào?" in page and "Gì?" not in page
    assert '<option value="Dịch vụ công trực tuyến">' in page


def test_topic_survives_export_then_import(app, make_question):
    from question_bank.exporting import export_xlsx
    make_question(text="Có chủ đề?", banks=["T"], topic="Hạng mục 1")
    data = export_xlsx(None)
    from question_bank.models import QuestionOption, question_bank_link
    for table in (question_bank_link, QuestionOption.__table__, Question.__table__):
        db.session.execute(sa.delete(table))
    db.session.commit()
    plan, result = run(data)
    assert result.created == 1 and stored()[0].topic == "Hạng mục 1"


def test_keep_column_can_fix_the_whole_order(app):
    header = ["Câu hỏi", "A", "B", "C", "Đáp án", "Lĩnh vực", "Không trộn"]
    data = one_sheet([["Sắp theo thời gian?", "2019", "2020", "2021", "A", 1, "Cố định"],
                      ["Cả A và B?", "x", "y", "Cả A và B", "C", 1, "-"]], header)
    plan, result = run(data)
    assert plan.errors == [] and [r.order for r in plan.rows] == ["fixed", "manual"]
    fixed, manual = stored()
    assert fixed.option_order == "fixed" and all(o.keep_in_place for o in fixed.options)
    assert manual.option_order == "manual" and not any(o.keep_in_place for o in manual.options)
