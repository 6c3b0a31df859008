"""Pure rules: recipe feasibility, recipe shape, status transitions, Vietnam time."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from contest.contests.rules import (
    ContestError,
    Shortfall,
    check_transition,
    normalise_required_fields,
    recipe_problems,
    recipe_shortfalls,
    utc_to_vn,
    vn_to_utc,
)
from contest.vocabulary import tie_break_problems

AVAILABLE = {(1, 1): 4, (1, 2): 3, (1, 3): 1, (5, 3): 3, (2, 2): 10}


def line(area, difficulty, count):
    return {"area": area, "difficulty": difficulty, "count": count}


@pytest.mark.parametrize(("recipe", "total", "expected"), [
    ([], 20, []),                                              # 21 questions in all
    ([], 22, [Shortfall(None, None, 22, 21)]),
    ([line(1, 1, 4), line(1, 2, 3)], 7, []),                   # exactly enough
    ([line(5, 3, 5)], 5, [Shortfall(5, 3, 5, 3)]),
    ([line(6, 1, 1)], 1, [Shortfall(6, 1, 1, 0)]),             # area with no questions
    ([line(1, None, 8)], 8, []),                               # any difficulty: 4 + 3 + 1
    ([line(1, None, 9)], 9, [Shortfall(1, None, 9, 8)]),
    ([line(1, 1, 4), line(1, None, 4)], 8, []),                # exact lines first, then the rest
    ([line(1, 1, 4), line(1, None, 5)], 9, [Shortfall(1, None, 5, 4)]),
    ([line(1, 1, 6), line(1, None, 4)], 10, [Shortfall(1, 1, 6, 4)]),
    ([line(1, 1, 0), line(2, 2, 10)], 10, []),                 # zero lines are ignored
    ([line(5, 3, 4), line(6, 2, 1)], 5,
     [Shortfall(5, 3, 4, 3), Shortfall(6, 2, 1, 0)]),          # every shortfall is named
])
def test_recipe_shortfalls(recipe, total, expected):
    assert recipe_shortfalls(recipe, AVAILABLE, total) == expected


def test_shortfall_message_names_area_difficulty_and_group():
    message = Shortfall(5, 3, 5, 3).message("Người dân")
    assert message == ("Lĩnh vực «Cải cách tài chính công», mức Khó: cần 5 câu, "
                       "nhóm «Người dân» chỉ có 3 câu")
    assert "Cả đề: cần 20 câu" in Shortfall(None, None, 20, 12).message("CBCCVC")
    assert "mức bất kỳ" in Shortfall(1, None, 3, 1).message("CBCCVC")


@pytest.mark.parametrize(("recipe", "count", "fragment"), [
    ([line(1, 1, 10), line(2, None, 10)], 20, None),
    ([], 20, None),
    ([line(1, 1, 10)], 20, "phải bằng số câu của đề (20)"),
    ([line(7, 1, 1)], 1, "Lĩnh vực không hợp lệ"),
    ([line(1, 4, 1)], 1, "Mức độ không hợp lệ"),
    ([line(1, 1, -1)], 1, "số không âm"),
    ([line(1, 1, 1), line(1, 1, 1)], 2, "bị lặp lại"),
])
def test_recipe_problems(recipe, count, fragment):
    problems = recipe_problems(recipe, count)
    if fragment is None:
        assert problems == []
    else:
        assert any(fragment in p for p in problems), problems


@pytest.mark.parametrize(("current", "target", "allowed"), [
    ("draft", "published", True),
    ("published", "closed", True),
    ("draft", "closed", False),
    ("published", "draft", False),
    ("closed", "published", False),
    ("closed", "draft", False),
    ("published", "published", False),
    ("draft", "archived", False),
])
def test_status_transitions(current, target, allowed):
    if allowed:
        check_transition(current, target)
    else:
        with pytest.raises(ContestError):
            check_transition(current, target)


def test_illegal_transition_message_is_vietnamese():
    with pytest.raises(ContestError, match="Không thể chuyển cuộc thi từ «Bản nháp» sang "
                                           "«Đã kết thúc»"):
        check_transition("draft", "closed")


@pytest.mark.parametrize(("wall", "utc"), [
    (datetime(2025, 3, 3, 0, 0), datetime(2025, 3, 2, 17, 0, tzinfo=UTC)),
    (datetime(2025, 3, 9, 23, 59), datetime(2025, 3, 9, 16, 59, tzinfo=UTC)),
    (datetime(2025, 1, 1, 6, 30), datetime(2024, 12, 31, 23, 30, tzinfo=UTC)),
])
def test_vietnam_time_round_trip(wall, utc):
    assert vn_to_utc(wall) == utc
    assert vn_to_utc(wall).tzinfo is not None
    assert utc_to_vn(utc) == wall
    assert utc_to_vn(vn_to_utc(wall)) == wall


@pytest.mark.parametrize(("keys", "ok"), [
    (["score", "prediction_error", "submitted_at"], True),
    (["score", "time_taken", "attempt_count", "registered_at"], True),
    ([], False),
    (["score", "score"], False),
    (["score", "luck"], False),
])
def test_tie_break_chain(keys, ok):
    assert (tie_break_problems(keys) == []) is ok


def test_required_fields_always_include_name_and_phone():
    assert normalise_required_fields(["id_number"]) == ["full_name", "phone", "id_number"]
    with pytest.raises(ContestError):
        normalise_required_fields(["shoe_size"])
