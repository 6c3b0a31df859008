"""Dashboard pages: staff may open them, entrants may not; charts carry tables and labels."""

from __future__ import annotations

import json
import re

import pytest

from contest.extensions import db
from contest.reports.models import UnitManager


@pytest.mark.parametrize("role", ["admin", "organiser", "judge"])
def test_staff_open_the_dashboard(dataset, make_user, auth, client, role):
    auth.login(make_user(role=role))
    assert client.get("/thong-ke/").status_code == 200
    page = client.get(f"/thong-ke/cuoc-thi/{dataset.contest.id}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Tìm hiểu CCHC 2025" in html and "Sở Nội vụ" in html


def test_entrant_is_refused(dataset, auth, client):
    auth.login(dataset.users["e1"])
    assert client.get("/thong-ke/").status_code == 403
    assert client.get(f"/thong-ke/cuoc-thi/{dataset.contest.id}").status_code == 403
    assert client.get(f"/thong-ke/cuoc-thi/{dataset.contest.id}/cau-hoi").status_code == 403


def test_anonymous_is_sent_to_login(dataset, client):
    response = client.get(f"/thong-ke/cuoc-thi/{dataset.contest.id}")
    assert response.status_code == 302 and "/dang-nhap" in response.headers["Location"]


def test_every_chart_has_a_label_a_table_and_json_data(dataset, make_user, auth, client):
    auth.login(make_user(role="judge"))
    html = client.get(f"/thong-ke/cuoc-thi/{dataset.contest.id}").get_data(as_text=True)
    canvases = re.findall(r'<canvas id="chart-(\w+)" role="img" aria-label="([^"]+)"', html)
    assert {name for name, _ in canvases} == {"hourly", "daily", "blocks", "units", "bands",
                                              "areas"}
    assert html.count("Xem bảng số liệu") == len(canvases)
    for name, label in canvases:
        assert label.strip()
        match = re.search(rf'<script type="application/json" id="chart-data-{name}">(.*?)'
                          r"</script>", html, re.S)
        data = json.loads(match.group(1))
        assert len(data["labels"]) == len(data["values"])
    assert "<script>" not in html  # nothing inline: the CSP would block it
    assert "chartjs/chart.umd.min.js" in html


def test_dashboard_shows_bands_and_flags_items(dataset, make_user, auth, client):
    auth.login(make_user(role="organiser"))
    html = client.get(f"/thong-ke/cuoc-thi/{dataset.contest.id}").get_data(as_text=True)
    assert "Đạt 100% (điểm tuyệt đối)" in html
    assert "cần xem lại" in html
    items = client.get(f"/thong-ke/cuoc-thi/{dataset.contest.id}/cau-hoi?sap-xep=n&chieu=giam")
    assert items.status_code == 200 and "Câu hỏi số 2" in items.get_data(as_text=True)


def test_units_table_sorts_by_column(dataset, make_user, auth, client):
    auth.login(make_user(role="organiser"))
    html = client.get(f"/thong-ke/cuoc-thi/{dataset.contest.id}?sap-xep=attempts&chieu=giam"
                      ).get_data(as_text=True)
    table = html[html.index("Tất cả đơn vị"):]
    assert table.index("Sở Nội vụ") < table.index("Sở Tư pháp") < table.index("Thuận Hóa")
    assert 'aria-sort="descending"' in table


def test_round_filter_and_bad_ids(dataset, make_user, auth, client):
    auth.login(make_user(role="judge"))
    base = f"/thong-ke/cuoc-thi/{dataset.contest.id}"
    assert client.get(f"{base}?vong={dataset.r1.id}").status_code == 200
    assert client.get(f"{base}?vong=9999").status_code == 404
    assert client.get(f"{base}?vong=abc&sap-xep=xyz").status_code == 200
    assert client.get("/thong-ke/cuoc-thi/9999").status_code == 404


def test_dashboard_of_an_empty_contest(make_user, auth, client):
    from contest.contests.models import Contest

    contest = Contest(title="Cuộc thi chưa có ai")
    db.session.add(contest)
    db.session.commit()
    auth.login(make_user(role="judge"))
    page = client.get(f"/thong-ke/cuoc-thi/{contest.id}")
    assert page.status_code == 200 and "chưa có dữ liệu" in page.get_data(as_text=True)


def test_unit_manager_sees_own_unit_only(dataset, auth, client):
    leader = dataset.users["e6"]
    u1, u2, _u3 = dataset.units
    db.session.add(UnitManager(user_id=leader.id, unit_id=u1.id))
    db.session.commit()
    auth.login(leader)
    own = client.get(f"/thong-ke/cuoc-thi/{dataset.contest.id}/don-vi/{u1.id}")
    assert own.status_code == 200
    html = own.get_data(as_text=True)
    assert "Hoàng Văn Em" in html and "Chưa đăng ký" in html
    assert dataset.users["e1"].phone not in html  # phones masked
    assert "Lập lúc" in html and "(giờ Việt Nam)" in html
    assert client.get(f"/thong-ke/cuoc-thi/{dataset.contest.id}/don-vi/{u2.id}").status_code == 403
    assert client.get(f"/thong-ke/cuoc-thi/{dataset.contest.id}").status_code == 403
    assert client.get("/thong-ke/don-vi-cua-toi").status_code == 200


def test_entrant_without_grant_cannot_see_units(dataset, auth, client):
    auth.login(dataset.users["e1"])
    assert client.get("/thong-ke/don-vi-cua-toi").status_code == 403
    url = f"/thong-ke/cuoc-thi/{dataset.contest.id}/don-vi/{dataset.units[0].id}"
    assert client.get(url).status_code == 403


def test_judge_sees_every_unit(dataset, make_user, auth, client):
    auth.login(make_user(role="judge"))
    for unit in dataset.units:
        url = f"/thong-ke/cuoc-thi/{dataset.contest.id}/don-vi/{unit.id}"
        assert client.get(url).status_code == 200


def test_organiser_grants_and_revokes(dataset, make_user, auth, client):
    organiser = make_user(role="organiser")
    auth.login(organiser)
    leader = dataset.users["e6"]
    response = client.post("/thong-ke/nguoi-theo-doi-don-vi",
                           data={"login": leader.phone, "unit_code": "U2"}, follow_redirects=True)
    assert "Đã giao Đỗ Thị Giang theo dõi Sở Tư pháp" in response.get_data(as_text=True)
    again = client.post("/thong-ke/nguoi-theo-doi-don-vi",
                        data={"login": leader.phone, "unit_code": "U2"})
    assert "đã được giao" in again.get_data(as_text=True)
    unknown = client.post("/thong-ke/nguoi-theo-doi-don-vi",
                          data={"login": leader.phone, "unit_code": "KHONGCO"})
    assert "Không có đơn vị mã “KHONGCO”" in unknown.get_data(as_text=True)
    link = db.session.query(UnitManager).one()
    done = client.post(f"/thong-ke/nguoi-theo-doi-don-vi/{link.id}/xoa", follow_redirects=True)
    assert "Đã thu hồi" in done.get_data(as_text=True)
    assert db.session.query(UnitManager).count() == 0
    missing = client.post("/thong-ke/nguoi-theo-doi-don-vi/999/xoa", follow_redirects=True)
    assert "không còn tồn tại" in missing.get_data(as_text=True)


def test_judge_cannot_grant(dataset, make_user, auth, client):
    auth.login(make_user(role="judge"))
    assert client.get("/thong-ke/nguoi-theo-doi-don-vi").status_code == 403


@pytest.fixture
def csrf_config(app_config):
    app_config["WTF_CSRF_ENABLED"] = True
    return app_config


def test_grant_without_csrf_token_is_refused(csrf_config, dataset, client, make_user):
    make_user(full_name="Ban tổ chức", email="btc@example.vn", role="organiser", phone=None)
    page = client.get("/dang-nhap").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    client.post("/dang-nhap", data={"login": "btc@example.vn", "password": "matkhau123",
                                    "csrf_token": token})
    response = client.post("/thong-ke/nguoi-theo-doi-don-vi/1/xoa")
    assert response.status_code == 400
    client.post("/thong-ke/nguoi-theo-doi-don-vi",
                data={"login": dataset.users["e6"].phone, "unit_code": "U1"})
    assert db.session.query(UnitManager).count() == 0
