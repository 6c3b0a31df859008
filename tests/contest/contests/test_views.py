"""Organiser and public contest pages."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa
from flask import url_for

from contest.audit.models import AuditEntry
from contest.contests.models import Contest, Round
from contest.contests.rules import utc_to_vn
from contest.extensions import db, utcnow

ORGANISER_PAGES = [
    ("get", "/quan-ly/cuoc-thi/"),
    ("get", "/quan-ly/cuoc-thi/moi"),
    ("get", "/quan-ly/cuoc-thi/{c}"),
    ("get", "/quan-ly/cuoc-thi/{c}/sua"),
    ("get", "/quan-ly/cuoc-thi/{c}/dot-thi/moi"),
    ("get", "/quan-ly/dot-thi/{r}"),
    ("get", "/quan-ly/dot-thi/{r}/sua"),
    ("get", "/quan-ly/khoi/{g}/sua"),
    ("post", "/quan-ly/cuoc-thi/{c}/trang-thai/closed"),
    ("post", "/quan-ly/dot-thi/{r}/gia-han"),
    ("post", "/quan-ly/cuoc-thi/{c}/khoi"),
    ("get", "/quan-ly/cuoc-thi/{c}/thi-sinh"),
]


def local(moment):
    return utc_to_vn(moment).strftime("%Y-%m-%dT%H:%M")


def round_form(**fields):
    now = utcnow()
    data = {"name": "Tuần 2", "opens_at": local(now + timedelta(days=1)),
            "closes_at": local(now + timedelta(days=8)), "time_limit_minutes": "20",
            "question_count": "5", "prediction_kind": "none", "attempt_policy": "one_per_round",
            "max_attempts": "1", "counting": "best", "review_policy": "after_close",
            "shuffle_questions": "y", "shuffle_options": "y"}
    data.update(fields)
    return data


@pytest.mark.parametrize("role", ["entrant", "judge"])
def test_organiser_pages_are_forbidden_to_entrants_and_judges(client, auth, make_user,
                                                              make_contest, role):
    contest = make_contest()
    ids = {"c": contest.id, "r": contest.rounds[0].id, "g": contest.groups[0].id}
    auth.login(make_user(role=role))
    for method, url in ORGANISER_PAGES:
        response = getattr(client, method)(url.format(**ids))
        assert response.status_code == 403, url
    assert contest.status == "published"


def test_organiser_pages_open_for_organisers(client, auth, make_user, make_contest):
    contest = make_contest()
    ids = {"c": contest.id, "r": contest.rounds[0].id, "g": contest.groups[0].id}
    auth.login(make_user(role="organiser"))
    for method, url in ORGANISER_PAGES:
        if method == "get":
            assert client.get(url.format(**ids)).status_code == 200, url


def test_create_contest_through_the_form(client, auth, make_user):
    auth.login(make_user(role="organiser"))
    response = client.post("/quan-ly/cuoc-thi/moi", data={
        "title": "Thi tìm hiểu CCHC tỉnh 2025", "plan_reference": "KH 45/KH-UBND",
        "rules_text": "Mỗi tuần một đợt.", "required_fields": ["id_number", "email"],
        "tie_break_1": "score", "tie_break_2": "time_taken", "tie_break_3": "attempt_count",
        "tie_break_4": "", "tie_break_5": "", "collective_formula": "points",
        "collective_min_rate": "60"})
    assert response.status_code == 302
    contest = db.session.scalar(sa.select(Contest))
    assert contest.tie_breaks == ["score", "time_taken", "attempt_count"]
    assert contest.required_fields == ["full_name", "phone", "id_number", "email"]
    assert contest.collective_min_rate == pytest.approx(0.6)
    assert contest.status == "draft"


def test_contest_form_refuses_repeated_tie_break(client, auth, make_user):
    auth.login(make_user(role="organiser"))
    response = client.post("/quan-ly/cuoc-thi/moi", data={
        "title": "X", "tie_break_1": "score", "tie_break_2": "score",
        "collective_formula": "points", "collective_min_rate": "50"})
    assert response.status_code == 200
    assert "Mỗi tiêu chí xếp hạng chỉ được chọn một lần." in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(Contest)) is None


def test_round_form_refuses_infeasible_recipe_naming_shortfall(client, auth, make_user,
                                                               make_contest):
    contest = make_contest(with_round=False)
    auth.login(make_user(role="organiser"))
    response = client.post(f"/quan-ly/cuoc-thi/{contest.id}/dot-thi/moi",
                           data=round_form(r_5_3="5"))
    body = response.get_data(as_text=True)
    assert "Lĩnh vực «Cải cách tài chính công», mức Khó: cần 5 câu, nhóm «CBCCVC» chỉ có 0 câu" \
        in body
    assert "nhóm «Người dân» chỉ có 0 câu" in body
    assert db.session.scalar(sa.select(Round)) is None


def test_round_form_saves_recipe_and_vietnam_times(client, auth, make_user, make_contest):
    contest = make_contest(with_round=False)
    auth.login(make_user(role="organiser"))
    response = client.post(f"/quan-ly/cuoc-thi/{contest.id}/dot-thi/moi", data=round_form(
        opens_at="2030-03-04T00:00", closes_at="2030-03-10T23:59", r_1_2="3", r_1_0="2"))
    assert response.status_code == 302
    round_ = db.session.scalar(sa.select(Round))
    assert round_.opens_at.isoformat() == "2030-03-03T17:00:00+00:00"
    assert round_.recipe == [{"area": 1, "difficulty": None, "count": 2},
                             {"area": 1, "difficulty": 2, "count": 3}]
    page = client.get(f"/quan-ly/dot-thi/{round_.id}").get_data(as_text=True)
    assert "00:00 04/03/2030" in page and "Cải cách thể chế, mức Trung bình: 3 câu" in page
    edit = client.get(f"/quan-ly/dot-thi/{round_.id}/sua").get_data(as_text=True)
    assert 'value="2030-03-04T00:00"' in edit


def test_round_form_total_must_match(client, auth, make_user, make_contest):
    contest = make_contest(with_round=False)
    auth.login(make_user(role="organiser"))
    body = client.post(f"/quan-ly/cuoc-thi/{contest.id}/dot-thi/moi",
                       data=round_form(r_1_2="3")).get_data(as_text=True)
    assert "phải bằng số câu của đề (5)" in body


def test_extension_is_recorded_and_shown(client, auth, make_user, make_contest):
    contest = make_contest()
    round_ = contest.rounds[0]
    new_close = round_.closes_at + timedelta(hours=3)
    auth.login(make_user(role="organiser", full_name="Trần Tổ Chức"))
    response = client.post(f"/quan-ly/dot-thi/{round_.id}/gia-han", data={
        "closes_at": local(new_close), "reason": "Máy chủ quá tải giờ cao điểm"})
    assert response.status_code == 302
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "round.extend"))
    assert entry.reason == "Máy chủ quá tải giờ cao điểm"
    page = client.get(f"/quan-ly/dot-thi/{round_.id}").get_data(as_text=True)
    assert "Máy chủ quá tải giờ cao điểm" in page and "Trần Tổ Chức" in page
    assert "Đã gia hạn" in page


def test_extension_without_reason_changes_nothing(client, auth, make_user, make_contest):
    round_ = make_contest().rounds[0]
    before = round_.closes_at
    auth.login(make_user(role="organiser"))
    response = client.post(f"/quan-ly/dot-thi/{round_.id}/gia-han", data={
        "closes_at": local(before + timedelta(hours=3)), "reason": ""}, follow_redirects=True)
    assert "Vui lòng ghi lý do gia hạn." in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Round, round_.id).closes_at == before


def test_publish_and_close_buttons(client, auth, make_user, make_contest):
    contest = make_contest(published=False)
    auth.login(make_user(role="organiser"))
    client.post(f"/quan-ly/cuoc-thi/{contest.id}/trang-thai/published")
    db.session.expire_all()
    assert db.session.get(Contest, contest.id).status == "published"
    response = client.post(f"/quan-ly/cuoc-thi/{contest.id}/trang-thai/draft",
                           follow_redirects=True)
    assert "Không thể chuyển cuộc thi" in response.get_data(as_text=True)


def test_add_group_with_banks(client, auth, make_user, make_contest, make_bank):
    contest = make_contest(with_round=False)
    bank = make_bank("Học sinh 2025", {(2, 1): 4})
    auth.login(make_user(role="organiser"))
    client.post(f"/quan-ly/cuoc-thi/{contest.id}/khoi",
                data={"name": "Học sinh", "bank_ids": [str(bank.id)]})
    db.session.expire_all()
    group = db.session.get(Contest, contest.id).groups[-1]
    assert group.name == "Học sinh" and [b.name for b in group.banks] == ["Học sinh 2025"]


def test_manage_detail_shows_invitation_links_per_unit(client, auth, make_user, make_contest):
    from contest.units.models import Unit

    contest = make_contest()
    db.session.add(Unit(code="UBND-XA-01", name="UBND xã Hương Trà"))
    db.session.commit()
    auth.login(make_user(role="organiser"))
    page = client.get(f"/quan-ly/cuoc-thi/{contest.id}").get_data(as_text=True)
    assert f"/dang-ky/{contest.invite_token}?don-vi=UBND-XA-01" in page
    assert f"/dang-ky/{contest.invite_token}/qr.svg?don-vi=UBND-XA-01" in page


def test_public_list_shows_published_contests_only(client, make_contest):
    make_contest(title="Cuộc thi đã công bố")
    make_contest(title="Cuộc thi nháp", published=False)
    body = client.get("/cuoc-thi/").get_data(as_text=True)
    assert "Cuộc thi đã công bố" in body and "Cuộc thi nháp" not in body
    assert "round-open" in body and "Đang mở" in body


def test_contest_page_for_visitor_and_registered_entrant(app, client, auth, make_contest):
    from contest.registration.services import register_entrant

    contest = make_contest()
    body = client.get(f"/cuoc-thi/{contest.id}").get_data(as_text=True)
    assert "Đăng ký dự thi" in body and "Thể lệ: mỗi đợt 20 phút." in body
    assert "Vào thi" not in body
    registration = register_entrant(contest, contest.groups[0], None, {
        "full_name": "Ngô Thị Cúc", "phone": "0911000111", "password": "matkhau123",
        "date_of_birth": utcnow().date().replace(year=1995)})
    db.session.commit()
    auth.login(registration.user)
    body = client.get(f"/cuoc-thi/{contest.id}").get_data(as_text=True)
    assert "Vào thi" in body and "Đăng ký dự thi</a>" not in body
    if "attempts.start" in app.view_functions:
        with app.test_request_context():
            start = url_for("attempts.start_page", round_id=contest.rounds[0].id)
        assert f'href="{start}"' in body


def test_contest_page_works_without_the_attempt_endpoint(app, client, auth, make_contest):
    from contest.registration.services import register_entrant

    contest = make_contest()
    user = register_entrant(contest, contest.groups[0], None, {
        "full_name": "Ngô Thị Cúc", "phone": "0911000111", "password": "matkhau123",
        "date_of_birth": utcnow().date().replace(year=1995)}).user
    db.session.commit()
    auth.login(user)
    app.view_functions.pop("attempts.start", None)
    body = client.get(f"/cuoc-thi/{contest.id}").get_data(as_text=True)
    assert "Vào thi" not in body and "Phần làm bài đang được chuẩn bị." in body


def test_draft_contest_page_is_hidden_from_the_public(client, make_contest):
    contest = make_contest(published=False)
    assert client.get(f"/cuoc-thi/{contest.id}").status_code == 404
    assert client.get("/cuoc-thi/999999").status_code == 404


def test_editing_an_open_round_keeps_its_times(client, auth, make_user, make_contest):
    round_ = make_contest().rounds[0]
    opens, closes = round_.opens_at, round_.closes_at
    auth.login(make_user(role="organiser"))
    response = client.post(f"/quan-ly/dot-thi/{round_.id}/sua", data=round_form(
        name="Tuần 1 mới", opens_at=local(opens), closes_at=local(closes)))
    assert response.status_code == 302
    db.session.expire_all()
    saved = db.session.get(Round, round_.id)
    assert (saved.name, saved.opens_at, saved.closes_at) == ("Tuần 1 mới", opens, closes)


def test_garbled_form_values_get_vietnamese_messages(client, auth, make_user, make_contest):
    contest = make_contest(with_round=False)
    auth.login(make_user(role="organiser"))
    body = client.post(f"/quan-ly/cuoc-thi/{contest.id}/dot-thi/moi", data=round_form(
        question_count="abc", opens_at="hôm qua", counting="median")).get_data(as_text=True)
    assert "Vui lòng nhập một số nguyên." in body and "Ngày giờ không hợp lệ." in body
    body = client.post(f"/quan-ly/cuoc-thi/{contest.id}/dot-thi/moi",
                       data=round_form(counting="median")).get_data(as_text=True)
    assert "Lượt được tính: giá trị không hợp lệ (median)." in body
    body = client.post("/quan-ly/cuoc-thi/moi", data={
        "title": "X", "tie_break_1": "luck", "collective_formula": "points",
        "collective_min_rate": "50"}).get_data(as_text=True)
    assert "Tiêu chí xếp hạng không hợp lệ: “luck”." in body
    assert db.session.scalar(sa.select(sa.func.count(Round.id))) == 0
