"""Practice through HTTP: anonymous and logged in, feedback after each answer, wrong answers
coming back, counted rounds' banks kept out, the organiser's setting and dashboard counts."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from contest.extensions import db, utcnow
from contest.practice import services
from contest.practice.models import PracticeAnswer, PracticeProgress, PracticeSetting
from contest.practice.repetition import MAX_INTERVAL_DAYS, next_review
from question_bank.models import Question

NOW = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize("interval, correct, expected", [
    (0, True, 1), (1, True, 2), (4, True, 8), (64, True, MAX_INTERVAL_DAYS), (8, False, 0),
])
def test_next_review_doubles_on_right_and_resets_on_wrong(interval, correct, expected):
    days, due = next_review(interval, correct, NOW)
    assert days == expected and due == NOW + timedelta(days=expected)


@pytest.fixture
def free_questions(make_question):
    """15 questions of area 2 in a bank no contest uses, with explanation and legal basis."""
    return [make_question(area_id=2, banks=["Ôn tập chung"], correct=[1],
                          explanation=f"Giải thích câu {n}",
                          legal_basis=f"Điều {n} Nghị định 61/2018/NĐ-CP") for n in range(15)]


def current_question(client, position: int) -> Question:
    page = client.get(f"/on-tap/cau/{position}").get_data(as_text=True)
    text = re.search(r"<legend>(.*?)</legend>", page).group(1)
    return db.session.scalar(sa.select(Question).where(Question.text == text))


def start(client, **form) -> None:
    response = client.post("/on-tap/bat-dau", data=form)
    assert response.status_code == 302 and response.headers["Location"].endswith("/on-tap/cau/1")


def test_anonymous_set_shows_feedback_after_each_answer(client, free_questions):
    assert "Cải cách thủ tục hành chính" in client.get("/on-tap/").get_data(as_text=True)
    start(client, **{"linh-vuc": 2})
    q = current_question(client, 1)
    response = client.post("/on-tap/cau/1", data={"chon": 0})  # wrong: B is right
    assert response.status_code == 302
    page = client.get("/on-tap/cau/1").get_data(as_text=True)
    assert "Chưa đúng." in page and "đáp án đúng" in page
    assert q.explanation in page and q.legal_basis in page
    assert 'href="/on-tap/cau/2"' in page
    # Answering again changes nothing (one answer per question of the set).
    client.post("/on-tap/cau/1", data={"chon": 1})
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PracticeAnswer)) == 1
    client.post("/on-tap/cau/2", data={"chon": 1})
    assert "Đúng rồi!" in client.get("/on-tap/cau/2").get_data(as_text=True)
    summary = client.get("/on-tap/ket-qua").get_data(as_text=True)
    assert "Bạn trả lời đúng 1/10 câu." in summary
    answers = db.session.scalars(sa.select(PracticeAnswer)).all()
    assert sorted(a.is_correct for a in answers) == [False, True]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PracticeProgress)) == 0


def test_answer_without_javascript_and_with_fetch(client, free_questions):
    start(client, **{"linh-vuc": 2})
    response = client.post("/on-tap/cau/1", data={"chon": 1},
                           headers={"X-Requested-With": "fetch"})
    data = response.get_json()
    assert data["right"] is True and data["correct"] == [1]
    assert data["legal_basis"].startswith("Điều") and data["next_url"] == "/on-tap/cau/2"


def test_no_choice_or_a_bad_choice_is_refused_clearly(client, free_questions):
    start(client, **{"linh-vuc": 2})
    for form in ({}, {"chon": 7}, {"chon": "x"}):
        response = client.post("/on-tap/cau/1", data=form, follow_redirects=True)
        assert response.status_code == 200
        assert "Vui lòng chọn một phương án" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PracticeAnswer)) == 0


def test_pages_without_a_set_and_unknown_area(client, free_questions):
    assert client.get("/on-tap/cau/1").headers["Location"].endswith("/on-tap/")
    response = client.post("/on-tap/bat-dau", data={"linh-vuc": 99}, follow_redirects=True)
    assert "Không có lĩnh vực cải cách số 99" in response.get_data(as_text=True)
    response = client.post("/on-tap/bat-dau", data={"linh-vuc": 5}, follow_redirects=True)
    assert "Chưa có câu hỏi ôn tập" in response.get_data(as_text=True)


def test_logged_in_user_gets_wrong_answers_back(client, auth, make_user, free_questions):
    user = make_user()
    auth.login(user)
    start(client, **{"linh-vuc": 2})
    first_set = []
    for position in range(1, 11):
        q = current_question(client, position)
        first_set.append(q.id)
        client.post(f"/on-tap/cau/{position}", data={"chon": 0 if position <= 2 else 1})
    wrong = first_set[:2]
    rows = {p.question_id: p for p in db.session.scalars(sa.select(PracticeProgress))}
    assert {rows[i].wrong_count for i in wrong} == {1} and rows[wrong[0]].interval_days == 0
    assert rows[first_set[5]].interval_days == 1
    progress = client.get("/on-tap/").get_data(as_text=True)
    assert "đã ôn 10, đã thuộc 8, cần ôn lại 2" in progress
    start(client, **{"linh-vuc": 2})
    second_set = [current_question(client, p).id for p in range(1, 11)]
    unseen = {q.id for q in free_questions} - set(first_set)
    assert second_set[:2] == wrong or set(second_set[:2]) == set(wrong)
    assert unseen <= set(second_set)  # then the five never practised


def test_counted_round_banks_are_kept_out_unless_allowed(client, make_contest, make_question,
                                                         make_user, auth):
    contest = make_contest()  # an open counted round; its banks hold area-1 questions
    counted_ids = {q.id for g in contest.groups for b in g.banks for q in b.questions}
    free = make_question(area_id=1, banks=["Ôn tập chung"])
    assert services.candidate_ids(services.area_source(1), utcnow()) == [free.id]
    start(client, **{"linh-vuc": 1})
    assert current_question(client, 1).id == free.id
    # The organiser picks a counted bank as practice bank: refused while the round runs ...
    organiser = make_user(role="organiser")
    auth.login(organiser)
    bank = contest.groups[0].banks[0]
    client.post(f"/quan-ly/cuoc-thi/{contest.id}/on-tap", data={"bank_id": bank.id})
    assert db.session.get(PracticeSetting, contest.id).bank_id == bank.id
    response = client.post("/on-tap/bat-dau", data={"cuoc-thi": contest.id},
                           follow_redirects=True)
    assert "đang được dùng cho một đợt thi tính điểm" in response.get_data(as_text=True)
    # ... and served once the organiser allows it.
    client.post(f"/quan-ly/cuoc-thi/{contest.id}/on-tap",
                data={"bank_id": bank.id, "allow_counted_banks": "y"})
    start(client, **{"cuoc-thi": contest.id})
    assert current_question(client, 1).id in counted_ids


def test_closed_rounds_release_their_banks(make_contest, make_question):
    contest = make_contest()
    for rnd in contest.rounds:
        rnd.opens_at, rnd.closes_at = utcnow() - timedelta(days=3), utcnow() - timedelta(days=1)
    db.session.commit()
    assert len(services.candidate_ids(services.area_source(1), utcnow())) == 20


def test_question_kept_out_after_a_round_starts_mid_set(client, free_questions, make_round):
    start(client, **{"linh-vuc": 2})
    q = current_question(client, 1)
    from contest.contests.models import Contest, EntrantGroup
    from question_bank.models import Bank

    contest = Contest(title="Cuộc thi mới", status="published")
    contest.groups.append(EntrantGroup(name="CBCCVC", banks=list(db.session.scalars(
        sa.select(Bank).where(Bank.name == "Ôn tập chung")))))
    db.session.add(contest)
    db.session.commit()
    make_round(contest=contest)
    response = client.get("/on-tap/cau/1", follow_redirects=True)
    assert "hiện không dùng để ôn tập" in response.get_data(as_text=True)
    assert client.post("/on-tap/cau/1", data={"chon": 1}).status_code in (302, 303)
    assert not db.session.scalars(sa.select(PracticeAnswer).where(
        PracticeAnswer.question_id == q.id)).all()


def test_dashboard_shows_anonymous_misses_per_area(client, auth, make_user, free_questions,
                                                   make_contest):
    contest = make_contest()
    start(client, **{"linh-vuc": 2})
    for position in range(1, 4):
        client.post(f"/on-tap/cau/{position}", data={"chon": 0})
    client.post("/on-tap/cau/4", data={"chon": 1})
    auth.login(make_user(role="organiser"))
    page = client.get(f"/thong-ke/cuoc-thi/{contest.id}").get_data(as_text=True)
    section = page.split('id="on-tap"')[1]
    assert "Cải cách thủ tục hành chính" in section and "75" in section


def test_demo_practice_bank_gives_every_area_questions(runner):
    from contest.practice import queries

    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    assert all(area.questions >= 1 for area in queries.areas(utcnow(), None))
