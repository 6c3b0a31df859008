"""Chromium drives the whole attempt: sign up by invitation link, start, answer, reload,
lose the network, come back, submit. Once at desktop size and once at a 360x740 phone.
"""

from __future__ import annotations

import re
import shutil
from datetime import timedelta

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from contest import create_app
from contest.attempts.models import Attempt, AttemptItem
from contest.contests.models import Contest, EntrantGroup, Round
from contest.extensions import db, utcnow
from question_bank.models import Bank, ReformArea
from tests.browser.conftest import ARGS, CHROMIUM, SHOTS, chromium_or_skip
from tests.conftest import AREAS
from tests.contest.attempts.live import live_server
from tests.factories import add_questions

pytestmark = pytest.mark.browser


@pytest.fixture
def live(tmp_path):
    """A real threaded server on a free port over a SQLite file; yields (base_url, app, token)."""
    chromium_or_skip()
    app = create_app({
        "TESTING": True, "SECRET_KEY": "browser-test", "REDIS_URL": "",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'browser.sqlite'}",
        "WTF_CSRF_ENABLED": True, "ANSWER_GRACE_SECONDS": 5,
    })
    with app.app_context():
        db.create_all()
        db.session.add_all(ReformArea(id=i, name=n, position=i) for i, n in enumerate(AREAS, 1))
        bank = Bank(name="CBCCVC 2025")
        contest = Contest(title="Cuộc thi tìm hiểu CCHC tỉnh 2025", status="published")
        db.session.add_all([bank, contest])
        db.session.flush()
        add_questions(bank, per_area=2, multi_every=3)
        contest.groups.append(EntrantGroup(name="Khối CBCCVC", banks=[bank]))
        now = utcnow()
        db.session.add(Round(
            contest=contest, name="Tuần 1", opens_at=now - timedelta(hours=1),
            closes_at=now + timedelta(days=3), question_count=6, time_limit_minutes=20,
            prediction_kind="full_marks_count", review_policy="after_submit",
            prediction_prompt="Theo bạn, bao nhiêu người trả lời đúng cả 6 câu tuần này?"))
        db.session.commit()
        token = contest.invite_token
    with live_server(app) as port:
        yield f"http://127.0.0.1:{port}", app, token


def saved_selection(app, position: int):
    with app.app_context():
        value = db.session.scalar(sa.select(AttemptItem.selected)
                                  .where(AttemptItem.position == position)
                                  .join(Attempt).order_by(Attempt.id.desc()).limit(1))
        db.session.remove()
        return value


def choose(page, position: int, index: int = 0) -> None:
    page.locator(f"#q-{position} input").nth(index).check()


def run_flow(browser, live, name: str, phone: str, viewport: dict, mobile: bool) -> None:
    base, app, token = live
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport=viewport, is_mobile=mobile, has_touch=mobile,
                                  locale="vi-VN")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    # Sign up through the invitation link (the account is created and logged in).
    page.goto(f"{base}/dang-ky/{token}")
    page.get_by_label("Họ và tên", exact=False).fill("Nguyễn Văn Thí Sinh")
    page.get_by_label("Số điện thoại", exact=False).fill(phone)
    page.get_by_label("Ngày sinh", exact=False).fill("1990-05-01")
    page.get_by_label("Mật khẩu (ít nhất 8 ký tự)").fill("matkhau123")
    page.get_by_label("Nhập lại mật khẩu").fill("matkhau123")
    page.get_by_label("Khối thi").select_option(label="Khối CBCCVC")
    page.get_by_label("Tôi đồng ý", exact=False).check()
    page.get_by_role("button", name="Đăng ký").click()
    page.wait_for_load_state()
    assert "Đăng ký thành công" in page.content()

    # Start from "Bài thi của tôi".
    page.get_by_role("link", name="Bài thi của tôi").first.click()
    page.get_by_role("link", name="Vào thi").click()
    expect(page.locator("h2#before-title")).to_have_text("Trước khi bắt đầu")  # no clock yet
    page.get_by_role("button", name="Bắt đầu làm bài").click()
    page.wait_for_url("**/bai-thi/*")
    attempt_url = page.url
    page.screenshot(path=str(SHOTS / f"{name}-1-started.png"), full_page=False)

    choose(page, 1)
    choose(page, 2, 1)
    expect(page.locator("#s-2")).to_contain_text("Đã lưu")
    assert page.locator("#answered-count").inner_text() == "2"
    assert page.locator("#nav-1").get_attribute("aria-label") == "Câu 1: đã trả lời"

    # Reload in the middle: answers and the remaining time survive.
    page.reload()
    assert page.locator("#q-1 input").nth(0).is_checked()
    assert page.locator("#q-2 input").nth(1).is_checked()
    expect(page.locator("#timer")).to_have_text(re.compile(r"^1[89]:[0-5][0-9]$"))

    # Offline: the answer waits in localStorage and is sent when the network returns.
    context.set_offline(True)
    choose(page, 3, 2)
    expect(page.locator("#s-3")).to_contain_text("Chưa lưu")
    assert saved_selection(app, 3) is None
    assert '"3"' in page.evaluate("JSON.stringify(Object.keys(JSON.parse("
                                  "localStorage.getItem(Object.keys(localStorage)[0]))))")
    page.screenshot(path=str(SHOTS / f"{name}-2-offline.png"), full_page=False)
    context.set_offline(False)
    expect(page.locator("#s-3")).to_contain_text("Đã lưu", timeout=40_000)
    assert saved_selection(app, 3) == [2]

    # A reload while answers are still unsent keeps them (the API is cut off meanwhile).
    page.route("**/api/v1/**", lambda route: route.abort())
    choose(page, 4, 3)
    expect(page.locator("#s-4")).to_contain_text("Chưa lưu")
    page.reload()
    assert page.locator("#q-4 input").nth(3).is_checked()
    assert saved_selection(app, 4) is None
    page.unroute("**/api/v1/**")
    expect(page.locator("#s-4")).to_contain_text("Đã lưu", timeout=40_000)
    assert saved_selection(app, 4) == [3]

    for position in (5, 6):
        choose(page, position)
    page.get_by_label("bao nhiêu người trả lời đúng", exact=False).fill("120")
    page.keyboard.press("Tab")
    page.screenshot(path=str(SHOTS / f"{name}-3-before-submit.png"), full_page=True)
    page.get_by_role("button", name="Nộp bài").click()
    expect(page.locator("#submit-confirm")).to_contain_text("Bạn đã trả lời tất cả các câu")
    page.get_by_role("button", name="Xác nhận nộp bài").click()
    page.wait_for_url("**/ket-qua")
    assert "Kết quả xếp hạng sẽ được công bố" in page.content()
    assert "120" in page.locator("#prediction").inner_text()
    page.screenshot(path=str(SHOTS / f"{name}-4-result.png"), full_page=True)
    with app.app_context():
        attempt = db.session.scalar(sa.select(Attempt).order_by(Attempt.id.desc()).limit(1))
        assert attempt.status == "submitted" and attempt.prediction == 120
        assert all(item.selected for item in attempt.items)
        db.session.remove()
    page.goto(attempt_url)  # the paper is closed now: the result is shown instead
    assert page.url.endswith("/ket-qua")
    assert not errors, errors
    context.close()


@pytest.mark.skipif(shutil.which("true") is None, reason="needs a POSIX userland")
def test_attempt_flow_desktop_and_phone(live):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            run_flow(browser, live, "desktop", "0911000001", {"width": 1280, "height": 900},
                     mobile=False)
            run_flow(browser, live, "phone", "0911000002", {"width": 360, "height": 740},
                     mobile=True)
        finally:
            browser.close()
