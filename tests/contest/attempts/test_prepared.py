"""Papers drawn ahead of a round's opening: prepared, claimed once, discarded when stale."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from contest.attempts.models import AttemptItem, PreparedPaper
from contest.attempts.prepared import pool_sizes, prepare_papers, waiting_entrants
from contest.attempts.services import AttemptError, start_attempt
from contest.contests.groups import update_group
from contest.contests.services import extend_round, update_round
from contest.extensions import db, utcnow
from question_bank.importer import ImportOptions, import_file
from question_bank.models import Bank, Question
from question_bank.services import retire_question, update_question
from tests.factories import add_questions

FETCH = {"X-Requested-With": "fetch"}


def pool(round_) -> int:
    return sum(pool_sizes(round_.id).values())


def test_prepare_draws_one_paper_per_waiting_entrant_and_tops_up(prepared, make_entrant, make_user):
    ctx = prepared(entrants=3)
    assert pool(ctx.round) == 3
    papers = db.session.scalars(sa.select(PreparedPaper)).all()
    for paper in papers:
        assert [item["position"] for item in paper.items] == [1, 2, 3, 4, 5]
        assert paper.max_score == 5.0
        assert "correct" not in paper.questions  # the entrant's view holds no answers
    assert len({tuple(i["question_id"] for i in p.items) for p in papers}) > 1  # drawn apart
    # Nothing to add while every waiting entrant has a paper; a new entrant gets one more.
    assert prepare_papers(ctx.round) == {}
    make_entrant(make_user(), ctx.contest)
    assert list(prepare_papers(ctx.round).values()) == [1]
    assert pool(ctx.round) == 4
    start_attempt(ctx.user.id, ctx.round.id)
    assert waiting_entrants(ctx.round) == {ctx.registration.group_id: 3}


def test_start_claims_a_prepared_paper_as_drawn(prepared):
    ctx = prepared(entrants=2)
    oldest = db.session.scalar(sa.select(PreparedPaper).order_by(PreparedPaper.id))
    expected = [(i["question_id"], i["options"], i["correct"]) for i in oldest.items]
    questions = oldest.questions
    started = start_attempt(ctx.user.id, ctx.round.id)
    db.session.commit()
    assert started.created and started.questions == questions
    items = db.session.scalars(sa.select(AttemptItem).where(
        AttemptItem.attempt_id == started.attempt.id).order_by(AttemptItem.position)).all()
    assert [(i.question_id, i.options, i.correct) for i in items] == expected
    assert started.attempt.max_score == 5.0 and started.attempt.number == 1
    assert pool(ctx.round) == 1
    # Resuming claims nothing.
    again = start_attempt(ctx.user.id, ctx.round.id)
    assert not again.created and again.attempt.id == started.attempt.id
    assert pool(ctx.round) == 1


def test_an_empty_pool_falls_back_to_drawing(setup):
    ctx = setup()
    assert pool(ctx.round) == 0
    started = start_attempt(ctx.user.id, ctx.round.id)
    assert started.created and len(started.attempt.items) == 5


def test_api_start_from_a_prepared_paper_answers_like_the_paper_endpoint(
        client, auth, prepared):
    ctx = prepared(entrants=1, prediction_kind="full_marks_count",
                   prediction_prompt="Bao nhiêu người đúng cả 5 câu?")
    auth.login(ctx.user)
    response = client.post(f"/api/v1/rounds/{ctx.round.id}/attempts", headers=FETCH)
    assert response.status_code == 201 and response.mimetype == "application/json"
    started = response.get_json()
    assert started["created"] is True and pool(ctx.round) == 0
    paper = client.get(f"/api/v1/attempts/{started['attempt_id']}").get_json()
    for data in (started, paper):
        data.pop("server_time")
    started.pop("created")
    assert started == paper
    assert "Bao nhiêu người" in started["prediction"]["prompt"]


def test_a_start_with_a_prepared_paper_costs_four_statements(
        client, auth, prepared):
    ctx = prepared(entrants=1)
    auth.login(ctx.user)
    url = f"/api/v1/rounds/{ctx.round.id}/attempts"
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_):
        # Transaction control is no query (SQLite starts take BEGIN IMMEDIATE, issue 14).
        if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK",
                                                      "BEGIN")):
            statements.append(statement.lstrip().split()[0].upper())

    sa.event.listen(db.engine, "before_cursor_execute", count)
    try:
        response = client.post(url, headers=FETCH)
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", count)
    assert response.status_code == 201
    # The round, the registration (locked), the entrant's attempts, then the claim, the attempt
    # and its items: one statement on PostgreSQL, three elsewhere.
    writes = ["WITH"] if db.engine.dialect.name == "postgresql" else ["DELETE", "INSERT", "INSERT"]
    assert statements == ["SELECT", "SELECT", "SELECT", *writes]


def test_policies_still_hold_with_prepared_papers(prepared):
    ctx = prepared(entrants=2, attempt_policy="one_per_round")
    attempt = start_attempt(ctx.user.id, ctx.round.id).attempt
    attempt.status, attempt.finished_at = "submitted", utcnow()
    db.session.commit()
    with pytest.raises(AttemptError, match="một lần trong vòng này"):
        start_attempt(ctx.user.id, ctx.round.id)
    db.session.rollback()
    assert pool(ctx.round) == 1  # the refused start took no paper


@pytest.mark.parametrize("change", ["edit", "retire", "import", "recipe", "banks"])
def test_papers_are_discarded_when_a_fresh_draw_could_differ(change, prepared):
    ctx = prepared(entrants=2)
    question = db.session.scalar(sa.select(Question).order_by(Question.id))
    if change == "edit":
        update_question(question, text="Câu hỏi đã sửa?", area_id=question.area_id,
                        difficulty=question.difficulty, options=["A", "B", "C", "D"],
                        correct=[0])
    elif change == "retire":
        retire_question(question)
    elif change == "import":
        import_file("STT,Lĩnh vực,Câu hỏi,A,B,Đáp án\n1,1,Câu mới?,Có,Không,A\n".encode(),
                    "cau-hoi.csv", ImportOptions(bank="Ngân hàng mới"))
    elif change == "recipe":
        update_round(ctx.round, question_count=4)
    else:
        other = Bank(name="Ngân hàng khác")
        db.session.add(other)
        db.session.flush()
        add_questions(other)
        group = ctx.contest.groups[0]
        update_group(group, group.name, [*(b.id for b in group.banks), other.id])
    db.session.flush()
    assert pool(ctx.round) == 0


def test_renaming_or_extending_keeps_the_papers(prepared):
    ctx = prepared(entrants=2)
    group = ctx.contest.groups[0]
    update_group(group, "Khối mới", [b.id for b in group.banks])
    extend_round(ctx.round, ctx.round.closes_at + timedelta(hours=2), actor_id=None,
                 reason="Quá tải")
    update_round(ctx.round, name="Tuần 1 (gia hạn)")
    db.session.flush()
    assert pool(ctx.round) == 2


def test_a_prepared_paper_is_answered_and_graded_like_a_drawn_one(
        client, auth, prepared):
    ctx = prepared(entrants=1, review_policy="after_submit")
    auth.login(ctx.user)
    paper = client.post(f"/api/v1/rounds/{ctx.round.id}/attempts", headers=FETCH).get_json()
    items = {i.position: i for i in db.session.scalars(sa.select(AttemptItem))}
    for question in paper["questions"][:3]:  # three right, the rest left empty
        right = items[question["position"]].correct
        response = client.put(f"/api/v1/attempts/{paper['attempt_id']}/answers/"
                              f"{question['position']}", json={"selected": right},
                              headers=FETCH)
        assert response.status_code == 200
    result = client.post(f"/api/v1/attempts/{paper['attempt_id']}/submit", json={},
                         headers=FETCH).get_json()
    assert (result["score"], result["max_score"]) == (3.0, 5.0)
    unanswered = db.session.scalars(sa.select(AttemptItem).where(AttemptItem.position > 3))
    assert all(i.selected is None and i.is_correct is False for i in unanswered)


def test_organiser_prepares_papers_from_the_round_page(client, auth, make_user, setup,
                                                        make_entrant):
    ctx = setup()
    for _ in range(2):
        make_entrant(make_user(), ctx.contest)
    auth.login(make_user(role="organiser"))
    page = client.get(f"/quan-ly/dot-thi/{ctx.round.id}").get_data(as_text=True)
    assert "Đề chuẩn bị sẵn" in page and "thiếu 3" in page
    response = client.post(f"/quan-ly/dot-thi/{ctx.round.id}/chuan-bi-de", follow_redirects=True)
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Đã chuẩn bị thêm 3 đề; đang có 3 đề sẵn sàng." in body
    assert "thiếu" not in body
    assert pool(ctx.round) == 3
    again = client.post(f"/quan-ly/dot-thi/{ctx.round.id}/chuan-bi-de", follow_redirects=True)
    assert "Đã chuẩn bị thêm 0 đề; đang có 3 đề sẵn sàng." in again.get_data(as_text=True)


def test_a_recipe_the_banks_cannot_fill_prepares_nothing_and_says_why(client, auth, make_user,
                                                                      setup):
    ctx = setup()
    ctx.round.question_count = 50  # more than the bank holds (set directly: the form refuses)
    db.session.commit()
    auth.login(make_user(role="organiser"))
    body = client.post(f"/quan-ly/dot-thi/{ctx.round.id}/chuan-bi-de",
                       follow_redirects=True).get_data(as_text=True)
    assert "Chưa chuẩn bị được đề:" in body
    assert pool(ctx.round) == 0


def test_cli_prepares_and_reports_per_group(runner, setup, make_entrant, make_user):
    ctx = setup()
    make_entrant(make_user(), ctx.contest)
    result = runner.invoke(args=["attempts", "prepare", str(ctx.round.id)])
    assert result.exit_code == 0, result.output
    assert "Khối CBCCVC: chuẩn bị thêm 2 đề, sẵn sàng 2 đề." in result.output
    result = runner.invoke(args=["attempts", "prepare", str(ctx.round.id), "--count", "5"])
    assert "chuẩn bị thêm 5 đề, sẵn sàng 7 đề." in result.output
    missing = runner.invoke(args=["attempts", "prepare", "99999"])
    assert missing.exit_code != 0 and "Không có đợt thi số 99999." in missing.output
