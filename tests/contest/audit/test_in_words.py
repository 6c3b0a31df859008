"""The audit log in words (issue 12 point 8): organiser actions done through the pages are
recorded — creating and editing contests, groups and rounds, time changes, exports — and the
judges' log page and exported log describe each one in Vietnamese (English in English),
filterable by contest and round, never printing personal data."""

from __future__ import annotations

import io
from datetime import timedelta

import pandas as pd
import sqlalchemy as sa

from contest.audit.models import AuditEntry
from contest.contests.models import Contest, Round
from contest.extensions import db, utcnow
from contest.registration.services import update_registration
from tests.contest.contests.test_views import local, round_form
from tests.lang import english as to_english


def actions() -> list[str]:
    return list(db.session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.id)))


def _organiser_builds_a_contest(client, auth, make_user, make_bank) -> tuple[Contest, Round]:
    bank = make_bank("Ngân hàng CCHC", {(area, 1): 2 for area in range(1, 7)})
    organiser = make_user(role="organiser", full_name="Trần Tổ Chức")
    auth.login(organiser)
    client.post("/quan-ly/cuoc-thi/moi", data={
        "title": "Tìm hiểu CCHC Cao Bằng 2026", "tie_break_1": "score",
        "tie_break_2": "time_taken", "collective_formula": "points",
        "collective_min_rate": "50"})
    contest = db.session.scalar(sa.select(Contest))
    client.post(f"/quan-ly/cuoc-thi/{contest.id}/khoi", data={
        "name": "Cán bộ, công chức", "bank_ids": [str(bank.id)]})
    client.post(f"/quan-ly/cuoc-thi/{contest.id}/dot-thi/moi",
                data=round_form(name="Tuần 1", question_count="6", r_1_1="1", r_2_1="1",
                                r_3_1="1", r_4_1="1", r_5_1="1", r_6_1="1"))
    round_ = db.session.scalar(sa.select(Round))
    assert round_ is not None, "the round form was refused"
    later = round_.closes_at + timedelta(days=2)
    client.post(f"/quan-ly/dot-thi/{round_.id}/sua", data=round_form(
        name="Tuần 1 (sửa)", closes_at=local(later), question_count="6", r_1_1="1", r_2_1="1",
        r_3_1="1", r_4_1="1", r_5_1="1", r_6_1="1"))
    client.post(f"/quan-ly/cuoc-thi/{contest.id}/sua", data={
        "title": "Tìm hiểu CCHC tỉnh Cao Bằng 2026", "tie_break_1": "score",
        "tie_break_2": "time_taken", "collective_formula": "points",
        "collective_min_rate": "50"})
    return contest, round_


def test_organiser_actions_through_the_pages_are_recorded_with_their_contest_and_round(
        client, auth, make_user, make_bank):
    contest, round_ = _organiser_builds_a_contest(client, auth, make_user, make_bank)
    assert actions() == ["contest.create", "group.create", "round.create", "round.update",
                         "contest.update"]
    entries = list(db.session.scalars(sa.select(AuditEntry).order_by(AuditEntry.id)))
    assert {e.contest_id for e in entries} == {contest.id}
    assert [e.round_id for e in entries] == [None, None, round_.id, round_.id, None]
    assert entries[-1].details["changes"] == {
        "title": ["Tìm hiểu CCHC Cao Bằng 2026", "Tìm hiểu CCHC tỉnh Cao Bằng 2026"]}
    assert set(entries[3].details["changes"]) == {"name", "closes_at"}


def test_the_log_page_describes_each_entry_and_filters_by_contest_and_round(
        client, auth, make_user, make_bank, make_contest):
    contest, round_ = _organiser_builds_a_contest(client, auth, make_user, make_bank)
    other = make_contest(title="Cuộc thi khác")
    client.get(f"/cham-giai/dot/{round_.id}/xuat/results?dinh_dang=csv")
    auth.login(make_user(role="judge"))
    page = client.get(f"/cham-giai/nhat-ky?cuoc_thi={contest.id}").get_data(as_text=True)
    assert "Tạo cuộc thi" in page and "Sửa đợt thi" in page and "Xuất tệp" in page
    assert "cuộc thi «Tìm hiểu CCHC tỉnh Cao Bằng 2026»" in page
    assert "đợt thi «Tuần 1 (sửa) — Tìm hiểu CCHC tỉnh Cao Bằng 2026»" in page
    assert "Tên: Tìm hiểu CCHC Cao Bằng 2026 → Tìm hiểu CCHC tỉnh Cao Bằng 2026" in page
    assert "Giờ đóng: " in page and " → " in page
    assert "khối thí sinh «Cán bộ, công chức»" in page
    listed = page.split("<tbody>")[1]
    assert "Contest #" not in listed and "contest.create" not in listed  # words, not codes
    assert "Cuộc thi khác" in page  # offered in the contest filter ...
    assert other.title not in listed  # ... but not listed under this one
    by_round = client.get(f"/cham-giai/nhat-ky?cuoc_thi={contest.id}&dot={round_.id}")
    rows = by_round.get_data(as_text=True).split("<tbody>")[1]
    assert "Tạo đợt thi" in rows and "Sửa đợt thi" in rows and "Tạo cuộc thi" not in rows
    to_english(client)
    english = client.get(f"/cham-giai/nhat-ky?cuoc_thi={contest.id}").get_data(as_text=True)
    assert "round «Tuần 1 (sửa) — Tìm hiểu CCHC tỉnh Cao Bằng 2026»" in english
    assert "Closes: " in english


def test_the_exported_log_is_in_vietnamese_words(client, auth, make_user, make_bank):
    contest, _round = _organiser_builds_a_contest(client, auth, make_user, make_bank)
    auth.login(make_user(role="judge"))
    to_english(client)  # the exported log stays Vietnamese all the same
    response = client.get(f"/cham-giai/nhat-ky/xuat?dinh_dang=xlsx&cuoc_thi={contest.id}")
    sheet = pd.read_excel(io.BytesIO(response.data), header=None, dtype=str,
                          engine="calamine").fillna("")
    cells = " | ".join(sheet.to_numpy().ravel())
    assert "cuộc thi «Tìm hiểu CCHC tỉnh Cao Bằng 2026»" in cells
    assert "Tên: Tìm hiểu CCHC Cao Bằng 2026 → Tìm hiểu CCHC tỉnh Cao Bằng 2026" in cells
    assert "Tạo đợt thi" in cells
    assert actions()[-1] == "export.file"  # the export of the log is itself recorded


def test_an_edit_of_personal_data_names_the_fields_never_the_values(
        client, auth, make_user, make_contest, make_entrant):
    contest = make_contest()
    person = make_user(phone="0912000111", full_name="Lê Thị Bình")
    registration = make_entrant(person, contest)
    organiser = make_user(role="organiser")
    update_registration(registration, {"phone": "0987654321"}, actor_id=organiser.id,
                        reason="Thí sinh đổi số")
    db.session.commit()
    auth.login(make_user(role="judge"))
    page = client.get("/cham-giai/nhat-ky?hanh_dong=registration.edit").get_data(as_text=True)
    assert "thí sinh «Lê Thị Bình»" in page
    assert "Số điện thoại: " in page and " → " in page  # named, with the values masked
    assert "0912000111" not in page and "0987654321" not in page


def test_a_page_of_the_log_costs_a_query_per_kind_of_target(app, make_contest, make_user):
    from contest.audit.describe import describe
    from contest.audit.services import record

    organiser = make_user(role="organiser")
    for n in range(20):
        contest = make_contest(title=f"Cuộc thi {n}")
        record(organiser.id, "round.extend", contest.rounds[0], before=utcnow().isoformat(),
               after=utcnow().isoformat())
    db.session.commit()
    entries = list(db.session.scalars(sa.select(AuditEntry)))
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", count)
    try:
        described = describe(entries)
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", count)
    assert len(described) == len(entries)
    assert len(statements) <= 3  # contests and rounds, not one per entry
