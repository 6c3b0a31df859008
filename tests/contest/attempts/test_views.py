"""Entrant pages: the paper works as a plain form, resumes, and never shows answers while open."""

from __future__ import annotations

import re
from datetime import timedelta

from contest.attempts.models import Attempt, AttemptStatus
from contest.attempts.services import save_answer
from contest.extensions import db


def start_page(client, ctx):
    response = client.post(f"/vong-thi/{ctx.round.id}/bat-dau")
    assert response.status_code == 302
    return response.headers["Location"]


def test_my_attempts_lists_open_rounds_and_attempts(client, auth, setup):
    ctx = setup()
    auth.login(ctx.user)
    page = client.get("/bai-thi/cua-toi").get_data(as_text=True)
    assert "Vào thi" in page and ctx.round.name in page
    assert f'href="/vong-thi/{ctx.round.id}/bat-dau"' in page  # the start page, no clock yet
    start_page(client, ctx)
    page = client.get("/bai-thi/cua-toi").get_data(as_text=True)
    assert "Tiếp tục làm bài" in page and "Đang làm bài" in page
    assert 'href="/bai-thi/cua-toi"' in page  # the menu entry


def test_take_page_renders_a_plain_form_without_answers(client, auth, setup):
    ctx = setup(question_count=10, prediction_kind="entrant_count",
                prediction_prompt="Dự đoán số người dự thi tuần này?")
    auth.login(ctx.user)
    url = start_page(client, ctx)
    page = client.get(url).get_data(as_text=True)
    attempt = db.session.scalar(db.select(Attempt))
    assert page.count("<fieldset") == 11 and page.count("<legend>") == 11
    assert 'type="radio"' in page and "Nộp bài" in page
    assert "Dự đoán số người dự thi tuần này?" in page
    assert re.search(r'action="/bai-thi/[\w-]+/nop-bai"', page)
    assert "correct" not in page and "is_correct" not in page
    if any(i.multiple for i in attempt.items):
        assert 'type="checkbox"' in page and "Chọn 2 đáp án" in page
    assert "<script" in page and "attempt.js" in page and "<script>" not in page


def test_saved_answers_come_back_checked_on_reload(client, auth, setup):
    ctx = setup()
    auth.login(ctx.user)
    url = start_page(client, ctx)
    attempt = db.session.scalar(db.select(Attempt))
    save_answer(ctx.user.id, attempt.public_id, 2, [3])
    db.session.commit()
    page = client.get(url).get_data(as_text=True)
    assert re.search(r'name="q2" value="3" checked', page)
    assert "Đã trả lời <strong id=\"answered-count\">1</strong>/5" in page
    assert start_page(client, ctx) == url  # starting again resumes


def test_plain_form_submit_saves_everything_and_grades_once(client, auth, setup):
    ctx = setup(review_policy="after_submit", prediction_kind="full_marks_count")
    auth.login(ctx.user)
    url = start_page(client, ctx)
    attempt = db.session.scalar(db.select(Attempt))
    form = {f"q{i.position}": [str(c) for c in i.correct] for i in attempt.items}
    form["prediction"] = "77"
    response = client.post(url + "/nop-bai", data=form)
    assert response.headers["Location"].endswith("/ket-qua")
    db.session.refresh(attempt)
    assert attempt.status == AttemptStatus.SUBMITTED and attempt.score == 5
    assert attempt.prediction == 77
    again = client.post(url + "/nop-bai", data={"q1": "0"})
    assert again.headers["Location"].endswith("/ket-qua")
    db.session.refresh(attempt)
    assert attempt.score == 5
    page = client.get(url + "/ket-qua").get_data(as_text=True)
    assert "5</strong> / 5" in page and "Kết quả xếp hạng sẽ được công bố" in page
    assert "đáp án đúng" in page and "77" in page
    assert client.get(url).headers["Location"].endswith("/ket-qua")


def test_a_refused_plain_form_submit_keeps_the_answers_it_sent(client, auth, setup):
    """The answers are committed before grading (views.submit), so the rollback of a submit
    the rules refuse keeps them."""
    ctx = setup(require_all_answered=True)
    auth.login(ctx.user)
    url = start_page(client, ctx)
    response = client.post(url + "/nop-bai", data={"q1": "0", "q2": "1"}, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "cần trả lời tất cả các câu. Còn 3 câu" in page
    attempt = db.session.scalar(db.select(Attempt))
    db.session.refresh(attempt)
    assert attempt.status == AttemptStatus.OPEN
    assert {i.position: i.selected for i in attempt.items if i.selected} == {1: [0], 2: [1]}
    assert re.search(r'name="q1" value="0" checked', page)
    assert re.search(r'name="q2" value="1" checked', page)


def test_forged_form_value_is_refused_and_nothing_changes(client, auth, setup):
    ctx = setup()
    auth.login(ctx.user)
    url = start_page(client, ctx)
    response = client.post(url + "/nop-bai", data={"q1": "abc"}, follow_redirects=True)
    assert "Câu 1: lựa chọn không hợp lệ" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(Attempt.status)) == "open"


def test_expired_attempt_page_shows_the_result(client, auth, setup):
    ctx = setup(review_policy="never")
    auth.login(ctx.user)
    url = start_page(client, ctx)
    attempt = db.session.scalar(db.select(Attempt))
    attempt.started_at -= timedelta(minutes=30)
    attempt.deadline -= timedelta(minutes=30)
    db.session.commit()
    response = client.get(url, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Hết giờ (đã chốt bài)" in page and "Đã hết giờ làm bài" in page
    assert "đáp án đúng" not in page
    assert "20:00" in page  # time taken is the whole limit


def test_start_refusal_is_flashed(client, auth, setup):
    ctx = setup()
    ctx.contest.status = "closed"
    db.session.commit()
    auth.login(ctx.user)
    response = client.post(f"/vong-thi/{ctx.round.id}/bat-dau", follow_redirects=True)
    assert "chưa được công bố hoặc đã kết thúc" in response.get_data(as_text=True)


def test_staff_cannot_take_attempts(client, auth, make_user):
    auth.login(make_user(role="judge"))
    assert client.get("/bai-thi/cua-toi").status_code == 403


def test_start_page_shows_the_rules_before_the_clock_runs(client, auth, setup):
    ctx = setup(time_limit_minutes=15, prediction_kind="full_marks_count")
    auth.login(ctx.user)
    response = client.get(f"/vong-thi/{ctx.round.id}/bat-dau")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Trước khi bắt đầu" in page and "15 phút" in page
    assert f"{ctx.round.question_count} câu" in page and "câu hỏi dự đoán" in page
    assert 'id="begin-button"' in page and "Bắt đầu làm bài" in page
    assert db.session.scalar(db.select(db.func.count(Attempt.id))) == 0  # no clock yet
    url = start_page(client, ctx)
    assert client.get(f"/vong-thi/{ctx.round.id}/bat-dau").headers["Location"].endswith(url)


def test_start_buttons_are_hidden_with_the_reason_once_the_policy_is_used_up(
        client, auth, setup):
    ctx = setup(attempt_policy="one_per_round")
    auth.login(ctx.user)
    url = start_page(client, ctx)
    client.post(url + "/nop-bai", data={})
    reason = "mỗi thí sinh chỉ được thi một lần trong vòng này"
    page = client.get(f"/vong-thi/{ctx.round.id}/bat-dau").get_data(as_text=True)
    assert reason in page and 'id="begin-button"' not in page and "data-autofocus" in page
    mine = client.get("/bai-thi/cua-toi").get_data(as_text=True)
    assert reason in mine and "Vào thi" not in mine
    detail = client.get(f"/cuoc-thi/{ctx.contest.id}").get_data(as_text=True)
    assert reason in detail and "Vào thi" not in detail
    refused = client.post(f"/vong-thi/{ctx.round.id}/bat-dau", follow_redirects=True)
    assert reason in refused.get_data(as_text=True)


def test_a_refused_start_is_shown_next_to_the_button(client, auth, setup, monkeypatch):
    from contest.attempts import views
    from contest.attempts.policies import AttemptError

    ctx = setup()
    auth.login(ctx.user)

    def refuse(*args, **kwargs):
        raise AttemptError("Không đủ câu hỏi để tạo đề.", 409)

    monkeypatch.setattr(views, "start_attempt", refuse)
    response = client.post(f"/vong-thi/{ctx.round.id}/bat-dau")
    assert response.headers["Location"].endswith(f"/vong-thi/{ctx.round.id}/bat-dau")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    form = page[page.index('id="begin-button"'):page.index("</form>", page.index("begin-button"))]
    assert "Không đủ câu hỏi để tạo đề." in form and "data-autofocus" in form
    assert page.count("Không đủ câu hỏi để tạo đề.") == 1  # not also at the top of the page
