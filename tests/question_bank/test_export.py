"""Template, export, the export -> import round trip and formula neutralisation."""

import io

import openpyxl
import sqlalchemy as sa

from contest.extensions import db
from contest.spreadsheets import safe_cell, write_xlsx
from question_bank.exporting import QUESTION_SHEET, export_xlsx, template_xlsx
from question_bank.import_plan import ImportOptions
from question_bank.importer import import_file
from question_bank.models import Bank, Question, QuestionOption, question_bank_link
from question_bank.services import create_question, retire_question


def snapshot() -> list[tuple]:
    questions = db.session.scalars(sa.select(Question).order_by(Question.code))
    return [
        (q.code, q.text, q.area_id, q.difficulty, tuple(o.text for o in q.options),
         tuple(q.correct_positions), tuple(o.position for o in q.options if o.keep_in_place),
         q.explanation, q.legal_basis, tuple(sorted(b.name for b in q.banks)))
        for q in questions
    ]


def wipe() -> None:
    db.session.execute(question_bank_link.delete())
    db.session.execute(sa.delete(QuestionOption))
    db.session.execute(sa.delete(Question))
    db.session.execute(sa.delete(Bank))
    db.session.commit()


def test_export_then_import_gives_back_the_identical_bank(app):
    create_question(code="CT-001", text="Nghị quyết 76/NQ-CP ban hành năm nào?", area_id=1,
                    difficulty=1, options=["2020", "2021", "2022", "Cả A, B, C đều đúng"],
                    correct=[1], explanation="Ngày 15/7/2021.\nXem thêm điều 1.",
                    legal_basis="Nghị quyết 76/NQ-CP", banks=["CBCCVC 2025", "Người dân 2025"])
    create_question(code="Q000007", text="Chọn các ý đúng về DVC trực tuyến", area_id=6,
                    difficulty=3, options=["A) ý một", "=HYPERLINK(\"x\")", "-5 điểm", "@x",
                                           "Tất cả các phương án trên", "Không ý nào"],
                    correct=[0, 2], keep_in_place=[], banks=["CBCCVC 2025"])
    create_question(code="007", text="Câu có mã số?", area_id=4, difficulty=2,
                    options=["1", "2"], correct=[1], keep_in_place=[0, 1],
                    banks=["Người dân 2025"])
    db.session.commit()
    before = snapshot()
    data = export_xlsx()
    wipe()
    plan, result = import_file(data, "export.xlsx", ImportOptions())
    db.session.commit()
    assert plan.errors == [] and result.created == 3
    assert snapshot() == before


def test_export_of_one_bank_and_retired_questions_left_out(app, make_question):
    make_question(code="A1", banks=["B1"])
    make_question(code="A2", banks=["B2"])
    retire_question(make_question(code="A3", banks=["B1"]))
    db.session.commit()
    bank = db.session.scalar(sa.select(Bank).where(Bank.name == "B1"))
    sheet = openpyxl.load_workbook(io.BytesIO(export_xlsx(bank.id)))[QUESTION_SHEET]
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["A1"]


def test_exported_formula_like_text_is_plain_text(app):
    create_question(code="F1", text="=cmd|' /C calc'!A0", area_id=1, difficulty=1,
                    options=["+1", "@SUM(1)", "-2"], correct=[0])
    db.session.commit()
    sheet = openpyxl.load_workbook(io.BytesIO(export_xlsx()))[QUESTION_SHEET]
    for cell in sheet[2][1:5]:
        assert cell.data_type == "s" and cell.quotePrefix
    assert sheet["B2"].value == "=cmd|' /C calc'!A0"


def test_safe_cell_for_csv_and_write_xlsx():
    assert safe_cell("=1+1") == "'=1+1" and safe_cell("-2") == "'-2"
    assert safe_cell("Bình thường") == "Bình thường" and safe_cell(5) == 5
    data = write_xlsx([("Kết quả", ["Họ tên", "Điểm"], [["=A1", 9.5]])])
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Kết quả"]
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.b
    assert sheet["A2"].data_type == "s" and sheet["A2"].value == "=A1"


def test_template_has_instructions_and_drop_down_lists(app):
    workbook = openpyxl.load_workbook(io.BytesIO(template_xlsx()))
    assert workbook.sheetnames[:2] == [QUESTION_SHEET, "Hướng dẫn"]
    sheet = workbook[QUESTION_SHEET]
    assert [c.value for c in sheet[1]][:3] == ["Mã", "Câu hỏi", "Phương án A"]
    ranges = {str(v.sqref).split(":")[0]: v for v in sheet.data_validations.dataValidation}
    assert set(ranges) == {"I2", "J2", "K2"}  # answer, area, difficulty
    assert "Danh mục" in ranges["J2"].formula1
    lists = workbook["Danh mục"]
    assert [lists.cell(r, 1).value for r in range(2, 8)][0] == "Cải cách thể chế"
    assert [lists.cell(r, 2).value for r in range(2, 5)] == ["Dễ", "Trung bình", "Khó"]


def test_empty_template_imports_as_no_questions(app):
    plan, result = import_file(template_xlsx(), "mau.xlsx", ImportOptions())
    assert plan.rows == [] and plan.errors == [] and result.created == 0
