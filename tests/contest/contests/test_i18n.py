"""Contest pages, flashes and errors in English; Vietnamese stays the default."""

from __future__ import annotations

from tests.contest.contests.test_views import round_form
from tests.lang import english


def test_public_pages_in_english(client, make_contest):
    contest = make_contest()
    english(client)
    listing = client.get("/cuoc-thi/").get_data(as_text=True)
    assert "Current contests" in listing and "See rules and rounds" in listing
    assert "(Vietnam time)" in listing and "5 questions, 10 minutes" in listing
    assert ">Open<" in listing and "Cuộc thi đang diễn ra" not in listing
    detail = client.get(f"/cuoc-thi/{contest.id}").get_data(as_text=True)
    assert "Register to take part" in detail and "Rounds" in detail
    assert "5 questions in 10 minutes." in detail and "Rules" in detail
    assert "Thể lệ: mỗi đợt 20 phút." in detail  # the organiser's own text is not translated


def test_public_pages_stay_vietnamese_by_default(client, make_contest):
    contest = make_contest()
    listing = client.get("/cuoc-thi/").get_data(as_text=True)
    assert "Cuộc thi đang diễn ra" in listing and "5 câu, 10 phút" in listing
    assert "(giờ Việt Nam)" in listing and "Current contests" not in listing
    detail = client.get(f"/cuoc-thi/{contest.id}").get_data(as_text=True)
    assert "Đăng ký dự thi" in detail and "5 câu hỏi trong 10 phút." in detail


def test_organiser_pages_in_english(client, auth, make_user, make_contest):
    contest = make_contest()
    round_ = contest.rounds[0]
    auth.login(make_user(role="organiser"))
    english(client)
    detail = client.get(f"/quan-ly/cuoc-thi/{contest.id}").get_data(as_text=True)
    assert "Entrant groups" in detail and "Add round" in detail and "End contest" in detail
    assert "Published" in detail and "Registration invitation links" in detail
    form = client.get(f"/quan-ly/cuoc-thi/{contest.id}/dot-thi/moi").get_data(as_text=True)
    assert "Round name" in form and "Time limit (minutes)" in form and ">Easy<" in form
    assert "Highest-scoring attempt" in form and "Save round" in form
    page = client.get(f"/quan-ly/dot-thi/{round_.id}").get_data(as_text=True)
    assert "Paper layout" in page and "Not extended yet." in page
    assert "5 questions in 10 minutes" in page and "1 attempt per round" in page
    contest_form = client.get("/quan-ly/cuoc-thi/moi").get_data(as_text=True)
    assert "Tie-break order" in contest_form and "Higher score" in contest_form
    assert "Full name" in contest_form and "(not used)" in contest_form


def test_flashes_and_errors_in_english(client, auth, make_user, make_contest):
    contest = make_contest(with_round=False)
    auth.login(make_user(role="organiser"))
    english(client)
    body = client.post("/quan-ly/cuoc-thi/moi", data={
        "title": "Contest X", "tie_break_1": "score", "collective_formula": "points",
        "collective_min_rate": "50"}, follow_redirects=True).get_data(as_text=True)
    assert "Contest created. Now add entrant groups and rounds." in body
    body = client.post(f"/quan-ly/cuoc-thi/{contest.id}/trang-thai/draft",
                       follow_redirects=True).get_data(as_text=True)
    assert "A contest cannot move from “Published” to “Draft”." in body
    body = client.post(f"/quan-ly/cuoc-thi/{contest.id}/khoi", data={"name": ""},
                       follow_redirects=True).get_data(as_text=True)
    assert "Please enter the entrant group name." in body
    body = client.post(f"/quan-ly/cuoc-thi/{contest.id}/dot-thi/moi", data=round_form(
        question_count="abc", opens_at="yesterday")).get_data(as_text=True)
    assert "Please enter a whole number." in body and "Invalid date and time." in body
    body = client.post(f"/quan-ly/cuoc-thi/{contest.id}/dot-thi/moi",
                       data=round_form(counting="median")).get_data(as_text=True)
    assert "Attempt that counts: invalid value (median)." in body
    body = client.post(f"/quan-ly/cuoc-thi/{contest.id}/dot-thi/moi",
                       data=round_form(question_count="30")).get_data(as_text=True)
    assert "The question banks cannot fill the paper layout: Whole paper: 30 questions" in body
    body = client.post(f"/quan-ly/cuoc-thi/{contest.id}/dot-thi/moi", data=round_form(),
                       follow_redirects=True).get_data(as_text=True)
    assert "Round “Tuần 2” created." in body


def test_status_flash_stays_vietnamese_by_default(client, auth, make_user, make_contest):
    contest = make_contest(published=False)
    auth.login(make_user(role="organiser"))
    body = client.post(f"/quan-ly/cuoc-thi/{contest.id}/trang-thai/published",
                       follow_redirects=True).get_data(as_text=True)
    assert "Cuộc thi đã chuyển sang «Đã công bố»." in body
