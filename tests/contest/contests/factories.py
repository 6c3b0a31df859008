"""Factory fixtures shared by the contest and registration tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from contest.contests.groups import add_group
from contest.contests.services import create_contest, create_round
from contest.extensions import db, utcnow
from question_bank.services import create_question, get_or_create_bank


@pytest.fixture
def fill_bank(app) -> Callable:
    """Factory: ``fill_bank("B", {(area, difficulty): n})`` adds active questions, returns Bank."""
    counter = {"n": 0}

    def factory(name: str, counts: dict[tuple[int, int], int]):
        for (area, difficulty), n in counts.items():
            for _ in range(n):
                counter["n"] += 1
                k = counter["n"]
                create_question(code=f"{name[:3]}{k:05d}", text=f"Câu hỏi {name} số {k}?",
                                area_id=area, difficulty=difficulty,
                                options=[f"Đáp án {k}A", f"Đáp án {k}B"], correct=[0],
                                banks=[name])
        bank = get_or_create_bank(name)
        db.session.commit()
        return bank

    return factory


@pytest.fixture
def make_contest(app, fill_bank) -> Callable:
    """Factory: a contest with groups CBCCVC and Người dân (10 questions each, area 1,
    medium), optionally published and with one open round."""

    def factory(published: bool = True, with_round: bool = True, **fields):
        fields.setdefault("title", "Cuộc thi tìm hiểu CCHC 2025")
        fields.setdefault("rules_text", "Thể lệ: mỗi đợt 20 phút.")
        contest = create_contest(**fields)
        add_group(contest, "CBCCVC", [fill_bank("Ngân hàng CBCCVC", {(1, 2): 10}).id])
        add_group(contest, "Người dân", [fill_bank("Ngân hàng người dân", {(1, 2): 10}).id])
        if with_round:
            now = utcnow()
            create_round(contest, name="Tuần 1", opens_at=now - timedelta(hours=1),
                         closes_at=now + timedelta(days=6), question_count=5,
                         time_limit_minutes=10)
        if published:
            contest.move_to("published")
        db.session.commit()
        return contest

    return factory
