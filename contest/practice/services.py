"""Draw practice sets and record answers. Services flush; views commit."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from contest.contests.models import Contest
from contest.errors import DomainError
from contest.extensions import db
from contest.practice.models import PracticeAnswer, PracticeProgress, PracticeSetting
from contest.practice.repetition import next_review
from contest.practice.safety import bank_is_safe, safe_questions
from contest.vocabulary import ContestStatus
from question_bank.models import Bank, Question, ReformArea, question_bank_link

SET_SIZE = 10


class PracticeError(DomainError):
    """A practice request that cannot be served (message in the request's language)."""


@dataclass(frozen=True)
class Source:
    """Where a set's questions come from: a reform area, or a contest's practice bank."""

    kind: str  # "area" | "contest"
    key: int
    title: str


def area_source(area_id: int) -> Source:
    area = db.session.get(ReformArea, area_id)
    if area is None:
        raise PracticeError(_("Không có lĩnh vực cải cách số %(n)s.", n=area_id), 404)
    return Source("area", area.id, area.name)


def contest_source(contest_id: int, now: datetime) -> Source:
    """A published contest's practice bank; refused while that bank serves a counted round
    (unless the organiser allowed it)."""
    contest = db.session.get(Contest, contest_id)
    setting = db.session.get(PracticeSetting, contest_id)
    if (contest is None or contest.status == ContestStatus.DRAFT or setting is None
            or setting.bank_id is None):
        raise PracticeError(_("Cuộc thi này không có bộ câu hỏi ôn tập."), 404)
    if not bank_is_safe(setting.bank_id, now):
        raise PracticeError(_("Bộ câu hỏi ôn tập của cuộc thi này đang được dùng cho một đợt thi "
                              "tính điểm nên chưa mở để ôn tập."), 409)
    return Source("contest", contest.id, contest.title)


def candidate_ids(source: Source, now: datetime) -> list[int]:
    """Ids of the practice-safe questions of the source."""
    stmt = sa.select(Question.id).where(Question.id.in_(safe_questions(now)))
    if source.kind == "area":
        stmt = stmt.where(Question.area_id == source.key)
    else:
        setting = db.session.get(PracticeSetting, source.key)
        bank_id = setting.bank_id if setting else None
        stmt = stmt.join(question_bank_link, question_bank_link.c.question_id == Question.id
                         ).where(question_bank_link.c.bank_id == bank_id)
    return list(db.session.scalars(stmt.order_by(Question.id)))


def draw_set(source: Source, user_id: int | None, now: datetime, size: int = SET_SIZE,
             rng: random.Random | None = None) -> list[int]:
    """Question ids for one set. For a logged-in user: questions due again first (those got
    wrong, then the longest unseen), then questions never practised, then the rest."""
    rng = rng or random.Random()
    ids = candidate_ids(source, now)
    if not ids:
        raise PracticeError(_("Chưa có câu hỏi ôn tập cho “%(title)s”.", title=source.title), 404)
    rng.shuffle(ids)
    if user_id is None:
        return ids[:size]
    rows = db.session.execute(sa.select(PracticeProgress.question_id, PracticeProgress.due_at)
                              .where(PracticeProgress.user_id == user_id,
                                     PracticeProgress.question_id.in_(ids))).all()
    due_at = {question_id: due for question_id, due in rows}
    due = sorted((i for i in ids if i in due_at and due_at[i] <= now), key=lambda i: due_at[i])
    unseen = [i for i in ids if i not in due_at]
    later = sorted((i for i in ids if i in due_at and due_at[i] > now), key=lambda i: due_at[i])
    return (due + unseen + later)[:size]


def question_for_practice(question_id: int, now: datetime) -> Question:
    """The question, if practice may still serve it (a round may have started since)."""
    question = db.session.get(Question, question_id)
    safe = db.session.scalar(sa.select(sa.literal(question_id).in_(safe_questions(now))))
    if question is None or not safe:
        raise PracticeError(_("Câu hỏi này hiện không dùng để ôn tập (đang dùng cho một đợt thi "
                              "tính điểm hoặc đã bị gỡ)."), 409)
    return question


def is_right(question: Question, selected: list[int]) -> bool:
    return sorted(set(selected)) == sorted(question.correct_positions)


def topic_of(question: Question) -> str:
    """The question's topic name if the bank has topics, else ""."""
    topic = getattr(question, "topic", None)
    return str(getattr(topic, "name", topic) or "")[:120]


def record_answer(question: Question, selected: list[int], user_id: int | None,
                  now: datetime) -> bool:
    """Grade one practice answer, count it anonymously and move the user's review date."""
    positions = {o.position for o in question.options}
    if not selected or any(s not in positions for s in selected):
        raise PracticeError(_("Vui lòng chọn một phương án trong danh sách."), field="chon")
    correct = is_right(question, selected)
    db.session.add(PracticeAnswer(question_id=question.id, area_id=question.area_id,
                                  topic=topic_of(question), is_correct=correct, answered_at=now))
    if user_id is not None:
        _review(user_id, question, correct, now)
    db.session.flush()
    return correct


def _review(user_id: int, question: Question, correct: bool, now: datetime) -> None:
    def current() -> PracticeProgress | None:
        return db.session.scalar(sa.select(PracticeProgress).where(
            PracticeProgress.user_id == user_id, PracticeProgress.question_id == question.id))

    progress = current()
    if progress is None:
        try:
            with db.session.begin_nested():  # another tab may create the row at the same time
                db.session.add(PracticeProgress(user_id=user_id, question_id=question.id,
                                                area_id=question.area_id, due_at=now,
                                                last_answered_at=now))
        except IntegrityError:
            pass
        progress = current()
    assert progress is not None
    progress.interval_days, progress.due_at = next_review(progress.interval_days, correct, now)
    progress.right_count += int(correct)
    progress.wrong_count += int(not correct)
    progress.last_answered_at = now


def save_setting(contest: Contest, bank_id: int | None, allow_counted_banks: bool
                 ) -> PracticeSetting:
    """Choose a contest's practice bank (None: none) and whether counted banks may be used."""
    if bank_id is not None and db.session.get(Bank, bank_id) is None:
        raise PracticeError(_("Không tìm thấy ngân hàng câu hỏi đã chọn."), field="bank_id")
    setting = db.session.get(PracticeSetting, contest.id)
    if setting is None:
        setting = PracticeSetting(contest_id=contest.id)
        db.session.add(setting)
    setting.bank_id = bank_id
    setting.allow_counted_banks = allow_counted_banks
    db.session.flush()
    return setting
