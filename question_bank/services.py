"""Write operations on questions and banks. Services flush; views and CLI commands commit.

Stable API used by other packages: create_question, get_or_create_bank, available_counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import sqlalchemy as sa
from flask_babel import gettext as _

from contest.extensions import db
from question_bank.fingerprint import fingerprint
from question_bank.models import (
    MAX_TOPIC,
    Bank,
    Difficulty,
    OptionOrder,
    Question,
    QuestionOption,
    QuestionStatus,
    ReformArea,
    question_bank_link,
)
from question_bank.rules import (
    MAX_BANK_NAME,
    QuestionError,
    auto_keep_in_place,
    question_problems,
)

__all__ = [
    "QuestionError", "create_question", "update_question", "get_or_create_bank",
    "available_counts", "retire_question", "reactivate_question", "delete_question",
    "new_codes",
]

CODE_PREFIX = "Q"
_GENERATED = re.compile(rf"^{CODE_PREFIX}(\d{{6,}})$")

# Attempts live in contest.attempts, which this package must not import (the arrow points from
# contest to question_bank). A lightweight table clause is enough to ask "was it ever used?".
_attempt_item = sa.table("attempt_item", sa.column("question_id"))


def get_or_create_bank(name: str) -> Bank:
    """Return the bank with this name (spaces trimmed), creating it if needed."""
    name = " ".join((name or "").split())
    if not name:
        raise QuestionError(_("Tên ngân hàng câu hỏi đang trống."))
    if len(name) > MAX_BANK_NAME:
        raise QuestionError(_("Tên ngân hàng dài quá %(max)s ký tự.", max=MAX_BANK_NAME))
    bank = db.session.scalar(sa.select(Bank).where(Bank.name == name))
    if bank is None:
        bank = Bank(name=name)
        db.session.add(bank)
        db.session.flush()
    return bank


def new_codes(count: int, taken: Iterable[str] = ()) -> list[str]:
    """``count`` fresh codes "Q000001", "Q000002" ... after the highest generated code in use."""
    highest = 0
    stored = db.session.scalars(
        sa.select(Question.code).where(Question.code.like(f"{CODE_PREFIX}%"))
    )
    for code in [*stored, *taken]:
        if match := _GENERATED.match(code or ""):
            highest = max(highest, int(match.group(1)))
    return [f"{CODE_PREFIX}{n:06d}" for n in range(highest + 1, highest + 1 + count)]


def kept_positions(options: Sequence[str], ticked: Sequence[int] | None,
                   order: str = OptionOrder.AUTO) -> list[int]:
    """The positions stored as kept in place: every one for a fixed order, exactly the ticked
    ones for a manual order, otherwise those pinned by meaning plus any ticked."""
    if order == OptionOrder.FIXED:
        return list(range(len(options)))
    if order == OptionOrder.MANUAL:
        return sorted(set(ticked or ()))
    return sorted(set(auto_keep_in_place(options)) | set(ticked or ()))


def _order(order: str | None, keep_in_place: Sequence[int] | None) -> str:
    if order is None:
        return OptionOrder.AUTO if keep_in_place is None else OptionOrder.MANUAL
    return order


def _check(*, code, text, area_id, difficulty, options, correct, keep_in_place,
           explanation, legal_basis, option_order=OptionOrder.AUTO) -> list[int]:
    problems = question_problems(text=text, options=options, correct=correct, code=code,
                                 explanation=explanation, legal_basis=legal_basis)
    if problems:
        raise QuestionError(problems[0][1])
    if difficulty not in set(Difficulty):
        raise QuestionError(_("Mức độ phải là 1 (Dễ), 2 (Trung bình) hoặc 3 (Khó)."))
    if db.session.get(ReformArea, area_id) is None:
        raise QuestionError(_("Lĩnh vực không hợp lệ (chọn 1 đến 6)."))
    if option_order not in set(OptionOrder):
        raise QuestionError(_("Cách giữ thứ tự phương án không hợp lệ."))
    if keep_in_place is None and option_order == OptionOrder.AUTO:
        keep = auto_keep_in_place(options)
    else:
        keep = kept_positions(options, keep_in_place, option_order)
    if any(not 0 <= k < len(options) for k in keep):
        raise QuestionError(_("Phương án “giữ vị trí” không nằm trong các phương án."))
    return keep


def _set_options(question: Question, options: Sequence[str], correct: Sequence[int],
                 keep: Sequence[int]) -> None:
    question.options.clear()
    db.session.flush()  # delete old rows first: (question_id, position) is unique
    question.options.extend(
        QuestionOption(position=i, text=text, is_correct=i in correct, keep_in_place=i in keep)
        for i, text in enumerate(options)
    )


def create_question(
    *, code: str, text: str, area_id: int, difficulty: int, options: list[str],
    correct: list[int], keep_in_place: list[int] | None = None, explanation: str = "",
    legal_basis: str = "", banks: Sequence[str] = (), option_order: str | None = None,
    topic: str = "",
) -> Question:
    """Create a question. ``option_order`` None: the ``keep_in_place`` positions exactly, or
    (None) the options pinned by meaning ("Cả A, B, C đều đúng" and A, B, C)."""
    options = [o.strip() for o in options]
    option_order = _order(option_order, keep_in_place)
    code = (code or "").strip() or new_codes(1)[0]
    keep = _check(code=code, text=text, area_id=area_id, difficulty=difficulty, options=options,
                  correct=correct, keep_in_place=keep_in_place, explanation=explanation,
                  legal_basis=legal_basis, option_order=option_order)
    if db.session.scalar(sa.select(Question.id).where(Question.code == code)):
        raise QuestionError(_("Mã câu hỏi “%(code)s” đã có trong ngân hàng.", code=code))
    question = Question(
        code=code, text=text.strip(), area_id=area_id, difficulty=int(difficulty),
        explanation=explanation.strip(), legal_basis=legal_basis.strip(),
        status=QuestionStatus.ACTIVE, fingerprint=fingerprint(text, options),
        option_order=option_order, topic=" ".join(topic.split())[:MAX_TOPIC],
    )
    _set_options(question, options, correct, keep)
    question.banks = [get_or_create_bank(name) for name in dict.fromkeys(banks)]
    db.session.add(question)
    db.session.flush()  # discards prepared papers (after_flush, contest/attempts/prepared.py)
    return question


def update_question(
    question: Question, *, text: str, area_id: int, difficulty: int, options: list[str],
    correct: list[int], keep_in_place: list[int] | None = None, explanation: str = "",
    legal_basis: str = "", banks: Sequence[str] | None = None,
    option_order: str | None = None, topic: str | None = None,
) -> Question:
    """Change a question; attempts keep their own copies, so they are not affected."""
    options = [o.strip() for o in options]
    option_order = _order(option_order, keep_in_place)
    keep = _check(code=question.code, text=text, area_id=area_id, difficulty=difficulty,
                  options=options, correct=correct, keep_in_place=keep_in_place,
                  explanation=explanation, legal_basis=legal_basis, option_order=option_order)
    question.text = text.strip()
    question.area_id = area_id
    question.difficulty = int(difficulty)
    question.explanation = explanation.strip()
    question.legal_basis = legal_basis.strip()
    question.fingerprint = fingerprint(text, options)
    question.option_order = option_order
    if topic is not None:
        question.topic = " ".join(topic.split())[:MAX_TOPIC]
    _set_options(question, options, correct, keep)
    if banks is not None:
        question.banks = [get_or_create_bank(name) for name in dict.fromkeys(banks)]
    db.session.flush()  # discards prepared papers (after_flush, contest/attempts/prepared.py)
    return question


def retire_question(question: Question) -> None:
    """Stop drawing this question; it stays for the attempts that used it."""
    question.status = QuestionStatus.RETIRED
    db.session.flush()  # discards prepared papers (after_flush, contest/attempts/prepared.py)


def reactivate_question(question: Question) -> None:
    """Let this question be drawn again."""
    question.status = QuestionStatus.ACTIVE
    db.session.flush()  # discards prepared papers (after_flush, contest/attempts/prepared.py)


def is_used(question_id: int) -> bool:
    """Whether any attempt has shown this question."""
    query = sa.select(sa.literal(1)).select_from(_attempt_item).where(
        _attempt_item.c.question_id == question_id).limit(1)
    return db.session.scalar(query) is not None


def delete_question(question: Question) -> None:
    """Delete a never-used question; a used one must be retired instead."""
    if is_used(question.id):
        raise QuestionError(_("Câu hỏi đã được dùng trong bài thi nên không thể xoá; "
                              "hãy cho ngừng sử dụng."))
    db.session.delete(question)
    db.session.flush()  # discards prepared papers (after_flush, contest/attempts/prepared.py)


def available_counts(bank_ids: list[int]) -> dict[tuple[int, int], int]:
    """Active questions per (area_id, difficulty) in these banks, each question counted once."""
    if not bank_ids:
        return {}
    in_banks = sa.select(question_bank_link.c.question_id).where(
        question_bank_link.c.bank_id.in_(list(bank_ids)))
    query = (
        sa.select(Question.area_id, Question.difficulty, sa.func.count(Question.id))
        .where(Question.status == QuestionStatus.ACTIVE, Question.id.in_(in_banks))
        .group_by(Question.area_id, Question.difficulty)
    )
    return {(area, int(diff)): count for area, diff, count in db.session.execute(query)}


def repin_by_meaning(apply: bool = True) -> list[tuple[str, list[int], list[int]]]:
    """Add the pins by meaning (``question_bank.pinning``) to stored questions whose options
    are kept in place automatically, e.g. those imported before "Phương án A và B đều đúng"
    pinned A and B too; nothing is unpinned. Returns (code, kept before, kept after) for each
    question that changes; with ``apply`` the options are updated (flush; the caller
    commits), which discards prepared papers (after_flush, contest/attempts/prepared.py)."""
    changes: list[tuple[str, list[int], list[int]]] = []
    questions = db.session.scalars(
        sa.select(Question).where(Question.option_order == OptionOrder.AUTO)
        .options(sa.orm.selectinload(Question.options)).order_by(Question.code))
    for question in questions:
        before = [o.position for o in question.options if o.keep_in_place]
        after = kept_positions([o.text for o in question.options], before)
        if after == before:
            continue
        changes.append((question.code, before, after))
        if apply:
            for option in question.options:
                option.keep_in_place = option.position in after
    if apply and changes:
        db.session.flush()
    return changes
