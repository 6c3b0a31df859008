from datetime import UTC, datetime, timedelta, timezone

import sqlalchemy as sa

from contest.extensions import db
from question_bank.models import REFORM_AREAS, ReformArea


def test_home_page_speaks_vietnamese(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "cải cách hành chính" in response.get_data(as_text=True)


def test_healthz_reports_database_ok(client):
    assert client.get("/healthz").get_json() == {"status": "ok", "database": "ok"}


def test_unknown_page_is_friendly_404(client):
    response = client.get("/khong-co-trang-nay")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.get_data(as_text=True)


def test_security_headers_on_every_response(client):
    headers = client.get("/").headers
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"


def test_preferences_persist_in_cookies(client):
    response = client.post("/tuy-chon", data={"font": "large", "contrast": "high", "next": "/"})
    assert response.status_code == 302
    page = client.get("/").get_data(as_text=True)
    assert 'class="font-large contrast-high"' in page


def test_preferences_never_redirect_off_site(client):
    response = client.post("/tuy-chon", data={"font": "large", "next": "//evil.example"})
    assert response.headers["Location"] == "/"


def test_six_reform_areas_in_order(app):
    names = db.session.scalars(sa.select(ReformArea.name).order_by(ReformArea.position)).all()
    assert tuple(names) == REFORM_AREAS


def test_datetimes_come_back_aware_utc(app, make_user):
    user = make_user()
    hanoi = timezone(timedelta(hours=7))
    user.created_at = datetime(2025, 3, 1, 7, 30, tzinfo=hanoi)
    db.session.commit()
    db.session.expire_all()
    stored = db.session.get(type(user), user.id).created_at
    assert stored.tzinfo is not None
    assert stored == datetime(2025, 3, 1, 0, 30, tzinfo=UTC)
    assert stored.utcoffset() == timedelta(0)


def test_crash_shows_friendly_500_without_traceback(app, client):
    @app.route("/_boom")
    def boom():
        raise RuntimeError("secret internals")

    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = client.get("/_boom")
    assert response.status_code == 500
    body = response.get_data(as_text=True)
    assert "Đã có lỗi xảy ra" in body
    assert "secret internals" not in body and "Traceback" not in body


def test_english_is_available_for_the_layout(client):
    client.post("/tuy-chon", data={"lang": "en", "next": "/"})
    page = client.get("/").get_data(as_text=True)
    assert '<html lang="en"' in page
    assert "Skip to main content" in page
    assert "Log in" in page


def test_error_pages_follow_the_language(client):
    client.post("/tuy-chon", data={"lang": "en", "next": "/"})
    assert "Page not found" in client.get("/khong-co").get_data(as_text=True)


def test_home_page_in_english(client):
    client.post("/tuy-chon", data={"lang": "en", "next": "/"})
    page = client.get("/").get_data(as_text=True)
    assert "Online contest on administrative reform" in page
    assert "Resolution 76/NQ-CP" in page
    assert "cải cách hành chính theo Nghị quyết" not in page
