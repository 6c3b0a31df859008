"""GIFT, Aiken, Moodle XML and QTI through the real surfaces: the bank CLI and the import pages."""

import io
import re

import pytest
import sqlalchemy as sa

from contest.extensions import db
from question_bank.models import Bank, Question, QuestionOption, question_bank_link
from question_bank.rules import auto_keep_in_place

from .interchange_files import (
    AIKEN,
    AIKEN_BAD_LETTER,
    ENTITY_BOMB,
    GIFT_BANK,
    GIFT_DOCS,
    GIFT_DOCS_EXPECTED,
    MOODLE_XML,
    qti_item,
    qti_package,
)


def count() -> int:
    return db.session.scalar(sa.select(sa.func.count(Question.id)))


def stored() -> list[tuple]:
    """Every question as (code, text, options, correct, area, difficulty, explanation, legal,
    kept in place)."""
    db.session.expire_all()
    return [(q.code, q.text, [o.text for o in q.options], q.correct_positions, q.area_id,
             q.difficulty, q.explanation, q.legal_basis,
             [o.position for o in q.options if o.keep_in_place])
            for q in db.session.scalars(sa.select(Question).order_by(Question.code))]


def import_file(runner, tmp_path, name: str, data: bytes | str, *args: str):
    path = tmp_path / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return runner.invoke(args=["bank", "import", str(path), *args])


def test_gift_import_writes_choices_and_names_every_skipped_question(runner, tmp_path):
    result = import_file(runner, tmp_path, "moodle.gift", GIFT_DOCS, "--area", "2",
                         "--bank", "Moodle")
    assert result.exit_code == 0, result.output
    assert f"Đã thêm {len(GIFT_DOCS_EXPECTED)} câu hỏi mới" in result.output
    for line, kind in [(32, "ghép đôi (matching)"), (40, "số (numerical)"),
                       (22, "trả lời ngắn (short answer)"), (104, "tự luận (essay)"),
                       (106, "mô tả, không phải câu hỏi (description)")]:
        assert re.search(rf"GIFT, dòng {line}: bỏ qua câu “[^”]+” — kiểu {re.escape(kind)} "
                         "không dùng được", result.output), (line, kind)
    rows = {text: (options, correct, area) for _c, text, options, correct, area, *_ in stored()}
    assert rows["Hai cơ quan nào thuộc Chính phủ?"] == (
        ["Quốc hội", "Bộ Nội vụ", "Bộ Tư pháp", "Tòa án nhân dân"], [1, 2], 2)
    assert rows["Nghị quyết 76 ban hành năm 2019."] == (["Đúng", "Sai"], [1], 2)
    assert db.session.scalar(sa.select(Question.code).where(
        Question.text.startswith("Ngày cải cách"))) == "CCHC-07"


def test_gift_txt_categories_become_areas_or_banks(runner, tmp_path):
    result = import_file(runner, tmp_path, "ngan-hang.txt", GIFT_BANK, "--area", "1")
    assert result.exit_code == 0, result.output
    areas = dict(db.session.execute(sa.select(Question.code, Question.area_id)).all())
    assert areas == {"TTHC-01": 2, "TTHC-02": 1}  # a category naming an area sets it
    banks = db.session.scalars(sa.select(Bank.name).join(Bank.questions)
                               .where(Question.code == "TTHC-02")).all()
    assert banks == ["Chuyên đề 2025"]  # any other category becomes a bank
    topics = dict(db.session.execute(sa.select(Question.code, Question.topic)).all())
    assert topics == {"TTHC-01": "", "TTHC-02": "Chuyên đề 2025"}  # ... and the topic


def test_categories_can_be_mapped_to_areas_like_spreadsheet_groups(runner, tmp_path):
    result = import_file(runner, tmp_path, "ngan-hang.gift", GIFT_BANK, "--area", "1",
                         "--map-area", "Chuyên đề 2025=6", "--dry-run")
    assert result.exit_code == 0 and "thành ngân hàng" not in result.output
    result = import_file(runner, tmp_path, "ngan-hang.gift", GIFT_BANK, "--area", "1")
    assert "Danh mục không phải lĩnh vực (thành ngân hàng): Chuyên đề 2025" in result.output
    result = import_file(runner, tmp_path, "lai.gift", GIFT_BANK.replace("TTHC-0", "M-"),
                         "--map-area", "Chuyên đề 2025=6", "--include-duplicates")
    assert result.exit_code == 0, result.output
    question = db.session.scalar(sa.select(Question).where(Question.code == "M-2"))
    assert question.area_id == 6 and [b.name for b in question.banks] == ["Chuyên đề 2025"]


def test_aiken_import(runner, tmp_path):
    result = import_file(runner, tmp_path, "aiken.txt", AIKEN, "--area", "1")
    assert result.exit_code == 0, result.output
    assert [(text, correct) for _c, text, _o, correct, *_ in stored()] == [
        ("Nghị quyết 76/NQ-CP được ban hành năm nào?", [1]),
        ("Những nội dung nào thuộc cải cách hành chính?", [0, 2])]


def test_moodle_xml_import(runner, tmp_path):
    result = import_file(runner, tmp_path, "moodle.xml", MOODLE_XML, "--area", "4")
    assert result.exit_code == 0, result.output
    assert "Đã thêm 4 câu hỏi mới" in result.output
    assert "Moodle XML, dòng 63: bỏ qua câu “Điền khuyết” — kiểu điền khuyết (cloze)" \
        in result.output
    question = db.session.scalar(sa.select(Question).where(Question.code == "NQ76-01"))
    assert (question.area_id, question.explanation) == (1, "Ngày 15/7/2021.")
    assert db.session.scalar(sa.select(Bank.name)) == "Ôn tập chung"


def test_qti_item_and_package_import(runner, tmp_path):
    assert import_file(runner, tmp_path, "item.xml", qti_item("NV-1"), "--area", "4") \
        .exit_code == 0
    package = qti_package({"a.xml": qti_item("NV-2", text="Câu hai?"),
                           "b.xml": qti_item("NV-3", text="Câu ba?", correct=("B", "C")),
                           "c.xml": qti_item("NV-4", interaction="<p>Giới thiệu</p>")})
    result = import_file(runner, tmp_path, "goi.zip", package, "--area", "4")
    assert result.exit_code == 0, result.output
    assert "c.xml, dòng 2: bỏ qua câu “NV-4” — kiểu mô tả" in result.output
    assert [(code, correct) for code, _t, _o, correct, *_ in stored()] == [
        ("NV-1", [0]), ("NV-2", [0]), ("NV-3", [1, 2])]


@pytest.mark.parametrize("name, data, message", [
    ("hong.xml", b"<quiz>\n<question type='multichoice'>\n<name></question>\n</quiz>",
     "Tệp XML hỏng ở dòng 3, cột 9"),
    ("bom.xml", ENTITY_BOMB, "bom XML"),
    ("ngoac.gift", "Câu một?{=a ~b}\n\nCâu hai?{=a ~b\n", "GIFT, dòng 3: dấu “{” mở"),
    ("aiken.txt", AIKEN_BAD_LETTER, "Aiken, dòng 9: đáp án “E” không khớp"),
    ("chi-tu-luan.gift", "Trình bày?{}\n", "không có câu trắc nghiệm hay đúng/sai nào"),
])
def test_bad_files_are_refused_naming_the_place_and_write_nothing(runner, tmp_path, name, data,
                                                                  message):
    result = import_file(runner, tmp_path, name, data, "--area", "1")
    assert result.exit_code == 2
    assert "Lỗi:" in result.output and message in result.output
    assert count() == 0


def test_row_errors_name_the_line_and_dry_run_writes_nothing(runner, tmp_path):
    too_long = "x" * 1001
    text = f"Câu tốt?{{=a ~b}}\n\nCâu dài?{{={too_long} ~b}}\n"
    result = import_file(runner, tmp_path, "loi.gift", text, "--area", "1")
    assert result.exit_code == 1 and "GIFT, dòng 3" in result.output and count() == 0
    result = import_file(runner, tmp_path, "tot.gift", "Câu tốt?{=a ~b}\n", "--area", "1",
                         "--dry-run")
    assert result.exit_code == 0 and "--dry-run" in result.output and count() == 0


@pytest.mark.parametrize("suffix", [".gift", ".xml"])
def test_export_then_import_gives_the_same_questions(runner, tmp_path, make_question, suffix):
    make_question(text="Một lựa chọn {đúng} = ~ # : ?", area_id=3, difficulty=1,
                  options=["A = 1", "B {2}", "Cả A và B đều đúng"], correct=[2],
                  explanation="Vì\nhai dòng.", legal_basis="Nghị quyết 76/NQ-CP",
                  banks=["Xuất"])
    make_question(text="Nhiều đáp án & <thẻ>?", area_id=6, difficulty=3,
                  options=["Một", "Hai", "Ba", "Bốn"], correct=[0, 3], banks=["Xuất"])
    make_question(text="Thứ tự cố định?", options=["1", "1,2", "1,2,3"], correct=[1],
                  keep_in_place=[0, 1, 2], banks=["Xuất"])
    make_question(text="Không xuất?", banks=["Khác"])
    before = [q for q in stored() if q[1] != "Không xuất?"]
    out = tmp_path / f"xuat{suffix}"
    result = runner.invoke(args=["bank", "export", str(out), "--bank", "Xuất"])
    assert result.exit_code == 0, result.output
    db.session.execute(sa.delete(question_bank_link))
    db.session.execute(sa.delete(QuestionOption))
    db.session.execute(sa.delete(Question))
    db.session.commit()
    result = runner.invoke(args=["bank", "import", str(out), "--bank", "Xuất"])
    assert result.exit_code == 0, result.output
    after = stored()
    if suffix == ".gift":  # GIFT has no place for difficulty, legal basis or pinned options:
        # the import pins by meaning again ("1,2", "1,2,3" are number keys)
        before = [(*q[:5], 2, q[6], "", auto_keep_in_place(q[2])) for q in before]
    assert after == before
    assert db.session.scalar(sa.select(sa.func.count(question_bank_link.c.bank_id))) == 3


def test_moodle_questions_that_must_not_shuffle_keep_every_option_in_place(runner, tmp_path):
    xml = MOODLE_XML.replace("<single>true</single>",
                             "<single>true</single><shuffleanswers>0</shuffleanswers>")
    assert import_file(runner, tmp_path, "a.xml", xml, "--area", "1").exit_code == 0
    kept = {code: keep for code, *_rest, keep in stored()}
    assert kept["NQ76-01"] == [0, 1, 2]
    assert sum(1 for keep in kept.values() if keep) == 1


def test_export_xlsx_still_by_default(runner, tmp_path, make_question):
    make_question()
    out = tmp_path / "xuat.xlsx"
    assert runner.invoke(args=["bank", "export", str(out)]).exit_code == 0
    assert out.read_bytes().startswith(b"PK")


@pytest.fixture
def organiser(make_user, auth):
    user = make_user(role="organiser")
    auth.login(user)
    return user


def upload(client, data: bytes, filename: str, area: str = "2"):
    form = {"file": (io.BytesIO(data), filename), "bank": "Từ Moodle", "area": area}
    return client.post("/ngan-hang/nhap", data=form, content_type="multipart/form-data")


def test_web_import_previews_skipped_questions_then_confirms(client, organiser):
    response = upload(client, MOODLE_XML.encode(), "ngan-hang.xml")
    assert response.status_code == 302, response.get_data(as_text=True)
    preview = response.headers["Location"]
    page = client.get(preview).get_data(as_text=True)
    assert "Câu bị bỏ qua (6)" in page and "ghép đôi (matching)" in page
    assert "Nghị quyết 76/NQ-CP ban hành năm nào?" in page and "Tải tệp kèm cột" not in page
    assert count() == 0
    response = client.post(f"{preview}/xac-nhan")
    assert response.status_code == 302 and count() == 4


@pytest.mark.parametrize("name, data, message", [
    ("cau-hoi.docx", b"PK", "GIFT (.gift, .txt), Aiken (.txt), Moodle XML (.xml)"),
    ("bom.xml", ENTITY_BOMB, "bom XML"),
    ("ngoac.gift", "Câu?{=a ~b\n".encode(), "GIFT, dòng 1"),
    ("aiken.txt", AIKEN_BAD_LETTER.encode(), "Aiken, dòng 9"),
])
def test_web_import_refuses_bad_files_with_the_place(client, organiser, name, data, message):
    response = upload(client, data, name)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True) and count() == 0


def test_web_import_of_a_gift_text_file_maps_a_category_to_an_area(client, organiser):
    response = upload(client, GIFT_BANK.encode(), "ngan-hang.txt", area="1")
    assert response.status_code == 302
    preview = response.headers["Location"]
    assert "“Chuyên đề 2025”" in client.get(preview).get_data(as_text=True)
    client.post(preview, data={"bank": "Từ Moodle", "area": "1",
                               "map-label-1": "Chuyên đề 2025", "map-1": "5"})
    assert client.post(f"{preview}/xac-nhan").status_code == 302
    areas = dict(db.session.execute(sa.select(Question.code, Question.area_id)).all())
    assert areas == {"TTHC-01": 2, "TTHC-02": 5}


@pytest.mark.parametrize("fmt, name, start", [
    ("gift", "ngan-hang-cau-hoi.gift", b"// "), ("xml", "ngan-hang-cau-hoi.xml", b"<?xml"),
    ("xlsx", "ngan-hang-cau-hoi.xlsx", b"PK"),
])
def test_web_export_formats(client, organiser, make_question, fmt, name, start):
    make_question(text="Xuất trên web?")
    response = client.get(f"/ngan-hang/xuat.xlsx?dinh_dang={fmt}")
    assert response.status_code == 200 and response.data.startswith(start)
    assert name in response.headers["Content-Disposition"]
    if fmt != "xlsx":
        assert b"Xu\xe1\xba\xa5t tr\xc3\xaan web?" in response.data
    assert client.get("/ngan-hang/xuat.xlsx?dinh_dang=pdf").status_code == 404


def test_a_moodle_bank_imported_by_cli_is_drawn_in_a_contest_round(
        runner, tmp_path, client, auth, make_user, make_entrant):
    """Whole contest: the CLI imports a Moodle XML bank, a round draws from it, and an entrant's
    paper shows the true/false question as "Đúng"/"Sai" and the two-answer one as multiple."""
    from contest.contests.models import Contest, EntrantGroup, Round
    from contest.extensions import utcnow

    assert import_file(runner, tmp_path, "moodle.xml", MOODLE_XML, "--area", "4",
                       "--bank", "Từ Moodle").exit_code == 0
    bank = db.session.scalar(sa.select(Bank).where(Bank.name == "Từ Moodle"))
    contest = Contest(title="Cuộc thi tìm hiểu CCHC 2025", status="published")
    contest.groups.append(EntrantGroup(name="Khối CBCCVC", banks=[bank]))
    now = utcnow()
    round_ = Round(contest=contest, name="Tuần 1", opens_at=now, question_count=4,
                   closes_at=now.replace(year=now.year + 1), time_limit_minutes=20)
    db.session.add_all([contest, round_])
    db.session.commit()
    user = make_user(full_name="Thí sinh Moodle")
    make_entrant(user, contest)
    auth.login(user)
    response = client.post(f"/api/v1/rounds/{round_.id}/attempts",
                           headers={"X-Requested-With": "fetch"})
    assert response.status_code == 201, response.get_json()
    paper = {q["text"]: q for q in response.get_json()["questions"]}
    assert sorted(paper["Có sáu lĩnh vực cải cách."]["options"]) == ["Sai", "Đúng"]
    assert paper["Những cơ quan nào thuộc Chính phủ?"]["multiple"] is True
    assert paper["Nghị quyết 76/NQ-CP ban hành năm nào?"]["multiple"] is False
