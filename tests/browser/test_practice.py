"""Chromium on a 360 px phone practises a set: with JavaScript the answer and its explanation
appear without a page load; without JavaScript the same set works through plain form posts."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from contest import create_app
from contest.extensions import db
from contest.practice.models import PracticeAnswer
from question_bank.models import Bank, ReformArea
from tests.browser.axe import axe_results, blocking, describe
from tests.browser.conftest import ARGS, CHROMIUM, SHOTS, chromium_or_skip
from tests.conftest import AREAS
from tests.contest.attempts.live import live_server
from tests.factories import add_questions

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}


@pytest.fixture
def live(tmp_path):
    """A live server whose one bank serves no round: every question is practice material."""
    chromium_or_skip()
    app = create_app({
        "TESTING": True, "SECRET_KEY": "browser-practice", "REDIS_URL": "",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'practice.sqlite'}",
        "WTF_CSRF_ENABLED": True,
    })
    with app.app_context():
        db.create_all()
        db.session.add_all(ReformArea(id=i, name=n, position=i) for i, n in enumerate(AREAS, 1))
        bank = Bank(name="Ôn tập 2025")
        db.session.add(bank)
        db.session.flush()
        for question in add_questions(bank, per_area=2, multi_every=99):
            question.explanation = f"Giải thích: {question.text} có đáp án B."
            question.legal_basis = "Nghị quyết số 76/NQ-CP ngày 15/7/2021"
        db.session.commit()
    with live_server(app) as port:
        yield f"http://127.0.0.1:{port}", app


def no_sideways_scroll(page) -> None:
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= PHONE["width"], f"page is {width}px wide at {PHONE['width']}px"


def answers(app) -> list[bool]:
    with app.app_context():
        return list(db.session.scalars(sa.select(PracticeAnswer.is_correct)
                                       .order_by(PracticeAnswer.id)))


def test_practice_set_on_a_phone(live):
    from playwright.sync_api import sync_playwright

    base, app = live
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True,
                                          locale="vi-VN")
            page = context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(base + "/on-tap/")
            no_sideways_scroll(page)
            page.get_by_role("button", name="Ôn tập lĩnh vực này").nth(1).click()
            expect(page.locator(".practice-progress")).to_have_text("Câu 1/2")
            no_sideways_scroll(page)
            # With JavaScript: answer B (right) and see the feedback on the same page.
            page.evaluate("window.__same_page = true")
            page.locator("label.option").nth(1).click()
            page.get_by_role("button", name="Trả lời").click()
            expect(page.locator(".feedback h2")).to_have_text("Đúng rồi!")
            expect(page.locator(".feedback")).to_contain_text("Nghị quyết số 76/NQ-CP")
            assert page.evaluate("window.__same_page === true"), "the page was reloaded"
            page.screenshot(path=str(SHOTS / "practice-phone-360.png"), full_page=True)
            no_sideways_scroll(page)
            page.get_by_role("link", name="Câu tiếp theo ›").click()
            # Answer A (wrong): the right option is marked and the explanation shown.
            page.locator("label.option").nth(0).click()
            page.get_by_role("button", name="Trả lời").click()
            expect(page.locator(".feedback h2")).to_have_text("Chưa đúng.")
            expect(page.locator("label.option.is-correct")).to_contain_text("đáp án đúng")
            page.get_by_role("link", name="Xem kết quả").click()
            expect(page.locator("main")).to_contain_text("Bạn trả lời đúng 1/2 câu.")
            assert errors == []
            assert answers(app) == [True, False]
            context.close()

            # Without JavaScript the same set works through plain form posts.
            context = browser.new_context(viewport=PHONE, is_mobile=True,
                                          java_script_enabled=False, locale="vi-VN")
            page = context.new_page()
            page.goto(base + "/on-tap/")
            page.get_by_role("button", name="Ôn tập lĩnh vực này").first.click()
            page.locator("label.option").nth(1).click()
            page.get_by_role("button", name="Trả lời").click()
            expect(page.locator(".feedback h2")).to_have_text("Đúng rồi!")
            no_sideways_scroll(page)
            context.close()
            assert answers(app) == [True, False, True]

            # No serious accessibility problem on the practice pages (axe needs bypass_csp).
            context = browser.new_context(viewport=PHONE, bypass_csp=True, locale="vi-VN")
            page = context.new_page()
            page.goto(base + "/on-tap/")
            problems = blocking(axe_results(page))
            assert not problems, describe(problems)
            page.get_by_role("button", name="Ôn tập lĩnh vực này").first.click()
            problems = blocking(axe_results(page))
            assert not problems, describe(problems)
            page.locator("label.option").nth(0).click()
            page.get_by_role("button", name="Trả lời").click()
            expect(page.locator(".feedback h2")).to_have_text("Chưa đúng.")
            problems = blocking(axe_results(page))
            assert not problems, describe(problems)
            context.close()
        finally:
            browser.close()
