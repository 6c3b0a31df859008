"""Attacks on personal data (issue 14, points 2, 9 and 14): judges reading numbers out of the
audit export, organisers reading them in bulk unlogged or by wildcard search, a link on another
site running the unmasked export. Each test sends the attacker's request and checks it failed."""

from __future__ import annotations

import io
from datetime import date

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from contest import create_app
from contest.audit.models import AuditEntry, PersonalDataChange
from contest.extensions import db
from tests import conftest
from tests.test_migrations import _drop_everything

OLD_PHONE, NEW_PHONE = "0861234501", "0869876543"
OLD_ID, NEW_ID = "079190123401", "079190555666"


def views_logged() -> list[AuditEntry]:
    return list(db.session.scalars(sa.select(AuditEntry).where(
        AuditEntry.action == "personal_data.view").order_by(AuditEntry.id)))


@pytest.fixture
def corrected(world, make_user, client, auth):
    """An organiser corrected an entrant's phone and CCCD."""
    from contest.registration.services import update_registration

    registration = world.entrant("Nguyễn Văn An", phone=OLD_PHONE, id_number=OLD_ID)
    organiser = make_user(role="organiser", full_name="Cán bộ BTC")
    update_registration(registration, {"phone": NEW_PHONE, "id_number": NEW_ID},
                        actor_id=organiser.id, reason="Thí sinh báo nhập nhầm")
    db.session.commit()
    return registration, organiser


def test_judge_reads_no_phone_or_cccd_from_the_audit_log_or_its_exports(corrected, client,
                                                                       auth, make_user):
    auth.login(make_user(role="judge"))
    texts = [client.get("/cham-giai/nhat-ky").get_data(as_text=True),
             client.get("/cham-giai/nhat-ky/xuat?dinh_dang=csv").get_data(as_text=True)]
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(client.get("/cham-giai/nhat-ky/xuat").data))
    texts.append(" ".join(str(c.value) for row in book.active.iter_rows() for c in row))
    for text in texts:
        for number in (OLD_PHONE, NEW_PHONE, OLD_ID, NEW_ID):
            assert number not in text
    assert "*******543" in texts[1] and "********5666" in texts[1]  # masked, still useful
    assert client.get(f"/quan-ly/cuoc-thi/{corrected[0].contest_id}/nhat-ky-doi-chieu"
                      ).status_code == 403


def test_unmasked_values_only_in_the_organisers_logged_verification_log(corrected, client,
                                                                        auth):
    registration, organiser = corrected
    change = db.session.scalar(sa.select(PersonalDataChange))
    assert change.before["phone"] == OLD_PHONE and change.after["id_number"] == NEW_ID
    entry = db.session.get(AuditEntry, change.audit_entry_id)
    assert OLD_PHONE not in str(entry.details) and NEW_ID not in str(entry.details)
    auth.login(organiser)
    before = len(views_logged())
    response = client.get(f"/quan-ly/cuoc-thi/{registration.contest_id}/nhat-ky-doi-chieu")
    page = response.get_data(as_text=True)
    assert OLD_PHONE in page and NEW_PHONE in page and NEW_ID in page
    assert response.headers["Cache-Control"] == "no-store"
    logged = views_logged()[before:]
    assert len(logged) == 1 and logged[0].actor_id == organiser.id
    assert logged[0].details["user_ids"] == [registration.user_id]


def test_bulk_reading_through_the_edit_pages_is_logged_per_record(world, client, auth,
                                                                  make_user):
    registrations = [world.entrant(f"Thí sinh {n}") for n in range(12)]
    organiser = make_user(role="organiser")
    auth.login(organiser)
    for registration in registrations:
        response = client.get(f"/quan-ly/dang-ky/{registration.id}/sua")
        assert registration.user.phone in response.get_data(as_text=True)
        assert response.headers["Cache-Control"] == "no-store"
    logged = views_logged()
    assert [e.target_id for e in logged] == [r.id for r in registrations]
    assert all(e.actor_id == organiser.id for e in logged)
    assert [e.details["user_ids"] for e in logged] == [[r.user_id] for r in registrations]


@pytest.mark.parametrize("probe", [
    "%", "_", "0861%", "086123450_", "__________", "1234501", "0861", "%0861234501%",
    "0791901234__", "0791901234%", "\\%",
])
def test_list_search_never_matches_numbers_by_wildcard_or_part(world, client, auth, make_user,
                                                              probe):
    world.entrant("Nguyễn Văn An", phone=OLD_PHONE, id_number=OLD_ID)
    auth.login(make_user(role="organiser"))
    response = client.get(f"/quan-ly/cuoc-thi/{world.contest.id}/thi-sinh", query_string={
        "q": probe})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Nguyễn Văn An" not in page
    assert response.headers["Cache-Control"] == "no-store"


def test_list_search_finds_a_full_number_and_a_literal_name(world, client, auth, make_user):
    world.entrant("Nguyễn Văn An", phone=OLD_PHONE, id_number=OLD_ID)
    world.entrant("Lê 100%_Đạt", phone="0861234599")
    auth.login(make_user(role="organiser"))
    url = f"/quan-ly/cuoc-thi/{world.contest.id}/thi-sinh"
    for query in (OLD_PHONE, "+84 861 234 501", OLD_ID, "văn an"):
        assert "Nguyễn Văn An" in client.get(url, query_string={"q": query}).get_data(
            as_text=True), query
    page = client.get(url, query_string={"q": "100%_"}).get_data(as_text=True)
    assert "Lê 100%_Đạt" in page and "Nguyễn Văn An" not in page


@pytest.fixture
def csrf_on(app_config):
    app_config["WTF_CSRF_ENABLED"] = True
    return app_config


def test_link_or_cross_site_form_cannot_run_the_unmasked_export(csrf_on, world, client, auth,
                                                                make_user):
    world.entrant("Nguyễn Văn An", phone=OLD_PHONE, id_number=OLD_ID)
    organiser = make_user(role="organiser")
    page = client.get("/dang-nhap").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    client.post("/dang-nhap", data={"login": organiser.login, "password": "matkhau123",
                                    "csrf_token": token})
    url = f"/cham-giai/dot/{world.round.id}/xuat-doi-chieu"
    link = client.get(url + "?dinh_dang=csv")  # an <img src> or link on another site
    assert link.status_code == 200 and "text/html" in link.content_type
    assert OLD_PHONE not in link.get_data(as_text=True)
    forged = client.post(url, data={"reason": "Tấn công", "dinh_dang": "csv"})  # no token
    assert forged.status_code == 400 and OLD_PHONE not in forged.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry).where(
        AuditEntry.action == "export.verification")) == 0
    form = link.get_data(as_text=True)
    token = form.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    no_reason = client.post(url, data={"csrf_token": token, "reason": " ", "dinh_dang": "csv"})
    assert no_reason.status_code == 400
    assert "Vui lòng ghi lý do xuất dữ liệu không che." in no_reason.get_data(as_text=True)
    done = client.post(url, data={"csrf_token": token, "reason": "Đối chiếu trước lễ trao giải",
                                  "dinh_dang": "csv"})
    assert done.status_code == 200 and OLD_PHONE in done.get_data(as_text=True)
    assert done.headers["Cache-Control"] == "no-store"
    entry = db.session.scalar(sa.select(AuditEntry).where(
        AuditEntry.action == "export.verification"))
    assert entry.actor_id == organiser.id and entry.reason == "Đối chiếu trước lễ trao giải"


def test_exports_of_personal_data_are_never_cached(world, client, auth, make_user):
    world.entrant("Nguyễn Văn An")
    auth.login(make_user(role="organiser"))
    for url in (f"/cham-giai/dot/{world.round.id}/xuat/results",
                "/cham-giai/nhat-ky/xuat"):
        assert client.get(url).headers["Cache-Control"] == "no-store", url


@pytest.fixture
def at_0004(backend, database_url, tmp_path):
    url = f"sqlite:///{tmp_path / 'old.sqlite'}" if backend == "sqlite" else database_url
    _drop_everything(url)
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "x"})
    with app.app_context():
        upgrade(revision="0004")
        yield app
        db.session.remove()
        db.engine.dispose()
    _drop_everything(url)
    conftest._schemas.pop(url, None)


def test_upgrade_masks_numbers_already_in_the_audit_log(at_0004):
    """Entries written before this fix held the numbers in full: the migration masks them and
    moves the unmasked values to the verification log (SQLite and PostgreSQL)."""
    import json

    with db.engine.begin() as conn:
        conn.execute(sa.text(
            "INSERT INTO \"user\" (id, full_name, phone, password_hash, role, active, created_at)"
            " VALUES (1, 'A', :p, 'x', 'entrant', :t, :d)"),
            {"p": NEW_PHONE, "t": True, "d": date(2026, 1, 1)})
        conn.execute(sa.text(
            "INSERT INTO audit_entry (id, at, actor_id, action, target_type, target_id, reason,"
            " details) VALUES (1, :d, NULL, 'registration.edit', 'Registration', NULL, 'r', :j)"),
            {"d": date(2026, 1, 1), "j": json.dumps({
                "user_id": 1, "before": {"phone": OLD_PHONE, "id_number": OLD_ID},
                "after": {"phone": NEW_PHONE, "id_number": NEW_ID}})})
    upgrade()
    with db.engine.connect() as conn:
        details = conn.execute(sa.text("SELECT details FROM audit_entry")).scalar_one()
        change = conn.execute(sa.text(
            "SELECT before, after FROM personal_data_change")).one()
    details = json.loads(details) if isinstance(details, str) else details
    assert details["before"] == {"phone": "*******501", "id_number": "********3401"}
    assert details["after"] == {"phone": "*******543", "id_number": "********5666"}
    before, after = (json.loads(v) if isinstance(v, str) else v for v in change)
    assert before["phone"] == OLD_PHONE and after["id_number"] == NEW_ID
