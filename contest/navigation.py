"""The main menu: one list, filtered by the current user's role."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import current_app, url_for
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext

STAFF = ("admin", "organiser", "judge")
ORGANISERS = ("admin", "organiser")


@dataclass(frozen=True)
class NavItem:
    endpoint: str
    label: object  # a lazy translatable string
    roles: tuple[str, ...]  # empty = everyone
    when: Callable | None = None  # an extra test on the user, e.g. "manages a unit"


def _manages_a_unit(user) -> bool:
    from contest.reports.services import managed_unit_ids

    return bool(managed_unit_ids(user))


# Features add their entry here; an endpoint that is not registered is skipped. The "menu"
# context gives the plural English of a word that is singular in a table header.
MENU: list[NavItem] = [
    NavItem("contests.public_list", lazy_pgettext("menu", "Cuộc thi"), ()),
    NavItem("practice.index", _l("Ôn tập"), ()),
    NavItem("attempts.my_attempts", _l("Bài thi của tôi"), ("entrant",)),
    NavItem("contests.manage_list", _l("Quản lý cuộc thi"), ORGANISERS),
    NavItem("question_bank.browse", _l("Ngân hàng câu hỏi"), ORGANISERS),
    NavItem("units.index", lazy_pgettext("menu", "Đơn vị"), ORGANISERS),
    NavItem("judging.index", _l("Chấm giải"), STAFF),
    NavItem("results.index", lazy_pgettext("menu", "Kết quả"), ()),
    NavItem("reports.index", _l("Thống kê"), STAFF),
    NavItem("reports.my_units", _l("Đơn vị của tôi"), ("entrant",), when=_manages_a_unit),
    NavItem("certificates.index", _l("Giấy chứng nhận"), ORGANISERS),
]


def nav_items(user) -> list[dict[str, str]]:
    """Menu entries the user may open."""
    role = user.role if user.is_authenticated else None
    items = []
    for item in MENU:
        if item.endpoint not in current_app.view_functions:
            continue
        if item.roles and role not in item.roles:
            continue
        if item.when is not None and not item.when(user):
            continue
        items.append({"url": url_for(item.endpoint), "label": str(item.label)})
    return items
