"""Pure grading, table-driven."""

import pytest

from contest.attempts.grading import grade_item, grade_paper


@pytest.mark.parametrize(
    ("selected", "correct", "weight", "is_correct", "points"),
    [
        ([1], [1], 1.0, True, 1.0),
        ([0], [1], 1.0, False, 0.0),
        (None, [1], 1.0, False, 0.0),
        ([], [1], 1.0, False, 0.0),
        ([0, 2], [2, 0], 1.0, True, 1.0),  # order does not matter
        ([0], [0, 2], 1.0, False, 0.0),  # partly right multi-answer: nothing
        ([0, 1, 2], [0, 2], 1.0, False, 0.0),  # one extra wrong pick: nothing
        ([3], [3], 2.5, True, 2.5),  # weighted
        ([2], [3], 2.5, False, 0.0),  # no negative marks
        ([1, 1], [1], 1.0, True, 1.0),  # duplicates collapse
    ],
)
def test_grade_item(selected, correct, weight, is_correct, points):
    grade = grade_item(selected, correct, weight)
    assert (grade.is_correct, grade.points) == (is_correct, points)


def test_grade_paper_sums_points_and_weights():
    grade = grade_paper([([1], [1], 1.0), ([0], [1], 1.0), ([0, 2], [0, 2], 2.0), (None, [3], 1.0)])
    assert grade.score == 3.0
    assert grade.max_score == 5.0
    assert grade.correct_count == 2
    assert [g.is_correct for g in grade.items] == [True, False, True, False]


def test_grade_empty_paper():
    grade = grade_paper([])
    assert (grade.score, grade.max_score, grade.correct_count) == (0, 0.0, 0)
