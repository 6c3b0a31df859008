"""Moodle XML (``<quiz>``): read multiple choice and true/false, write a bank back.

Reading: ``multichoice`` (one or several right answers), ``multichoiceset`` (all or nothing)
and ``truefalse`` become questions; every other type is skipped with a warning. A question's
code is its ``<idnumber>``; its category (the ``type="category"`` entry before it) becomes its
area or a bank; tags "Mức độ: …", "Căn cứ: …" and "Giữ vị trí: D" (written by the export) set
difficulty, legal basis and the options kept in place; without that tag, ``<shuffleanswers>``
false keeps every option in place, true lets the importer detect them ("Cả A và B đều đúng").
Writing produces what Moodle 3.x/4.x imports, and what this reader gives back.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET

from flask_babel import gettext as _

from question_bank.exporting import keep_cell
from question_bank.formats.records import TRUE_FALSE, Document, FormatError, Parsed, Skipped
from question_bank.formats.xmlsafe import html_to_text, parse
from question_bank.models import DIFFICULTY_LABELS, REFORM_AREAS, Question
from question_bank.rules import LETTERS

# Tags written by the export and read back (data, always Vietnamese, like the xlsx headers).
DIFFICULTY_TAG = "Mức độ:"
LEGAL_TAG = "Căn cứ:"
KEEP_TAG = "Giữ vị trí:"
TRUE_WORDS = {"true", "đúng", "1", "t"}
PLAIN_FORMATS = {"plain_text", "markdown", "moodle_auto_format"}
CHOICE_TYPES = {"multichoice", "multichoiceset", "truefalse"}
SKIPPED_TYPES = {"multianswer": "cloze"}  # Moodle's own name for cloze


def _text(element: ET.Element | None, path: str = "text") -> str:
    """The text of ``element/path``, HTML turned to plain text unless the format says plain."""
    if element is None:
        return ""
    node = element.find(path)
    raw = (node.text or "") if node is not None else ""
    if element.get("format") in PLAIN_FORMATS:
        return raw.strip()
    return html_to_text(raw)


def _fraction(answer: ET.Element, line: int) -> float:
    raw = answer.get("fraction", "0")
    try:
        return float(raw)
    except ValueError:
        raise FormatError(_("Câu hỏi ở dòng %(line)s: điểm đáp án “%(value)s” không phải số.",
                            line=line, value=raw)) from None


def _question(element: ET.Element, kind: str, line: int, category: str) -> Parsed:
    answers = element.findall("answer")
    options = [_text(a) for a in answers]
    fractions = [_fraction(a, line) for a in answers]
    if kind == "truefalse":
        truth = next((fold_bool(o) for o, f in zip(options, fractions, strict=True) if f > 0),
                     None)
        options = list(TRUE_FALSE)
        correct = [] if truth is None else [0 if truth else 1]
    elif (element.findtext("single") or "true").strip().lower() in {"true", "1"} \
            and kind == "multichoice":
        best = max(fractions, default=0)
        correct = [i for i, f in enumerate(fractions) if f > 0 and f == best]
    else:
        correct = [i for i, f in enumerate(fractions) if f > 0]
    tags = [html_to_text(t.findtext("text") or "") for t in element.findall("tags/tag")]
    keep = next((t.removeprefix(KEEP_TAG).strip() for t in tags if t.startswith(KEEP_TAG)), "")
    shuffle = (element.findtext("shuffleanswers") or "true").strip().lower()
    if not keep and shuffle in {"false", "0"} and kind != "truefalse":
        keep = LETTERS[:len(options)]
    return Parsed(
        line=line, text=_text(element.find("questiontext")), options=options, correct=correct,
        code=(element.findtext("idnumber") or "").strip(),
        explanation=_text(element.find("generalfeedback")), category=category,
        difficulty=next((t.removeprefix(DIFFICULTY_TAG).strip() for t in tags
                         if t.startswith(DIFFICULTY_TAG)), ""),
        legal_basis=next((t.removeprefix(LEGAL_TAG).strip() for t in tags
                          if t.startswith(LEGAL_TAG)), ""),
        keep=keep,
    )


def fold_bool(value: str) -> bool:
    return value.strip().lower() in TRUE_WORDS


def read_moodle_xml(data: bytes) -> Document:
    """Every question of a Moodle XML file, in order, with the line where each starts."""
    root, lines = parse(data, "question")
    if root.tag != "quiz":
        raise FormatError(_("Tệp XML không phải Moodle XML (thẻ gốc phải là <quiz>)."))
    document = Document(label="Moodle XML")
    category = ""
    for element, line in zip(root.iter("question"), lines, strict=True):
        kind = element.get("type", "")
        if kind == "category":
            category = _text(element.find("category"))
            continue
        if kind in CHOICE_TYPES:
            document.questions.append(_question(element, kind, line, category))
            continue
        title = _text(element.find("name")) or _text(element.find("questiontext"))
        document.skipped.append(Skipped(line, SKIPPED_TYPES.get(kind, kind), title[:80]))
    return document


# --- Writing -----------------------------------------------------------------------------------


def _html(text: str) -> str:
    return html.escape(text, quote=False).replace("\n", "<br>")


def _text_node(parent: ET.Element, tag: str, text: str, fmt: str | None = "html") -> None:
    node = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(node, "text").text = _html(text) if fmt == "html" else text


def write_moodle_xml(questions: list[Question]) -> bytes:
    """Questions grouped by area (one category each), as a Moodle XML quiz file."""
    quiz = ET.Element("quiz")
    by_area: dict[int, list[Question]] = {}
    for question in questions:
        by_area.setdefault(question.area_id, []).append(question)
    for area_id in sorted(by_area):
        entry = ET.SubElement(quiz, "question", {"type": "category"})
        _text_node(entry, "category", f"$course$/top/{REFORM_AREAS[area_id - 1]}", None)
        for question in by_area[area_id]:
            quiz.append(_element(question))
    ET.indent(quiz)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="utf-8",
                                                                      xml_declaration=False)


def _element(question: Question) -> ET.Element:
    element = ET.Element("question", {"type": "multichoice"})
    _text_node(element, "name", question.code, None)
    _text_node(element, "questiontext", question.text)
    _text_node(element, "generalfeedback", question.explanation)
    ET.SubElement(element, "defaultgrade").text = "1"
    ET.SubElement(element, "penalty").text = "0"
    ET.SubElement(element, "hidden").text = "0"
    ET.SubElement(element, "idnumber").text = question.code
    correct = question.correct_positions
    ET.SubElement(element, "single").text = "true" if len(correct) == 1 else "false"
    options = [o.text for o in question.options]
    keep = keep_cell(options, [o.position for o in question.options if o.keep_in_place])
    # Moodle pins all options or none: any option kept in place stops its shuffling entirely.
    ET.SubElement(element, "shuffleanswers").text = "true" if keep in {"", "-"} else "false"
    ET.SubElement(element, "answernumbering").text = "ABCD"
    share = 100 / len(correct) if correct else 0
    for option in question.options:
        fraction = share if option.position in correct else 0
        answer = ET.SubElement(element, "answer",
                               {"fraction": f"{fraction:.7g}", "format": "html"})
        ET.SubElement(answer, "text").text = _html(option.text)
        _text_node(answer, "feedback", "")
    tags = ET.SubElement(element, "tags")
    for value in (f"{DIFFICULTY_TAG} {DIFFICULTY_LABELS[question.difficulty]}",
                  f"{LEGAL_TAG} {question.legal_basis}" if question.legal_basis else "",
                  f"{KEEP_TAG} {keep}" if keep else ""):
        if value:
            ET.SubElement(ET.SubElement(tags, "tag"), "text").text = value
    return element
