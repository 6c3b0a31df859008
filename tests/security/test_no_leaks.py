"""Nothing an entrant can fetch while an attempt is open gives the answers away, and personal
data is masked wherever the role does not need it."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date

import pytest
import sqlalchemy as sa

from contest.attempts.models import Attempt
from contest.extensions import db
from question_bank.models import Question
from tests.security.conftest import SECRET_IDS, SECRET_PHONES

FETCH = {"X-Requested-With": "fetch"}
ANSWER_KEYS = {"correct", "is_correct", "explanation", "weight", "question_id", "score_item"}
ANSWER_WORDS = ["đáp án đúng", "Giải thích", "data-correct", "is_correct", "is-correct",
                "class=\"correct", "✓ Đúng"]


def json_keys(value) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in json_keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in json_keys(v)}
    return set()


def option_markup(page: str, position: int) -> list[str]:
    """Each option <label> of a question with index, letter and text blanked, to compare."""
    fieldset = re.search(rf'<fieldset[^>]*id="q-{position}".*?</fieldset>', page, re.S)
    labels = re.findall(r'<label class="option">.*?</label>', fieldset.group(0), re.S)
    return [re.sub(r'value="\d+"', 'value="N"',
                   re.sub(r'<span class="option-text">.*?</span>', "TEXT",
                          re.sub(r'<span class="letter">.\.</span>', "L", label)))
            .replace(" checked", "") for label in labels]


@pytest.mark.parametrize("review_policy", ["after_submit", "after_close"])
def test_open_attempt_and_early_result_leak_no_answer(client, auth, make_round, make_user,
                                                      review_policy):
    round_ = make_round(question_count=6, review_policy=review_policy,
                        prediction_kind="full_marks_count")
    for question in db.session.scalars(sa.select(Question)):
        question.explanation = f"Lời giải bí mật {question.code}"
    db.session.commit()
    contest = round_.contest
    user = make_user(full_name="Trần Văn Sinh", phone="0977000111",
                     date_of_birth=date(1990, 5, 1))
    auth.login(user)
    bodies: list[str] = []

    def keep(response, expect: int | tuple = (200, 201, 302)):
        assert response.status_code in ((expect,) if isinstance(expect, int) else expect)
        bodies.append(response.get_data(as_text=True))
        return response

    keep(client.get(f"/dang-ky/{contest.invite_token}"))
    keep(client.post(f"/dang-ky/{contest.invite_token}",
                     data={"group_id": contest.groups[0].id, "unit_id": "", "consent": "y"}),
         302)
    keep(client.get(f"/cuoc-thi/{contest.id}"))
    keep(client.get("/bai-thi/cua-toi"))
    started = keep(client.post(f"/api/v1/rounds/{round_.id}/attempts", headers=FETCH), 201)
    public_id = started.get_json()["attempt_id"]
    paper = started.get_json()["questions"]
    for item in paper:
        keep(client.put(f"/api/v1/attempts/{public_id}/answers/{item['position']}",
                        json={"selected": [item["position"] % len(item["options"])]}))
        keep(client.get(f"/api/v1/attempts/{public_id}/status"))
    keep(client.put(f"/api/v1/attempts/{public_id}/prediction", json={"prediction": 3}))
    keep(client.post(f"/api/v1/attempts/{public_id}/events", json={"type": "tab_hidden"}))
    page = keep(client.get(f"/bai-thi/{public_id}")).get_data(as_text=True)
    keep(client.get(f"/bai-thi/{public_id}"))  # reload
    keep(client.get(f"/api/v1/attempts/{public_id}"))
    keep(client.get(f"/bai-thi/{public_id}/ket-qua"), 302)  # open: back to the paper
    keep(client.get("/bai-thi/cua-toi"))
    keep(client.get("/"))

    # The option markup of the correct answers looks exactly like the others'.
    attempt = db.session.scalar(sa.select(Attempt).where(Attempt.public_id == public_id))
    for item in attempt.items:
        shapes = option_markup(page, item.position)
        assert len(shapes) == len(item.options) and len(set(shapes)) == 1, shapes

    if review_policy == "after_close":  # after submit, before the round closes: still nothing
        keep(client.post(f"/api/v1/attempts/{public_id}/submit", json={}, headers=FETCH))
        keep(client.get(f"/bai-thi/{public_id}/ket-qua"))
        keep(client.get(f"/api/v1/attempts/{public_id}"))
        keep(client.get(f"/bai-thi/{public_id}"), 302)

    secrets = [f"Lời giải bí mật {q.code}" for q in db.session.scalars(sa.select(Question))]
    for body in bodies:
        for word in ANSWER_WORDS + secrets:
            assert word not in body, word
        if body.lstrip().startswith(("{", "[")):
            assert not json_keys(json.loads(body)) & ANSWER_KEYS, json_keys(json.loads(body))


def test_review_appears_only_when_allowed(client, auth, make_round, make_user, make_entrant):
    """The check above is not vacuous: after submit with after_submit, answers do appear."""
    round_ = make_round(question_count=3, review_policy="after_submit")
    user = make_user()
    make_entrant(user, round_.contest)
    auth.login(user)
    public_id = client.post(f"/api/v1/rounds/{round_.id}/attempts",
                            headers=FETCH).get_json()["attempt_id"]
    client.post(f"/api/v1/attempts/{public_id}/submit", json={})
    assert "đáp án đúng" in client.get(f"/bai-thi/{public_id}/ket-qua").get_data(as_text=True)
    assert "correct" in client.get(f"/api/v1/attempts/{public_id}").get_json()["questions"][0]


def contains_secret(text: str) -> list[str]:
    return [s for s in SECRET_PHONES + SECRET_IDS if s in text]


def export_text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def test_personal_data_masked_where_not_needed(client, auth, site):
    world = site.world
    leaks = {"public results": contains_secret(
        client.get(f"/ket-qua/dot/{world.round.id}").get_data(as_text=True))}
    auth.login(site.users["judge"])
    leaks["leaderboard (judge)"] = contains_secret(
        client.get(f"/cham-giai/dot/{world.round.id}").get_data(as_text=True))
    auth.logout()
    auth.login(site.users["organiser"])
    pages = {
        "leaderboard": f"/cham-giai/dot/{world.round.id}",
        "flags": f"/cham-giai/dot/{world.round.id}/canh-bao",
        "registrations": f"/quan-ly/cuoc-thi/{world.contest.id}/thi-sinh",
        "public results (organiser)": f"/ket-qua/dot/{world.round.id}",
        "certificates": f"/chung-nhan/vong/{world.round.id}",
        "unit roster": f"/thong-ke/cuoc-thi/{world.contest.id}/don-vi/{world.unit.id}",
    }
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
        leaks[name] = contains_secret(response.get_data(as_text=True))
    for kind in ("winners", "results", "units", "bulletin"):
        leaks[f"export {kind}"] = contains_secret(export_text(
            client.get(f"/cham-giai/dot/{world.round.id}/xuat/{kind}?dinh_dang=csv")))
    leaks["audit export"] = contains_secret(export_text(
        client.get("/cham-giai/nhat-ky/xuat?dinh_dang=csv")))
    assert not any(leaks.values()), {k: v for k, v in leaks.items() if v}
    # The verification export is the one place meant to hold them in full.
    full = export_text(client.post(f"/cham-giai/dot/{world.round.id}/xuat-doi-chieu",
                                   data={"reason": "Đối chiếu giải", "dinh_dang": "csv"}))
    assert SECRET_PHONES[0] in full and SECRET_IDS[0] in full
    rows = list(csv.reader(io.StringIO(full)))
    assert len(rows) >= 2
