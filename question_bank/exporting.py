"""The import template and bank exports: one layout, so export -> import gives the bank back."""

from __future__ import annotations

import io

import sqlalchemy as sa
from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from sqlalchemy.orm import selectinload

from contest.extensions import db
from contest.spreadsheets import add_sheet
from question_bank.models import (
    DIFFICULTY_LABELS,
    REFORM_AREAS,
    Bank,
    Question,
    QuestionStatus,
    question_bank_link,
)
from question_bank.rules import LETTERS, auto_keep_in_place

QUESTION_SHEET = "Câu hỏi"
HEADERS = ["Mã", "Câu hỏi", *[f"Phương án {x}" for x in LETTERS], "Đáp án", "Lĩnh vực",
           "Mức độ", "Giải thích", "Căn cứ", "Giữ vị trí", "Ngân hàng", "Hạng mục"]
WIDTHS = [12, 60, 28, 28, 28, 28, 20, 20, 10, 34, 14, 40, 30, 11, 24, 24]
ANSWER_COL, AREA_COL, DIFFICULTY_COL = "I", "J", "K"

INSTRUCTIONS = [
    ("Mã", "Mã câu hỏi (không bắt buộc). Nhập lại tệp có cùng mã sẽ CẬP NHẬT câu hỏi đó thay vì "
           "tạo câu mới. Để trống: hệ thống tự sinh mã (Q000001...)."),
    ("Câu hỏi", "Nội dung câu hỏi (bắt buộc)."),
    ("Phương án A-F", "Từ 2 đến 6 phương án, điền liên tục từ A. Có thể để tất cả phương án "
                      "trong một ô, mỗi phương án một dòng bắt đầu bằng “A.”, “B.”..."),
    ("Đáp án", "Chữ cái phương án đúng: B. Nhiều đáp án: A,C hoặc AC. Cũng nhận số (2), "
               "nguyên văn phương án đúng, có hoặc không kèm chữ cái (“C. Nghị quyết 76/NQ-CP”)."),
    ("Lĩnh vực", "Chọn trong danh sách, hoặc ghi số 1-6: " + "; ".join(
        f"{i}. {name}" for i, name in enumerate(REFORM_AREAS, start=1))),
    ("Mức độ", "Dễ / Trung bình / Khó (hoặc Nhận biết / Thông hiểu / Vận dụng, hoặc 1/2/3). "
               "Để trống: Trung bình."),
    ("Giải thích", "Giải thích đáp án (không bắt buộc)."),
    ("Căn cứ", "Văn bản làm căn cứ, ví dụ: Nghị quyết 76/NQ-CP (không bắt buộc)."),
    ("Giữ vị trí", "Chữ cái các phương án không được đảo vị trí khi trộn, ví dụ D. Để trống: hệ "
                   "thống tự nhận các phương án nhắc tới phương án khác (“Cả A, B, C đều đúng”, "
                   "“Phương án A và B đều đúng”, “1,2,3”, “Tất cả các phương án trên”) và giữ cả "
                   "các phương án được nhắc tới. Ghi “-” nếu không giữ phương án nào, "
                   "“Cố định” để giữ nguyên thứ tự cả câu."),
    ("Ngân hàng", "Tên các ngân hàng câu hỏi, cách nhau bằng dấu chấm phẩy (;)."),
    ("Hạng mục", "Chủ đề riêng của tệp (không bắt buộc), để lọc ngân hàng; khác với Lĩnh vực."),
    ("Lưu ý", "Dòng đầu tiên của trang “Câu hỏi” là tiêu đề, không đổi tên cột. Hệ thống kiểm tra "
              "tất cả các dòng trước khi ghi: nếu có lỗi, không câu nào được ghi."),
    ("Ví dụ", "Câu hỏi: “Nghị quyết 76/NQ-CP về Chương trình tổng thể cải cách hành chính nhà "
              "nước giai đoạn 2021-2030 được ban hành năm nào?”; A: 2020; B: 2021; C: 2022; "
              "Đáp án: B; Lĩnh vực: Cải cách thể chế; Mức độ: Dễ."),
]


def keep_cell(options: list[str], keep: list[int]) -> str:
    """Letters kept in place; blank when they are the ones pinned by meaning (an import finds
    them again), "-" when none although some options name others ("Cả A, B đều đúng")."""
    detected = auto_keep_in_place(options)
    if sorted(keep) == detected:
        return ""
    if keep:
        return "".join(LETTERS[i] for i in keep)
    return "-"


def question_row(question: Question) -> list:
    options = [o.text for o in question.options]
    keep = [o.position for o in question.options if o.keep_in_place]
    return [
        question.code, question.text, *(options + [""] * (len(LETTERS) - len(options))),
        ",".join(LETTERS[p] for p in question.correct_positions),
        REFORM_AREAS[question.area_id - 1], DIFFICULTY_LABELS[question.difficulty],
        question.explanation, question.legal_basis, keep_cell(options, keep),
        "; ".join(sorted(b.name for b in question.banks)), question.topic,
    ]


def _workbook(rows: list[list]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])  # the blank sheet a new Workbook starts with
    sheet = add_sheet(workbook, QUESTION_SHEET, HEADERS, rows, WIDTHS)
    add_sheet(workbook, "Hướng dẫn", ["Cột", "Cách điền"], INSTRUCTIONS, [16, 110])
    lists = add_sheet(workbook, "Danh mục", ["Lĩnh vực", "Mức độ", "Đáp án"],
                      [[area, DIFFICULTY_LABELS.get(i + 1, ""), LETTERS[i]]
                       for i, area in enumerate(REFORM_AREAS)], [60, 14, 10])
    lists.sheet_state = "hidden"
    last = max(len(rows) + 500, 1000)
    for col, source, strict in ((AREA_COL, "A", True), (DIFFICULTY_COL, "B", True),
                                (ANSWER_COL, "C", False)):
        end = 4 if source == "B" else 7
        validation = DataValidation(
            type="list", formula1=f"='Danh mục'!${source}$2:${source}${end}",
            allow_blank=True, showErrorMessage=True,
            errorStyle="stop" if strict else "information",
            errorTitle="Giá trị không có trong danh sách",
            error="Chọn trong danh sách." if strict else "Nhiều đáp án: ghi A,C hoặc AC.",
        )
        validation.add(f"{col}2:{col}{last}")
        sheet.add_data_validation(validation)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template_xlsx() -> bytes:
    """The empty import template: questions sheet, instructions and drop-down lists."""
    return _workbook([])


def export_questions(bank_id: int | None = None, include_retired: bool = False) -> list[Question]:
    """A bank's questions (or every question) by code, options and banks loaded."""
    query = (sa.select(Question).options(selectinload(Question.options),
                                         selectinload(Question.banks))
             .order_by(Question.code))
    if bank_id is not None:
        query = query.where(Question.id.in_(
            sa.select(question_bank_link.c.question_id).where(
                question_bank_link.c.bank_id == bank_id)))
    if not include_retired:
        query = query.where(Question.status == QuestionStatus.ACTIVE)
    return list(db.session.scalars(query))


def export_xlsx(bank_id: int | None = None, include_retired: bool = False) -> bytes:
    """A bank (or every question) in the template layout."""
    return _workbook([question_row(q) for q in export_questions(bank_id, include_retired)])


def bank_by_name(name: str) -> Bank | None:
    return db.session.scalar(sa.select(Bank).where(Bank.name == " ".join(name.split())))
