"""Pure rules a question must follow, shared by the forms, the services and the importer."""

from __future__ import annotations

import re
from collections.abc import Sequence

from contest.spreadsheets import fold

LETTERS = "ABCDEF"
MIN_OPTIONS, MAX_OPTIONS = 2, 6
# Column sizes in the schema (code, legal_basis, bank name) and sane limits for free text.
MAX_CODE = 40
MAX_TEXT = 4000
MAX_OPTION = 1000
MAX_EXPLANATION = 4000
MAX_LEGAL_BASIS = 500
MAX_BANK_NAME = 120


class QuestionError(ValueError):
    """A question (or bank) breaks a rule; the message is Vietnamese and meant for the user."""


# Options that refer to the others must keep their position when options are shuffled.
_KEEP_PATTERNS = [
    re.compile(p)
    for p in (
        r"^(ca|tat ca)( cac)?( (phuong an|dap an|y|cau))? [a-f]( (va )?[a-f])+( |$)",
        r"^(ca|tat ca) (hai|ba|bon|nam|2|3|4|5)( (phuong an|dap an|y|cau))?( (tren|neu tren))?",
        r"^tat ca( cac)?( (phuong an|dap an|y|cau))?( (tren|neu tren|deu dung|deu sai|dung|sai))",
        r"^khong( co)? (phuong an|dap an|y|cau)( nao)?( (o )?tren)? (dung|sai|ca)\b",
        r"^khong( co)? (phuong an|dap an|y|cau) nao\b",
        r"^(all|none|both) of the (above|options)",
        r"^(cac|nhung) (phuong an|dap an|y) tren( deu)? (dung|sai)",
    )
]


_KEEP_STARTS = ("ca ", "tat ca", "khong", "all ", "none ", "both ", "cac ", "nhung ")


def should_keep_in_place(option: str) -> bool:
    """True for options like "Cả A, B, C đều đúng" or "Tất cả các phương án trên"."""
    folded = fold(option)
    if not folded.startswith(_KEEP_STARTS):  # cheap filter: most options are ordinary text
        return False
    return any(pattern.search(folded) for pattern in _KEEP_PATTERNS)


def auto_keep_in_place(options: Sequence[str]) -> list[int]:
    """Positions of the options that should never be shuffled."""
    return [i for i, option in enumerate(options) if should_keep_in_place(option)]


def question_problems(
    *, text: str, options: Sequence[str], correct: Sequence[int], code: str = "",
    explanation: str = "", legal_basis: str = "",
) -> list[tuple[str, str]]:
    """Every broken rule as (field, Vietnamese message); empty when the question is valid."""
    problems: list[tuple[str, str]] = []
    if not text.strip():
        problems.append(("text", "Nội dung câu hỏi đang trống."))
    elif len(text) > MAX_TEXT:
        problems.append(("text", f"Nội dung câu hỏi dài quá {MAX_TEXT} ký tự."))
    if len(options) < MIN_OPTIONS:
        problems.append(("options", f"Cần ít nhất {MIN_OPTIONS} phương án "
                                    f"(đang có {len(options)})."))
    elif len(options) > MAX_OPTIONS:
        problems.append(("options", f"Tối đa {MAX_OPTIONS} phương án (đang có {len(options)})."))
    for i, option in enumerate(options):
        if len(option) > MAX_OPTION:
            problems.append(("options", f"Phương án {LETTERS[i] if i < 6 else i + 1} "
                                        f"dài quá {MAX_OPTION} ký tự."))
    if not correct:
        problems.append(("correct", "Chưa có đáp án đúng."))
    elif any(not 0 <= c < len(options) for c in correct):
        problems.append(("correct", "Đáp án không nằm trong các phương án."))
    if len(code) > MAX_CODE:
        problems.append(("code", f"Mã câu hỏi dài quá {MAX_CODE} ký tự."))
    if len(explanation) > MAX_EXPLANATION:
        problems.append(("explanation", f"Giải thích dài quá {MAX_EXPLANATION} ký tự."))
    if len(legal_basis) > MAX_LEGAL_BASIS:
        problems.append(("legal_basis", f"Căn cứ dài quá {MAX_LEGAL_BASIS} ký tự."))
    return problems
