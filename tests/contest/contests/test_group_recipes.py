"""A round's paper recipe per entrant group: set on the round's organiser pages, used by the
draw at a start and by prepared papers."""

from __future__ import annotations

import sqlalchemy as sa

from contest.attempts.models import Attempt, AttemptItem
from contest.attempts.prepared import prepare_papers
from contest.audit.models import AuditEntry
from contest.extensions import db


def recipe_form(**fields):
    data = {"question_count": "3", "r_2_0": "3"}
    data.update(fields)
    return data


def test_citizens_get_their_own_shorter_paper(client, auth, make_user, contest_world,
                                              make_attempt):
    world = contest_world(entrants=2, question_count=5)
    officials, citizens = world.groups
    auth.login(make_user(role="organiser"))
    url = f"/quan-ly/dot-thi/{world.round.id}/khoi/{citizens.id}/co-cau-de"
    assert client.get(url).status_code == 200
    response = client.post(url, data=recipe_form())
    assert response.status_code == 302
    assert world.round.group_recipes == {
        str(citizens.id): {"question_count": 3,
                           "recipe": [{"area": 2, "difficulty": None, "count": 3}]}}
    assert db.session.scalar(sa.select(AuditEntry.action).order_by(AuditEntry.id.desc())
                             ) == "round.group_recipe"
    detail = client.get(f"/quan-ly/dot-thi/{world.round.id}").get_data(as_text=True)
    assert "đề riêng 3 câu" in detail and "dùng cơ cấu đề chung" in detail
    auth.logout()
    # world.users[0] is in the officials' group, world.users[1] a citizen.
    official = make_attempt(world.users[0], world.round, finished=False)
    citizen = make_attempt(world.users[1], world.round, finished=False)
    areas = {a.id: list(db.session.scalars(sa.select(AttemptItem.area_id)
                                           .where(AttemptItem.attempt_id == a.id)))
             for a in (official, citizen)}
    assert len(areas[official.id]) == 5
    assert areas[citizen.id] == [2, 2, 2]
    # Prepared papers follow the group's recipe too.
    counts = prepare_papers(world.round, count=2)
    assert counts[citizens] == 2 and counts[officials] == 2
    db.session.rollback()


def test_a_recipe_the_banks_cannot_fill_or_that_does_not_add_up_is_refused(
        client, auth, make_user, contest_world):
    world = contest_world(entrants=0, question_count=5)
    citizens = world.groups[1]
    auth.login(make_user(role="organiser"))
    url = f"/quan-ly/dot-thi/{world.round.id}/khoi/{citizens.id}/co-cau-de"
    response = client.post(url, data=recipe_form(question_count="4"))
    assert response.status_code == 200
    assert "là 3, phải bằng số câu của đề (4)" in response.get_data(as_text=True)
    response = client.post(url, data=recipe_form(question_count="9", r_2_0="9"))
    assert response.status_code == 200
    assert "Ngân hàng câu hỏi không đủ" in response.get_data(as_text=True)
    assert world.round.group_recipes == {}
    # Back to the round's recipe.
    client.post(url, data=recipe_form())
    client.post(url, data={"use_round": "y"})
    db.session.refresh(world.round)
    assert world.round.group_recipes == {}


def test_another_contests_group_is_not_found(client, auth, make_user, contest_world):
    one, other = contest_world(entrants=0), contest_world(entrants=0)
    auth.login(make_user(role="organiser"))
    url = f"/quan-ly/dot-thi/{one.round.id}/khoi/{other.groups[1].id}/co-cau-de"
    assert client.get(url).status_code == 404
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Attempt)) == 0


def test_the_contest_page_tells_a_citizen_the_length_of_their_own_paper(
        client, auth, contest_world):
    world = contest_world(entrants=2, question_count=5)
    citizens = world.groups[1]
    world.round.group_recipes = {str(citizens.id): {"question_count": 3, "recipe": []}}
    db.session.commit()
    auth.login(world.users[1])  # a citizen
    body = client.get(f"/cuoc-thi/{world.contest.id}").get_data(as_text=True)
    assert "3 câu hỏi trong 20 phút" in body
