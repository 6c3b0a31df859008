"""Question interchange formats (GIFT, Aiken, Moodle XML, IMS QTI 2.x) read into import tables.

Each reader turns a file into ``Parsed`` questions (multiple choice and true/false) and
``Skipped`` ones (types a contest cannot use). ``read_interchange`` lays them out as the same
cells the spreadsheet path produces (``Table`` rows keyed by canonical field), so validation,
duplicate detection, the preview and the bulk write are the spreadsheet importer's own.
"""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from contest.spreadsheets import Table, fold
from question_bank.formats import aiken, gift
from question_bank.formats.aiken import read_aiken
from question_bank.formats.gift import read_gift, write_gift
from question_bank.formats.moodle_xml import read_moodle_xml, write_moodle_xml
from question_bank.formats.qti import read_qti
from question_bank.formats.records import Document, FormatError, Parsed, Skipped, decode_text
from question_bank.formats.xmlsafe import root_name
from question_bank.parsing import CellError, parse_area
from question_bank.rules import LETTERS, MAX_OPTIONS

__all__ = ["Document", "FormatError", "Parsed", "Skipped", "category_leaf", "document_table",
           "kind_label", "read_documents", "sniff", "unmapped_categories", "WRITERS"]

INTERCHANGE_EXTENSIONS = {".gift", ".txt", ".xml", ".zip"}
# Export formats besides the xlsx template: name -> (writer, MIME type, file extension).
WRITERS = {
    "gift": (write_gift, "text/plain; charset=utf-8", ".gift"),
    "xml": (write_moodle_xml, "application/xml", ".xml"),
}


def sniff(data: bytes, filename: str) -> str | None:
    """Which interchange format a file holds ("gift", "aiken", "moodle_xml", "qti"), or None."""
    ext = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if ext not in INTERCHANGE_EXTENSIONS:
        return None
    if ext == ".gift":
        return "gift"
    if ext == ".zip":
        return "qti"
    if ext == ".xml":
        return "moodle_xml" if root_name(data) == "quiz" else "qti"
    try:
        text = decode_text(data)
    except FormatError:
        return None  # not UTF-8 or UTF-16: left to the spreadsheet reader (or its refusal)
    if aiken.looks_like(text):
        return "aiken"
    if gift.looks_like(text):
        return "gift"
    if "\t" in text:
        return None  # Excel's "Unicode Text": a tab-separated sheet
    raise FormatError(_("Tệp .txt không phải GIFT (câu hỏi kèm {…}) cũng không phải Aiken "
                        "(các dòng A. … và ANSWER: …)."))


def read_documents(data: bytes, kind: str) -> list[Document]:
    """Parse a file of a sniffed kind; raise FormatError naming the place when it is malformed."""
    if kind == "gift":
        return [read_gift(decode_text(data))]
    if kind == "aiken":
        return [read_aiken(decode_text(data))]
    if kind == "moodle_xml":
        return [read_moodle_xml(data)]
    return read_qti(data)


def category_leaf(path: str) -> str:
    """ "$course$/top/Cải cách thể chế/Chương 1" -> "Chương 1"; Moodle's default category -> ""."""
    parts = [p.strip() for p in path.replace("\\/", "\x00").split("/") if p.strip()]
    parts = [p.replace("\x00", "/") for p in parts
             if p not in {"$course$", "$system$", "$module$", "$coursecategory$", "top"}]
    leaf = parts[-1] if parts else ""
    if fold(leaf).startswith(("default for", "mac dinh cho")):
        return ""
    return leaf


def _category_cells(category: str, area_map: dict[str, int]) -> dict[str, str]:
    """A category naming a reform area sets the area; any other becomes a bank and the
    questions' topic (and its area too once the organiser maps it, as ``--map-area`` or the
    preview's mapping table do)."""
    leaf = category_leaf(category)
    if not leaf:
        return {}
    if fold(leaf) in area_map:
        return {"area": leaf, "banks": leaf}
    try:
        parse_area(leaf)
    except CellError:
        return {"banks": leaf, "topic": leaf}
    return {"area": leaf}


def unmapped_categories(documents: list[Document], area_map: dict[str, int]) -> list[str]:
    """Categories that name no reform area and are not mapped to one yet, in file order."""
    found: dict[str, None] = {}
    for document in documents:
        for category in dict.fromkeys(q.category for q in document.questions):
            cells = _category_cells(category, area_map) if category else {}
            if "banks" in cells and "area" not in cells:
                found.setdefault(cells["banks"])
    return list(found)


def document_table(document: Document, area_map: dict[str, int]) -> Table:
    """The document's questions as the cells the spreadsheet planner reads."""
    columns = {"code": _("Mã"), "text": _("Câu hỏi"), "options": _("Phương án"),
               "option_a": _("Phương án A"), "answer": _("Đáp án"), "area": _("Danh mục"),
               "banks": _("Danh mục"), "explanation": _("Giải thích")}
    table = Table(sheet=document.label, columns=columns)
    categories: dict[str, dict[str, str]] = {}
    for question in document.questions:
        cells = {"code": question.code, "text": question.text,
                 "answer": ",".join(LETTERS[i] if i < len(LETTERS) else str(i + 1)
                                    for i in question.correct),
                 "explanation": question.explanation, "difficulty": question.difficulty,
                 "legal_basis": question.legal_basis, "keep": question.keep}
        if len(question.options) > MAX_OPTIONS:  # the planner reports "at most 6" for this
            cells["options"] = "\n".join(question.options)
        else:
            cells.update({f"option_{LETTERS[i].lower()}": option
                          for i, option in enumerate(question.options)})
        if question.category:
            if question.category not in categories:
                categories[question.category] = _category_cells(question.category, area_map)
            cells.update(categories[question.category])
        table.rows.append(cells)
        table.row_numbers.append(question.line)
    return table


SKIPPED_KINDS = {
    "matching": _l("ghép đôi (matching)"), "numerical": _l("số (numerical)"),
    "shortanswer": _l("trả lời ngắn (short answer)"), "essay": _l("tự luận (essay)"),
    "description": _l("mô tả, không phải câu hỏi (description)"),
    "cloze": _l("điền khuyết (cloze)"),
}


def kind_label(kind: str) -> str:
    """A skipped type as shown in warnings: its name and the format's own word for it."""
    return str(SKIPPED_KINDS.get(kind, kind))

