"""Contest, group and round services: validation, feasibility, transitions, extension."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from contest.audit.models import AuditEntry
from contest.contests.groups import add_group, update_group
from contest.contests.models import Round
from contest.contests.services import (
    ContestError,
    create_contest,
    create_round,
    extend_round,
    set_status,
    update_contest,
    update_round,
)
from contest.extensions import db, utcnow


def round_fields(**fields):
    now = utcnow()
    fields.setdefault("name", "Tuần 2")
    fields.setdefault("opens_at", now + timedelta(days=1))
    fields.setdefault("closes_at", now + timedelta(days=8))
    fields.setdefault("question_count", 5)
    return fields


def test_create_contest_defaults_to_draft_with_name_and_phone_required(app):
    contest = create_contest(title="  Thi  CCHC  ", required_fields=["id_number"])
    assert contest.status == "draft"
    assert contest.title == "Thi CCHC"
    assert contest.required_fields == ["full_name", "phone", "id_number"]
    assert contest.tie_breaks == ["score", "prediction_error", "submitted_at"]


def test_create_contest_refuses_bad_settings(app):
    with pytest.raises(ContestError) as error:
        create_contest(title="", tie_breaks=["score", "score"], collective_min_rate=1.5)
    assert "Vui lòng nhập tên cuộc thi." in error.value.problems
    assert "Mỗi tiêu chí xếp hạng chỉ được chọn một lần." in error.value.problems
    assert any("Tỷ lệ tham gia" in p for p in error.value.problems)


def test_update_contest_keeps_other_fields(app):
    contest = create_contest(title="A", plan_reference="KH 12/KH-UBND")
    update_contest(contest, tie_breaks=["score", "time_taken"], collective_formula="points")
    assert contest.plan_reference == "KH 12/KH-UBND"
    assert contest.tie_breaks == ["score", "time_taken"]


def test_create_round_refuses_recipe_the_banks_cannot_fill(make_contest, make_bank):
    contest = make_contest(with_round=False, published=False)
    citizens = contest.groups[1]
    update_group(citizens, citizens.name, [make_bank("NH dân", {(5, 3): 3}).id])
    cbccvc = contest.groups[0]
    update_group(cbccvc, cbccvc.name, [make_bank("NH cán bộ", {(5, 3): 8}).id])
    recipe = [{"area": 5, "difficulty": 3, "count": 5}]
    with pytest.raises(ContestError) as error:
        create_round(contest, **round_fields(recipe=recipe))
    assert ("Lĩnh vực «Cải cách tài chính công», mức Khó: cần 5 câu, "
            "nhóm «Người dân» chỉ có 3 câu") in str(error.value)
    assert "CBCCVC" not in str(error.value)
    assert db.session.scalar(sa.select(sa.func.count(Round.id))) == 0


def test_create_round_accepts_feasible_recipe_and_total_only(make_contest):
    contest = make_contest(with_round=False)
    recipe = [{"area": 1, "difficulty": 2, "count": 3}, {"area": 1, "difficulty": None,
                                                         "count": 2}]
    first = create_round(contest, **round_fields(recipe=recipe))
    assert first.recipe == [{"area": 1, "difficulty": None, "count": 2},
                            {"area": 1, "difficulty": 2, "count": 3}]
    second = create_round(contest, **round_fields(name="Tuần 3", question_count=10))
    assert second.recipe == []
    with pytest.raises(ContestError, match="Cả đề: cần 11 câu"):
        create_round(contest, **round_fields(name="Tuần 4", question_count=11))


def test_create_round_recipe_total_must_equal_question_count(make_contest):
    contest = make_contest(with_round=False)
    with pytest.raises(ContestError, match=r"phải bằng số câu của đề \(5\)"):
        create_round(contest, **round_fields(recipe=[{"area": 1, "difficulty": 2, "count": 3}]))


@pytest.mark.parametrize(("fields", "message"), [
    ({"name": " "}, "Vui lòng nhập tên đợt thi."),
    ({"closes_at": utcnow()}, "Giờ đóng phải sau giờ mở."),
    ({"time_limit_minutes": 0}, "Thời gian làm bài"),
    ({"attempt_policy": "max_per_round", "max_attempts": 0}, "Số lượt tối đa"),
    ({"counting": "median"}, "Lượt được tính"),
])
def test_create_round_refuses_bad_settings(make_contest, fields, message):
    contest = make_contest(with_round=False)
    with pytest.raises(ContestError, match=message):
        create_round(contest, **round_fields(**fields))


def test_round_needs_a_group_first(app):
    contest = create_contest(title="Chưa có khối")
    with pytest.raises(ContestError, match="ít nhất một khối"):
        create_round(contest, **round_fields())


def test_prediction_prompt_gets_a_default(make_contest):
    contest = make_contest(with_round=False)
    round_ = create_round(contest, **round_fields(prediction_kind="full_marks_count"))
    assert "trả lời đúng tất cả" in round_.prediction_prompt


def test_group_bank_change_refused_when_a_round_would_be_unfillable(make_contest, make_bank):
    contest = make_contest()
    small = make_bank("Nhỏ", {(1, 2): 2})
    with pytest.raises(ContestError, match="Đợt «Tuần 1»: Cả đề: cần 5 câu"):
        update_group(contest.groups[0], "CBCCVC", [small.id])
    with pytest.raises(ContestError, match="Cả đề"):
        add_group(contest, "Học sinh", [small.id])
    with pytest.raises(ContestError, match="đã có khối"):
        add_group(contest, "cbccvc", [])


def test_publish_needs_a_group_and_transitions_are_guarded(app, make_contest):
    with pytest.raises(ContestError, match="ít nhất một khối"):
        set_status(create_contest(title="Trống"), "published")
    contest = make_contest(published=False)
    set_status(contest, "published", actor_id=None)
    with pytest.raises(ContestError, match="Không thể chuyển"):
        set_status(contest, "draft")
    set_status(contest, "closed")
    assert contest.status == "closed"
    actions = db.session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert [a for a in actions if a.startswith("contest.")] == [
        "contest.create", "contest.create", "contest.published", "contest.closed"]


def test_deadline_is_time_limit_or_closing_whichever_first(make_contest):
    round_ = make_contest().rounds[0]
    early = round_.opens_at + timedelta(minutes=5)
    assert round_.deadline_for(early) == early + timedelta(minutes=10)
    late = round_.closes_at - timedelta(minutes=3)
    assert round_.deadline_for(late) == round_.closes_at


def test_round_status_is_derived_from_times(make_contest):
    round_ = make_contest().rounds[0]
    assert round_.status == "open"
    assert round_.status_at(round_.opens_at - timedelta(seconds=1)) == "upcoming"
    assert round_.status_at(round_.closes_at) == "closed"


def test_extend_round_records_reason_and_times(make_contest, make_user):
    organiser = make_user(role="organiser")
    round_ = make_contest().rounds[0]
    before = round_.closes_at
    with pytest.raises(ContestError, match="lý do"):
        extend_round(round_, before + timedelta(hours=2), actor_id=organiser.id, reason=" ")
    with pytest.raises(ContestError, match="muộn hơn"):
        extend_round(round_, before - timedelta(hours=2), actor_id=organiser.id, reason="x")
    extend_round(round_, before + timedelta(hours=2), actor_id=organiser.id,
                 reason="Hệ thống quá tải")
    db.session.commit()
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "round.extend"))
    assert entry.reason == "Hệ thống quá tải"
    assert entry.target_id == round_.id and entry.actor_id == organiser.id
    assert entry.details["before"] == before.isoformat()
    assert round_.closes_at == before + timedelta(hours=2)


def test_open_round_times_change_only_by_extension(make_contest):
    round_ = make_contest().rounds[0]
    with pytest.raises(ContestError, match="Gia hạn"):
        update_round(round_, closes_at=round_.closes_at + timedelta(days=1))
    update_round(round_, name="Tuần 1 (sửa)", shuffle_options=False)
    assert round_.name == "Tuần 1 (sửa)"


def test_group_prize_counts_are_stored_and_validated(app):
    from contest.contests import groups
    from contest.contests import services as contest_services
    from contest.contests.services import ContestError

    contest = contest_services.create_contest(title="Cuộc thi thử giải")
    group = groups.add_group(contest, "CBCCVC", prize_counts={"nhat": 2, "ba": 0})
    assert group.prize_counts == {"nhat": 2, "nhi": 2, "ba": 0, "khuyen_khich": 5}
    with pytest.raises(ContestError, match="Số giải"):
        groups.update_group(group, "CBCCVC", [], prize_counts={"nhi": -1})
    assert group.prize_counts["nhi"] == 2
