"""Pure prize allocation: counts, exclusions, the share cap and ties at a boundary."""

from __future__ import annotations

import pytest

from contest.ranking.collective import UnitStats, rank_units
from contest.ranking.individual import rank
from contest.ranking.prizes import allocate
from contest.ranking.tiebreak import Entry, RankingError


def ranked(*scores):
    """Registration ids 1..n with the given scores, ranked by score."""
    return rank([Entry(i, float(s)) for i, s in enumerate(scores, start=1)], ["score"])


def prizes(allocation):
    return [(a.subject_id, a.prize) for a in allocation.awards]


COUNTS = {"nhat": 1, "nhi": 1, "ba": 2, "khuyen_khich": 2}

CASES = [
    # (scores, counts, exclude, max_share, expected awards, left out)
    ((20, 19, 18, 17, 16, 15, 14), COUNTS, (), None,
     [(1, "nhat"), (2, "nhi"), (3, "ba"), (4, "ba"), (5, "khuyen_khich"), (6, "khuyen_khich")],
     []),
    # two tied at the top share Nhất and use up the Nhì slot
    ((20, 20, 18, 17), {"nhat": 1, "nhi": 1, "ba": 1}, (), None,
     [(1, "nhat"), (2, "nhat"), (3, "ba")], []),
    # a tie at the last slot larger than the room: the registration id decides
    ((20, 19, 19, 19), {"nhat": 1, "nhi": 2}, (), None,
     [(1, "nhat"), (2, "nhi"), (3, "nhi")], [4]),
    # one prize per person: entrant 1 already won in a round ranking
    ((20, 19, 18), {"nhat": 1, "nhi": 1}, {1}, None, [(2, "nhat"), (3, "nhi")], []),
    # at most 50 % of entrants: 5 entrants -> 2 prizes, lowest prizes cut first
    ((20, 19, 18, 17, 16), COUNTS, (), 0.5, [(1, "nhat"), (2, "nhi")], []),
    # fewer entrants than prizes
    ((20,), COUNTS, (), None, [(1, "nhat")], []),
    ((), COUNTS, (), None, [], []),
]


@pytest.mark.parametrize(("scores", "counts", "exclude", "share", "awards", "left_out"), CASES)
def test_allocate(scores, counts, exclude, share, awards, left_out):
    result = allocate(ranked(*scores), counts, exclude_ids=exclude, max_share=share)
    assert prizes(result) == awards
    assert result.left_out == left_out


def test_cut_awards_are_flagged_and_keep_their_rank():
    result = allocate(ranked(20, 19, 19, 19), {"nhat": 1, "nhi": 2})
    assert [(a.rank, a.cut_by_final_key) for a in result.awards] == [
        (1, False), (2, True), (2, True)]
    assert result.awards[1].label == "Giải Nhì"


@pytest.mark.parametrize(("counts", "share"), [
    ({"vang": 1}, None), ({"nhat": -1}, None), ({"nhat": 1}, 1.5),
])
def test_bad_prize_settings_are_refused(counts, share):
    with pytest.raises(RankingError):
        allocate(ranked(20), counts, max_share=share)


def test_collective_prizes_use_unit_ids():
    units = [UnitStats(10, 1, 10, 9), UnitStats(11, 1, 10, 4), UnitStats(12, 1, 10, 7)]
    result = allocate(rank_units(units, "most_entrants"), {"nhat": 1, "nhi": 1})
    assert prizes(result) == [(10, "nhat"), (12, "nhi")]
