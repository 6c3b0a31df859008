"""Prize rules as pure table tests: the tie at the last slot (each rule), minimum score, share
cap, one prize per person across rounds, and bad settings."""

from __future__ import annotations

import pytest

from contest.ranking.individual import rank
from contest.ranking.prizes import allocate, boundary_note
from contest.ranking.tiebreak import Entry, RankingError

PLAN = {"nhat": 1, "nhi": 2, "ba": 3, "khuyen_khich": 5}  # 11 slots


def ranked(*scores, max_score=20.0):
    """Registration ids 1..n with the given scores, ranked by score."""
    return rank([Entry(i, float(s), max_score) for i, s in enumerate(scores, start=1)],
                ["score"])


def prizes(allocation):
    return [(a.subject_id, a.prize) for a in allocation.awards]


SEVENTEEN_TIED = [20] * 17 + [15, 14, 10]


def test_seventeen_tied_for_eleven_slots_cut_follows_the_plan():
    result = allocate(ranked(*SEVENTEEN_TIED), PLAN, tie_rule="cut")
    assert prizes(result) == (
        [(1, "nhat")] + [(i, "nhi") for i in (2, 3)] + [(i, "ba") for i in (4, 5, 6)]
        + [(i, "khuyen_khich") for i in range(7, 12)])
    assert result.left_out == list(range(12, 18))
    tie = result.boundary
    assert (tie.rank, tie.prize, tie.slots, tie.rule, tie.size) == (1, "nhat", 11, "cut", 17)
    assert tie.in_ids == tuple(range(1, 12)) and tie.out_ids == tuple(range(12, 18))
    assert all(a.cut_by_final_key for a in result.awards)


def test_seventeen_tied_for_eleven_slots_share_gives_all_the_tier():
    result = allocate(ranked(*SEVENTEEN_TIED), PLAN, tie_rule="share")
    assert prizes(result) == [(i, "nhat") for i in range(1, 18)]
    assert result.left_out == []
    tie = result.boundary
    assert (tie.size, len(tie.in_ids), tie.out_ids, tie.capped) == (17, 17, (), False)


def test_share_never_passes_the_share_cap():
    # 20 entrants, at most 50 %: 10 prizes; the 17 tied are cut at the cap by the final key.
    result = allocate(ranked(*SEVENTEEN_TIED), PLAN, max_share=0.5, tie_rule="share")
    assert prizes(result) == [(i, "nhat") for i in range(1, 11)]
    assert result.left_out == list(range(11, 18))
    assert result.boundary.capped and result.boundary.cap == 10


def test_a_tie_that_fits_is_no_boundary():
    result = allocate(ranked(20, 20, 18), {"nhat": 1, "nhi": 1, "ba": 1}, tie_rule="cut")
    assert prizes(result) == [(1, "nhat"), (2, "nhat"), (3, "ba")]
    assert result.boundary is None and result.left_out == []


@pytest.mark.parametrize(("rule", "words"), [
    ("cut", ["17 thí sinh đồng hạng 1", "11 suất", "11 người được giải",
             "6 người không được giải", "mã đăng ký"]),
    ("share", ["17 thí sinh đồng hạng 1", "tất cả cùng nhận Giải Nhất", "6 giải"]),
])
def test_boundary_note_says_who_and_why(rule, words):
    note = boundary_note(allocate(ranked(*SEVENTEEN_TIED), PLAN, tie_rule=rule).boundary)
    for word in words:
        assert word in note


MIN_CASES = [
    # (scores out of 20, min share, awards, below the minimum)
    ((20, 8, 6), 0.5, [(1, "nhat")], [2, 3]),  # 40 % and 30 % win nothing
    ((20, 8, 6), None, [(1, "nhat"), (2, "nhi"), (3, "nhi")], []),
    ((10, 10, 9.99), 0.5, [(1, "nhat"), (2, "nhat")], [3]),  # exactly 50 % is enough
    ((8, 7), 0.5, [], [1, 2]),
]


@pytest.mark.parametrize(("scores", "share", "awards", "below"), MIN_CASES)
def test_minimum_score(scores, share, awards, below):
    result = allocate(ranked(*scores), {"nhat": 1, "nhi": 2}, min_score=share)
    assert prizes(result) == awards
    assert result.below_min == below


CAP_CASES = [
    # (entrants, share, prizes handed out) with a plan of 11
    (5, 0.4, 2), (10, 0.5, 5), (30, 0.5, 11), (3, 0.0, 0), (7, 1.0, 7),
]


@pytest.mark.parametrize(("entrants", "share", "count"), CAP_CASES)
def test_share_cap(entrants, share, count):
    result = allocate(ranked(*range(100, 100 - entrants, -1)), PLAN, max_share=share)
    assert len(result.awards) == count


def test_one_prize_per_person_across_rounds():
    # Entrants 1 and 3 won in an earlier round: they take no slot and keep their rank.
    result = allocate(ranked(20, 19, 18, 17), {"nhat": 1, "nhi": 1}, exclude_ids={1, 3})
    assert prizes(result) == [(2, "nhat"), (4, "nhi")]
    assert result.excluded == [1, 3]


def test_more_prizes_than_entrants_is_allowed_and_reported():
    result = allocate(ranked(20, 19), PLAN)
    assert len(result.awards) == 2 and result.unfilled == 9


@pytest.mark.parametrize("kwargs", [
    {"min_score": 1.5}, {"min_score": -0.1}, {"max_share": 1.01}, {"max_share": -1},
    {"tie_rule": "lottery"},
])
def test_bad_rules_are_refused(kwargs):
    with pytest.raises(RankingError):
        allocate(ranked(20), PLAN, **kwargs)
