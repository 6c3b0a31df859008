"""The report pages in English (lang cookie), and unchanged in Vietnamese by default."""

from __future__ import annotations

import json
import re

from contest.extensions import db
from contest.reports.models import UnitManager
from tests.lang import english


def test_dashboard_in_english(dataset, make_user, auth, client):
    auth.login(make_user(role="organiser"))
    english(client)
    html = client.get(f"/thong-ke/cuoc-thi/{dataset.contest.id}").get_data(as_text=True)
    assert "Statistics: Tìm hiểu CCHC 2025" in html  # the contest's title is data
    assert "Participation rate by group and unit" in html
    assert "100% (full marks)" in html and "needs review" in html
    assert html.count("Show the data table") == 6
    assert "Tỷ lệ tham gia" not in html and "Xem bảng số liệu" not in html
    # The charts' titles, series and screen-reader summaries follow the language too.
    labels = re.findall(r'<canvas id="chart-\w+" role="img" aria-label="([^"]+)"', html)
    assert any(label.startswith("Attempts per day") for label in labels)
    assert all("cột" not in label for label in labels)
    assert any("bars; highest" in label for label in labels)
    data = json.loads(re.search(r'id="chart-data-blocks">(.*?)</script>', html, re.S).group(1))
    assert data["series"] == "Participation rate"


def test_items_page_in_both_languages(dataset, make_user, auth, client):
    auth.login(make_user(role="judge"))
    url = f"/thong-ke/cuoc-thi/{dataset.contest.id}/cau-hoi"
    vi = client.get(url).get_data(as_text=True)
    assert "tính theo %. Câu quá dễ (gần 100%)" in vi
    assert "được đánh dấu <em>cần xem lại</em>:" in vi and "dưới 0,2" in vi
    english(client)
    en = client.get(url).get_data(as_text=True)
    assert "Question statistics: Tìm hiểu CCHC 2025" in en
    assert "as a %. A question that is too easy (near 100%)" in en
    assert "are marked <em>needs review</em>:" in en
    assert re.search(r"4 questions; \d need", en)


def test_unit_roster_in_english(dataset, make_user, auth, client):
    auth.login(make_user(role="judge"))
    url = f"/thong-ke/cuoc-thi/{dataset.contest.id}/don-vi/{dataset.units[0].id}"
    vi = client.get(url).get_data(as_text=True)
    assert "Tình hình tham gia của Sở Nội vụ" in vi and "(giờ Việt Nam), theo số liệu" in vi
    assert re.search(r"<time datetime=\"[^\"]+\">\d\d:\d\d ngày \d\d/\d\d/\d{4}</time>", vi)
    english(client)
    en = client.get(url).get_data(as_text=True)
    assert "Participation of Sở Nội vụ" in en and "Print / save as PDF" in en
    assert re.search(r"Generated at <time datetime=\"[^\"]+\">\d\d:\d\d on \d\d/\d\d/\d{4}</time>",
                     en)
    assert "Taken part" in en and "Not registered" in en and "Đã thi" not in en


def test_grant_messages_in_english(dataset, make_user, auth, client):
    auth.login(make_user(role="organiser"))
    english(client)
    leader = dataset.users["e6"]
    done = client.post("/thong-ke/nguoi-theo-doi-don-vi",
                       data={"login": leader.phone, "unit_code": "U2"}, follow_redirects=True)
    assert "Đỗ Thị Giang now watches Sở Tư pháp." in done.get_data(as_text=True)
    again = client.post("/thong-ke/nguoi-theo-doi-don-vi",
                        data={"login": leader.phone, "unit_code": "U2"})
    assert "Đỗ Thị Giang already watches Sở Tư pháp." in again.get_data(as_text=True)
    unknown = client.post("/thong-ke/nguoi-theo-doi-don-vi",
                          data={"login": leader.phone, "unit_code": "KHONGCO"})
    assert "There is no unit with code “KHONGCO”." in unknown.get_data(as_text=True)
    empty = client.post("/thong-ke/nguoi-theo-doi-don-vi",
                        data={"login": leader.phone, "unit_code": ""}).get_data(as_text=True)
    assert "Please enter the unit code." in empty
    assert "Unit watchers" in empty and "Unit code" in empty and "Grant watch permission" in empty
    link = db.session.query(UnitManager).one()
    revoked = client.post(f"/thong-ke/nguoi-theo-doi-don-vi/{link.id}/xoa", follow_redirects=True)
    assert "Unit watch permission revoked." in revoked.get_data(as_text=True)
