"""The attempt page with the keyboard alone: Tab, Shift+Tab, Space, Enter and arrow keys start
the paper, answer every question, enter the prediction and submit; the attempt is graded.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from contest.attempts.models import Attempt
from contest.contests.models import Registration
from contest.demo.people import DEMO_PASSWORD
from contest.extensions import db
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser

FOCUSED_JS = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {tag: el.tagName.toLowerCase(), type: el.type || '', name: el.name || '',
          id: el.id || '', text: (el.innerText || el.value || '').trim().slice(0, 60),
          checked: !!el.checked,
          outlined: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2};
}"""


def focused(page) -> dict:
    return page.evaluate(FOCUSED_JS)


def tab_until(page, wanted, limit: int = 200, key: str = "Tab") -> dict:
    for _ in range(limit):
        page.keyboard.press(key)
        now = focused(page)
        if wanted(now):
            return now
    raise AssertionError(f"{key} never reached the wanted element (last: {now})")


def test_attempt_can_be_completed_with_the_keyboard_alone(browser, demo_site):
    phone = demo_site.entrants[2]
    context = browser.new_context(locale="vi-VN", viewport={"width": 1366, "height": 768})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.accept()))
    try:
        log_in(page, demo_site, phone, DEMO_PASSWORD)
        page.goto(demo_site.url("/bai-thi/cua-toi"))
        enter = tab_until(page, lambda f: f["text"] == "Vào thi")
        assert enter["tag"] == "a" and enter["outlined"], enter
        page.keyboard.press("Enter")
        page.wait_for_url("**/bat-dau")
        start = tab_until(page, lambda f: f["text"] == "Bắt đầu làm bài")
        assert start["tag"] == "button" and start["outlined"], start
        page.keyboard.press("Enter")
        page.wait_for_url(lambda url: "/bai-thi/" in url and not url.endswith("/cua-toi"))
        page.wait_for_load_state("load")
        public_id = page.url.rsplit("/", 1)[1]

        # The skip link is the first stop and moves focus to the main content.
        page.keyboard.press("Tab")
        assert focused(page)["text"] == "Bỏ qua, đến nội dung chính"
        page.keyboard.press("Enter")
        assert focused(page)["id"] == "main"

        total = page.locator("fieldset.question[data-position]").count()
        kinds, sizes = {}, {}
        for position, kind, size in page.evaluate(
                "() => Array.from(document.querySelectorAll('fieldset.question[data-position]'))"
                ".map(f => [+f.dataset.position, f.querySelector('input').type,"
                " f.querySelectorAll('input').length])"):
            kinds[position], sizes[position] = kind, size
        chosen: dict[int, list[int]] = {}
        while len(chosen) < total:
            now = tab_until(page, lambda f: f["name"].startswith("q")
                            and int(f["name"][1:]) not in chosen)
            assert now["outlined"], f"no visible focus on {now}"
            position = int(now["name"][1:])
            if kinds[position] == "radio" and position % 2 == 0:
                page.keyboard.press("ArrowDown")  # moves to the second option and selects it
                chosen[position] = [1]
            else:
                page.keyboard.press("Space")  # selects the focused (first) option
                chosen[position] = [0]
            assert focused(page)["checked"]

        # Shift+Tab goes back to the last question; change its answer with the arrow keys.
        prediction = tab_until(page, lambda f: f["id"] == "prediction")
        assert prediction["outlined"]
        page.keyboard.type("15")
        back = tab_until(page, lambda f: f["name"] == f"q{total}", limit=10, key="Shift+Tab")
        if back["type"] == "radio":
            page.keyboard.press("ArrowDown")
            chosen[total] = [(chosen[total][0] + 1) % sizes[total]]
            assert focused(page)["checked"]
        tab_until(page, lambda f: f["id"] == "prediction", limit=10)
        assert page.locator("#answered-count").inner_text() == str(total)

        submit = tab_until(page, lambda f: f["id"] == "submit-button", limit=10)
        assert submit["outlined"]
        page.keyboard.press("Enter")
        # A confirmation step, if the page shows one, is answered with the keyboard too.
        confirm = page.locator("[role=alertdialog] button, dialog[open] button")
        if confirm.count():
            page.keyboard.press("Enter")
        page.wait_for_url("**/ket-qua")
        assert "Kết quả bài thi" in page.content()
        assert not errors, errors
    finally:
        context.close()

    with demo_site.app.app_context():
        attempt = db.session.scalar(sa.select(Attempt).where(Attempt.public_id == public_id))
        registration = db.session.get(Registration, attempt.registration_id)
        assert registration.user.phone == phone
        assert attempt.status == "submitted" and attempt.score is not None
        assert attempt.prediction == 15
        assert {item.position: list(item.selected) for item in attempt.items} == chosen
        db.session.remove()
