"""The product's main pages, who sees each, and a visitor that opens them signed in.

Shared by the accessibility and screenshot tests so both cover the same list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from contest.demo.people import DEMO_PASSWORD
from tests.browser.conftest import STAFF, DemoSite, log_in

QUESTIONS_CSV = (
    "STT,Câu hỏi,A,B,C,D,Đáp án,Lĩnh vực,Mức độ\n"
    "1,Cơ quan nào tiếp nhận hồ sơ thủ tục hành chính tại cấp xã?,Bộ phận Một cửa,"
    "Công an xã,Trạm y tế,Trường học,A,Cải cách thủ tục hành chính,Dễ\n"
    "2,Câu hỏi thiếu đáp án đúng,Một,Hai,Ba,Bốn,,Cải cách thể chế,Dễ\n"
    "3,Dịch vụ công trực tuyến toàn trình là gì?,Nộp và nhận kết quả trực tuyến,"
    "Chỉ tra cứu,Chỉ tải mẫu đơn,Không có,A,Chính phủ số,Trung bình\n"
)
UNITS_CSV = (
    "Mã đơn vị,Tên đơn vị,Mã đơn vị cha,Khối,Biên chế\n"
    "SDL,Sở Du lịch,HUE,\"Khối Sở, ban, ngành\",40\n"
    "X013,UBND xã Phú Lộc,HUE,Khối UBND xã phường,abc\n"
)


# Elements (outside scrollable tables) that stick out past the right edge, when the page
# scrolls sideways; empty when it does not.
OVERFLOW_JS = """() => {
  const root = document.documentElement;
  if (root.scrollWidth <= root.clientWidth) return [];
  return Array.from(document.querySelectorAll('body *'))
    .filter(el => el.getBoundingClientRect().right > root.clientWidth + 1
                  && !el.closest('.table-wrap'))
    .slice(0, 5).map(el => el.tagName.toLowerCase() + '.' + el.className);
}"""
_signed_in: dict[tuple[str, str], dict] = {}  # (site, role) -> cookies after signing in


@dataclass(frozen=True)
class MainPage:
    name: str
    role: str  # anon | entrant | candidate (mid-attempt) | organiser | judge | admin | manager
    path: str | Callable[[object, DemoSite], str]  # a path, or a step that yields one


def _upload(page, site: DemoSite, form_path: str, name: str, body: str) -> str:
    """Upload a small CSV through the real form; return the preview page's path."""
    page.goto(site.url(form_path))
    page.locator("input[type=file]").set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": body.encode()}])
    page.locator("form[enctype] [type=submit]").first.click()
    page.wait_for_url("**/nhap/*")
    return page.url.removeprefix(site.base)


def question_import_preview(page, site: DemoSite) -> str:
    return _upload(page, site, "/ngan-hang/nhap", "cau-hoi.csv", QUESTIONS_CSV)


def unit_import_preview(page, site: DemoSite) -> str:
    return _upload(page, site, "/don-vi/nhap", "don-vi.csv", UNITS_CSV)


def main_pages(site: DemoSite) -> list[MainPage]:
    """Every main page of the product, in the order a visitor would meet them."""
    c, r1, r2 = site.contest_id, site.closed_round_id, site.open_round_id
    return [
        MainPage("home", "anon", "/"),
        MainPage("login", "anon", "/dang-nhap"),
        MainPage("contests", "anon", "/cuoc-thi/"),
        MainPage("contest", "anon", f"/cuoc-thi/{c}"),
        MainPage("register", "anon", f"/dang-ky/{site.invite_token}"),
        MainPage("attempt", "candidate", site.attempt_path),
        MainPage("result", "entrant", site.result_path),
        MainPage("my-attempts", "entrant", "/bai-thi/cua-toi"),
        MainPage("start-page", "entrant", f"/vong-thi/{r2}/bat-dau"),
        MainPage("manage-list", "organiser", "/quan-ly/cuoc-thi/"),
        MainPage("manage-detail", "organiser", f"/quan-ly/cuoc-thi/{c}"),
        MainPage("manage-edit", "organiser", f"/quan-ly/cuoc-thi/{c}/sua"),
        MainPage("round-form", "organiser", f"/quan-ly/dot-thi/{r2}/sua"),
        MainPage("registrations", "organiser", f"/quan-ly/cuoc-thi/{c}/thi-sinh"),
        MainPage("contest-units", "organiser", f"/quan-ly/cuoc-thi/{c}/don-vi"),
        MainPage("bank-browse", "organiser", "/ngan-hang/"),
        MainPage("bank-matrix", "organiser", f"/ngan-hang/?bank={site.bank_id}"),
        MainPage("bank-import-preview", "organiser", question_import_preview),
        MainPage("units", "organiser", "/don-vi/"),
        MainPage("units-import", "organiser", "/don-vi/nhap"),
        MainPage("units-import-preview", "organiser", unit_import_preview),
        MainPage("judging-leaderboard", "judge", f"/cham-giai/dot/{r1}"),
        MainPage("judging-entry", "judge", f"/cham-giai/dot/{r1}/thi-sinh/{site.registration_id}"),
        MainPage("judging-flags", "judge", f"/cham-giai/dot/{r1}/canh-bao"),
        MainPage("audit-log", "judge", "/cham-giai/nhat-ky"),
        MainPage("judging-overall", "judge", f"/cham-giai/cuoc-thi/{c}/chung-cuoc"),
        MainPage("overall-publish", "organiser", f"/ket-qua/cuoc-thi/{c}/chung-cuoc/cong-bo"),
        MainPage("publish", "organiser", f"/ket-qua/dot/{r1}/cong-bo"),
        MainPage("public-results", "anon", f"/ket-qua/dot/{r1}"),
        MainPage("reports-dashboard", "organiser", f"/thong-ke/cuoc-thi/{c}"),
        MainPage("reports-items", "organiser", f"/thong-ke/cuoc-thi/{c}/cau-hoi"),
        MainPage("reports-unit-roster", "organiser",
                 f"/thong-ke/cuoc-thi/{c}/don-vi/{site.unit_id}"),
        MainPage("reports-my-units", "manager", "/thong-ke/don-vi-cua-toi"),
        MainPage("certificates", "organiser", f"/chung-nhan/vong/{r1}"),
        MainPage("certificate-verify", "anon", f"/xac-minh/{site.certificate_code}"),
        MainPage("certificate-style", "organiser", f"/quan-ly/cuoc-thi/{c}/mau-chung-nhan"),
        MainPage("practice", "anon", "/on-tap/"),
        MainPage("practice-settings", "organiser", f"/quan-ly/cuoc-thi/{c}/on-tap"),
        MainPage("referral-share", "entrant", f"/cuoc-thi/{c}/lan-toa"),
        MainPage("referral-leaderboard", "organiser", f"/quan-ly/dot-thi/{r1}/lan-toa"),
        MainPage("error-403", "entrant", "/quan-ly/cuoc-thi/"),
        MainPage("error-404", "anon", "/trang-khong-co-that"),
    ]


class Visitor:
    """Opens pages as a given role: one signed-in browser context per role, made on demand."""

    def __init__(self, browser, site: DemoSite, **context_options) -> None:
        self.browser, self.site, self.options = browser, site, context_options
        self.pages: dict[str, object] = {}
        self.resolved: dict[str, str] = {}

    def _credentials(self, role: str) -> tuple[str, str] | None:
        if role == "anon":
            return None
        if role in STAFF:
            return STAFF[role]
        phone = {"entrant": self.site.entrants[0], "candidate": self.site.entrants[1],
                 "manager": self.site.manager_phone}[role]
        return phone, DEMO_PASSWORD

    def page_for(self, role: str):
        """The role's page; the first sign-in goes through the form, later contexts reuse its
        cookies (a login per role per run keeps the browser tests quick)."""
        if role not in self.pages:
            state = _signed_in.get((self.site.base, role))
            context = self.browser.new_context(locale="vi-VN", storage_state=state,
                                               **self.options)
            page = context.new_page()
            credentials = self._credentials(role)
            if credentials and state is None:
                log_in(page, self.site, *credentials)
                _signed_in[(self.site.base, role)] = context.storage_state()
            self.pages[role] = page
        return self.pages[role]

    def open(self, main_page: MainPage):
        """Go to the page (running its set-up step once) and return the Playwright page."""
        page = self.page_for(main_page.role)
        path = main_page.path
        if callable(path):
            if main_page.name not in self.resolved:
                self.resolved[main_page.name] = path(page, self.site)
            path = self.resolved[main_page.name]
        response = page.goto(self.site.url(path))
        page.wait_for_load_state("load")
        assert response is not None
        expected = {"error-403": 403, "error-404": 404}.get(main_page.name, 200)
        assert response.status == expected, f"{main_page.name}: HTTP {response.status}"
        assert page.url == self.site.url(path), f"{main_page.name}: redirected to {page.url}"
        return page

    def close(self) -> None:
        for page in self.pages.values():
            page.context.close()
        self.pages.clear()
