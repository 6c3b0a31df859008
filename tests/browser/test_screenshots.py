"""A screenshot of every main page at 360x740 (phone) and 1366x768 (laptop), with the real CSP,
into SCREENSHOT_DIR (default artifacts/screenshots, git-ignored) plus an index.html to browse
them. Each page must load without a script error and, on the phone, not scroll sideways.
"""

from __future__ import annotations

import html

import pytest

from tests.browser.conftest import SHOTS, record_shot
from tests.browser.pages import OVERFLOW_JS, Visitor, main_pages

pytestmark = pytest.mark.browser

SIZES = {
    "360": {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True},
    "1366": {"viewport": {"width": 1366, "height": 768}},
}
MAX_HEIGHT = 4000  # long lists are cut here: the top shows the layout, and it keeps the run short


def write_index(names: list[str]) -> None:
    rows = "\n".join(
        f'<section><h2>{html.escape(name)}</h2>'
        + "".join(f'<a href="{name}-{size}.png"><img src="{name}-{size}.png" '
                  f'alt="{html.escape(name)} {size}px" class="w{size}"></a>' for size in SIZES)
        + "</section>" for name in names)
    (SHOTS / "index.html").write_text(
        "<!doctype html><meta charset=utf-8><title>Screenshots</title><style>"
        "body{font-family:sans-serif} img{border:1px solid #ccc;margin:4px;vertical-align:top}"
        ".w360{width:240px} .w1366{width:640px}</style>\n" + rows, encoding="utf-8")


def shoot_all(browser, site, size: str, names: list[str], pages: list) -> list[str]:
    """Screenshot every page at one size; return the problems seen."""
    visitor = Visitor(browser, site, **SIZES[size])
    problems: list[str] = []
    current = {"name": ""}
    listening: set[str] = set()

    def on_error(error) -> None:
        problems.append(f"{current['name']} ({size} px): script error {error}")

    try:
        for name, main_page in zip(names, pages, strict=True):
            current["name"] = name
            if main_page.role not in listening:
                listening.add(main_page.role)
                visitor.page_for(main_page.role).on("pageerror", on_error)
            page = visitor.open(main_page)
            if page.locator("canvas").count():
                page.wait_for_timeout(150)  # let charts finish their first layout
            path = SHOTS / f"{name}-{size}.png"
            height = page.evaluate("document.documentElement.scrollHeight")
            width = SIZES[size]["viewport"]["width"]
            page.screenshot(path=str(path), full_page=True, clip={
                "x": 0, "y": 0, "width": width, "height": min(height, MAX_HEIGHT)})
            record_shot(path)
            if size == "360" and (wide := page.evaluate(OVERFLOW_JS)):
                problems.append(f"{name} scrolls sideways at 360 px: {wide}")
    finally:
        visitor.close()
    return problems


def test_screenshots_of_every_main_page(browser, demo_site):
    SHOTS.mkdir(parents=True, exist_ok=True)
    pages = main_pages(demo_site)
    names = [f"{i:02d}-{p.name}" for i, p in enumerate(pages, 1)]
    problems = [p for size in SIZES for p in shoot_all(browser, demo_site, size, names, pages)]
    write_index(names)
    assert len(list(SHOTS.glob("[0-9][0-9]-*.png"))) >= 2 * len(pages)
    assert not problems, "\n".join(problems)
