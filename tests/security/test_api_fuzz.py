"""Property-based: random bodies, ids, positions and selections sent to the attempt API never
return a 500 and never change another entrant's attempt."""

from __future__ import annotations

import string
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contest.attempts.services import start_attempt
from contest.extensions import db
from tests.security.test_ownership import snapshot

FETCH = {"X-Requested-With": "fetch"}
SETTINGS = settings(max_examples=100, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])

huge = st.sampled_from([2**31 - 1, 2**31, 2**63, 2**64, 2**80, 10**30])
scalars = (st.none() | st.booleans() | st.integers(-(2**70), 2**70) | huge
           | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=12))
json_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                           | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                           max_leaves=8)
selections = (st.lists(st.integers(-3, 8) | huge, max_size=5) | json_values)
bodies = st.one_of(
    json_values,
    st.fixed_dictionaries({"selected": selections}),
    st.fixed_dictionaries({"selected": selections}),
    st.fixed_dictionaries({"prediction": json_values | st.floats() | st.integers()}),
    st.fixed_dictionaries({"type": st.sampled_from(["tab_hidden", "", "TAB_HIDDEN"])
                           | json_values}),
    st.binary(max_size=30),  # not JSON at all
)
junk_ids = st.text(alphabet=string.ascii_letters + string.digits + "-_.~%' ", min_size=1,
                   max_size=40)
positions = st.integers(-5, 12) | huge
ENDPOINTS = ["answer"] * 4 + ["prediction", "submit", "event", "paper", "status", "start",
                              "form"]


@pytest.fixture
def fuzz_site(make_round, make_entrant, make_user, client, auth):
    round_ = make_round(question_count=4, attempt_policy="unlimited",
                        prediction_kind="full_marks_count")
    me, other = make_user(), make_user()
    make_entrant(me, round_.contest)
    make_entrant(other, round_.contest)
    mine = start_attempt(me.id, round_.id).attempt
    theirs = start_attempt(other.id, round_.id).attempt
    db.session.commit()
    auth.login(other)
    client.put(f"/api/v1/attempts/{theirs.public_id}/answers/2", json={"selected": [1]},
               headers=FETCH)
    auth.logout()
    auth.login(me)
    return round_, mine.public_id, theirs.public_id


@SETTINGS
@given(data=st.data())
def test_attempt_api_fuzz(client, fuzz_site, data):
    round_, mine, theirs = fuzz_site
    before = snapshot(theirs)
    endpoint = data.draw(st.sampled_from(ENDPOINTS))
    public_id = data.draw(st.sampled_from([mine, mine, theirs]) | junk_ids)
    pid = quote(public_id, safe="")
    body = data.draw(bodies)
    kwargs = ({"data": body, "content_type": "application/json"} if isinstance(body, bytes)
              else {"json": body})
    api = f"/api/v1/attempts/{pid}"
    if endpoint == "answer":
        position = data.draw(positions)
        response = client.put(f"{api}/answers/{position}", headers=FETCH, **kwargs)
    elif endpoint == "prediction":
        response = client.put(f"{api}/prediction", headers=FETCH, **kwargs)
    elif endpoint == "submit":
        response = client.post(f"{api}/submit", headers=FETCH, **kwargs)
    elif endpoint == "event":
        response = client.post(f"{api}/events", headers=FETCH, **kwargs)
    elif endpoint == "paper":
        response = client.get(api)
    elif endpoint == "status":
        response = client.get(f"{api}/status")
    elif endpoint == "start":
        round_id = data.draw(st.sampled_from([round_.id]) | st.integers(0, 99) | huge)
        response = client.post(f"/api/v1/rounds/{round_id}/attempts", headers=FETCH, **kwargs)
    else:  # the plain HTML submit form
        form = data.draw(st.dictionaries(st.sampled_from(["q1", "q2", "q4", "q9", "prediction"]),
                                         st.text(max_size=8), max_size=4))
        response = client.post(f"/bai-thi/{pid}/nop-bai", data=form)
    assert response.status_code < 500, (endpoint, public_id, body, response.status_code,
                                         response.get_data(as_text=True)[:300])
    if public_id != mine and response.status_code not in (404, 405):
        assert endpoint == "start" or response.status_code in (400, 403), response.status_code
    assert snapshot(theirs) == before
