"""The records every interchange reader produces, and the text decoding they share."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from flask_babel import gettext as _

from contest.spreadsheets import SpreadsheetError
from question_bank.rules import MAX_CODE

TRUE_FALSE = ("Đúng", "Sai")  # how a true/false question is stored: two options
_CODE = re.compile(rf"^[A-Za-z0-9][\w.\-/]{{0,{MAX_CODE - 1}}}$")


def code_from(name: str) -> str:
    """A question name or item identifier used as the code when it looks like one ("CCHC-07"),
    else "" (a generated code): names like "Câu về Nghị quyết" are titles, not codes."""
    return name if _CODE.match(name) else ""


class FormatError(SpreadsheetError):
    """The file is not a well-formed file of its format; the message names the line."""


@dataclass
class Parsed:
    """One usable question as read from an interchange file."""

    line: int
    text: str
    options: list[str]
    correct: list[int]
    code: str = ""
    explanation: str = ""
    category: str = ""
    difficulty: str = ""
    legal_basis: str = ""
    keep: str = ""  # letters kept in place ("D"), "-" for none, "" to detect them


@dataclass
class Skipped:
    """A question of a type contests cannot use (matching, essay ...), left out with a warning."""

    line: int
    kind: str  # the format's own name for the type: "matching", "essay", "cloze" ...
    title: str  # the question's name or the start of its text


@dataclass
class Document:
    """What one file (or one file inside a QTI package) holds."""

    label: str  # "GIFT", "Aiken", "Moodle XML", a QTI item's file (shown where a sheet would be)
    questions: list[Parsed] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def decode_text(data: bytes) -> str:
    """A text file as written by Moodle, Notepad or Word: UTF-8 (BOM or not) or UTF-16."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FormatError(
            _("Tệp văn bản không ở bảng mã UTF-8. Hãy lưu lại dưới dạng UTF-8.")) from error
    return text.replace("\r\n", "\n").replace("\r", "\n")
