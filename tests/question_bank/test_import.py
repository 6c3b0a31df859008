"""Import through the real pipeline: file bytes -> plan -> bulk write."""

import codecs
import io

import pytest
import sqlalchemy as sa

from contest.extensions import db
from contest.spreadsheets import SpreadsheetError
from question_bank.import_plan import ImportOptions
from question_bank.importer import import_file
from question_bank.models import Bank, Question

from .files import HEADER, csv_bytes, ods, one_sheet, patch_xlsx, question, xlsx


def run(data, filename="cau-hoi.xlsx", **options):
    plan, result = import_file(data, filename, ImportOptions(**options))
    db.session.commit()
    return plan, result


def stored() -> list[Question]:
    return list(db.session.scalars(sa.select(Question).order_by(Question.code)))


def test_import_skips_title_and_blank_rows_and_reads_every_field(app):
    data = xlsx(("Đề", [
        ["NGÂN HÀNG CÂU HỎI CẢI CÁCH HÀNH CHÍNH 2025"], [],
        ["STT", "Lĩnh vực", "Mức độ", "Nội dung câu hỏi", "Phương án A", "Phương án B",
         "Phương án C", "Phương án D", "Đáp án đúng", "Giải thích", "Căn cứ"],
        [1, "Thể chế", "Nhận biết", "Nghị quyết 76 ban hành năm nào?", "2020", "2021", "2022",
         "Cả A, B, C đều đúng", "B", "Ngày 15/7/2021", "Nghị quyết 76/NQ-CP"],
        [None] * 11,
        [2, 5, "Khó", "Câu hai?", "x", "y", None, None, "A,B", None, None],
    ]))
    plan, result = run(data, bank="CBCCVC 2025")
    assert plan.errors == [] and result.created == 2
    first, second = stored()
    assert (first.code, second.code) == ("Q000001", "Q000002")  # STT is not a code
    assert first.text == "Nghị quyết 76 ban hành năm nào?" and first.area_id == 1
    assert first.difficulty == 1 and first.correct_positions == [1]
    assert [o.keep_in_place for o in first.options] == [True] * 4  # D names A, B, C
    assert first.explanation == "Ngày 15/7/2021" and first.legal_basis == "Nghị quyết 76/NQ-CP"
    assert [b.name for b in first.banks] == ["CBCCVC 2025"]
    assert second.area_id == 5 and second.difficulty == 3 and second.correct_positions == [0, 1]
    assert [row.row for row in plan.rows] == [4, 6]  # Excel row numbers


def test_every_row_error_is_reported_and_nothing_is_written(app):
    rows = [
        question(text=""),                                    # row 2: empty text
        question(options=("Một",), answer="A"),               # row 3: one option
        question(answer="E"),                                 # row 4: answer not an option
        question(area="Thể thao"),                            # row 5: unknown area
        question(text="x" * 5000),                            # row 6: too long
        question(text="Câu hợp lệ?"),                         # row 7: fine
        question(difficulty="Siêu khó"),                      # row 8: unknown difficulty
    ]
    plan, result = run(one_sheet(rows))
    assert result is None
    found = {(e.row, e.column) for e in plan.errors}
    assert {(2, "Câu hỏi"), (3, "Phương án A"), (4, "Đáp án"), (5, "Lĩnh vực"),
            (6, "Câu hỏi"), (8, "Mức độ")} <= found
    assert all(e.row != 7 for e in plan.errors)
    assert stored() == []
    messages = " ".join(e.message for e in plan.errors)
    assert "trống" in messages and "ít nhất 2" in messages and "Thể thao" in messages


def test_more_than_six_options_in_one_cell_is_an_error(app):
    header = ["Câu hỏi", "Các phương án", "Đáp án", "Lĩnh vực"]
    cell = "\n".join(f"{x}. p{x}" for x in "ABCDEFG")
    plan, _ = run(one_sheet([["Câu?", cell, "A", 1]], header))
    assert [e.message for e in plan.errors] == ["Tối đa 6 phương án (đang có 7)."]


def test_options_in_one_cell(app):
    header = ["Câu hỏi", "Phương án", "Đáp án", "Chủ đề", "Độ khó"]
    plan, _ = run(one_sheet([["Câu?", "A. Một\nB. Hai\nC. Tất cả các phương án trên", "C",
                              "Công vụ", "Vận dụng cao"]], header))
    assert plan.errors == []
    (q,) = stored()
    assert [o.text for o in q.options] == ["Một", "Hai", "Tất cả các phương án trên"]
    assert q.options[2].keep_in_place and q.area_id == 4 and q.difficulty == 3


def test_duplicates_are_warned_and_skipped_unless_requested(app):
    rows = [question(text="Câu A?", options=("x", "y")),
            question(text="  câu a? ", options=("Y", "X")),       # same question, other order
            question(text="Câu A?", options=("x", "z"))]          # other options: not duplicate
    plan, result = run(one_sheet(rows))
    assert [(r.row, r.action, r.duplicate_of) for r in plan.rows] == [
        (2, "new", ""), (3, "duplicate", "dòng 2"), (4, "new", "")]
    assert result.created == 2 and result.skipped == 1
    plan, result = run(one_sheet(rows))  # both already stored now
    assert [r.action for r in plan.rows] == ["duplicate"] * 3
    assert result.created == 0
    plan, result = run(one_sheet(rows), include_duplicates=True)
    assert result.created == 3 and len(stored()) == 5


def test_duplicate_of_a_stored_question_joins_the_chosen_bank(app):
    run(one_sheet([question(code="C1")]), bank="CBCCVC 2025")
    plan, result = run(one_sheet([question()]), bank="Người dân 2025")
    assert plan.rows[0].duplicate_of == "C1" and result.linked == 1
    (q,) = stored()
    assert sorted(b.name for b in q.banks) == ["CBCCVC 2025", "Người dân 2025"]


def test_reimport_by_code_updates_instead_of_duplicating(app):
    run(one_sheet([question(code="CT01", text="Cũ?", answer="A")]), bank="B1")
    newer = one_sheet([question(code="CT01", text="Mới?", options=("p", "q", "r"), answer="C",
                                area=3)])
    plan, result = run(newer, bank="B2")  # the code is B1's: asked, not replaced silently
    assert result is None and plan.conflicts == 1 and stored()[0].text == "Cũ?"
    plan, result = run(newer, bank="B2", code_conflicts="update")
    assert result.updated == 1 and result.created == 0
    (q,) = stored()
    assert q.text == "Mới?" and [o.text for o in q.options] == ["p", "q", "r"]
    assert q.correct_positions == [2] and q.area_id == 3
    assert sorted(b.name for b in q.banks) == ["B1", "B2"]


def test_repeated_code_in_one_file_is_an_error(app):
    plan, _ = run(one_sheet([question(code="X"), question(code="X", text="Khác?")]))
    assert [(e.row, e.column) for e in plan.errors] == [(3, "Mã")]


def test_file_without_area_column_uses_the_chosen_area(app):
    header = ["Câu hỏi", "A", "B", "Đáp án"]
    data = one_sheet([["Câu?", "x", "y", "B"]], header)
    plan, _ = run(data)
    assert plan.errors[0].column == "Lĩnh vực"
    plan, result = run(data, default_area=4)
    assert result.created == 1 and stored()[0].area_id == 4


def test_file_categories_can_be_mapped_to_areas(app):
    header = ["Câu hỏi", "A", "B", "Đáp án", "Nhóm"]
    data = one_sheet([["Câu 1?", "x", "y", "A", "Phần I - Luật"],
                      ["Câu 2?", "x", "z", "A", "Phần II - Dịch vụ công"]], header)
    plan, _ = run(data)
    assert plan.unknown_areas == ["Phần I - Luật", "Phần II - Dịch vụ công"]
    plan, result = run(data, area_map={"phan i luat": 1, "phan ii dich vu cong": 2})
    assert result.created == 2 and [q.area_id for q in stored()] == [1, 2]


def test_sheets_first_chosen_or_all(app):
    data = xlsx(("Hướng dẫn", [["Điền câu hỏi vào trang sau"]]),
                ("Đợt 1", [HEADER, question(text="Một?")]),
                ("Đợt 2", [HEADER, question(text="Hai?")]))
    plan, result = run(data)
    assert plan.sheets == ["Đợt 1"] and result.created == 1
    plan, result = run(data, sheet="Đợt 2")
    assert plan.sheets == ["Đợt 2"] and result.created == 1
    plan, result = run(data, all_sheets=True)
    assert plan.sheets == ["Đợt 1", "Đợt 2"] and result.skipped == 2
    with pytest.raises(SpreadsheetError, match="Đợt 9"):
        run(data, sheet="Đợt 9")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1258", "utf-16"])
def test_csv_in_the_encodings_excel_writes(app, encoding):
    rows = [HEADER, question(text="Cải cách thủ tục hành chính là gì?", area="Thủ tục")]
    data = csv_bytes(rows, encoding=encoding)
    if encoding == "utf-8-sig":
        assert data.startswith(codecs.BOM_UTF8)
    plan, result = run(data, filename="cau-hoi.csv")
    assert plan.errors == [] and result.created == 1
    assert stored()[0].text == "Cải cách thủ tục hành chính là gì?"


def test_csv_with_semicolons(app):
    data = csv_bytes([HEADER, question()], sep=";")
    plan, result = run(data, filename="x.csv")
    assert result.created == 1


def test_ods_file(app):
    pytest.importorskip("odf")
    plan, result = run(ods([HEADER, question(text="Từ LibreOffice?")]), filename="x.ods")
    assert plan.errors == [] and result.created == 1


def test_dry_run_writes_nothing(app):
    plan, result = import_file(one_sheet([question()]), "x.xlsx", ImportOptions(), dry_run=True)
    assert result is None and plan.count("new") == 1 and stored() == []


def test_formula_like_text_is_read_as_text(app):
    from openpyxl import Workbook

    from contest.spreadsheets import put_cell

    workbook = Workbook()
    sheet = workbook.active
    for row, values in enumerate([HEADER, question(text="=1+1", options=("=2", "-3"))], 1):
        for col, value in enumerate(values, 1):
            put_cell(sheet, row, col, value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    plan, result = run(buffer.getvalue())
    (q,) = stored()
    assert q.text == "=1+1" and [o.text for o in q.options] == ["=2", "-3"]


def test_formulas_give_their_cached_value_and_are_never_evaluated(app):
    data = one_sheet([question(text="PLACEHOLDER1"), question(text="PLACEHOLDER2")])
    data = patch_xlsx(data, {
        "PLACEHOLDER1": '<f>CONCATENATE("Câu ","một?")</f><v>Câu một?</v>',
        "PLACEHOLDER2": "<f>1+1</f>",  # no cached value: nothing to read, never computed
    })
    plan, result = run(data)
    assert result is None
    assert [r.text for r in plan.rows] == ["Câu một?"]
    assert [(e.row, e.column) for e in plan.errors] == [(3, "Câu hỏi")]


def test_bank_column_is_read(app):
    header = ["Câu hỏi", "A", "B", "Đáp án", "Lĩnh vực", "Ngân hàng"]
    run(one_sheet([["Câu?", "x", "y", "A", 1, "B1; B2"]], header))
    assert sorted(b.name for b in db.session.scalars(sa.select(Bank))) == ["B1", "B2"]
