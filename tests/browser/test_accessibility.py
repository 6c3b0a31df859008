"""axe-core on every main page (desktop, and a phone in high contrast with the largest font),
display settings that persist, and states that are not told by colour alone.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from contest.demo.people import DEMO_PASSWORD
from tests.browser.axe import axe_results, blocking, describe
from tests.browser.conftest import log_in
from tests.browser.pages import OVERFLOW_JS, Visitor, main_pages

pytestmark = pytest.mark.browser

CONFIGS = {
    "desktop": ({"viewport": {"width": 1366, "height": 768}}, {}),
    "phone-high-contrast-larger": (
        {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True},
        {"contrast": "high", "font": "larger"}),
}
# Text that tells a state; a badge or mark with none would be colour alone.
STATE_TEXT_JS = """() => Array.from(document.querySelectorAll(
    '.badge, .qb-badge, .nav-q.answered, .question[data-state] .save-state, .flash'))
  .filter(el => el.offsetParent !== null && !el.textContent.trim())
  .map(el => el.outerHTML.slice(0, 120))"""


def contrast_doubts(results: dict) -> list[str]:
    """Nodes axe could not settle whose measured contrast is still too low (e.g. black on
    black, which axe files as 'incomplete' rather than a violation)."""
    doubts = []
    for rule in results["incomplete"]:
        if rule["id"] != "color-contrast":
            continue
        for node in rule["nodes"]:
            for check in node["any"]:
                data = check.get("data") or {}
                ratio, wanted = data.get("contrastRatio"), data.get("expectedContrastRatio")
                if ratio is not None and wanted and ratio < float(wanted.split(":")[0]):
                    doubts.append(f"{node['target']}: {data.get('fgColor')} on "
                                  f"{data.get('bgColor')} = {ratio}:1")
    return doubts


@pytest.mark.parametrize("config", list(CONFIGS))
def test_main_pages_have_no_serious_axe_violation(browser, demo_site, config):
    options, cookies = CONFIGS[config]
    # bypass_csp: the CSP allows script-src 'self' only and add_script_tag injects axe inline;
    # this context exists for the axe run alone (the screenshot test keeps the real CSP).
    visitor = Visitor(browser, demo_site, bypass_csp=True, **options)
    problems: list[str] = []
    try:
        for main_page in main_pages(demo_site):
            page = visitor.page_for(main_page.role)
            if cookies:
                page.context.add_cookies([{"name": k, "value": v, "url": demo_site.base}
                                          for k, v in cookies.items()])
            page = visitor.open(main_page)
            if cookies:
                assert f"contrast-{cookies['contrast']}" in page.locator("html").get_attribute(
                    "class")
            results = axe_results(page)
            if found := blocking(results):
                problems.append(f"--- {main_page.name}\n{describe(found)}")
            if doubts := contrast_doubts(results):
                problems.append(f"--- {main_page.name} (low contrast)\n" + "\n".join(doubts))
            if options["viewport"]["width"] <= 400 and (wide := page.evaluate(OVERFLOW_JS)):
                problems.append(f"--- {main_page.name} (scrolls sideways, WCAG 1.4.10): {wide}")
            if empty := page.evaluate(STATE_TEXT_JS):
                problems.append(f"--- {main_page.name} (state without text)\n"
                                + "\n".join(empty))
    finally:
        visitor.close()
    assert not problems, f"{config}:\n" + "\n".join(problems)


def html_classes(page) -> str:
    return page.locator("html").get_attribute("class") or ""


def test_font_size_and_contrast_persist_across_pages_reloads_and_login(browser, demo_site):
    context = browser.new_context(locale="vi-VN", viewport={"width": 1366, "height": 768})
    page = context.new_page()
    try:
        page.goto(demo_site.url("/"))
        assert "font-normal" in html_classes(page) and "contrast-normal" in html_classes(page)
        page.get_by_role("button", name="A+", exact=True).click()
        page.wait_for_load_state()
        page.get_by_role("button", name="Tương phản").click()
        page.wait_for_load_state()
        wanted = {"font-large", "contrast-high"}
        assert wanted <= set(html_classes(page).split())
        expect(page.get_by_role("button", name="A+", exact=True)).to_have_attribute(
            "aria-pressed", "true")
        expect(page.get_by_role("button", name="Tương phản")).to_have_attribute(
            "aria-pressed", "true")
        for path in ("/cuoc-thi/", f"/cuoc-thi/{demo_site.contest_id}", "/dang-nhap"):
            page.goto(demo_site.url(path))
            assert wanted <= set(html_classes(page).split()), path
            page.reload()
            assert wanted <= set(html_classes(page).split()), f"{path} after reload"
        # The larger font really applies: the root font size grows from 16 px.
        assert page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)") > 18
        log_in(page, demo_site, demo_site.entrants[3], DEMO_PASSWORD)
        assert wanted <= set(html_classes(page).split()), "after logging in"
        page.goto(demo_site.url("/bai-thi/cua-toi"))
        page.reload()
        assert wanted <= set(html_classes(page).split()), "signed in, after reload"
        # Switching back works the same way and persists too.
        page.get_by_role("button", name="A", exact=True).click()
        page.wait_for_load_state()
        page.reload()
        assert "font-normal" in html_classes(page) and "contrast-high" in html_classes(page)
    finally:
        context.close()


def test_answered_state_and_review_are_not_told_by_colour_alone(browser, demo_site):
    """The navigator marks answered questions with ✓ and a label; the review says which option
    was right and which was picked in words; every badge carries text."""
    visitor = Visitor(browser, demo_site, viewport={"width": 1366, "height": 768})
    try:
        pages = {p.name: p for p in main_pages(demo_site)}
        page = visitor.open(pages["attempt"])
        answered = page.locator(".nav-q.answered")
        assert answered.count() >= 2
        for i in range(answered.count()):
            link = answered.nth(i)
            assert "✓" in link.inner_text()
            assert link.get_attribute("aria-label").endswith("đã trả lời")
        plain = page.locator(".nav-q:not(.answered)").first
        assert "✓" not in plain.inner_text()
        assert plain.get_attribute("aria-label").endswith("chưa trả lời")
        assert "✓" in page.locator(".legend").inner_text()  # the mark is explained
        # Answering one more adds the mark and says so, not just a colour change.
        position = int(plain.inner_text().strip())
        page.locator(f"#q-{position} input").first.check()
        expect(page.locator(f"#nav-{position}")).to_contain_text("✓")
        expect(page.locator(f"#nav-{position}")).to_have_attribute(
            "aria-label", f"Câu {position}: đã trả lời")
        expect(page.locator(f"#s-{position}")).to_contain_text("Đã lưu")

        page = visitor.open(pages["result"])
        items = page.locator(".review-item")
        assert items.count() > 0
        for i in range(items.count()):
            item = items.nth(i)
            badge = item.locator(".badge").inner_text()
            assert badge.startswith(("✓", "✗")), badge
            for option in item.locator("li.correct").all():
                assert "(đáp án đúng)" in option.inner_text()
            for option in item.locator("li.picked").all():
                assert "(bạn chọn)" in option.inner_text()
    finally:
        visitor.close()


def test_wide_tables_scroll_with_the_keyboard_on_a_phone(browser, demo_site):
    """A table wider than the phone is a named tab stop that the arrow keys scroll; on a laptop,
    where it fits, it is no extra tab stop."""
    pages = {p.name: p for p in main_pages(demo_site)}
    phone = Visitor(browser, demo_site, viewport={"width": 360, "height": 740})
    try:
        page = phone.open(pages["audit-log"])
        region = page.locator(".table-wrap").first
        expect(region).to_have_attribute("tabindex", "0")
        expect(region).to_have_attribute("role", "region")
        assert "cuộn ngang" in region.get_attribute("aria-label")
        for _ in range(80):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.classList.contains('table-wrap')"):
                break
        else:
            raise AssertionError("Tab never reached the scrollable table")
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")
        expect(region).not_to_have_js_property("scrollLeft", 0)
    finally:
        phone.close()
    laptop = Visitor(browser, demo_site, viewport={"width": 1366, "height": 768})
    try:
        page = laptop.open(pages["manage-list"])
        assert page.locator(".table-wrap").first.get_attribute("tabindex") is None
    finally:
        laptop.close()
