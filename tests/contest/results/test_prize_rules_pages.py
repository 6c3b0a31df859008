"""Prize rules through the pages: the boundary tie shown to judges before they confirm, kept in
the snapshot and the winners export; rules on the contest page; the contest form's checks;
one prize per person across rounds; each unit's rank explained."""

from __future__ import annotations

import io
from datetime import timedelta

import sqlalchemy as sa
from openpyxl import load_workbook

from contest.contests.models import Contest, Round
from contest.extensions import db
from contest.results import services
from contest.results.build import build_round_data


def tied_world(world, rule="cut"):
    """Three entrants equal on every key for two prize slots (Nhất 1, Nhì 1)."""
    world.group.prize_counts = {"nhat": 1, "nhi": 1, "ba": 0, "khuyen_khich": 0}
    world.contest.prize_tie_rule = rule
    db.session.commit()
    regs = [world.entrant(name) for name in ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường")]
    world.entrant("Phạm Thị Dung", score=2)
    return regs


def test_judge_sees_the_boundary_tie_before_confirming(world, client, auth, make_user):
    tied_world(world)
    auth.login(make_user(role="judge"))
    body = client.get(f"/cham-giai/dot/{world.round.id}").get_data(as_text=True)
    review = body[body.index("Ranh giới giải thưởng"):body.index("Xác nhận của Ban giám khảo")]
    assert "3 thí sinh đồng hạng 1" in review and "2 suất giải" in review
    assert "cắt theo khóa cuối" in review
    won, lost = review.split("Không được giải (1)")
    assert "Được giải (2)" in won and "Nguyễn Văn An" in won and "Trần Thị Bình" in won
    assert "Lê Văn Cường" in lost and "Nguyễn Văn An" not in lost
    assert "Bằng điểm (4/4)" in review  # why they are tied


def test_boundary_is_kept_in_the_snapshot_and_winners_export(world, client, auth, make_user):
    tied_world(world)
    judge, organiser = make_user(role="judge"), make_user(role="organiser")
    services.confirm(judge.id, world.round)
    snapshot = services.publish(organiser.id, world.round)
    db.session.commit()
    boundary = snapshot.data["groups"][0]["boundary"]
    assert [p["name"] for p in boundary["out"]] == ["Lê Văn Cường"]
    assert [p["prize_label"] for p in boundary["in"]] == ["Giải Nhất", "Giải Nhì"]
    assert snapshot.data["rules"]["tie_rule"] == "cut"
    auth.login(judge)
    response = client.get(f"/cham-giai/dot/{world.round.id}/xuat/winners")
    ws = load_workbook(io.BytesIO(response.data)).active
    cells = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    note = next(c for c in cells if c.startswith("Đồng hạng ở suất giải cuối — khối CBCCVC"))
    assert "3 thí sinh đồng hạng 1" in note and "Không được giải: Lê Văn Cường" in note
    assert cells.count("Đồng hạng 1 ở suất giải cuối: được giải theo thể lệ.") == 2
    assert "Lê Văn Cường" not in [c for c in cells if not c.startswith("Đồng hạng")]


def test_share_rule_gives_everyone_tied_the_prize(world):
    tied_world(world, rule="share")
    data = build_round_data(world.round)
    rows = data["groups"][0]["rows"]
    assert [r["prize_label"] for r in rows] == ["Giải Nhất"] * 3 + [""]
    assert data["groups"][0]["boundary"]["out"] == []


def test_minimum_score_excludes_a_forty_percent_entrant(world):
    world.contest.prize_min_score = 0.5
    db.session.commit()
    world.entrant("Nguyễn Văn An", score=4)
    world.entrant("Trần Thị Bình", score=1)  # 25 %
    rows = build_round_data(world.round)["groups"][0]["rows"]
    assert [(r["name"], r["prize_label"]) for r in rows] == [
        ("Nguyễn Văn An", "Giải Nhất"), ("Trần Thị Bình", "")]
    assert rows[1]["prize_note"] == "Dưới điểm tối thiểu để được giải."


def test_one_prize_per_person_across_rounds(world, make_user):
    a = world.entrant("Nguyễn Văn An")
    world.entrant("Trần Thị Bình", score=3)
    first = world.round
    second = Round(contest=world.contest, name="Tuần 2", opens_at=first.opens_at + timedelta(1),
                   closes_at=first.closes_at, question_count=4)
    db.session.add(second)
    db.session.flush()
    from contest.attempts.models import Attempt
    for attempt in db.session.scalars(sa.select(Attempt).where(Attempt.round_id == first.id)):
        db.session.add(Attempt(public_id=attempt.public_id + "x", round_id=second.id,
                               registration_id=attempt.registration_id, status="submitted",
                               started_at=attempt.started_at + timedelta(1),
                               deadline=attempt.deadline + timedelta(1),
                               finished_at=attempt.finished_at + timedelta(1),
                               score=attempt.score, max_score=4,
                               duration_seconds=attempt.duration_seconds))
    world.group.prize_counts = {"nhat": 1, "nhi": 0, "ba": 0, "khuyen_khich": 0}
    db.session.commit()
    assert build_round_data(second)["groups"][0]["rows"][0]["prize_label"] == "Giải Nhất"
    world.contest.prize_once_per_contest = True
    db.session.commit()
    rows = build_round_data(second)["groups"][0]["rows"]
    assert rows[0]["registration_id"] == a.id and rows[0]["prize"] == ""
    assert rows[0]["prize_note"].startswith("Đã đạt giải ở đợt thi trước")
    assert (rows[1]["name"], rows[1]["prize_label"]) == ("Trần Thị Bình", "Giải Nhất")
    # The first round is unchanged: nobody won before it.
    assert build_round_data(first)["groups"][0]["rows"][0]["prize_label"] == "Giải Nhất"


def test_contest_page_states_the_prize_rules(world, client):
    world.contest.status = "published"
    world.contest.prize_min_score = 0.5
    world.contest.prize_max_share = 0.3
    world.contest.prize_once_per_contest = True
    world.contest.collective_formula = "full_staff_winner"
    db.session.commit()
    body = client.get(f"/cuoc-thi/{world.contest.id}").get_data(as_text=True)
    assert "Cơ cấu giải thưởng" in body
    for text in ("từ 50% số điểm tối đa", "không vượt quá 30% số thí sinh",
                 "không được xét giải ở các đợt sau", "người đăng ký trước",
                 "100% biên chế tham gia và có người đạt giải"):
        assert text in body


FORM = {"title": "Cuộc thi CCHC", "tie_break_1": "score", "collective_formula": "points",
        "collective_min_rate": "50", "prize_tie_rule": "cut"}


def test_contest_form_saves_the_rules(client, auth, make_user):
    auth.login(make_user(role="organiser"))
    response = client.post("/quan-ly/cuoc-thi/moi", data={
        **FORM, "prize_min_score": "40", "prize_max_share": "50", "prize_tie_rule": "share",
        "prize_once_per_contest": "y", "weight_entrants": "2", "weight_score_total": "0",
        "weight_attempts": "1.5"})
    assert response.status_code == 302
    contest = db.session.scalar(sa.select(Contest))
    assert (contest.prize_min_score, contest.prize_max_share) == (0.4, 0.5)
    assert contest.prize_tie_rule == "share" and contest.prize_once_per_contest
    assert contest.collective_weights == {"entrants": 2.0, "attempts": 1.5}
    edit = client.get(f"/quan-ly/cuoc-thi/{contest.id}/sua").get_data(as_text=True)
    assert 'name="prize_min_score" type="text" value="40.0"' in edit or 'value="40' in edit


def test_contest_form_refuses_bad_rules_by_field(client, auth, make_user):
    auth.login(make_user(role="organiser"))
    share = "Tỷ lệ giải tối đa phải từ 0 đến 100 (phần trăm số thí sinh)."
    cases = [
        ({"prize_max_share": "-5"}, share),
        ({"prize_max_share": "120"}, share),
        ({"prize_min_score": "150"},
         "Điểm tối thiểu để được giải phải từ 0 đến 100 (phần trăm điểm tối đa)."),
        ({"prize_min_score": "năm mươi"}, "Vui lòng nhập một số (ví dụ 50 hoặc 50.5)."),
        ({"weight_entrants": "-1"}, "Trọng số phải từ 0 đến 100 (0: không dùng tiêu chí)."),
        ({"weight_entrants": "0", "weight_score_total": "0", "weight_attempts": "0"},
         "Công thức tính điểm cần ít nhất một tiêu chí có trọng số lớn hơn 0."),
        ({"prize_tie_rule": "boc-tham"}, "Cách xử lý đồng hạng ở giải cuối không hợp lệ"),
    ]
    for extra, message in cases:
        response = client.post("/quan-ly/cuoc-thi/moi", data={**FORM, **extra})
        assert response.status_code == 200, extra
        assert message in response.get_data(as_text=True), extra
    assert db.session.scalar(sa.select(Contest)) is None


def test_units_rank_is_explained_on_the_results_page(world, client, make_user):
    world.contest.collective_formula = "full_staff_winner"
    world.unit.headcount = 2
    db.session.commit()
    world.entrant("Nguyễn Văn An")
    world.entrant("Trần Thị Bình", score=3)
    world.entrant("Lê Văn Cường", unit=world.other_unit)  # 1 of 10: not all staff
    judge, organiser = make_user(role="judge"), make_user(role="organiser")
    services.confirm(judge.id, world.round)
    snapshot = services.publish(organiser.id, world.round)
    db.session.commit()
    units = {u["unit"]: u for u in snapshot.data["units"]}
    assert units["Sở Nội vụ"]["rank"] == 1 and units["Sở Nội vụ"]["winners"] == 2
    assert units["Sở Nội vụ"]["why"] == "Đơn vị duy nhất được xếp hạng trong khối."
    assert units["Sở Tư pháp"]["rank"] is None
    assert "chưa đủ 100% biên chế" in units["Sở Tư pháp"]["why"]
    body = client.get(f"/ket-qua/dot/{world.round.id}").get_data(as_text=True)
    assert "Căn cứ xếp hạng" in body and "Đơn vị duy nhất được xếp hạng trong khối." in body


def test_services_refuse_bad_rules_naming_the_field(app):
    import pytest

    from contest.contests.rules import ContestError
    from contest.contests.services import create_contest

    with pytest.raises(ContestError) as refused:
        create_contest(title="X", prize_max_share=1.5, prize_min_score=-0.1,
                       collective_weights={"entrants": 200})
    fields = {getattr(p, "field", None) for p in refused.value.problems}
    assert fields == {"prize_max_share", "prize_min_score", "weight_entrants"}
    assert db.session.scalar(sa.select(Contest)) is None


def test_more_prizes_than_entrants_is_a_warning_for_judges(world, client, auth, make_user):
    world.entrant("Nguyễn Văn An")
    world.entrant("Trần Thị Bình", score=3)
    auth.login(make_user(role="judge"))
    body = client.get(f"/cham-giai/dot/{world.round.id}").get_data(as_text=True)
    assert ("Cơ cấu có 11 suất giải nhưng chỉ 2 suất có người đủ điều kiện (2 thí sinh được "
            "xếp hạng): 9 suất bỏ trống.") in body


def test_judges_unit_page_explains_ranks_and_left_out_units(world, client, auth, make_user):
    third = world.other_unit.__class__(code="SXD", name="Sở Xây dựng", headcount=2,
                                       block=world.block)
    db.session.add(third)
    db.session.commit()
    world.entrant("Nguyễn Văn An")  # Sở Nội vụ: 2 of 3 (67 %), average 3.5
    world.entrant("Trần Thị Bình", score=3)
    world.entrant("Lê Văn Cường", unit=third)  # Sở Xây dựng: 1 of 2 (50 %)
    world.entrant("Phạm Thị Dung", unit=world.other_unit)  # Sở Tư pháp: 1 of 10
    auth.login(make_user(role="judge"))
    body = client.get(f"/cham-giai/dot/{world.round.id}/don-vi").get_data(as_text=True)
    assert "Xếp trên Sở Xây dựng: Tỷ lệ tham gia 66.67% &gt; 50%" in body
    assert "Xếp sau Sở Nội vụ: Tỷ lệ tham gia 66.67% &gt; 50%" in body
    left = body[body.index("Đơn vị không được xếp hạng"):]
    assert "Sở Tư pháp" in left and "tỷ lệ tham gia 10% dưới mức tối thiểu 50%" in left
    overall_page = client.get(f"/cham-giai/cuoc-thi/{world.contest.id}/chung-cuoc/don-vi")
    assert "Xếp trên Sở Xây dựng" in overall_page.get_data(as_text=True)


def test_unit_tie_at_the_last_collective_prize_is_noted(world, client, auth, make_user):
    from contest.exports import services as exports

    world.contest.collective_formula = "most_entrants"
    db.session.commit()
    world.entrant("Nguyễn Văn An")  # one entrant in each unit: tied for one Giải Nhất
    world.entrant("Trần Thị Bình", unit=world.other_unit)
    judge, organiser = make_user(role="judge"), make_user(role="organiser")
    services.confirm(judge.id, world.round)
    services.publish(organiser.id, world.round, plan={
        "groups": {}, "units": {"nhat": 1, "nhi": 0, "ba": 0, "khuyen_khich": 0}})
    db.session.commit()
    text = exports.round_export("units", world.round, "csv").content.decode("utf-8-sig")
    assert "Đồng hạng 1 ở suất giải tập thể cuối: được giải theo thể lệ." in text
    assert "Đồng hạng 1 ở suất giải tập thể cuối: không được giải theo thể lệ." in text
