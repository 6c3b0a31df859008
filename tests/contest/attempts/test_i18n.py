"""The attempt pages, their script's messages and the API's refusals follow the language."""

from __future__ import annotations

import json
import re
from datetime import timedelta

from contest.extensions import utcnow
from tests.lang import english

FETCH = {"X-Requested-With": "fetch"}


def script_messages(page: str) -> dict:
    block = re.search(r'<script type="application/json" id="attempt-messages">(.*?)</script>',
                      page, re.S)
    assert block, "take.html passes its status messages to attempt.js"
    return json.loads(block.group(1))


def test_attempt_pages_in_english(client, auth, setup):
    ctx = setup(review_policy="after_submit")
    auth.login(ctx.user)
    english(client)
    page = client.get("/bai-thi/cua-toi").get_data(as_text=True)
    assert "Open rounds" in page and "Start" in page and "5 questions" in page
    assert "Vào thi" not in page
    before = client.get(f"/vong-thi/{ctx.round.id}/bat-dau").get_data(as_text=True)
    assert "Before you start" in before and "Start the attempt" in before
    url = client.post(f"/vong-thi/{ctx.round.id}/bat-dau").headers["Location"]
    page = client.get(url).get_data(as_text=True)
    assert "Time left" in page and "Submit" in page and "Question 1." in page
    assert "Thời gian còn lại" not in page
    messages = script_messages(page)
    assert messages["saved"] == "✓ Saved" and messages["empty"] == "Not answered"
    assert messages["unansweredMany"] == "You have {n} unanswered questions."
    page = client.get("/bai-thi/cua-toi").get_data(as_text=True)
    assert "In progress" in page and "Continue the attempt" in page
    client.post(url + "/nop-bai", data={"q1": "0"})
    page = client.get(url + "/ket-qua").get_data(as_text=True)
    assert "Attempt result" in page and "Time taken" in page and "Review the answers" in page


def test_script_messages_stay_vietnamese_by_default(client, auth, setup):
    ctx = setup()
    auth.login(ctx.user)
    url = client.post(f"/vong-thi/{ctx.round.id}/bat-dau").headers["Location"]
    messages = script_messages(client.get(url).get_data(as_text=True))
    # The same text as the fallback in static/js/attempt.js.
    assert messages["saved"] == "✓ Đã lưu"
    assert messages["offline"] == "⚠ Chưa lưu — sẽ tự gửi lại khi có mạng"
    assert messages["navAnswered"] == "Câu {n}: đã trả lời"
    assert messages["unansweredOne"] == "Bạn còn {n} câu chưa trả lời."
    assert messages["timeUp"] == "Hết giờ làm bài. Đang chốt bài thi..."


def test_api_refusals_follow_the_language(client, auth, setup):
    ctx = setup()
    auth.login(ctx.user)
    pid = client.post(f"/api/v1/rounds/{ctx.round.id}/attempts",
                      headers=FETCH).get_json()["attempt_id"]
    missing = client.put(f"/api/v1/attempts/{pid}/answers/99", json={"selected": [0]},
                         headers=FETCH).get_json()
    assert missing == {**missing, "error": "Không tìm thấy",
                       "message": "Bài thi không có câu số 99."}
    english(client)
    missing = client.put(f"/api/v1/attempts/{pid}/answers/99", json={"selected": [0]},
                         headers=FETCH).get_json()
    assert missing["error"] == "Not found" and missing["message"] == "The paper has no question 99."
    bad = client.put(f"/api/v1/attempts/{pid}/answers/1", json={"selected": "x"}, headers=FETCH)
    assert bad.get_json()["message"] == "Question 1: invalid selection."


def test_start_refusal_is_flashed_in_english(client, auth, setup):
    now = utcnow()
    ctx = setup(opens_at=now + timedelta(hours=2), closes_at=now + timedelta(days=1))
    auth.login(ctx.user)
    english(client)
    page = client.post(f"/vong-thi/{ctx.round.id}/bat-dau", follow_redirects=True)
    assert "The round is not open yet. It opens at" in page.get_data(as_text=True)
