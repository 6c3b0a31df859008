"""Import questions from a spreadsheet: read, plan (pure), then write in bulk.

The caller commits once (view or CLI); nothing is written when the plan has errors.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _

from contest.audit.services import record
from contest.extensions import db, utcnow
from contest.spreadsheets import (
    ALLOWED_EXTENSIONS,
    SpreadsheetError,
    Table,
    read_rows,
    to_table,
)
from contest.vocabulary import AuditAction
from question_bank.bulk import insert_many
from question_bank.formats import (
    document_table,
    kind_label,
    read_documents,
    sniff,
    unmapped_categories,
)
from question_bank.import_plan import Existing, ImportOptions, Plan, Row, RowError, plan_import
from question_bank.models import (
    Bank,
    Question,
    QuestionOption,
    QuestionStatus,
    question_bank_link,
)
from question_bank.parsing import HEADERS
from question_bank.services import get_or_create_bank, new_codes
from question_bank.signals import questions_changed

CHUNK = 900  # stays under every backend's bound-parameter limit


class ImportRefused(SpreadsheetError):
    """The file was read but cannot be imported as a whole (no questions, unknown sheet)."""


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    linked: int = 0  # duplicates of stored questions, added to the chosen banks
    skipped: int = 0  # duplicates left out

    def summary(self) -> str:
        counts = {"created": self.created, "updated": self.updated, "skipped": self.skipped,
                  "linked": self.linked}
        if self.linked:
            return _("Đã thêm %(created)s câu hỏi mới, cập nhật %(updated)s câu theo mã, "
                     "bỏ qua %(skipped)s câu trùng (%(linked)s câu đã có được gắn vào ngân hàng).",
                     **counts)
        return _("Đã thêm %(created)s câu hỏi mới, cập nhật %(updated)s câu theo mã, "
                 "bỏ qua %(skipped)s câu trùng.", **counts)


def spreadsheet_name(filename: str) -> str:
    """Excel's "Unicode Text" (.txt: UTF-16, tab-separated) is read as the CSV it is."""
    return filename[:-4] + ".csv" if filename.lower().endswith(".txt") else filename


def read_tables(
    data: bytes, filename: str, options: ImportOptions
) -> tuple[list[Table], list[str]]:
    """The question tables chosen by ``options`` and the names of every sheet with questions."""
    sheets = read_rows(data, spreadsheet_name(filename))
    found: list[Table] = []
    half: list[str] = []
    for name, rows in sheets.items():
        table = to_table(str(name), rows, HEADERS, {"text", "answer"})
        if table is None:
            if to_table(str(name), rows[:30], HEADERS, {"text"}) is not None:
                half.append(str(name))
            continue
        if "options" not in table.columns and "option_a" not in table.columns:
            raise ImportRefused(_("Trang “%(sheet)s”: không tìm thấy cột phương án "
                                  "(Phương án A, B... hoặc một cột Các phương án).", sheet=name))
        found.append(table)
    if not found:
        if half:
            raise ImportRefused(_("Trang “%(sheet)s” có cột Câu hỏi nhưng không có cột Đáp án.",
                                  sheet=half[0]))
        raise ImportRefused(_("Không tìm thấy dòng tiêu đề có cột Câu hỏi và Đáp án. "
                              "Hãy dùng tệp mẫu của hệ thống."))
    names = [t.sheet for t in found]
    if options.sheet:
        chosen = [t for t in found if t.sheet == options.sheet]
        if not chosen:
            raise ImportRefused(_("Không có trang “%(sheet)s” chứa câu hỏi "
                                  "(các trang có câu hỏi: %(sheets)s).",
                                  sheet=options.sheet, sheets=", ".join(names)))
        return chosen, names
    return (found if options.all_sheets else found[:1]), names


def load_existing() -> Existing:
    """Every stored question's code and fingerprint, in one query."""
    existing = Existing()
    query = sa.select(Question.id, Question.code, Question.fingerprint).order_by(Question.id)
    for qid, code, print_ in db.session.execute(query):
        existing.by_code[code] = (qid, print_)
        existing.by_fingerprint.setdefault(print_, (qid, code))
    links = sa.select(question_bank_link.c.question_id, Bank.name).join(
        Bank, Bank.id == question_bank_link.c.bank_id)
    for qid, name in db.session.execute(links):
        existing.banks.setdefault(qid, set()).add(name)
    return existing


def prepare(data: bytes, filename: str, options: ImportOptions) -> tuple[Plan, list[str]]:
    """Read and plan an import without writing; return the plan and the sheets with questions."""
    kind = sniff(data, filename)
    if kind is not None:
        return prepare_interchange(data, kind, options), []
    if "." + filename.rsplit(".", 1)[-1].lower() not in ALLOWED_EXTENSIONS | {".txt"}:
        raise ImportRefused(_("Chỉ nhận tệp Excel (.xlsx, .xls), OpenDocument (.ods), CSV (.csv), "
                              "GIFT (.gift, .txt), Aiken (.txt), Moodle XML (.xml) hoặc "
                              "IMS QTI (.xml, .zip)."))
    tables, names = read_tables(data, filename, options)
    return plan_import(tables, load_existing(), options), names


def prepare_interchange(data: bytes, kind: str, options: ImportOptions) -> Plan:
    """Plan a GIFT, Aiken, Moodle XML or QTI file; types contests cannot use become warnings."""
    documents = read_documents(data, kind)
    # column: the type as shown ("ghép đôi (matching)"), message: the question's name or text
    skipped = [RowError(d.label, s.line, kind_label(s.kind), s.title)
               for d in documents for s in d.skipped]
    if not any(d.questions for d in documents):
        if skipped:
            raise ImportRefused(_("Tệp không có câu trắc nghiệm hay đúng/sai nào; %(count)s câu "
                                  "kiểu khác (%(kinds)s) không dùng được trong cuộc thi.",
                                  count=len(skipped),
                                  kinds=", ".join(dict.fromkeys(e.column for e in skipped))))
        raise ImportRefused(_("Không tìm thấy câu hỏi nào trong tệp."))
    tables = [document_table(d, options.area_map) for d in documents if d.questions]
    plan = plan_import(tables, load_existing(), options)
    plan.skipped = skipped
    plan.unknown_areas = unmapped_categories(documents, options.area_map)  # offered for mapping
    return plan


def _chunks(items: list, size: int = CHUNK):
    for start in range(0, len(items), size):
        yield items[start:start + size]


def apply_plan(plan: Plan, options: ImportOptions, *, actor_id: int | None = None,
               filename: str = "") -> ImportResult:
    """Write a plan without errors in bulk, and record the import; flushes, the caller commits."""
    if plan.errors:
        raise ImportRefused(_("Tệp còn lỗi nên chưa ghi câu hỏi nào."))
    result = ImportResult()
    new = [r for r in plan.rows if r.action == "new"]
    updates = [r for r in plan.rows if r.action == "update"]
    duplicates = [r for r in plan.rows if r.action == "duplicate"]
    names = {name for r in plan.rows for name in r.banks} | ({options.bank} - {""})
    bank_ids = {name: get_or_create_bank(name).id for name in sorted(names)}
    fresh = iter(new_codes(sum(1 for r in new if not r.code), [r.code for r in plan.rows]))
    for row in new:
        row.code = row.code or next(fresh)
    now = utcnow()

    def values(row: Row) -> dict:
        return {"code": row.code, "text": row.text, "area_id": row.area_id,
                "difficulty": row.difficulty, "explanation": row.explanation,
                "legal_basis": row.legal_basis, "fingerprint": row.fingerprint,
                "option_order": row.order, "topic": row.topic, "updated_at": now}

    # Driver-level executemany (question_bank/bulk.py): this is the hot path. Codes are unique,
    # so the new ids are read back by code.
    questions = Question.__table__
    columns = [*values(new[0]), "status", "created_at"] if new else []
    insert_many(questions, columns, (
        (*values(r).values(), QuestionStatus.ACTIVE.value, now) for r in new))
    by_code = {r.code: r for r in new}
    for batch in _chunks(list(by_code)):
        for qid, code in db.session.execute(
                sa.select(questions.c.id, questions.c.code).where(questions.c.code.in_(batch))):
            by_code[code].existing_id = qid
    if updates:
        db.session.execute(sa.update(Question), [values(r) | {"id": r.existing_id}
                                                 for r in updates])
        for batch in _chunks([r.existing_id for r in updates]):
            db.session.execute(sa.delete(QuestionOption).where(
                QuestionOption.question_id.in_(batch)))
    written = new + updates
    insert_many(QuestionOption.__table__,
                ["question_id", "position", "text", "is_correct", "keep_in_place"],
                ((r.existing_id, i, text, i in r.correct, i in r.keep)
                 for r in written for i, text in enumerate(r.options)))
    linked_rows = written + [r for r in duplicates if r.existing_id]
    _link(linked_rows, bank_ids, {r.existing_id for r in new})
    db.session.expire_all()
    questions_changed.send(apply_plan)  # discards prepared papers (contest/attempts/prepared.py)
    result.created, result.updated = len(new), len(updates)
    result.linked = sum(1 for r in duplicates if r.existing_id and r.banks)
    result.skipped = len(duplicates)
    record(actor_id, AuditAction.BANK_IMPORT, filename=filename, bank=options.bank,
           new=result.created, updated=result.updated, duplicates=result.skipped)
    return result


def _link(rows: list[Row], bank_ids: dict[str, int], fresh: set[int | None]) -> None:
    """Add each row's question to its banks, keeping links it already has (``fresh``
    questions, inserted just now, have none)."""
    wanted = {(r.existing_id, bank_ids[name]) for r in rows for name in r.banks}
    if not wanted:
        return
    have: set[tuple[int, int]] = set()
    link = question_bank_link.c
    for batch in _chunks(sorted({qid for qid, _bank in wanted if qid not in fresh})):
        have.update((q, b) for q, b in db.session.execute(
            sa.select(link.question_id, link.bank_id).where(link.question_id.in_(batch))))
    insert_many(question_bank_link, ["question_id", "bank_id"], sorted(wanted - have))


def import_file(data: bytes, filename: str, options: ImportOptions,
                dry_run: bool = False) -> tuple[Plan, ImportResult | None]:
    """Read, plan and (unless dry run or errors) write; the caller commits."""
    plan, _sheets = prepare(data, filename, options)
    if plan.errors or dry_run:
        return plan, None
    return plan, apply_plan(plan, options, filename=filename)
