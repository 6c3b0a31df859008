"""Pure flag detectors, table-driven."""

from __future__ import annotations

import pytest

from contest.judging import flags as f
from contest.judging.flags import AttemptRow, WrongAnswer


def row(attempt_id=1, registration_id=1, score=20.0, max_score=20.0, duration=600.0,
        questions=20, device="", ip="", tabs=0):
    return AttemptRow(attempt_id, registration_id, score, max_score, duration, questions,
                      device, ip, tabs)


@pytest.mark.parametrize(("score", "duration", "flagged"), [
    (20, 60, True),       # 3 s per question, full marks
    (20, 79.9, True),     # just under 4 s per question
    (20, 80, False),      # exactly the threshold is not "under"
    (19, 30, False),      # fast but not full marks
    (20, 600, False),     # full marks at a normal pace
    (None, 30, False),    # unfinished: no score
])
def test_fast_high_score(score, duration, flagged):
    result = f.fast_high_scores([row(score=score, duration=duration)])
    assert bool(result) is flagged
    if flagged:
        assert result[0].kind == f.FAST
        assert "giây/câu" in result[0].explanation


def test_fast_high_score_threshold_is_configurable():
    rows = [row(score=18, duration=100)]
    assert f.fast_high_scores(rows) == []
    assert len(f.fast_high_scores(rows, seconds_per_question=6, min_ratio=0.9)) == 1


def wrong(reg, question, choice="B"):
    return WrongAnswer(reg, question, (choice,))


@pytest.mark.parametrize(("answers", "min_shared", "pairs"), [
    # 1 and 2 share five identical wrong answers; 3 shares only two with them
    ([wrong(r, q) for r in (1, 2) for q in range(5)] + [wrong(3, q) for q in range(2)],
     5, {(1, 2): 5}),
    # same questions but a different wrong choice is not identical
    ([wrong(1, q, "B") for q in range(5)] + [wrong(2, q, "C") for q in range(5)], 5, {}),
    # three entrants all sharing three answers: every pair flagged at min 3
    ([wrong(r, q) for r in (1, 2, 3) for q in range(3)], 3, {(1, 2): 3, (1, 3): 3, (2, 3): 3}),
    ([], 1, {}),
])
def test_shared_wrong_answers(answers, min_shared, pairs):
    result = f.shared_wrong_answers(answers, min_shared=min_shared)
    assert {flag.registration_ids: flag.details["shared"] for flag in result} == pairs


def test_popular_wrong_choice_is_ignored():
    """A wrong option chosen by many is a misconception, not copying (and bounds the work)."""
    answers = [wrong(r, q) for r in range(100) for q in range(10)]
    assert f.shared_wrong_answers(answers, min_shared=5, group_cap=50) == []


def test_choice_key_ignores_display_order():
    assert f.choice_key(["x", "y", "z"], [2, 0]) == f.choice_key(["z", "y", "x"], [0, 2])
    assert f.choice_key(["x"], [5]) == ()
    assert f.choice_key(["x"], None) == ()


@pytest.mark.parametrize(("rows", "expected"), [
    ([row(1, 1, device="d"), row(2, 2, device="d"), row(3, 3, device="d")], [(1, 2, 3)]),
    ([row(1, 1, device="d"), row(2, 1, device="d"), row(3, 2, device="d")], []),  # 2 accounts
    ([row(1, 1), row(2, 2), row(3, 3)], []),  # no device recorded
])
def test_shared_devices(rows, expected):
    assert [flag.registration_ids for flag in f.shared_devices(rows)] == expected


def test_shared_address_explains_the_address():
    rows = [row(i, i, ip="10.0.0.1") for i in range(1, 5)]
    [flag] = f.shared_addresses(rows)
    assert flag.registration_ids == (1, 2, 3, 4)
    assert "10.0.0.1" in flag.explanation and "4 tài khoản" in flag.explanation


@pytest.mark.parametrize(("tabs", "flagged"), [(0, False), (5, False), (6, True)])
def test_tab_switches(tabs, flagged):
    assert bool(f.many_tab_switches([row(tabs=tabs)])) is flagged


def test_all_flags_combines_detectors():
    rows = [row(1, 1, duration=10, tabs=9)]
    kinds = {flag.kind for flag in f.all_flags(rows, [])}
    assert kinds == {f.FAST, f.TAB_SWITCHES}
