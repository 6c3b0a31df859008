"""The SQL path (queries/services) gives exactly what the pure functions define."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from contest.audit.models import AuditEntry
from contest.contests.models import Round
from contest.extensions import db
from contest.ranking import queries, services
from contest.ranking.collective import band_counts
from contest.ranking.individual import (
    AttemptResult,
    Registrant,
    overall_entries,
    pick_counted,
    rank_by_group,
    round_entries,
)
from contest.ranking.prediction import RoundCounts, prediction_truth
from contest.ranking.tiebreak import RankingError

CHAINS = [
    ["score", "prediction_error", "submitted_at"],
    ["score", "time_taken", "prediction_error"],
    ["score", "time_taken", "attempt_count", "registered_at"],
    ["score", "time_taken", "attempt_count"],
]


def pure_inputs(world, round_):
    attempts = [AttemptResult(a.id, a.registration_id, a.number, a.status, a.score,
                              a.max_score, a.prediction, a.duration_seconds, a.finished_at)
                for a in world.attempts if a.round_id == round_.id]
    people = [Registrant(r.id, r.created_at, r.group_id, r.unit_id, r.user_id, r.disqualified)
              for r in world.registrations]
    return attempts, people


def pure_round(world, round_, chain, exclude=frozenset()):
    attempts, people = pure_inputs(world, round_)
    entries = round_entries(attempts, people, round_.counting, chain, round_.prediction_truth,
                            exclude)
    return entries


def flat(groups):
    return {g: [(r.rank, r.tied, r.entry) for r in rows] for g, rows in groups.items()}


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("counting", ["best", "first", "last"])
@pytest.mark.parametrize("chain", CHAINS)
def test_round_ranking_sql_matches_pure(make_world, seed, counting, chain):
    world = make_world(seed)
    round_ = world.rounds[0]
    world.contest.tie_breaks = chain
    round_.counting = counting
    round_.prediction_truth = 13.5
    world.registrations[3].disqualified = True
    db.session.commit()
    sql = services.round_ranking(round_, exclude_ids={world.registrations[4].id})
    pure = rank_by_group(pure_round(world, round_, chain, {world.registrations[4].id}), chain)
    assert flat(sql) == flat(pure)
    assert sum(len(rows) for rows in sql.values()) > 10
    assert any(row.tied for rows in sql.values() for row in rows) or chain != CHAINS[3]


def test_round_ranking_for_one_group_and_unknown_truth(make_world):
    world = make_world(3)
    round_, group = world.rounds[0], world.groups[1]
    sql = services.round_ranking(round_, group_id=group.id)
    chain = world.contest.tie_breaks
    pure = rank_by_group([e for e in pure_round(world, round_, chain) if e.group_id == group.id],
                         chain)
    assert list(sql) == [group.id]
    assert flat(sql) == flat(pure)
    assert all(row.entry.prediction_error is None for row in sql[group.id])


def pure_counts(world, round_) -> RoundCounts:
    attempts, _ = pure_inputs(world, round_)
    finished = [a for a in attempts if a.status != "open"]
    people = {a.registration_id for a in finished}
    full = 0
    for rid in people:
        counted = pick_counted([a for a in finished if a.registration_id == rid],
                               round_.counting, ["score"])
        full += counted.score >= counted.max_score
    return RoundCounts(len(people), len(finished), full)


@pytest.mark.parametrize("kind", ["full_marks_count", "entrant_count", "attempt_count",
                                  "full_marks_percent", "none"])
@pytest.mark.parametrize("counting", ["best", "last"])
def test_close_round_prediction_stores_truth(make_world, kind, counting):
    world = make_world(4)
    round_ = world.rounds[1]
    round_.prediction_kind, round_.counting = kind, counting
    world.registrations[0].disqualified = True  # the truth is a fact of the round: still counted
    truth = services.close_round_prediction(round_)
    db.session.commit()
    expected = prediction_truth(kind, pure_counts(world, round_))
    assert truth == expected
    assert db.session.get(Round, round_.id).prediction_truth == expected
    entry = db.session.scalars(sa.select(AuditEntry)).one()
    assert (entry.action, entry.target_id, entry.details["truth"]) == (
        "round.prediction_truth", round_.id, expected)
    if kind == "entrant_count":
        assert truth == len({a.registration_id for a in world.attempts
                             if a.round_id == round_.id and a.status != "open"})


def test_overall_ranking_sums_counted_rounds_but_not_practice(make_world):
    world = make_world(5, entrants=30, rounds=3)
    chain = ["score", "time_taken", "attempt_count"]
    world.contest.tie_breaks = chain
    world.rounds[0].prediction_truth = 12.0
    world.rounds[1].counting = "first"
    db.session.commit()
    sql = services.overall_ranking(world.contest)
    counted = [r for r in world.rounds if not r.is_practice]
    totals = overall_entries((pure_round(world, r, chain), r.prediction_truth is not None)
                             for r in counted)
    assert flat(sql) == flat(rank_by_group(totals, chain))
    practice = world.rounds[-1]
    assert practice.is_practice
    top = next(iter(sql.values()))[0].entry
    assert top.rounds <= 3


def pure_unit_figures(world, rounds):
    chain = world.contest.tie_breaks
    figures: dict[int, list] = {}
    for round_ in rounds:
        for e in pure_round(world, round_, chain):
            if e.unit_id is None:
                continue
            f = figures.setdefault(e.unit_id, [set(), 0, 0.0, 0, 0])
            f[0].add(e.registration_id)
            f[1] += e.attempt_count
            f[2] += e.score
            f[3] += 1
            f[4] += e.score >= e.max_score
    return {uid: (len(f[0]), f[1], f[2], f[3], f[4]) for uid, f in figures.items()}


@pytest.mark.parametrize("whole_contest", [False, True])
def test_unit_stats_sql_match_pure_figures(make_world, whole_contest):
    world = make_world(6, entrants=60)
    world.registrations[1].disqualified = True
    world.contest.collective_formula = "rate_then_average"
    db.session.commit()
    rounds = [r for r in world.rounds if not r.is_practice] if whole_contest else world.rounds[:1]
    result = services.unit_results(world.contest, None if whole_contest else rounds[0])
    expected = pure_unit_figures(world, rounds)
    got = {s.unit_id: (s.entrants, s.attempts, s.score_total, s.counted, s.full_marks)
           for s in result.units if s.counted}
    assert got == expected
    assert {s.unit_id for s in result.units} == {u.id for u in world.units}
    for block, rows in result.ranking.items():
        assert all(r.stats.block_id == block and r.stats.rate >= 0.5 for r in rows)
    assert sum(b.entrants for b in result.blocks.values()) == sum(
        s.entrants for s in result.units)


@pytest.mark.parametrize("counted_only", [True, False])
def test_score_bands_sql_match_pure(make_world, counted_only):
    world = make_world(7, entrants=50)
    round_ = world.rounds[0]
    if counted_only:
        pairs = [(e.score, e.max_score)
                 for e in pure_round(world, round_, world.contest.tie_breaks)]
    else:
        pairs = [(a.score or 0.0, a.max_score) for a in world.attempts
                 if a.round_id == round_.id and a.status != "open"]
    assert queries.band_sql([round_.id], counted_only) == band_counts(pairs)


def test_round_results_tally_units_like_the_sql_unit_stats(make_world):
    world = make_world(8, entrants=60)
    world.registrations[2].disqualified = True
    world.contest.collective_formula = "points"
    db.session.commit()
    round_ = world.rounds[0]
    results = services.round_results(round_)
    assert flat(results.ranking) == flat(services.round_ranking(round_))
    sql = services.unit_results(world.contest, round_)
    assert results.units.units == sql.units
    assert results.units.blocks == sql.blocks
    assert [[(r.rank, r.stats.unit_id, r.points) for r in rows]
            for rows in results.units.ranking.values()] == [
        [(r.rank, r.stats.unit_id, r.points) for r in rows] for rows in sql.ranking.values()]


def test_prediction_truth_waits_for_the_round_to_close(make_world):
    world = make_world(9, entrants=5)
    round_ = world.rounds[0]
    round_.prediction_kind = "entrant_count"
    with pytest.raises(RankingError, match="chưa kết thúc"):
        services.close_round_prediction(round_, now=round_.opens_at)
    assert round_.prediction_truth is None
    assert services.close_round_prediction(round_, now=round_.closes_at) is not None
