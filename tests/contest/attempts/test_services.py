"""Services: start/resume, policies, deadline and grace, lazy finalisation, grading once."""

from __future__ import annotations

import json
import random
from datetime import timedelta

import pytest
import sqlalchemy as sa

from contest.attempts.events import record_event
from contest.attempts.models import Attempt, AttemptStatus
from contest.attempts.queries import paper_json
from contest.attempts.services import (
    AttemptError,
    finalize_expired,
    finalize_if_expired,
    save_answer,
    start_attempt,
    submit_attempt,
)
from contest.extensions import db, utcnow
from question_bank.models import Question


def start(ctx, **kwargs) -> Attempt:
    attempt = start_attempt(ctx.user.id, ctx.round.id, **kwargs).attempt
    db.session.commit()
    return attempt


def answer_all_right(ctx, attempt, now=None):
    for item in attempt.items:
        save_answer(ctx.user.id, attempt.public_id, item.position, list(item.correct), now=now)
    db.session.commit()


def test_start_draws_the_paper_from_the_groups_active_questions(setup):
    ctx = setup(question_count=8)
    retired = db.session.scalars(sa.select(Question).limit(5)).all()
    for question in retired:
        question.status = "retired"
    db.session.commit()
    attempt = start(ctx)
    assert len(attempt.items) == 8
    assert [i.position for i in attempt.items] == list(range(1, 9))
    assert not {i.question_id for i in attempt.items} & {q.id for q in retired}
    assert attempt.max_score == 8
    assert len(attempt.public_id) >= 20
    item = attempt.items[0]
    assert item.option_count == 4 and len(item.options) == 4
    assert item.multiple == (len(item.correct) > 1)


def test_start_follows_the_recipe(setup):
    ctx = setup(question_count=6, recipe=[{"area": 2, "count": 3}, {"area": 5, "count": 3}])
    attempt = start(ctx)
    assert sorted(i.area_id for i in attempt.items) == [2, 2, 2, 5, 5, 5]


def test_only_the_entrants_group_banks_are_used(setup, make_round, make_entrant, make_user):
    ctx = setup(question_count=18)
    other = make_round()  # another contest with its own bank
    other_ids = {q.id for q in other.contest.groups[0].banks[0].questions}
    attempt = start(ctx)
    assert not {i.question_id for i in attempt.items} & other_ids


def test_paper_is_a_copy_later_edits_do_not_change_it(setup):
    ctx = setup()
    attempt = start(ctx)
    text = attempt.items[0].text
    db.session.get(Question, attempt.items[0].question_id).text = "Đã sửa"
    db.session.commit()
    db.session.refresh(attempt.items[0])
    assert attempt.items[0].text == text


def test_second_start_resumes_the_open_attempt(setup):
    ctx = setup()
    first = start_attempt(ctx.user.id, ctx.round.id)
    db.session.commit()
    again = start_attempt(ctx.user.id, ctx.round.id)
    assert first.created and not again.created
    assert again.attempt.id == first.attempt.id


def test_deadline_is_the_earlier_of_time_limit_and_round_close(setup):
    ctx = setup(time_limit_minutes=20)
    now = utcnow()
    assert start(ctx, now=now).deadline == now + timedelta(minutes=20)
    closing = setup(time_limit_minutes=20, closes_at=now + timedelta(minutes=7))
    assert start(closing, now=now).deadline == closing.round.closes_at


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"contest_status": "draft"}, "chưa được công bố"),
        ({"opens_in": timedelta(hours=2)}, "chưa mở"),
        ({"closed_ago": timedelta(minutes=1)}, "đã kết thúc"),
    ],
)
def test_start_refused_unless_contest_published_and_round_open(setup, change, message):
    ctx = setup()
    now = utcnow()
    if "contest_status" in change:
        ctx.contest.status = change["contest_status"]
    if "opens_in" in change:
        ctx.round.opens_at = now + change["opens_in"]
        ctx.round.closes_at = now + timedelta(days=1)
    if "closed_ago" in change:
        ctx.round.opens_at = now - timedelta(days=1)
        ctx.round.closes_at = now - change["closed_ago"]
    db.session.commit()
    with pytest.raises(AttemptError, match=message):
        start_attempt(ctx.user.id, ctx.round.id)


def test_start_refused_for_someone_not_registered(setup, make_user):
    ctx = setup()
    with pytest.raises(AttemptError, match="chưa đăng ký") as info:
        start_attempt(make_user().id, ctx.round.id)
    assert info.value.status == 403
    with pytest.raises(AttemptError, match="Không tìm thấy vòng thi"):
        start_attempt(ctx.user.id, 99999)


@pytest.mark.parametrize(
    ("policy", "max_attempts", "allowed"),
    [("one_per_round", 1, 1), ("max_per_round", 3, 3), ("unlimited", 1, 5)],
)
def test_attempt_policy_limits_attempts_per_round(setup, policy, max_attempts, allowed):
    ctx = setup(attempt_policy=policy, max_attempts=max_attempts)
    for number in range(1, allowed + 1):
        attempt = start(ctx)
        assert attempt.number == number
        submit_attempt(attempt)
        db.session.commit()
    if policy != "unlimited":
        with pytest.raises(AttemptError, match="thi một lần|hết 3 lượt"):
            start_attempt(ctx.user.id, ctx.round.id)


def test_one_per_contest_counts_real_rounds_not_practice(setup, make_round):
    ctx = setup(attempt_policy="one_per_contest")
    practice = make_round(contest=ctx.contest, is_practice=True, attempt_policy="unlimited")
    second = make_round(contest=ctx.contest, attempt_policy="one_per_contest")
    for _ in range(3):  # practice never counts
        attempt = start_attempt(ctx.user.id, practice.id).attempt
        submit_attempt(attempt)
        db.session.commit()
    submit_attempt(start(ctx))
    db.session.commit()
    with pytest.raises(AttemptError, match="cả cuộc thi"):
        start_attempt(ctx.user.id, second.id)


def test_answer_saved_and_validated(setup, make_user):
    ctx = setup()
    attempt = start(ctx)
    single = next(i for i in attempt.items if not i.multiple)
    answered_at = save_answer(ctx.user.id, attempt.public_id, single.position, [2])
    db.session.commit()
    db.session.refresh(single)
    assert single.selected == [2] and single.answered_at == answered_at
    cases = [
        (single.position, [4], "không tồn tại", 400),
        (single.position, [0, 1], "một đáp án", 400),
        (single.position, ["x"], "không hợp lệ", 400),
        (single.position, [True], "không hợp lệ", 400),
        (99, [0], "không có câu số 99", 404),
    ]
    for position, selected, message, status in cases:
        with pytest.raises(AttemptError, match=message) as info:
            save_answer(ctx.user.id, attempt.public_id, position, selected)
        assert info.value.status == status
    stranger = make_user()
    with pytest.raises(AttemptError) as info:
        save_answer(stranger.id, attempt.public_id, single.position, [1])
    assert info.value.status == 404


def test_multi_answer_question_takes_several_options(setup):
    ctx = setup(question_count=18, shuffle_options=False)
    attempt = start(ctx)
    multi = next(i for i in attempt.items if i.multiple)
    save_answer(ctx.user.id, attempt.public_id, multi.position, [3, 1, 3])
    db.session.commit()
    db.session.refresh(multi)
    assert multi.selected == [1, 3]


def test_answer_within_grace_is_accepted_after_it_is_refused(setup, app):
    app.config["ANSWER_GRACE_SECONDS"] = 5
    ctx = setup()
    attempt = start(ctx)
    save_answer(ctx.user.id, attempt.public_id, 1, [1],
                now=attempt.deadline + timedelta(seconds=4))
    db.session.commit()
    with pytest.raises(AttemptError, match="hết giờ") as info:
        save_answer(ctx.user.id, attempt.public_id, 2, [1],
                    now=attempt.deadline + timedelta(seconds=6))
    assert info.value.status == 409
    db.session.commit()
    db.session.refresh(attempt)
    assert attempt.status == AttemptStatus.EXPIRED  # refused answer finalised it lazily
    assert attempt.finished_at == attempt.deadline
    assert [i.selected for i in attempt.items][:2] == [[1], None]


def test_submit_grades_once(setup):
    ctx = setup(review_policy="after_submit")
    attempt = start(ctx)
    answer_all_right(ctx, attempt)
    submit_attempt(attempt)
    db.session.commit()
    finished_at, score = attempt.finished_at, attempt.score
    assert attempt.status == AttemptStatus.SUBMITTED and score == attempt.max_score == 5
    submit_attempt(attempt, now=utcnow() + timedelta(minutes=1))
    db.session.commit()
    assert (attempt.finished_at, attempt.score) == (finished_at, score)
    with pytest.raises(AttemptError, match="đã được nộp"):
        save_answer(ctx.user.id, attempt.public_id, 1, [0])


def test_time_taken_never_exceeds_the_limit(setup):
    ctx = setup(time_limit_minutes=1)
    attempt = start(ctx)
    submit_attempt(attempt, now=attempt.deadline + timedelta(seconds=3))  # within grace
    assert attempt.status == AttemptStatus.SUBMITTED
    assert attempt.duration_seconds == 60


def test_open_attempt_past_deadline_is_finalised_as_it_was(setup):
    ctx = setup()
    attempt = start(ctx)
    save_answer(ctx.user.id, attempt.public_id, 1, list(attempt.items[0].correct))
    db.session.commit()
    assert not finalize_if_expired(attempt, attempt.deadline + timedelta(seconds=2))
    assert finalize_if_expired(attempt, attempt.deadline + timedelta(minutes=5))
    db.session.commit()
    assert attempt.status == AttemptStatus.EXPIRED
    assert attempt.finished_at == attempt.deadline
    assert attempt.score == 1
    assert attempt.duration_seconds == 20 * 60


def test_starting_again_finalises_the_expired_attempt_first(setup):
    ctx = setup(attempt_policy="unlimited")
    now = utcnow()
    old = start(ctx, now=now - timedelta(minutes=30))
    started = start_attempt(ctx.user.id, ctx.round.id, now=now)
    new = started.attempt
    db.session.commit()
    db.session.refresh(old)
    assert started.created and new.id != old.id and new.number == 2
    assert old.status == AttemptStatus.EXPIRED


def test_finalize_expired_counts(setup):
    ctx = setup(attempt_policy="unlimited")
    start(ctx, now=utcnow() - timedelta(minutes=40))
    other = setup()
    start(other)
    assert finalize_expired() == 1
    db.session.commit()
    assert finalize_expired() == 0


def test_submit_refused_when_rules_require_every_answer(setup):
    ctx = setup(require_all_answered=True)
    attempt = start(ctx)
    save_answer(ctx.user.id, attempt.public_id, 1, [0])
    with pytest.raises(AttemptError, match="Còn 4 câu"):
        submit_attempt(attempt)


@pytest.mark.parametrize(
    ("kind", "raw", "expected"),
    [("full_marks_count", "1234", 1234.0), ("full_marks_count", "12,5", 12.5),
     ("full_marks_count", None, None), ("none", "55", None), ("full_marks_percent", 42, 42.0)],
)
def test_prediction_is_kept_when_the_round_asks_one(setup, kind, raw, expected):
    ctx = setup(prediction_kind=kind, prediction_prompt="Bao nhiêu người trả lời đúng cả 5 câu?")
    attempt = start(ctx)
    submit_attempt(attempt, prediction=raw)
    assert attempt.prediction == expected


@pytest.mark.parametrize(("kind", "raw"), [("full_marks_count", "-3"),
                                           ("full_marks_count", "abc"),
                                           ("full_marks_count", "nan"),
                                           ("full_marks_percent", "101")])
def test_bad_prediction_is_refused(setup, kind, raw):
    ctx = setup(prediction_kind=kind)
    attempt = start(ctx)
    with pytest.raises(AttemptError, match="dự đoán"):
        submit_attempt(attempt, prediction=raw)
    assert attempt.status == AttemptStatus.OPEN


def test_correct_answers_never_leak_while_open(setup):
    ctx = setup(review_policy="after_submit", question_count=10)
    attempt = start(ctx)
    answer_all_right(ctx, attempt)
    text = json.dumps(paper_json(attempt))
    assert '"correct"' not in text and "is_correct" not in text
    submit_attempt(attempt)
    assert all("correct" in q for q in paper_json(attempt)["questions"])


def test_review_after_close_waits_for_the_round_to_close(setup):
    ctx = setup(review_policy="after_close")
    attempt = start(ctx)
    submit_attempt(attempt)
    assert "correct" not in paper_json(attempt)["questions"][0]
    assert "correct" in paper_json(attempt, ctx.round.closes_at)["questions"][0]
    never = setup(review_policy="never")
    closed = start(never)
    submit_attempt(closed)
    assert "correct" not in paper_json(closed, never.round.closes_at)["questions"][0]


def test_tab_switches_are_counted_on_open_attempts_only(setup, make_user):
    ctx = setup()
    attempt = start(ctx)
    assert record_event(ctx.user.id, attempt.public_id, "tab_hidden")
    assert record_event(ctx.user.id, attempt.public_id, "tab_hidden")
    assert not record_event(make_user().id, attempt.public_id, "tab_hidden")
    with pytest.raises(AttemptError):
        record_event(ctx.user.id, attempt.public_id, "copy")
    db.session.commit()
    db.session.refresh(attempt)
    assert attempt.tab_switches == 2


def test_same_seed_same_paper(setup, make_entrant, make_user):
    ctx = setup(question_count=10)
    first = start(ctx, rng=random.Random(7))
    other = make_user()
    make_entrant(other, ctx.contest)
    second = start_attempt(other.id, ctx.round.id, rng=random.Random(7)).attempt
    assert [i.question_id for i in first.items] == [i.question_id for i in second.items]
    assert [i.options for i in first.items] == [i.options for i in second.items]
