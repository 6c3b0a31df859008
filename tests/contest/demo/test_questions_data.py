"""The demo question data itself, checked without a database."""

from __future__ import annotations

from collections import Counter

from contest.demo.questions import CITIZEN_BANK, QUESTIONS, STAFF_BANK, banks_for
from question_bank.rules import auto_keep_in_place, question_problems


def test_there_are_at_least_twelve_questions_per_reform_area():
    per_area = Counter(q["area"] for q in QUESTIONS)
    assert sorted(per_area) == [1, 2, 3, 4, 5, 6]
    assert min(per_area.values()) >= 12


def test_every_question_follows_the_question_rules():
    for q in QUESTIONS:
        problems = question_problems(text=q["text"], options=q["options"], correct=q["correct"],
                                     code=q["code"], explanation=q["explanation"],
                                     legal_basis=q["legal_basis"])
        assert problems == [], (q["code"], problems)
        assert q["difficulty"] in (1, 2, 3), q["code"]
        assert q["explanation"] and q["legal_basis"], q["code"]


def test_codes_and_texts_are_unique():
    assert len({q["code"] for q in QUESTIONS}) == len(QUESTIONS)
    assert len({q["text"] for q in QUESTIONS}) == len(QUESTIONS)


def test_the_bank_exercises_option_counts_multiple_answers_and_fixed_options():
    counts = Counter(len(q["options"]) for q in QUESTIONS)
    assert {2, 3, 4, 5, 6} <= set(counts)
    assert sum(len(q["correct"]) > 1 for q in QUESTIONS) >= 3
    fixed = [q for q in QUESTIONS if q.get("keep_in_place")]
    assert len(fixed) >= 3
    for q in fixed:  # the explicit marks agree with the automatic detection
        assert q["keep_in_place"] == auto_keep_in_place(q["options"]), q["code"]
    for q in QUESTIONS:
        if not q.get("keep_in_place"):
            assert auto_keep_in_place(q["options"]) == [], q["code"]


def test_citizen_bank_is_an_easier_subset_covering_every_area():
    citizen = [q for q in QUESTIONS if CITIZEN_BANK in banks_for(q)]
    assert len(citizen) >= 40
    assert {q["area"] for q in citizen} == {1, 2, 3, 4, 5, 6}
    assert {q["difficulty"] for q in citizen} <= {1, 2}
    assert all(STAFF_BANK in banks_for(q) for q in QUESTIONS)
