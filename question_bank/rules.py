"""Pure rules a question must follow, shared by the forms, the services and the importer."""

from __future__ import annotations

from collections.abc import Sequence

from flask_babel import gettext as _

from contest.errors import DomainError
from question_bank import pinning

LETTERS = "ABCDEF"
MIN_OPTIONS, MAX_OPTIONS = 2, 6
# Column sizes in the schema (code, legal_basis, bank name) and sane limits for free text.
MAX_CODE = 40
MAX_TEXT = 4000
MAX_OPTION = 1000
MAX_EXPLANATION = 4000
MAX_LEGAL_BASIS = 500
MAX_BANK_NAME = 120


class QuestionError(DomainError):
    """A question (or bank) breaks a rule; the message is for the user, in their language."""


def should_keep_in_place(option: str) -> bool:
    """True for options like "Cả A, B, C đều đúng" or "Tất cả các phương án trên"."""
    return pinning.refers(option, MAX_OPTIONS, MAX_OPTIONS) is not None


def auto_keep_in_place(options: Sequence[str]) -> list[int]:
    """Positions of the options that should never be shuffled: the ones that refer to others
    and the ones they name (``question_bank.pinning``)."""
    return pinning.detected(options)


def question_problems(
    *, text: str, options: Sequence[str], correct: Sequence[int], code: str = "",
    explanation: str = "", legal_basis: str = "",
) -> list[tuple[str, str]]:
    """Every broken rule as (field, message); empty when the question is valid."""
    problems: list[tuple[str, str]] = []
    if not text.strip():
        problems.append(("text", _("Nội dung câu hỏi đang trống.")))
    elif len(text) > MAX_TEXT:
        problems.append(("text", _("Nội dung câu hỏi dài quá %(max)s ký tự.", max=MAX_TEXT)))
    if len(options) < MIN_OPTIONS:
        problems.append(("options", _("Cần ít nhất %(min)s phương án (đang có %(count)s).",
                                      min=MIN_OPTIONS, count=len(options))))
    elif len(options) > MAX_OPTIONS:
        problems.append(("options", _("Tối đa %(max)s phương án (đang có %(count)s).",
                                      max=MAX_OPTIONS, count=len(options))))
    for i, option in enumerate(options):
        if len(option) > MAX_OPTION:
            problems.append(("options", _("Phương án %(letter)s dài quá %(max)s ký tự.",
                                          letter=LETTERS[i] if i < 6 else i + 1,
                                          max=MAX_OPTION)))
    if not correct:
        problems.append(("correct", _("Chưa có đáp án đúng.")))
    elif any(not 0 <= c < len(options) for c in correct):
        problems.append(("correct", _("Đáp án không nằm trong các phương án.")))
    if len(code) > MAX_CODE:
        problems.append(("code", _("Mã câu hỏi dài quá %(max)s ký tự.", max=MAX_CODE)))
    if len(explanation) > MAX_EXPLANATION:
        problems.append(("explanation", _("Giải thích dài quá %(max)s ký tự.",
                                          max=MAX_EXPLANATION)))
    if len(legal_basis) > MAX_LEGAL_BASIS:
        problems.append(("legal_basis", _("Căn cứ dài quá %(max)s ký tự.",
                                          max=MAX_LEGAL_BASIS)))
    return problems
