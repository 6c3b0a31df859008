"""Pure import planning: rows of cells -> questions, row errors and duplicate warnings.

Nothing here touches the database: the caller passes what already exists (codes, fingerprints).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from contest.spreadsheets import Table, fold
from question_bank.fingerprint import fingerprint
from question_bank.import_messages import missing_area_message, unmapped_topics_message
from question_bank.models import MAX_TOPIC, OptionOrder
from question_bank.parsing import (
    FIXED_ORDER_WORDS,
    CellError,
    options_from_columns,
    parse_answer,
    parse_area,
    parse_difficulty,
    parse_keep,
    split_banks,
    split_options_noting,
    strip_numbering,
)
from question_bank.rules import LETTERS, MAX_BANK_NAME, auto_keep_in_place, question_problems

# Column names shown in row errors when the file has no such column (UI text, not aliases).
FIELD_LABELS = {
    "code": _l("Mã"), "text": _l("Câu hỏi"), "options": _l("Phương án"),
    **{f"option_{x.lower()}": _l("Phương án %(letter)s", letter=x) for x in "ABCDEF"},
    "answer": _l("Đáp án"), "correct": _l("Đáp án"),
    "area": _l("Lĩnh vực"), "difficulty": _l("Mức độ"), "explanation": _l("Giải thích"),
    "legal_basis": _l("Căn cứ"), "keep": _l("Giữ vị trí"), "banks": _l("Ngân hàng"),
}


@dataclass
class ImportOptions:
    """Choices the organiser makes for one import."""

    bank: str = ""  # every imported question joins this bank
    default_area: int | None = None  # for rows without an area (or files without the column)
    area_map: dict[str, int] = field(default_factory=dict)  # folded file category -> area id
    sheet: str = ""
    all_sheets: bool = False
    include_duplicates: bool = False
    # A code stored in another bank: "" refuses the row (the preview asks), "update" replaces
    # that question (CLI --update-existing), "new" imports the row as a new question.
    code_conflicts: str = ""


@dataclass
class RowError:
    sheet: str
    row: int
    column: str
    message: str


@dataclass
class Row:
    """One valid question as read from the file."""

    sheet: str
    row: int
    code: str
    text: str
    area_id: int
    difficulty: int
    options: list[str]
    correct: list[int]
    keep: list[int]
    explanation: str
    legal_basis: str
    banks: list[str]
    fingerprint: str
    order: str = OptionOrder.AUTO  # auto | manual | fixed (the "Giữ vị trí" column)
    numbering: str = ""  # "Câu 12:" taken off the stem, shown in the preview
    topic: str = ""
    action: str = "new"  # new | update | duplicate
    duplicate_of: str = ""  # "dòng 12" (translated) or an existing code
    existing_id: int | None = None


@dataclass
class Existing:
    """What the database already holds: code -> (id, fingerprint), fingerprint -> (id, code)."""

    by_code: dict[str, tuple[int, str]] = field(default_factory=dict)
    by_fingerprint: dict[str, tuple[int, str]] = field(default_factory=dict)
    banks: dict[int, set[str]] = field(default_factory=dict)  # question id -> bank names


@dataclass
class Plan:
    rows: list[Row] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    unknown_areas: list[str] = field(default_factory=list)  # file categories not understood
    topics: list[str] = field(default_factory=list)  # every topic of the file, in order
    sheets: list[str] = field(default_factory=list)  # sheets read
    header_rows: dict[str, int] = field(default_factory=dict)  # sheet -> Excel header row
    # Questions of types contests cannot use (GIFT, Moodle XML, QTI), left out with a warning:
    # column holds the type, message the question's name or the start of its text.
    skipped: list[RowError] = field(default_factory=list)
    # Imported anyway but worth a look (a line without its letter joined to the option above).
    warnings: list[RowError] = field(default_factory=list)
    conflicts: int = 0  # rows whose code is stored in another bank (refused until chosen)

    @property
    def duplicates(self) -> list[Row]:
        return [r for r in self.rows if r.action == "duplicate"]

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)


def _column(table: Table, name: str) -> str:
    if name == "options" and "options" not in table.columns:
        name = "option_a"
    if name == "correct":
        name = "answer"
    return table.columns.get(name) or str(FIELD_LABELS.get(name, name))


def parse_row(cells: dict[str, str], table: Table, options: ImportOptions,
              unknown: dict[str, None],
              notes: list[tuple[str, str]] | None = None,
              ) -> tuple[Row | None, list[tuple[str, str]]]:
    """One row's cells -> a Row, or the (field, message) problems that stop it; warnings
    that do not stop it go to ``notes``."""
    problems: list[tuple[str, str]] = []
    if "options" in table.columns and not any(cells.get(f"option_{x}") for x in "abcdef"):
        option_list, joined = split_options_noting(cells.get("options", ""))
        for line, position in joined:
            if notes is not None:
                notes.append(("options", _(
                    "Dòng “%(line)s” không có chữ cái phương án nên được nối vào phương án "
                    "%(letter)s; nếu đó là một phương án riêng, hãy thêm “%(next)s.” ở đầu dòng.",
                    line=line[:80], letter=LETTERS[position] if position < len(LETTERS) else "?",
                    next=LETTERS[position + 1] if position + 1 < len(LETTERS) else "?")))
    else:
        try:
            option_list = options_from_columns(cells)
        except CellError as error:
            problems.append((error.field or "options", str(error)))
            option_list = []
    text, numbering = strip_numbering(cells.get("text", ""))
    correct: list[int] = []
    if len(option_list) >= 2:
        try:
            correct = parse_answer(cells.get("answer", ""), option_list)
        except CellError as error:
            problems.append(("answer", str(error)))
    raw_area = cells.get("area", "")
    topic = " ".join(cells.get("topic", "").split())[:MAX_TOPIC]
    area_id = 0
    if raw_area and fold(raw_area) in options.area_map:
        area_id = options.area_map[fold(raw_area)]
        topic = topic or " ".join(raw_area.split())[:MAX_TOPIC]
    elif raw_area:
        try:
            area_id = parse_area(raw_area)
        except CellError as error:
            # not a reform area: the file's own category, kept as the question's topic
            unknown.setdefault(raw_area)
            topic = topic or " ".join(raw_area.split())[:MAX_TOPIC]
            if fold(topic) in options.area_map:
                area_id = options.area_map[fold(topic)]
            elif options.default_area:
                area_id = options.default_area
            else:
                problems.append(("area", str(error)))
    elif topic and fold(topic) in options.area_map:
        area_id = options.area_map[fold(topic)]
    elif options.default_area:
        if topic:
            unknown.setdefault(topic)
        area_id = options.default_area
    else:
        if topic:
            unknown.setdefault(topic)
        # without an area column, plan_import replaces these with one message per table
        problems.append(("area", _("Chưa có lĩnh vực: hãy điền cột Lĩnh vực (1-6) "
                                   "hoặc chọn một lĩnh vực cho cả tệp.")))
    try:
        difficulty = parse_difficulty(cells.get("difficulty", ""))
    except CellError as error:
        problems.append(("difficulty", str(error)))
        difficulty = 2
    keep: list[int] | None = None
    raw_keep = cells.get("keep", "")
    try:
        keep = parse_keep(raw_keep, len(option_list))
    except CellError as error:
        problems.append(("keep", str(error)))
    order = (OptionOrder.AUTO if keep is None else OptionOrder.FIXED
             if fold(raw_keep) in FIXED_ORDER_WORDS else OptionOrder.MANUAL)
    banks = split_banks(cells.get("banks", ""))
    if any(len(b) > MAX_BANK_NAME for b in banks):
        problems.append(("banks", _("Tên ngân hàng dài quá %(max)s ký tự.", max=MAX_BANK_NAME)))
    code, explanation = cells.get("code", ""), cells.get("explanation", "")
    legal_basis = cells.get("legal_basis", "")
    rule_problems = question_problems(
        text=text, options=option_list, correct=correct or [0], code=code,
        explanation=explanation, legal_basis=legal_basis)
    # Answers were checked by parse_answer; a gap in the options was already reported.
    skip = {"correct"} | ({"options"} if any(f.startswith("option") for f, _ in problems)
                          else set())
    problems.extend(p for p in rule_problems if p[0] not in skip)
    if problems:
        return None, problems
    if options.bank and options.bank not in banks:
        banks.append(options.bank)
    return Row(
        sheet=table.sheet, row=0, code=code, text=text, area_id=area_id, difficulty=difficulty,
        options=option_list, correct=correct,
        keep=auto_keep_in_place(option_list) if keep is None else keep,
        explanation=explanation, legal_basis=legal_basis, banks=banks,
        fingerprint=fingerprint(text, option_list), order=order, numbering=numbering,
        topic=topic,
    ), []


def plan_import(tables: list[Table], existing: Existing, options: ImportOptions) -> Plan:
    """Parse every row of every table, then sort valid rows into new, update and duplicate."""
    plan = Plan(sheets=[t.sheet for t in tables],
                header_rows={t.sheet: t.header_row for t in tables})
    unknown: dict[str, None] = {}
    for table in tables:
        no_area = 0  # rows without an area in a table without an area column
        for cells, number in zip(table.rows, table.row_numbers, strict=True):
            notes: list[tuple[str, str]] = []
            row, problems = parse_row(cells, table, options, unknown, notes)
            if "area" not in table.columns and any(name == "area" for name, _m in problems):
                no_area += 1
                problems = [(name, m) for name, m in problems if name != "area"]
            for name, message in problems:
                plan.errors.append(RowError(table.sheet, number, _column(table, name), message))
            for name, message in notes:
                plan.warnings.append(RowError(table.sheet, number, _column(table, name), message))
            if row is not None:
                row.row = number
                plan.rows.append(row)
        if no_area:  # one message saying how to choose, not one per row
            message = (missing_area_message(no_area) if "topic" not in table.columns
                       else unmapped_topics_message(no_area))
            plan.errors.append(RowError(table.sheet, table.header_row, str(FIELD_LABELS["area"]),
                                        message))
    plan.unknown_areas = list(unknown)
    plan.topics = list(dict.fromkeys(
        [*(r.topic for r in plan.rows if r.topic), *unknown]))
    seen_codes: dict[str, Row] = {}
    seen_prints: dict[str, Row] = {}
    for row in plan.rows:
        if row.code:
            if row.code in seen_codes:
                first = seen_codes[row.code]
                plan.errors.append(RowError(
                    row.sheet, row.row, _label("code", tables, row),
                    _("Mã “%(code)s” trùng với dòng %(row)s.", code=row.code, row=first.row)))
                continue
            seen_codes[row.code] = row
            if row.code in existing.by_code:
                qid = existing.by_code[row.code][0]
                other = existing.banks.get(qid, set())
                if set(row.banks) & other or not (row.banks or other):
                    row.action, row.existing_id = "update", qid
                elif options.code_conflicts == "update":
                    row.action, row.existing_id = "update", qid
                elif options.code_conflicts == "new":
                    row.code = ""  # a fresh code; the same content still counts as duplicate
                else:
                    plan.conflicts += 1
                    plan.errors.append(RowError(
                        row.sheet, row.row, _label("code", tables, row),
                        _("Mã “%(code)s” đã có ở ngân hàng %(banks)s: chọn cập nhật câu đó "
                          "hay nhập thành câu mới (dòng lệnh: --update-existing).",
                          code=row.code,
                          banks=", ".join(f"“{b}”" for b in sorted(other)) or "—")))
                    continue
        if row.fingerprint in seen_prints:
            if row.action != "update":
                row.action = "duplicate"
                first = seen_prints[row.fingerprint]
                if first.sheet != row.sheet:
                    row.duplicate_of = _("dòng %(row)s (%(sheet)s)", row=first.row,
                                         sheet=first.sheet)
                else:
                    row.duplicate_of = _("dòng %(row)s", row=first.row)
        else:
            seen_prints[row.fingerprint] = row
            match = existing.by_fingerprint.get(row.fingerprint)
            if match and row.action != "update":
                row.action = "duplicate"
                row.duplicate_of = match[1]
                row.existing_id = match[0]
    plan.errors.sort(key=lambda e: (plan.sheets.index(e.sheet), e.row))
    if options.include_duplicates:
        for row in plan.duplicates:
            row.action, row.existing_id = "new", None
    return plan


def _label(name: str, tables: list[Table], row: Row) -> str:
    table = next(t for t in tables if t.sheet == row.sheet)
    return _column(table, name)
