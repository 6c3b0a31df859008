"""The pure paper-drawing function: quotas, option order, determinism."""

import random
from collections import Counter

import pytest

from question_bank.drawing import (
    CandidateQuestion,
    DrawError,
    OptionData,
    arrange_options,
    draw_paper,
)


def make_pool(per_cell: int = 4) -> list[CandidateQuestion]:
    """``per_cell`` questions for every area (1..6) x difficulty (1..3), four options each."""
    pool, qid = [], 0
    for area in range(1, 7):
        for difficulty in (1, 2, 3):
            for _ in range(per_cell):
                qid += 1
                options = tuple(
                    OptionData(f"Q{qid} phương án {'ABCD'[i]}", is_correct=(i == 1))
                    for i in range(4)
                )
                pool.append(CandidateQuestion(qid, area, difficulty, f"Câu {qid}", options))
    return pool


@pytest.mark.parametrize(
    ("recipe", "total", "expected"),
    [
        ([{"area": 1, "difficulty": 1, "count": 3}, {"area": 2, "difficulty": None, "count": 5}],
         8, {(1, 1): 3, (2, None): 5}),
        ([{"area": 6, "difficulty": 3, "count": 4}, {"area": 6, "count": 6}],
         10, {(6, 3): 4, (6, None): 6}),
        ([{"area": a, "count": 2} for a in range(1, 7)], 12, {(a, None): 2 for a in range(1, 7)}),
    ],
)
def test_recipe_quotas_are_met(recipe, total, expected):
    paper = draw_paper(recipe, total, make_pool(), random.Random(1))
    assert len(paper) == total
    assert len({q.question_id for q in paper}) == total
    by_area = Counter(q.area for q in paper)
    for (area, difficulty), count in expected.items():
        if difficulty is None:
            assert by_area[area] >= count
        else:
            assert sum(1 for q in paper if (q.area, q.difficulty) == (area, difficulty)) >= count
    assert sum(by_area.values()) == sum(expected.values())


def test_narrow_quota_is_served_before_broad_one():
    # Area 1 has exactly 2 hard questions; the area-only quota must not take them first.
    pool = [q for q in make_pool(2) if q.area == 1]
    recipe = [{"area": 1, "count": 4}, {"area": 1, "difficulty": 3, "count": 2}]
    for seed in range(20):
        paper = draw_paper(recipe, 6, pool, random.Random(seed))
        assert sum(1 for q in paper if q.difficulty == 3) == 2


def test_empty_recipe_draws_total_from_anything():
    paper = draw_paper([], 20, make_pool(), random.Random(5))
    assert len({q.question_id for q in paper}) == 20


def test_recipe_short_of_total_is_filled_from_the_rest():
    paper = draw_paper([{"area": 2, "count": 3}], 10, make_pool(), random.Random(3))
    assert len(paper) == 10
    assert sum(1 for q in paper if q.area == 2) >= 3


def test_not_enough_questions_names_the_quota():
    with pytest.raises(DrawError, match="lĩnh vực 3, mức độ 2: cần 9, chỉ có 4"):
        draw_paper([{"area": 3, "difficulty": 2, "count": 9}], 9, make_pool(), random.Random(0))
    with pytest.raises(DrawError, match="cần 500"):
        draw_paper([], 500, make_pool(), random.Random(0))


@pytest.mark.parametrize(
    "entry", [{"area": "x", "count": 1}, {"count": 2}, {"area": 1, "count": -1}]
)
def test_broken_recipe_row_is_refused(entry):
    with pytest.raises(DrawError, match="dòng 1"):
        draw_paper([entry], 1, make_pool(), random.Random(0))


def test_same_seed_same_paper_different_seed_different_paper():
    recipe = [{"area": a, "count": 3} for a in range(1, 7)]
    first = draw_paper(recipe, 18, make_pool(), random.Random(42))
    again = draw_paper(recipe, 18, make_pool(), random.Random(42))
    other = draw_paper(recipe, 18, make_pool(), random.Random(43))
    assert first == again
    assert first != other


def test_keep_in_place_options_never_move():
    options = (
        OptionData("Một"), OptionData("Hai", is_correct=True), OptionData("Ba"),
        OptionData("Bốn"), OptionData("Cả A, B, C đều đúng", keep_in_place=True),
        OptionData("Sáu"),
    )
    seen_orders = set()
    for seed in range(60):
        order = arrange_options(options, random.Random(seed), shuffle=True)
        assert order[4] == 4
        assert sorted(order) == list(range(6))
        seen_orders.add(tuple(order))
    assert len(seen_orders) > 10  # the others really shuffle


def test_correct_indices_follow_the_display_order():
    options = (
        OptionData("A"), OptionData("B", is_correct=True), OptionData("C", is_correct=True),
        OptionData("Tất cả đều sai", keep_in_place=True),
    )
    question = CandidateQuestion(1, 1, 1, "Câu hỏi", options)
    for seed in range(30):
        (drawn,) = draw_paper([], 1, [question], random.Random(seed))
        assert {drawn.options[i] for i in drawn.correct} == {"B", "C"}
        assert drawn.options[3] == "Tất cả đều sai"


def test_no_shuffle_keeps_recipe_order_and_option_order():
    recipe = [{"area": 3, "count": 2}, {"area": 1, "count": 2}]
    paper = draw_paper(recipe, 4, make_pool(), random.Random(9),
                       shuffle_questions=False, shuffle_options=False)
    assert [q.area for q in paper] == [3, 3, 1, 1]
    assert all(q.correct == (1,) and q.source_positions == (0, 1, 2, 3) for q in paper)
