"""Attacks on attempts (issue 14, points 7 and 8): parallel starts to get past "one attempt
per contest" (SQLite ignores row locks), and reading the answer key while an attempt is open."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask import g

from contest.attempts.models import Attempt
from contest.extensions import db
from tests.contest.attempts.live import Client, in_parallel, live_server

THREADS = 8


@pytest.mark.parametrize("trial", range(3))
def test_parallel_starts_in_two_rounds_get_one_attempt_per_contest(app, make_round, make_user,
                                                                  make_entrant, trial):
    """Eight tabs start both open rounds at once: one attempt, on SQLite as on PostgreSQL."""
    first = make_round(attempt_policy="one_per_contest")
    second = make_round(contest=first.contest, attempt_policy="one_per_contest")
    user = make_user()
    make_entrant(user, first.contest)
    rounds = (first.id, second.id)
    with live_server(app) as port:
        clients = [Client(port) for _ in range(THREADS)]
        for client in clients:
            client.login(user.login)
        results = in_parallel([
            lambda c=c, r=rounds[i % 2]: c.request("POST", f"/api/v1/rounds/{r}/attempts")
            for i, c in enumerate(clients)])
    statuses = [r[0] for r in results]
    assert statuses.count(201) == 1, results
    assert all(s in (200, 201, 409) for s in statuses), results
    db.session.expire_all()
    assert db.session.scalar(sa.select(sa.func.count(Attempt.id))) == 1


def api_paper(client, public_id: str) -> dict:
    g.pop("_login_user", None)
    return client.get(f"/api/v1/attempts/{public_id}").get_json()


@pytest.fixture
def two_attempts(make_round, make_user, make_entrant, make_attempt):
    """Review after submit, several attempts: attempt 1 submitted, attempt 2 open, sharing
    most questions (a bank of 6 for 5-question papers)."""
    round_ = make_round(per_area=1, question_count=5, attempt_policy="unlimited",
                        review_policy="after_submit")
    user = make_user()
    make_entrant(user, round_.contest)
    first = make_attempt(user, round_, answers={1: [0]}, finished=True)
    second = make_attempt(user, round_, finished=False)
    shared = ({i.question_id for i in first.items} & {i.question_id for i in second.items})
    assert shared
    return user, round_, first, second, shared


def test_no_key_of_a_question_in_my_open_attempt_from_the_api(client, auth, two_attempts):
    user, _round, first, second, shared = two_attempts
    auth.login(user)
    paper = api_paper(client, first.public_id)
    positions = {i.position: i.question_id for i in first.items}
    for question in paper["questions"]:
        if positions[question["position"]] in shared:
            assert "correct" not in question and "is_correct" not in question
            assert "explanation" not in question and question["key_hidden"] is True
        else:
            assert "correct" in question
    # The open attempt itself never carries a key either.
    assert all("correct" not in q for q in api_paper(client, second.public_id)["questions"])


def test_no_key_of_a_question_in_my_open_attempt_on_the_result_page(client, auth,
                                                                    two_attempts):
    user, _round, first, _second, shared = two_attempts
    auth.login(user)
    g.pop("_login_user", None)
    page = client.get(f"/bai-thi/{first.public_id}/ket-qua").get_data(as_text=True)
    shown = [i for i in first.items if i.question_id not in shared]
    assert page.count("(đáp án đúng)") == sum(len(i.correct) for i in shown)
    assert page.count("Đáp án tạm ẩn") == len(shared)


def test_keys_come_back_once_the_other_attempt_is_submitted(client, auth, two_attempts):
    from contest.attempts.services import submit_attempt

    user, _round, first, second, _shared = two_attempts
    submit_attempt(second)
    db.session.commit()
    auth.login(user)
    assert all("correct" in q for q in api_paper(client, first.public_id)["questions"])


def test_closed_rounds_key_hidden_while_a_later_round_on_the_same_bank_is_open(
        client, auth, make_round, make_user, make_entrant, make_attempt):
    from datetime import timedelta

    from contest.extensions import utcnow

    earlier = make_round(per_area=1, question_count=5, review_policy="after_close")
    user = make_user()
    make_entrant(user, earlier.contest)
    done = make_attempt(user, earlier, finished=True)
    earlier.opens_at, earlier.closes_at = utcnow() - timedelta(days=2), utcnow() - timedelta(1)
    db.session.commit()
    later = make_round(contest=earlier.contest, question_count=5,
                       review_policy="after_close")
    running = make_attempt(user, later, finished=False)
    shared = {i.question_id for i in done.items} & {i.question_id for i in running.items}
    assert shared
    auth.login(user)
    paper = api_paper(client, done.public_id)
    assert sum(1 for q in paper["questions"] if "correct" in q) == len(done.items) - len(shared)


def test_round_form_warns_when_open_rounds_share_the_bank(client, auth, make_round, make_user):
    from contest.contests.models import Contest, EntrantGroup

    first = make_round(review_policy="after_submit")
    bank = first.contest.groups[0].banks[0]
    other = Contest(title="Cuộc thi khác", status="published")
    other.groups.append(EntrantGroup(name="Khối khác", banks=[bank]))
    db.session.add(other)
    db.session.commit()
    later = make_round(contest=other, name="Tuần 9")
    auth.login(make_user(role="organiser"))
    page = client.get(f"/quan-ly/dot-thi/{first.id}/sua").get_data(as_text=True)
    assert "dùng chung ngân hàng câu hỏi với cuộc thi này" in page
    assert f"Cuộc thi khác – {later.name}" in page
    lonely = make_round()  # its own new bank: nothing shared, no warning
    page = client.get(f"/quan-ly/dot-thi/{lonely.id}/sua").get_data(as_text=True)
    assert "dùng chung ngân hàng câu hỏi với cuộc thi này" not in page
