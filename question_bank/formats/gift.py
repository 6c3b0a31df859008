"""GIFT, Moodle's text format: read multiple choice and true/false, write a bank back.

Written here because the GIFT parsers on PyPI are unmaintained (last releases 2017 and 2022)
and report errors by printing. The grammar follows Moodle's documentation and its
``question/format/gift/format.php``:

- questions are separated by blank lines; lines starting with ``//`` are comments;
- ``$CATEGORY: path`` sets the category of the questions after it;
- ``::name::`` (optional), ``[format]`` (optional), the text, then ``{answers}``; text after the
  closing brace makes a "missing word" question (the braces become a blank ``_____``);
- ``{}`` is an essay, no braces a description, ``{#...}`` numerical, ``{T}``/``{FALSE}``
  true/false, ``=a -> b`` matching, a ``~`` multiple choice, only ``=`` short answer;
- ``=`` marks a right answer, ``~`` a wrong one, ``~%50%`` a weight (several weights above zero
  and no ``=``: several right answers), ``#`` feedback, ``####`` general feedback;
- ``\\`` escapes ``~ = # { } :`` and ``\\n`` is a new line.
"""

from __future__ import annotations

import re

from flask_babel import gettext as _

from question_bank.formats.records import (
    TRUE_FALSE,
    Document,
    FormatError,
    Parsed,
    Skipped,
    code_from,
)
from question_bank.formats.xmlsafe import html_to_text
from question_bank.models import REFORM_AREAS, Question

SPECIAL = "~=#{}:"
HEADER = "// Ngân hàng câu hỏi — định dạng GIFT (Moodle)"  # data, like the xlsx headers
_WEIGHT = re.compile(r"^%(-?\d+(?:\.\d+)?)%")
_FORMAT = re.compile(r"^\[(html|moodle|plain|markdown)\]", re.I)
_TRUE_FALSE = {"t": True, "true": True, "f": False, "false": False}


def looks_like(text: str) -> bool:
    """A text holding GIFT: a question with braces, a ``::name::`` or a ``$CATEGORY:`` line."""
    body = "\n".join(line for line in text.split("\n") if not line.lstrip().startswith("//"))
    return bool(re.search(r"\{[^{}]*\}|^::.+?::|^\$CATEGORY:", body, re.M))


def _unescape(text: str) -> str:
    return re.sub(r"\\([~=#{}:\\n])", lambda m: "\n" if m.group(1) == "n" else m.group(1), text)


def _find(text: str, chars: str, start: int = 0) -> int:
    """Index of the first unescaped character of ``chars`` from ``start``, or -1."""
    i = start
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] in chars:
            return i
        i += 1
    return -1


def _split(answers: str) -> list[tuple[str, str]]:
    """ "=a#good ~b" -> [("=", "a#good"), ("~", "b")], splitting on unescaped = and ~."""
    parts: list[tuple[str, str]] = []
    i = _find(answers, "=~")
    while i != -1:
        j = _find(answers, "=~", i + 1)
        parts.append((answers[i], answers[i + 1:j if j != -1 else len(answers)]))
        i = j
    return parts


def _clean(text: str, fmt: str) -> str:
    text = _unescape(text).strip()
    return html_to_text(text) if fmt == "html" else "\n".join(
        line.strip() for line in text.split("\n")).strip()


def _blocks(text: str) -> list[tuple[int, list[str]]]:
    """Questions as (first line number, lines), comments dropped, split on blank lines."""
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if line.lstrip().startswith("//"):
            continue
        if not line.strip():
            if current:
                blocks.append((start, current))
            current = []
            continue
        if not current:
            start = number
        current.append(line)
    if current:
        blocks.append((start, current))
    return blocks


def read_gift(text: str) -> Document:
    """Every question of a GIFT text; a brace left open is refused naming its line."""
    document = Document(label="GIFT")
    category = ""
    for line, lines in _blocks(text):
        if lines[0].startswith("$CATEGORY:"):
            category = lines[0].removeprefix("$CATEGORY:").strip()
            lines = lines[1:]
            line += 1
            if not lines:
                continue
        _question("\n".join(lines), line, category, document)
    return document


def _question(block: str, line: int, category: str, document: Document) -> None:
    name = ""
    if block.startswith("::"):
        end = block.find("::", 2)
        if end == -1:
            raise FormatError(_("GIFT, dòng %(line)s: tên câu hỏi mở bằng “::” mà không đóng.",
                                line=line))
        name, block = _unescape(block[2:end]).strip(), block[end + 2:].lstrip()
    fmt = ""
    if match := _FORMAT.match(block):
        fmt, block = match.group(1).lower(), block[match.end():]
    opening = _find(block, "{")
    if opening == -1:
        if _find(block, "}") != -1:
            raise FormatError(_("GIFT, dòng %(line)s: có dấu “}” đóng mà không có “{” mở.",
                                line=line + block[:_find(block, "}")].count("\n")))
        document.skipped.append(Skipped(line, "description", name or _clean(block, fmt)[:80]))
        return
    closing = _find(block, "}", opening + 1)
    brace_line = line + block[:opening].count("\n")
    second = _find(block, "{", opening + 1)
    if closing == -1 or -1 < second < closing:
        raise FormatError(_("GIFT, dòng %(line)s: dấu “{” mở phần đáp án nhưng không có “}” "
                            "đóng trước câu hỏi tiếp theo (mỗi câu cách nhau một dòng trống).",
                            line=brace_line))
    before, after = block[:opening], block[closing + 1:]
    if (extra := _find(after, "{")) != -1:
        raise FormatError(_("GIFT, dòng %(line)s: câu hỏi thứ hai bắt đầu mà không có dòng trống "
                            "ngăn cách với câu trước (mỗi câu cách nhau một dòng trống).",
                            line=line + block[:closing + 1 + extra].count("\n")))
    stem = _clean(before, fmt)
    if after.strip():
        stem = f"{stem} _____ {_clean(after, fmt)}".strip()
    answers = block[opening + 1:closing]
    explanation = ""
    if (general := answers.find("####")) != -1:
        answers, explanation = answers[:general], _clean(answers[general + 4:], fmt)
    body = answers.strip()
    code = code_from(name)
    title = name or stem[:80]
    kind = _kind(body)
    if kind == "truefalse":
        truth = _TRUE_FALSE[_unescape(body.split("#", 1)[0]).strip().lower()]
        document.questions.append(Parsed(line, stem, list(TRUE_FALSE), [0 if truth else 1],
                                         code=code, explanation=explanation,
                                         category=category))
    elif kind == "multichoice":
        options, correct = _choices(body, fmt)
        document.questions.append(Parsed(line, stem, options, correct, code=code,
                                         explanation=explanation, category=category))
    else:
        document.skipped.append(Skipped(line, kind, title))


def _choices(body: str, fmt: str) -> tuple[list[str], list[int]]:
    """Options and right answers: ``=`` is right; with no ``=``, every weight above zero is."""
    options, weights = [], []
    for marker, raw in _split(body):
        weight = 100.0 if marker == "=" else 0.0
        if match := _WEIGHT.match(raw.strip()):
            weight, raw = float(match.group(1)), raw.strip()[match.end():]
        feedback = _find(raw, "#")
        options.append(_clean(raw if feedback == -1 else raw[:feedback], fmt))
        weights.append(weight)
    best = max(weights, default=0)
    single = best >= 100
    return options, [i for i, w in enumerate(weights) if (w == best if single else w > 0)]


def _kind(body: str) -> str:
    if not body:
        return "essay"
    if body.startswith("#"):
        return "numerical"
    if _unescape(body.split("#", 1)[0]).strip().lower() in _TRUE_FALSE:
        return "truefalse"
    if _find(body, "~") != -1:
        return "multichoice"
    if "->" in body:
        return "matching"
    return "shortanswer"


# --- Writing -----------------------------------------------------------------------------------


def escape(text: str) -> str:
    """Text safe inside GIFT: special characters escaped, new lines as ``\\n``."""
    text = text.replace("\\", "\\\\")
    for char in SPECIAL:
        text = text.replace(char, "\\" + char)
    return text.replace("\n", "\\n")


def write_gift(questions: list[Question]) -> bytes:
    """Questions grouped by area (one ``$CATEGORY`` each), with their codes as names."""
    out: list[str] = [HEADER, ""]
    by_area: dict[int, list[Question]] = {}
    for question in questions:
        by_area.setdefault(question.area_id, []).append(question)
    for area_id in sorted(by_area):
        out += [f"$CATEGORY: $course$/top/{REFORM_AREAS[area_id - 1]}", ""]
        for question in by_area[area_id]:
            correct = question.correct_positions
            share = f"{100 / len(correct):.5g}" if correct else "0"
            lines = [f"::{escape(question.code)}::{escape(question.text)} {{"]
            for option in question.options:
                if len(correct) == 1:
                    mark = "=" if option.is_correct else "~"
                else:
                    mark = f"~%{share}%" if option.is_correct else "~%-100%"
                lines.append(f"\t{mark}{escape(option.text)}")
            if question.explanation:
                lines.append(f"\t####{escape(question.explanation)}")
            out += [*lines, "}", ""]
    return "\n".join(out).encode("utf-8")
