"""Tie-break explanations and rule errors follow the reader's language; Vietnamese by default."""

from __future__ import annotations

import pytest
from flask import g

from contest.ranking.prizes import prize_slots
from contest.ranking.tiebreak import Entry, RankingError, explain, normalise_chain

A = Entry(registration_id=1, score=18, max_score=20, time_taken=200)
B = Entry(registration_id=2, score=18, max_score=20, time_taken=65)


@pytest.fixture
def in_english(app):
    with app.test_request_context(headers={"Cookie": "lang=en"}):
        g.pop("_flask_babel", None)  # the app fixture's context outlives requests
        yield
        g.pop("_flask_babel", None)


def test_vietnamese_without_a_request():
    assert explain(B, A, ["time_taken"]) == (
        "Bằng điểm (18/20); thời gian làm bài 1 phút 05 giây < 3 phút 20 giây")


def test_explain_in_english(in_english):
    assert explain(B, A, ["time_taken"]) == (
        "Same score (18/20); time taken 1 min 05 s < 3 min 20 s")
    assert explain(A, Entry(registration_id=3, score=18, max_score=20, time_taken=200),
                   ["time_taken"]).endswith("tied; shown in order of registration ID 1 < 3")


def test_rule_errors_in_english(in_english):
    with pytest.raises(RankingError, match="Invalid ranking criterion: “speed”."):
        normalise_chain(["speed"])
    with pytest.raises(RankingError, match="cannot be negative"):
        prize_slots({"nhat": -1}, 10)
