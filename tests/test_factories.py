"""The shared factories (tests/factories.py) build what they promise."""

from __future__ import annotations

from contest.attempts.models import AttemptStatus


def test_contest_world_is_a_published_contest_with_an_open_round(contest_world):
    world = contest_world(entrants=4, per_area=2)
    assert world.contest.status == "published"
    assert world.round.status == "open"
    assert [g.name for g in world.groups] == ["Khối CBCCVC", "Người dân"]
    assert all(g.banks == [world.bank] for g in world.groups)
    assert len(world.bank.questions) == 12  # two per reform area
    assert [r.group for r in world.registrations] == [world.groups[0], world.groups[1]] * 2
    assert {r.user_id for r in world.registrations} == {u.id for u in world.users}


def test_make_attempt_opens_or_submits_through_the_services(contest_world, make_attempt):
    world = contest_world(entrants=2)
    open_one = make_attempt(world.users[0], world.round, answers={1: [0]}, finished=False)
    assert open_one.status == AttemptStatus.OPEN and open_one.score is None
    assert open_one.items[0].selected == [0]
    done = make_attempt(world.users[1], world.round)
    assert done.status == AttemptStatus.SUBMITTED
    assert done.score == 0 and done.max_score == world.round.question_count


def test_make_unit_and_make_bank(make_unit, make_bank):
    unit = make_unit(name="Sở Nội vụ", block="Khối sở, ngành", headcount=7)
    assert (unit.code, unit.block.name, unit.headcount) == ("DV001", "Khối sở, ngành", 7)
    bank = make_bank("Ngân hàng thử", {(1, 2): 3, (2, 1): 2})
    assert sorted((q.area_id, q.difficulty) for q in bank.questions) == [(1, 2)] * 3 + [(2, 1)] * 2
