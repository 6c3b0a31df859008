"""The deadline on a phone (issue 13): the page's clock is the server's, the queue flushes in
one request, offline near and past the deadline nothing vanishes, the start page and the
submit confirmation, and registration errors all at once."""

from __future__ import annotations

import re
import time
from datetime import timedelta

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from contest.accounts.services import create_user
from contest.attempts.models import Attempt, LateAnswer
from contest.contests.models import Contest, Registration
from contest.extensions import db, utcnow
from tests.browser.conftest import ARGS, CHROMIUM
from tests.browser.test_attempt_flow import choose, live  # noqa: F401

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}
# Shift the device clock (Date) by window.__shift ms, as a phone whose time is changed does.
SHIFT_DATE = """(ms) => {
  if (!window.__RealDate) {
    const Real = Date;
    window.__RealDate = Real;
    window.__shift = 0;
    class Shifted extends Real {
      constructor(...args) {
        if (args.length) { super(...args); } else { super(Real.now() + window.__shift); }
      }
      static now() { return Real.now() + window.__shift; }
    }
    window.Date = Shifted;
  }
  window.__shift = ms;
}"""


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


def entrant(app, phone: str) -> None:
    with app.app_context():
        user = create_user(role="entrant", password="matkhau123", full_name="Lê Văn Giờ",
                           phone=phone)
        contest = db.session.scalar(sa.select(Contest))
        db.session.add(Registration(contest=contest, user_id=user.id, group=contest.groups[0],
                                    consent_at=utcnow()))
        db.session.commit()
        db.session.remove()


def signed_in_page(chromium, live, phone: str):  # noqa: F811
    base, app, _ = live
    entrant(app, phone)
    context = chromium.new_context(viewport=PHONE, is_mobile=True, has_touch=True,
                                   locale="vi-VN")
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.goto(f"{base}/dang-nhap")
    page.get_by_label("Số điện thoại", exact=False).fill(phone)
    page.get_by_label("Mật khẩu", exact=False).fill("matkhau123")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()
    return context, page


def start(page, base: str) -> str:
    """Through the start page: the clock runs only after the begin button."""
    page.goto(f"{base}/bai-thi/cua-toi")
    page.get_by_role("link", name="Vào thi").click()
    page.wait_for_url("**/bat-dau")
    expect(page.locator("#start-questions")).to_contain_text("6 câu")
    expect(page.locator("#start-time")).to_contain_text("20 phút")
    assert page.locator("#timer").count() == 0
    page.get_by_role("button", name="Bắt đầu làm bài").click()
    page.wait_for_url(re.compile(r".*/bai-thi/[\w-]+$"))
    return page.url.rsplit("/", 1)[1]


def set_deadline(app, public_id: str, seconds_from_now: float) -> None:
    with app.app_context():
        attempt = db.session.scalar(sa.select(Attempt).where(Attempt.public_id == public_id))
        attempt.deadline = utcnow() + timedelta(seconds=seconds_from_now)
        db.session.commit()
        db.session.remove()


def attempt_row(app, public_id: str):
    with app.app_context():
        attempt = db.session.scalar(sa.select(Attempt).where(Attempt.public_id == public_id))
        late = db.session.scalars(sa.select(LateAnswer).where(
            LateAnswer.attempt_id == attempt.id).order_by(LateAnswer.position)).all()
        row = (attempt.status, [(r.position, r.selected) for r in late])
        db.session.remove()
        return row


def seconds_left(page) -> int:
    minutes, seconds = page.locator("#timer").inner_text().split(":")[-2:]
    return int(minutes) * 60 + int(seconds)


def test_changing_the_device_clock_changes_nothing(chromium, live):  # noqa: F811
    base, app, _ = live
    context, page = signed_in_page(chromium, live, "0988000101")
    submits: list[str] = []
    page.on("request", lambda r: submits.append(r.url) if r.url.endswith("/submit") else None)
    start(page, base)
    expect(page.locator("#timer")).to_have_text(re.compile(r"^(20:00|19:5\d)$"))
    before = seconds_left(page)
    page.evaluate(SHIFT_DATE, 10 * 60 * 1000)  # the phone's clock jumps 10 minutes ahead
    page.wait_for_timeout(2500)
    assert abs(seconds_left(page) - (before - 2.5)) <= 2, page.locator("#timer").inner_text()
    page.evaluate(SHIFT_DATE, -10 * 60 * 1000)  # ... and 10 minutes back
    page.wait_for_timeout(1500)
    assert seconds_left(page) <= before
    assert before - seconds_left(page) <= 6
    # The page's own count reaching zero (monotonic time jumping 30 minutes) only makes it
    # ask the server, which says time is left: the count is resynced, nothing is submitted.
    page.evaluate("""() => { const real = performance.now.bind(performance);
                            performance.now = () => real() + 30 * 60 * 1000; }""")
    expect(page.locator("#timer")).to_have_text(re.compile(r"^(19|20):"), timeout=5000)
    assert submits == [] and "/ket-qua" not in page.url
    assert attempt_row(app, page.url.rsplit("/", 1)[1])[0] == "open"
    assert not page.errors, page.errors
    context.close()


def test_queue_flushes_in_one_request_and_zero_asks_the_server(chromium, live):  # noqa: F811
    base, app, _ = live
    context, page = signed_in_page(chromium, live, "0988000102")
    public_id = start(page, base)
    batches: list[dict] = []
    page.on("requestfinished", lambda r: batches.append(r.post_data_json)
            if r.method == "PUT" and r.url.endswith("/answers") else None)
    context.set_offline(True)
    for position, index in ((1, 1), (2, 0), (3, 2)):
        choose(page, position, index)
    for position in (1, 2, 3):
        expect(page.locator(f"#s-{position}")).to_contain_text("Chưa lưu")
    context.set_offline(False)
    for position in (1, 2, 3):
        expect(page.locator(f"#s-{position}")).to_contain_text("Đã lưu", timeout=15_000)
    assert len(batches) == 1, batches
    assert sorted(a["position"] for a in batches[0]["answers"]) == [1, 2, 3]

    # The server's deadline comes: at zero the page asks, then delivers and submits.
    set_deadline(app, public_id, 4)
    page.reload()
    choose(page, 4, 1)
    expect(page.locator("#s-4")).to_contain_text("Đã lưu")
    page.wait_for_url("**/ket-qua", timeout=20_000)
    assert attempt_row(app, public_id) == ("submitted", [])
    assert not page.errors, page.errors
    context.close()


def test_offline_past_the_deadline_lists_the_answers_and_never_leaves_for_an_error_page(
        chromium, live):  # noqa: F811
    base, app, _ = live
    context, page = signed_in_page(chromium, live, "0988000103")
    public_id = start(page, base)
    set_deadline(app, public_id, 9)
    page.reload()
    choose(page, 1, 0)
    expect(page.locator("#s-1")).to_contain_text("Đã lưu")
    context.set_offline(True)
    choose(page, 2, 1)
    choose(page, 3, 2)
    warning = page.locator("#offline-warning")
    expect(warning).to_be_visible(timeout=5000)
    expect(warning).to_contain_text("sắp hết giờ")
    expect(warning).to_contain_text("Câu 2, Câu 3")
    assert warning.get_attribute("role") == "alert"
    undelivered = page.locator("#undelivered")
    expect(undelivered).to_contain_text("Chưa gửi được đến máy chủ trước thời hạn: Câu 2, Câu 3",
                                        timeout=25_000)  # deadline + 5 s grace
    page.wait_for_timeout(2000)
    assert re.search(r"/bai-thi/[\w-]+$", page.url), page.url  # still the paper, no error page
    context.set_offline(False)
    page.wait_for_url("**/ket-qua", timeout=40_000)
    status, late = attempt_row(app, public_id)
    assert status == "expired" and late == [(2, [1]), (3, [2])]
    expect(page.locator("#late-answers")).to_contain_text("Câu 2: đã chọn B")
    expect(page.locator("#late-answers")).to_contain_text("Câu 3: đã chọn C")
    assert not page.errors, page.errors
    context.close()


def test_submit_confirmation_lists_the_unanswered_and_errors_sit_by_the_button(
        chromium, live):  # noqa: F811
    base, app, _ = live
    context, page = signed_in_page(chromium, live, "0988000104")
    public_id = start(page, base)
    choose(page, 1)
    choose(page, 2)
    expect(page.locator("#s-2")).to_contain_text("Đã lưu")
    page.get_by_role("button", name="Nộp bài").click()
    dialog = page.get_by_role("alertdialog")
    expect(dialog).to_contain_text("Bạn còn 4 câu chưa trả lời: Câu 3, Câu 4, Câu 5, Câu 6")
    assert page.evaluate("document.activeElement.id") == "confirm-submit"
    page.get_by_role("button", name="Quay lại làm tiếp").click()
    expect(dialog).to_be_hidden()
    assert page.evaluate("document.activeElement.id") == "submit-button"
    assert attempt_row(app, public_id)[0] == "open"

    context.set_offline(True)
    page.get_by_role("button", name="Nộp bài").click()
    page.get_by_role("button", name="Xác nhận nộp bài").click()
    message = page.locator("#submit-message")
    expect(message).to_contain_text("Không có kết nối mạng")
    assert page.evaluate("document.activeElement.id") == "submit-message"
    box, button = message.bounding_box(), page.locator("#submit-button").bounding_box()
    assert box and button and abs(box["y"] - button["y"]) < 300  # next to the button
    context.set_offline(False)
    page.get_by_role("button", name="Nộp bài").click()
    page.get_by_role("button", name="Xác nhận nộp bài").click()
    page.wait_for_url("**/ket-qua")
    assert attempt_row(app, public_id)[0] == "submitted"
    assert not page.errors, page.errors
    context.close()


def test_registration_shows_every_error_at_once_and_keeps_the_password(chromium, live):  # noqa: F811
    base, app, token = live
    context = chromium.new_context(viewport=PHONE, is_mobile=True, has_touch=True,
                                   locale="vi-VN")
    page = context.new_page()
    page.goto(f"{base}/dang-ky/{token}")
    page.get_by_label("Số điện thoại", exact=False).fill("12345")
    page.get_by_label("Mật khẩu (ít nhất 8 ký tự)").fill("matkhau123")
    page.get_by_label("Nhập lại mật khẩu").fill("matkhau123")
    started = time.monotonic()
    page.get_by_role("button", name="Đăng ký").click()
    page.wait_for_load_state()
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    assert time.monotonic() - started < 10
    assert page.evaluate("document.activeElement.id") == "error-summary"
    for text in ("Vui lòng nhập họ và tên", "Số điện thoại phải gồm 10 chữ số",
                 "Vui lòng nhập ngày sinh", "Bạn cần đồng ý"):
        expect(summary).to_contain_text(text)
    expect(page.locator("#full_name-error")).to_contain_text("Vui lòng nhập họ và tên")
    expect(page.locator("#phone-error")).to_contain_text("Số điện thoại phải gồm 10 chữ số")
    assert page.locator("#password").input_value() == "matkhau123"
    summary.get_by_role("link", name=re.compile("Số điện thoại")).click()
    assert page.evaluate("location.hash") == "#phone"
    context.close()
