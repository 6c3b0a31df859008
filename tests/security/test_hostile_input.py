"""Forged forms, script in names, formulas in exports, brute force, cookies, headers, uploads."""

from __future__ import annotations

import csv
import hashlib
import io
import re

import openpyxl
import pytest
import sqlalchemy as sa
from flask import url_for
from werkzeug.routing import IntegerConverter

from contest import create_app
from contest.config import Config
from contest.extensions import db
from contest.reports.models import UnitManager
from contest.results import services as results
from contest.units.models import Unit
from tests.question_bank.files import one_sheet, question
from tests.security.test_access_matrix import build_url, routes, url_args

SCRIPT = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
FORMULA = '=HYPERLINK("http://evil.example","bấm vào")'


def database_fingerprint() -> str:
    """A hash of every row of every table: equal before and after means nothing changed."""
    digest = hashlib.sha256()
    db.session.expire_all()
    for table in db.metadata.sorted_tables:
        rows = db.session.execute(sa.select(table).order_by(*table.primary_key.columns)).all()
        digest.update(f"{table.name}:{rows!r}".encode())
    return digest.hexdigest()


def csrf_token(page: str) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


@pytest.fixture
def csrf_on(app_config):
    app_config["WTF_CSRF_ENABLED"] = True
    return app_config


def test_every_html_form_post_without_csrf_token_is_refused(csrf_on, app, client, site):
    token = csrf_token(client.get("/dang-nhap").get_data(as_text=True))
    assert client.post("/dang-nhap", data={"login": site.users["admin"].phone,
                                           "password": "matkhau123",
                                           "csrf_token": token}).status_code == 302
    before = database_fingerprint()
    posts = [(e, r) for e, m, r in routes(app) if m == "POST" and not e.startswith("attempts_api.")]
    assert len(posts) > 30
    for endpoint, rule in posts:
        url = build_url(app, site, endpoint, rule)
        for data in ({}, {"csrf_token": "forged-token", "reason": "x", "name": "X"}):
            response = client.post(url, data=data)
            assert response.status_code == 400, (endpoint, response.status_code)
            assert "tải lại trang" in response.get_data(as_text=True)
    assert database_fingerprint() == before
    assert client.get("/quan-ly/cuoc-thi/").status_code == 200  # logout was refused too


def test_api_writes_need_the_fetch_header_or_json(app, client, auth, site):
    auth.login(site.entrant)
    before = database_fingerprint()
    api = f"/api/v1/attempts/{site.mine.public_id}"
    for method, url in [("PUT", f"{api}/answers/1"), ("PUT", f"{api}/prediction"),
                        ("POST", f"{api}/submit"), ("POST", f"{api}/events"),
                        ("POST", f"/api/v1/rounds/{site.open_round.id}/attempts")]:
        for kwargs in ({}, {"data": {"selected": "1"}},
                       {"data": '{"selected": [1]}', "content_type": "text/plain"}):
            response = client.open(url, method=method, **kwargs)
            assert response.status_code == 403, (url, kwargs, response.status_code)
            assert "X-Requested-With" in response.get_json()["message"]
    assert database_fingerprint() == before
    assert client.put(f"{api}/answers/1", json={"selected": [1]}).status_code == 200


def test_script_in_names_and_questions_is_shown_as_text(client, auth, site, make_user):
    unit = Unit(code="XSS1", name=SCRIPT, headcount=5, block=site.world.block)
    db.session.add(unit)
    site.question.text = SCRIPT
    site.world.contest.title = "Cuộc thi " + SCRIPT
    item = site.mine.items[0]  # the entrant's paper is a snapshot taken at the start
    item.text, item.options = SCRIPT, [SCRIPT + " phương án", *item.options[1:]]
    intruder = make_user(full_name=SCRIPT, phone="0966000999")
    from contest.contests.models import Registration

    db.session.add(Registration(contest=site.world.contest, user_id=intruder.id,
                                group=site.world.group, unit=unit, consent_at=site.cert.issued_at))
    db.session.add(UnitManager(user_id=intruder.id, unit=unit))
    db.session.commit()
    auth.login(site.users["organiser"])
    world = site.world
    pages = ["/don-vi/", f"/don-vi/{unit.id}/sua", "/don-vi/tim?q=XSS1", "/ngan-hang/",
             f"/ngan-hang/cau-hoi/{site.question.id}",
             f"/quan-ly/cuoc-thi/{world.contest.id}/thi-sinh", f"/cham-giai/dot/{world.round.id}",
             f"/thong-ke/cuoc-thi/{world.contest.id}/don-vi/{unit.id}",
             "/thong-ke/nguoi-theo-doi-don-vi", f"/cuoc-thi/{world.contest.id}"]
    # An imported file's rows are shown before anything is saved: escaped there too.
    response = client.post("/ngan-hang/nhap", content_type="multipart/form-data", data={
        "file": (io.BytesIO(one_sheet([question(text=SCRIPT + " nhập từ tệp?",
                                                options=(SCRIPT, "Hai", "Ba"))])),
                 "cau-hoi.xlsx"), "bank": SCRIPT, "area": "0"})
    assert response.status_code == 302
    pages.append(response.headers["Location"])
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.get_data(as_text=True)
        if response.mimetype == "application/json":  # data for scripts that use textContent
            continue
        assert response.mimetype == "text/html" and SCRIPT not in body and ESCAPED in body, url
    # The entrant's paper: a question drawn from the bank with script in it.
    auth.logout()
    auth.login(site.entrant)
    page = client.get(f"/bai-thi/{site.mine.public_id}").get_data(as_text=True)
    assert SCRIPT not in page and ESCAPED in page
    paper = client.get(f"/api/v1/attempts/{site.mine.public_id}").get_json()
    assert paper["questions"][0]["text"] == SCRIPT  # JSON carries text; the page escapes it


def cells(xlsx: bytes) -> list:
    book = openpyxl.load_workbook(io.BytesIO(xlsx))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def test_exports_neutralise_formulas(client, auth, site):
    world = site.world
    world.entrant(FORMULA, phone="0855000111", id_number="079190999999")
    world.unit.name = "+SUM(1,2)"
    site.question.text = "=1+1 là bao nhiêu?"
    db.session.commit()
    results.confirm(site.users["judge"].id, world.round)
    results.publish(site.users["organiser"].id, world.round, reason="Bổ sung thí sinh")
    db.session.commit()
    auth.login(site.users["organiser"])
    files = [f"/cham-giai/dot/{world.round.id}/xuat/{kind}"
             for kind in ("winners", "results", "units", "bulletin")]
    files += [f"/cham-giai/dot/{world.round.id}/xuat-doi-chieu", "/cham-giai/nhat-ky/xuat",
              "/ngan-hang/xuat.xlsx"]
    seen_formula_text = 0

    def download(url: str, fmt: str = "xlsx"):
        if url.endswith("xuat-doi-chieu"):
            return client.post(url, data={"reason": "Kiểm tra tệp", "dinh_dang": fmt})
        return client.get(url + ("?dinh_dang=csv" if fmt == "csv" else ""))

    for url in files:
        response = download(url)
        assert response.status_code == 200, url
        for cell in cells(response.data):
            assert cell.data_type != "f", (url, cell.coordinate, cell.value)
            if isinstance(cell.value, str) and cell.value.lstrip("'").startswith(("=", "+")):
                seen_formula_text += 1
        if "ngan-hang" in url:
            continue
        text = download(url, "csv").get_data(as_text=True)
        for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))):
            for value in row:
                assert not value.startswith(("=", "+", "@")), (url, value)
    assert seen_formula_text >= 3  # the hostile values did reach the files, as text


def test_brute_force_login_is_slowed(client, make_user):
    user = make_user(phone="0944000123")
    for _ in range(5):
        assert client.post("/dang-nhap", data={"login": user.phone,
                                               "password": "sai-mat-khau"}).status_code == 200
    refused = client.post("/dang-nhap", data={"login": user.phone, "password": "matkhau123"})
    assert refused.status_code == 429
    assert "thử lại sau" in refused.get_data(as_text=True)
    other = client.post("/dang-nhap", data={"login": "+84 944 000 123", "password": "x"})
    assert other.status_code == 429  # the same login written differently


def cookie_header(response, name: str) -> str:
    return next(h for h in response.headers.getlist("Set-Cookie") if h.startswith(name + "="))


def test_session_cookies_httponly_lax(client, make_user):
    user = make_user()
    response = client.post("/dang-nhap", data={"login": user.phone, "password": "matkhau123",
                                               "remember": "y"})
    for name in ("session", "remember_token"):
        header = cookie_header(response, name)
        assert "HttpOnly" in header and "SameSite=Lax" in header and "Secure" not in header


def test_production_settings_make_cookies_secure(monkeypatch, app_config, make_user):
    monkeypatch.setenv("CONTEST_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "production-secret-for-test")
    config = Config()
    assert config.SESSION_COOKIE_SECURE and config.REMEMBER_COOKIE_SECURE
    user = make_user()
    prod = create_app({**app_config, "SESSION_COOKIE_SECURE": True,
                       "REMEMBER_COOKIE_SECURE": True})
    client = prod.test_client()
    response = client.post("/dang-nhap", base_url="https://localhost",
                           data={"login": user.phone, "password": "matkhau123", "remember": "y"})
    assert response.status_code == 302
    for name in ("session", "remember_token"):
        header = cookie_header(response, name)
        assert "Secure" in header and "HttpOnly" in header and "SameSite=Lax" in header
    assert "max-age" in response.headers["Strict-Transport-Security"]
    with prod.app_context():
        db.engine.dispose()


def test_security_headers_on_error_pages_and_api(client):
    for response in (client.get("/khong-co-trang-nay"), client.get("/api/v1/attempts/x"),
                     client.get("/static/css/app.css")):
        response.close()
        csp = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert "'unsafe-inline'" not in csp
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("url", ["/ngan-hang/nhap", "/don-vi/nhap"])
def test_upload_over_the_limit_is_refused_early(app_config, url, make_user):
    app_config["MAX_CONTENT_LENGTH"] = 64 * 1024
    app = create_app(app_config)
    with app.app_context():
        client = app.test_client()
        user = make_user(role="organiser")
        client.post("/dang-nhap", data={"login": user.phone, "password": "matkhau123"})
        before = database_fingerprint()
        big = io.BytesIO(b"x" * (200 * 1024))
        response = client.post(url, content_type="multipart/form-data",
                               data={"file": (big, "lon.xlsx"), "bank": "B", "area": "0"})
        assert response.status_code == 413
        body = response.get_data(as_text=True)
        assert "Tệp quá lớn" in body and "Traceback" not in body
        assert database_fingerprint() == before
        db.session.remove()
        db.engine.dispose()


def test_huge_and_odd_ids_in_any_url_are_404_not_500(app, client, auth, site):
    auth.login(site.users["admin"])
    checked = 0
    for endpoint, method, rule in routes(app):
        ints = [name for name, conv in rule._converters.items()
                if isinstance(conv, IntegerConverter)]
        if not ints or method != "GET":
            continue
        for huge in (2**31, 2**63, 10**30):
            args = url_args(site, endpoint) | dict.fromkeys(ints, huge)
            with app.test_request_context():
                bad = url_for(endpoint, **{name: args[name] for name in rule.arguments})
            response = client.get(bad)
            assert response.status_code == 404, (bad, response.status_code)
            checked += 1
    assert checked >= 60
