"""Aiken, Moodle's simplest text format: a question line, lettered options, ``ANSWER: B``.

    Nghị quyết 76/NQ-CP được ban hành năm nào?
    A. 2020
    B) 2021
    ANSWER: B

The question may run over several lines (Moodle wants one; organisers' files often have more);
``ANSWER: A, C`` names several right answers. A letter that names no option is refused with
the line, as is a question without its ``ANSWER:`` line.
"""

from __future__ import annotations

import re

from flask_babel import gettext as _

from question_bank.formats.records import Document, FormatError, Parsed

_OPTION = re.compile(r"^\s*([A-Za-z])\s*[.)]\s+(.*)$")
_ANSWER = re.compile(r"^\s*ANSWER\s*:\s*(.*)$", re.I)


def looks_like(text: str) -> bool:
    """Aiken: at least one ``ANSWER: X`` line right after lettered option lines."""
    lines = text.split("\n")
    return any(_ANSWER.match(line) and i and _OPTION.match(lines[i - 1])
               for i, line in enumerate(lines))


def read_aiken(text: str) -> Document:
    """Every question of an Aiken text, each ending at its ``ANSWER:`` line."""
    document = Document(label="Aiken")
    stem: list[str] = []
    options: list[tuple[str, str]] = []
    start = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not line:
            continue
        if answer := _ANSWER.match(line):
            if not options:
                raise FormatError(_("Aiken, dòng %(line)s: dòng ANSWER không đi sau phương án "
                                    "nào (A. …, B. …).", line=number))
            letters = [x.upper() for x in re.findall(r"[A-Za-z]", answer.group(1))]
            known = [letter for letter, _text in options]
            wrong = [x for x in letters if x not in known]
            if not letters or wrong:
                raise FormatError(_(
                    "Aiken, dòng %(line)s: đáp án “%(value)s” không khớp phương án nào "
                    "(câu bắt đầu ở dòng %(start)s chỉ có %(letters)s).",
                    line=number, value=answer.group(1).strip(), start=start,
                    letters=", ".join(known)))
            document.questions.append(Parsed(
                line=start, text="\n".join(stem), options=[t for _letter, t in options],
                correct=sorted({known.index(x) for x in letters})))
            stem, options = [], []
            continue
        option = _OPTION.match(line)
        if option and stem and option.group(1).upper() == chr(ord("A") + len(options)):
            options.append((option.group(1).upper(), option.group(2).strip()))
            continue
        if options:
            raise FormatError(_("Aiken, dòng %(line)s: câu bắt đầu ở dòng %(start)s thiếu dòng "
                                "“ANSWER: …” sau các phương án.", line=number, start=start))
        if not stem:
            start = number
        stem.append(line)
    if stem:
        raise FormatError(_("Aiken, dòng %(line)s: câu cuối tệp thiếu các phương án hoặc dòng "
                            "“ANSWER: …”.", line=start))
    return document
