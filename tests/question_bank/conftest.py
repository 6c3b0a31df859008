"""Fixtures for question-bank tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from contest.extensions import db
from question_bank.services import create_question


@pytest.fixture
def make_question(app) -> Callable:
    """Factory: ``make_question(text=..., banks=["B"])`` creates and commits a question."""
    counter = {"n": 0}

    def factory(**fields):
        counter["n"] += 1
        n = counter["n"]
        fields.setdefault("code", f"T{n:04d}")
        fields.setdefault("text", f"Câu hỏi thử số {n}?")
        fields.setdefault("area_id", 1)
        fields.setdefault("difficulty", 2)
        fields.setdefault("options", [f"Phương án {n}A", f"Phương án {n}B", f"Phương án {n}C"])
        fields.setdefault("correct", [0])
        fields.setdefault("banks", ["Ngân hàng thử"])
        question = create_question(**fields)
        db.session.commit()
        return question

    return factory
