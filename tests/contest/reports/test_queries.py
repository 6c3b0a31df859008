"""Dashboard queries on the small contest of conftest.py (figures worked out by hand)."""

from __future__ import annotations

import math

import pytest

from contest.reports import queries
from contest.reports.unit_queries import (
    block_participation,
    sort_units,
    unit_participation,
    unit_roster,
)
from tests.contest.reports.conftest import NOW


def test_overview_leaves_out_practice_open_and_disqualified(dataset):
    o = queries.overview(dataset.contest.id)
    assert (o.registrations, o.entrants, o.attempts, o.full_marks) == (5, 4, 6, 1)


def test_attempts_per_hour_buckets_in_vietnam_time(dataset):
    points = queries.attempts_per_hour(dataset.contest.id, NOW)
    assert len(points) == 48
    assert points[-1].label == "20h 12/03"
    counts = {p.label: p.count for p in points if p.count}
    # a6 started 17:30 UTC on 11/03, which is 00:30 on 12/03 in Vietnam.
    assert counts == {"14h 11/03": 1, "00h 12/03": 1, "17h 12/03": 1, "19h 12/03": 2,
                      "20h 12/03": 1}


def test_attempts_per_day_covers_the_contest_so_far(dataset):
    points = queries.attempts_per_day(dataset.contest.id, NOW)
    assert points[0].label == "02/03" and points[-1].label == "12/03"
    counts = {p.label: p.count for p in points if p.count}
    assert counts == {"07/03": 1, "11/03": 1, "12/03": 5}


def test_score_bands_follow_the_bulletin(dataset):
    bands = {b.key: b.count for b in queries.score_bands(dataset.contest.id)}
    assert bands == {"100%": 1, ">=75%": 1, "25-75%": 2, "<25%": 1, "0": 1}


def test_score_bands_of_one_round(dataset):
    bands = queries.score_bands(dataset.contest.id, dataset.practice.id)
    assert sum(b.count for b in bands) == 0


def test_area_accuracy_puts_the_weakest_area_first(dataset):
    rows = queries.area_accuracy(dataset.contest.id)
    assert [(r.area_id, r.answered, r.correct) for r in rows[:3]] == [
        (3, 1, 0), (1, 4, 2), (2, 8, 4)]
    assert [r.percent for r in rows[3:]] == [None, None, None]


def test_item_statistics_from_sql_match_hand_values(dataset):
    rows = {r.code: r.stat for r in queries.item_statistics(dataset.contest.id)}
    r = 1 / math.sqrt(2)
    assert rows["Q1"].n == 4 and rows["Q1"].facility == 50.0
    assert rows["Q1"].discrimination == pytest.approx(r)
    assert rows["Q2"].discrimination == pytest.approx(0.0) and rows["Q2"].needs_review
    assert rows["Q3"].discrimination == pytest.approx(r) and not rows["Q3"].needs_review
    assert rows["Q4"].n == 1 and rows["Q4"].discrimination is None


def test_hardest_questions_come_first(dataset):
    rows = queries.hardest(queries.item_statistics(dataset.contest.id))
    assert rows[0].code == "Q4"


def test_unit_participation_counts_entrants_against_headcount(dataset):
    rows = {r.code: r for r in unit_participation(dataset.contest.id)}
    u1, u2, u3 = rows["U1"], rows["U2"], rows["U3"]
    assert (u1.registered, u1.stats.entrants, u1.stats.attempts, u1.rate_percent) == (
        3, 2, 4, 50.0)
    assert (u2.registered, u2.stats.entrants, u2.stats.attempts, u2.rate_percent) == (
        1, 1, 1, 50.0)
    assert u3.stats.entrants == 1 and u3.rate_percent is None  # no headcount


def test_block_participation_adds_units_up(dataset):
    blocks = {b.name: b for b in block_participation(unit_participation(dataset.contest.id))}
    assert blocks["Khối sở, ngành"].stats.headcount == 6
    assert blocks["Khối sở, ngành"].rate_percent == 50.0
    assert blocks["Khối xã, phường"].rate_percent is None


def test_units_sort_by_any_column_with_unknown_rates_last(dataset):
    rows = unit_participation(dataset.contest.id)
    assert [r.code for r in sort_units(rows, "attempts", True)] == ["U1", "U2", "U3"]
    assert sort_units(rows, "rate", True)[-1].code == "U3"
    assert sort_units(rows, "rate", False)[-1].code == "U3"
    assert [r.code for r in sort_units(rows, "name", False)] == ["U1", "U2", "U3"]


def test_unit_roster_shows_who_took_part_and_who_did_not(dataset):
    people = unit_roster(dataset.contest.id, dataset.units[0].id)
    status = {p.full_name: p.status for p in people}
    assert status == {"Nguyễn Văn An": "Đã thi", "Trần Thị Bình": "Đã thi",
                      "Hoàng Văn Em": "Chưa đăng ký", "Đỗ Thị Giang": "Đã đăng ký, chưa thi"}
    an = next(p for p in people if p.full_name == "Nguyễn Văn An")
    assert an.attempts == 2 and an.best_score == 3
    assert an.phone.startswith("*******") and dataset.users["e1"].phone not in an.phone
    assert people[0].status == "Chưa đăng ký"  # those to chase first
