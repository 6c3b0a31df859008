"""The audit log: ``record`` writes one row (flushed, committed by the caller) and the real
actions leave theirs; the log's filter (audit.queries.audit_query) finds them."""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest
import sqlalchemy as sa

from contest.audit.models import AuditEntry
from contest.audit.queries import AuditFilter, audit_query
from contest.audit.services import record
from contest.contests.queries import round_extensions
from contest.contests.services import ContestError, extend_round, set_status
from contest.extensions import db, utcnow
from contest.judging.services import disqualify, reinstate


def entries(**where) -> list[AuditEntry]:
    query = sa.select(AuditEntry).order_by(AuditEntry.id)
    for name, value in where.items():
        query = query.where(getattr(AuditEntry, name) == value)
    return list(db.session.scalars(query))


def test_record_stores_actor_target_reason_and_details(make_user, make_round):
    judge = make_user(role="judge")
    round_ = make_round()
    before = utcnow()
    entry = record(judge.id, "round.extend", round_, reason="Mất điện diện rộng",
                   before="2025-03-10T10:00:00+00:00", after="2025-03-11T10:00:00+00:00")
    db.session.commit()
    db.session.expire_all()
    [stored] = entries()
    assert stored.id == entry.id
    assert (stored.actor_id, stored.action) == (judge.id, "round.extend")
    assert (stored.target_type, stored.target_id) == ("Round", round_.id)
    assert stored.reason == "Mất điện diện rộng"
    assert stored.details == {"before": "2025-03-10T10:00:00+00:00",
                              "after": "2025-03-11T10:00:00+00:00"}
    assert stored.actor.full_name == judge.full_name
    assert stored.at.tzinfo is not None and stored.at.utcoffset() == timedelta(0)
    assert before - timedelta(seconds=1) <= stored.at.astimezone(UTC) <= utcnow()


def test_record_without_actor_or_target(app):
    record(None, "units.import", sheet="Đơn vị", created=3)
    db.session.commit()
    [stored] = entries()
    assert stored.actor_id is None and stored.actor is None
    assert (stored.target_type, stored.target_id, stored.reason) == ("", None, "")
    assert stored.details == {"sheet": "Đơn vị", "created": 3}


def test_record_flushes_and_the_callers_rollback_discards_it(make_round):
    round_ = make_round()
    entry = record(None, "round.extend", round_)
    assert entry.id is not None  # flushed: visible inside the transaction
    assert entries(action="round.extend")
    db.session.rollback()
    assert entries() == []


def test_extending_a_round_leaves_an_audit_row(make_user, make_round):
    organiser = make_user(role="organiser")
    round_ = make_round()
    old = round_.closes_at
    new = old + timedelta(days=2)
    extend_round(round_, new, actor_id=organiser.id, reason="Gia hạn do sự cố mạng")
    db.session.commit()
    [stored] = entries(action="round.extend")
    assert (stored.actor_id, stored.target_type, stored.target_id) == (
        organiser.id, "Round", round_.id)
    assert stored.reason == "Gia hạn do sự cố mạng"
    assert stored.details == {"before": old.isoformat(), "after": new.isoformat()}
    [extension] = round_extensions(round_.id)
    assert (extension.before, extension.after) == (old, new)
    assert (extension.actor, extension.reason) == (organiser.full_name,
                                                   "Gia hạn do sự cố mạng")


def test_a_refused_extension_leaves_no_row(make_user, make_round):
    round_ = make_round()
    with pytest.raises(ContestError, match="lý do"):
        extend_round(round_, round_.closes_at + timedelta(days=1), actor_id=None, reason=" ")
    db.session.rollback()
    assert entries() == []


def test_publishing_disqualifying_and_reinstating_are_recorded(make_user, make_contest,
                                                              make_entrant):
    organiser, judge = make_user(role="organiser"), make_user(role="judge")
    contest = make_contest(published=False)
    set_status(contest, "published", actor_id=organiser.id)
    db.session.commit()
    entrant = make_user()
    registration = make_entrant(entrant, contest)
    disqualify(judge.id, registration, "Dùng nhiều tài khoản để dự thi")
    reinstate(judge.id, registration, "Đã xác minh lại, không vi phạm")
    db.session.commit()
    decided = [e for e in entries() if not e.action.endswith(".create")]  # the setup's own
    rows = [(e.action, e.actor_id, e.target_type, e.target_id) for e in decided]
    assert rows == [
        ("contest.published", organiser.id, "Contest", contest.id),
        ("registration.disqualify", judge.id, "Registration", registration.id),
        ("registration.reinstate", judge.id, "Registration", registration.id),
    ]
    published, disqualified, reinstated = decided
    assert published.details == {"before": "draft", "after": "published"}
    assert disqualified.reason == "Dùng nhiều tài khoản để dự thi"
    assert disqualified.details == {"contest_id": contest.id, "user_id": entrant.id,
                                    "scope": "contest"}
    assert reinstated.details["previous_reason"] == "Dùng nhiều tài khoản để dự thi"


def test_creating_a_unit_is_recorded(make_user, make_unit):
    admin = make_user(role="admin")
    from contest.units.services import create_unit

    unit = create_unit(code="SNV", name="Sở Nội vụ", actor_id=admin.id)
    db.session.commit()
    [stored] = entries(action="units.create")
    assert (stored.actor_id, stored.target_type, stored.target_id) == (admin.id, "Unit", unit.id)
    assert stored.details == {"code": "SNV"}
    make_unit()  # the factory acts as no one
    assert entries(action="units.create")[-1].actor_id is None


def test_the_log_filters_by_action_actor_type_and_time(make_user, make_round):
    judge, organiser = make_user(role="judge"), make_user(role="organiser")
    round_ = make_round()
    first = record(judge.id, "round.extend", round_)
    second = record(organiser.id, "units.import")
    third = record(organiser.id, "round.extend", round_)
    db.session.commit()

    def ids(**fields) -> list[int]:
        return [e.id for e in db.session.scalars(audit_query(AuditFilter(**fields)))]

    assert ids() == [third.id, second.id, first.id]  # newest first
    assert ids(action="round.extend") == [third.id, first.id]
    assert ids(actor_id=organiser.id) == [third.id, second.id]
    assert ids(target_type="Round", actor_id=judge.id) == [first.id]
    assert ids(since=utcnow() + timedelta(minutes=1)) == []
    assert ids(until=utcnow() + timedelta(minutes=1)) == [third.id, second.id, first.id]
    assert ids(until=first.at - timedelta(minutes=1)) == []
