"""An entrant can never read or change another entrant's attempt, by id or by guessing."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from contest.attempts.models import Attempt, AttemptItem
from contest.extensions import db

FETCH = {"X-Requested-With": "fetch"}


def snapshot(public_id: str) -> tuple:
    attempt = db.session.scalar(sa.select(Attempt).where(Attempt.public_id == public_id))
    db.session.refresh(attempt)
    items = db.session.execute(sa.select(AttemptItem.position, AttemptItem.selected)
                               .where(AttemptItem.attempt_id == attempt.id)
                               .order_by(AttemptItem.position)).all()
    return (attempt.status, attempt.prediction, attempt.tab_switches, attempt.score,
            tuple((p, tuple(s or [])) for p, s in items))


def requests_on(public_id: str) -> list[tuple[str, str, dict | None]]:
    api = f"/api/v1/attempts/{public_id}"
    return [
        ("GET", api, None), ("GET", f"{api}/status", None),
        ("PUT", f"{api}/answers/1", {"selected": [1]}),
        ("PUT", f"{api}/answers/3", {"selected": []}),
        ("PUT", f"{api}/prediction", {"prediction": 42}),
        ("POST", f"{api}/events", {"type": "tab_hidden"}),
        ("POST", f"{api}/submit", {"prediction": 7}),
        ("GET", f"/bai-thi/{public_id}", None), ("GET", f"/bai-thi/{public_id}/ket-qua", None),
        ("POST", f"/bai-thi/{public_id}/nop-bai", None),
    ]


def guesses(site) -> list[str]:
    """Another's real public id, its integer id, neighbours, and id-shaped junk."""
    theirs = site.theirs.public_id
    return [theirs, str(site.theirs.id), str(site.mine.id), str(site.theirs.id + 1), "1", "0",
            theirs.upper() if theirs.upper() != theirs else theirs.lower(), theirs[:-1],
            theirs + "A", "%2e%2e", "..", "null", "-1", "' OR '1'='1", "x" * 300]


@pytest.mark.parametrize("role", ["entrant", "admin"])
def test_no_request_reaches_another_entrants_attempt(client, auth, site, role):
    # Another entrant's attempt with some answers already saved.
    auth.login(site.other)
    assert client.put(f"/api/v1/attempts/{site.theirs.public_id}/answers/3",
                      json={"selected": [2]}).status_code == 200
    auth.logout()
    auth.login(site.users[role])
    before = snapshot(site.theirs.public_id)
    for guess in guesses(site):
        for method, url, body in requests_on(guess):
            if role != "entrant" and not url.startswith("/api/"):
                continue  # staff never reach entrant pages at all (403, access matrix)
            response = client.open(url, method=method, json=body, headers=FETCH)
            assert response.status_code == 404, (method, url, response.status_code)
            text = response.get_data(as_text=True)
            assert site.theirs.public_id not in text or site.theirs.public_id in guess
            assert "Phương án" not in text and "Câu hỏi số" not in text
    assert snapshot(site.theirs.public_id) == before


def test_own_attempt_works_by_public_id_but_not_by_integer_id(client, auth, site):
    auth.login(site.entrant)
    assert client.get(f"/api/v1/attempts/{site.mine.public_id}").status_code == 200
    assert client.get(f"/bai-thi/{site.mine.public_id}").status_code == 200
    for method, url, body in requests_on(str(site.mine.id)):
        assert client.open(url, method=method, json=body, headers=FETCH).status_code == 404


def test_public_ids_are_unguessable_and_no_route_takes_an_attempt_integer(app, site):
    assert len(site.mine.public_id) >= 20 and not site.mine.public_id.isdigit()
    for rule in app.url_map.iter_rules():
        if "attempt" in rule.endpoint or "/bai-thi/" in rule.rule:
            assert not any(name in rule.arguments for name in ("attempt_id", "id")), rule.rule
            int_args = {k for k, v in rule._converters.items()
                        if type(v).__name__ == "IntegerConverter"}
            assert int_args <= {"round_id", "position"}, rule.rule


def test_my_attempts_lists_only_mine(client, auth, site):
    auth.login(site.entrant)
    text = client.get("/bai-thi/cua-toi").get_data(as_text=True)
    assert site.mine.public_id in text and site.theirs.public_id not in text
