"""The vocabulary: one enum per setting with its labels, the finished group, the defaults, and
the database checks derived from the enums."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import g
from sqlalchemy.exc import IntegrityError

from contest import vocabulary as v
from contest.accounts.models import User
from contest.attempts.models import Attempt
from contest.contests.forms import ContestForm, GroupForm, RoundForm
from contest.contests.models import Contest, EntrantGroup, Round
from contest.contests.services import ROUND_DEFAULTS
from contest.extensions import db, enum_check, utcnow
from contest.ranking.tiebreak import KEYS, RankingError, normalise_chain
from question_bank.models import Question
from tests.lang import english

ROOT = Path(__file__).resolve().parents[2]
ENUMS = [v.AttemptStatus, v.ContestStatus, v.RoundStatus, v.AttemptPolicy, v.Counting,
         v.PredictionKind, v.ReviewPolicy, v.TieBreakKey, v.CollectiveFormula, v.PrizeTier,
         v.RegistrationField, v.AuditAction]


@pytest.fixture
def in_language(app):
    """``in_language("en")``: a request context whose pages are in that language."""
    contexts = []

    def enter(lang: str):
        ctx = app.test_request_context(headers={"Cookie": f"lang={lang}"})
        ctx.push()
        g.pop("_flask_babel", None)
        contexts.append(ctx)

    yield enter
    for ctx in reversed(contexts):
        g.pop("_flask_babel", None)
        ctx.pop()


@pytest.mark.parametrize("enum_cls", ENUMS, ids=lambda e: e.__name__)
def test_every_member_has_a_vietnamese_and_an_english_label(enum_cls, in_language):
    in_language("vi")
    vietnamese = {m: m.label for m in enum_cls}
    in_language("en")
    english_labels = {m: m.label for m in enum_cls}
    for member in enum_cls:
        assert member.vietnamese and vietnamese[member] == member.vietnamese
        assert english_labels[member], member
    # Vietnamese and English differ somewhere (the catalogue is really consulted).
    assert vietnamese != english_labels


def test_members_are_their_stored_strings():
    assert v.AttemptStatus.SUBMITTED == "submitted"
    assert v.Counting("best") is v.Counting.BEST
    assert v.AttemptPolicy.values() == ("one_per_round", "one_per_contest", "max_per_round",
                                        "unlimited")
    assert v.ContestStatus.label_of("gone") == "gone"  # unknown values shown as they are


def test_finished_is_submitted_or_expired():
    assert v.FINISHED == {"submitted", "expired"}
    assert "open" not in v.FINISHED
    assert v.FINISHED_VALUES == ("submitted", "expired")


def test_every_recorded_audit_action_is_in_the_vocabulary():
    literal = re.compile(r"\brecord\(\s*[\w.]+,\s*f?[\"']")
    offenders = [str(path.relative_to(ROOT)) for path in (ROOT / "contest").rglob("*.py")
                 if literal.search(path.read_text(encoding="utf-8"))]
    assert offenders == []
    assert len(v.AuditAction) == 39


def test_every_tie_break_key_has_a_reader():
    assert set(KEYS) == set(v.TieBreakKey.values())


@pytest.mark.parametrize(("keys", "problems"), [
    (["score", "time_taken"], 0),
    ([], 1),
    (["luck"], 1),
    (["score", "score"], 1),
    (["luck", "luck"], 3),
])
def test_tie_break_problems(keys, problems):
    assert len(v.tie_break_problems(keys)) == problems


def test_ranking_validates_chains_with_the_same_rule():
    assert v.tie_break_problems(["score", "score"], strict=False) == []
    with pytest.raises(RankingError) as caught:
        normalise_chain(["luck"])
    assert caught.value.problems == v.tie_break_problems(["luck"], strict=False)


def test_defaults_are_read_by_models_forms_and_services(app):
    d = v.DEFAULTS
    with pytest.raises(AttributeError):
        d.time_limit_minutes = 30  # type: ignore[misc]
    assert d.time_limit_minutes == 20 and list(d.required_fields) == [
        "full_name", "phone", "date_of_birth"]
    contest = Contest(title="Cuộc thi")
    group = EntrantGroup(name="Khối", contest=contest)
    now = utcnow()
    round_ = Round(contest=contest, name="Đợt 1", opens_at=now, closes_at=now + timedelta(1))
    db.session.add_all([contest, group, round_])
    db.session.flush()
    for name in ("time_limit_minutes", "question_count", "attempt_policy", "counting",
                 "review_policy", "prediction_kind", "max_attempts"):
        assert ROUND_DEFAULTS[name] == getattr(d, name)
        assert getattr(round_, name) == getattr(d, name)
    assert contest.required_fields == list(d.required_fields)
    assert contest.tie_breaks == list(d.tie_breaks)
    assert contest.collective_formula == d.collective_formula
    assert group.prize_counts == dict(d.prize_counts)
    db.session.rollback()
    with app.test_request_context():
        form = RoundForm(meta={"csrf": False})
        assert form.time_limit_minutes.data == d.time_limit_minutes
        assert form.question_count.data == d.question_count
        assert form.review_policy.data == d.review_policy
        assert GroupForm(meta={"csrf": False}).prize_counts() == dict(d.prize_counts)
        assert ContestForm(meta={"csrf": False}).collective_min_rate.data == 50


def test_checks_are_derived_from_the_enums():
    check = enum_check("counting", v.Counting)
    assert check.name == "counting_known"
    assert str(check.sqltext) == "counting IN ('best', 'first', 'last')"


ROUND_COLUMNS = ["prediction_kind", "attempt_policy", "counting", "review_policy"]


@pytest.mark.parametrize("column", ROUND_COLUMNS)
def test_the_database_refuses_an_unknown_round_setting(make_round, column):
    round_ = make_round()
    with pytest.raises(IntegrityError):
        db.session.execute(sa.update(Round).where(Round.id == round_.id)
                           .values({column: "unknown"}))
        db.session.flush()
    db.session.rollback()


@pytest.mark.parametrize(("model", "column"), [
    (Contest, "collective_formula"), (Contest, "status"), (Attempt, "status"), (User, "role"),
    (Question, "status")])
def test_the_database_refuses_other_unknown_values(app, model, column):
    table = model.__table__
    checks = [c for col in table.columns for c in col.constraints
              if isinstance(c, sa.CheckConstraint)]
    assert f"ck_{table.name}_{column}_known" in {c.name for c in checks}
    if model is Contest:
        db.session.add(Contest(title="Cuộc thi", **{column: "unknown"}))
        with pytest.raises(IntegrityError):
            db.session.flush()
        db.session.rollback()


def test_the_audit_page_names_every_action(client, auth, make_user):
    from contest.units.services import create_unit

    admin = make_user(role="admin")
    create_unit(code="SNV", name="Sở Nội vụ", actor_id=admin.id)
    db.session.commit()
    auth.login(make_user(role="judge"))
    body = client.get("/cham-giai/nhat-ky").get_data(as_text=True)
    assert "Thêm đơn vị" in body and "units.create" not in body.split("<tbody")[-1]
    english(client)
    assert "Add unit" in client.get("/cham-giai/nhat-ky").get_data(as_text=True)
