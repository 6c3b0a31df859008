"""A browser that loses the network for 30 seconds keeps its answers and saves them when it
comes back (the page queues them in localStorage and retries)."""

from __future__ import annotations

import time

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from contest.accounts.services import create_user
from contest.attempts.models import Attempt, AttemptItem
from contest.contests.models import Contest, Registration
from contest.extensions import db, utcnow
from tests.browser.conftest import ARGS, CHROMIUM
from tests.browser.test_attempt_flow import choose, live  # noqa: F401

pytestmark = pytest.mark.browser
OFFLINE_SECONDS = 30


def stored(app) -> dict[int, list[int] | None]:
    with app.app_context():
        rows = db.session.execute(
            sa.select(AttemptItem.position, AttemptItem.selected).join(Attempt)
            .order_by(AttemptItem.position)).all()
        db.session.remove()
        return dict(rows)


def test_answers_made_offline_for_30_seconds_are_saved_on_reconnect(live):  # noqa: F811
    from playwright.sync_api import sync_playwright

    base, app, _ = live
    with app.app_context():
        user = create_user(role="entrant", password="matkhau123", full_name="Đỗ Thị Mạng",
                           phone="0988000777")
        contest = db.session.scalar(sa.select(Contest))
        db.session.add(Registration(contest=contest, user_id=user.id, group=contest.groups[0],
                                    consent_at=utcnow()))
        db.session.commit()
        db.session.remove()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            context = browser.new_context(viewport={"width": 360, "height": 740},
                                          is_mobile=True, has_touch=True, locale="vi-VN")
            page = context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(f"{base}/dang-nhap")
            page.get_by_label("Số điện thoại", exact=False).fill("0988000777")
            page.get_by_label("Mật khẩu", exact=False).fill("matkhau123")
            page.get_by_role("button", name="Đăng nhập").click()
            page.goto(f"{base}/bai-thi/cua-toi")
            page.get_by_role("link", name="Vào thi").click()
            page.get_by_role("button", name="Bắt đầu làm bài").click()
            page.wait_for_url("**/bai-thi/*")
            choose(page, 1)
            expect(page.locator("#s-1")).to_contain_text("Đã lưu")

            context.set_offline(True)
            wanted = {2: 1, 3: 2, 4: 0, 5: 3}
            for position, index in wanted.items():
                choose(page, position, index)
            for position in wanted:
                expect(page.locator(f"#s-{position}")).to_contain_text("Chưa lưu")
            went_offline = time.monotonic()
            page.wait_for_timeout(OFFLINE_SECONDS * 1000)
            assert time.monotonic() - went_offline >= OFFLINE_SECONDS
            assert all(stored(app)[p] is None for p in wanted)  # nothing got through
            for position in wanted:
                expect(page.locator(f"#s-{position}")).to_contain_text("Chưa lưu")

            context.set_offline(False)
            back = time.monotonic()
            for position in wanted:  # the queue is flushed on the "online" event
                expect(page.locator(f"#s-{position}")).to_contain_text("Đã lưu",
                                                                       timeout=35_000)
            saved_after = time.monotonic() - back
            after = stored(app)
            assert {p: after[p] for p in wanted} == {p: [i] for p, i in wanted.items()}
            assert after[1] == [0]
            assert page.evaluate("Object.values(localStorage).join('')") in ("", "{}")
            print(f"\nqueued answers saved {saved_after:.1f}s after the network came back")
            assert not errors, errors
            context.close()
        finally:
            browser.close()
