"""The overall ranking across a contest's counted rounds: built, confirmed and published like a
round's results (frozen, versioned snapshots), with its own chain and overall prizes.

- ``build_overall_data(contest, plan=None)``: ranked rows and prizes per group (totals over the
  counted rounds, ranked by ``Contest.overall_tie_breaks``), the contest-wide unit table.
- ``confirm(actor_id, contest, note)``: refused until every counted round has closed.
- ``publish(actor_id, contest, reason, plan)``: the next version; a new one needs a reason.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from flask_babel import force_locale
from flask_babel import gettext as _

from contest.attempts.models import Attempt
from contest.audit import services as audit
from contest.contests.models import Contest, Registration, RoundStatus
from contest.contests.prize_rules import PrizeRules
from contest.extensions import db, utcnow
from contest.ranking import services as ranking
from contest.ranking.tiebreak import KEYS, normalise_chain
from contest.results.build import (
    DEFAULT_GROUP_PRIZES,
    DEFAULT_UNIT_PRIZES,
    clean_plan,
    group_data,
    unit_rows,
    winners_per_unit,
)
from contest.results.models import OverallConfirmation, OverallSnapshot
from contest.results.services import ResultsError
from contest.vocabulary import DEFAULTS, FINISHED_VALUES, AuditAction, PrizeTier, PrizeTieRule

OVERALL_NAME = "Chung cuộc"  # the "round" name in the documents (data: always Vietnamese)


def chain_of(contest: Contest) -> tuple[str, ...]:
    return normalise_chain(contest.overall_tie_breaks or DEFAULTS.overall_tie_breaks)


def default_plan(contest: Contest) -> dict[str, Any]:
    return {"groups": {str(g.id): dict(g.prize_counts or DEFAULT_GROUP_PRIZES)
                       for g in contest.groups},
            "units": dict(DEFAULT_UNIT_PRIZES)}


def overall_ranking(contest: Contest) -> dict[int | None, list]:
    return ranking.overall_ranking(contest, chain=chain_of(contest))


def _groups_and_units(contest: Contest, plan: dict[str, Any]) -> tuple[list, list]:
    chain = chain_of(contest)
    rules = PrizeRules.of(contest)
    by_group = overall_ranking(contest)
    groups = [group_data(g, by_group.get(g.id, []), chain,
                         plan["groups"].get(str(g.id), DEFAULT_GROUP_PRIZES), rules, set())
              for g in contest.groups]
    return groups, unit_rows(contest, None, plan["units"], rules, winners_per_unit(groups))


def live_unit_rows(contest: Contest) -> list[dict]:
    """The contest-wide unit table as things stand, in the reader's language."""
    return _groups_and_units(contest, clean_plan(default_plan(contest)))[1]


def build_overall_data(contest: Contest, plan: Mapping[str, Any] | None = None
                       ) -> dict[str, Any]:
    """Overall rows and prizes per group and the contest's unit table, as plain JSON."""
    with force_locale("vi"):
        plan = clean_plan(plan or default_plan(contest))
        chain = chain_of(contest)
        rules = PrizeRules.of(contest)
        groups, units = _groups_and_units(contest, plan)
        return {
            "contest": {"id": contest.id, "title": contest.title,
                        "decision_reference": contest.decision_reference},
            "round": {"id": None, "name": OVERALL_NAME}, "overall": True,
            "rounds": [r.name for r in ranking.counted_rounds(contest)],
            "chain": [KEYS[n].label for n in chain],
            "prize_labels": {tier.value: tier.vietnamese for tier in PrizeTier},
            "plan": plan, "rules": rules.as_data(),
            "tie_rule_label": PrizeTieRule(rules.tie_rule).vietnamese,
            "collective_formula": contest.collective_formula, "groups": groups,
            "units": units,
        }


def fingerprint(contest: Contest) -> str:
    """What the overall ranking depends on: every counted round's finished attempts and
    truth, exclusions, the chain and the rules."""
    rounds = ranking.counted_rounds(contest)
    count, latest = db.session.execute(
        sa.select(sa.func.count(Attempt.id), sa.func.max(Attempt.finished_at))
        .where(Attempt.round_id.in_([r.id for r in rounds]),
               Attempt.status.in_(FINISHED_VALUES))).one()
    excluded = list(db.session.scalars(
        sa.select(Registration.id).where(Registration.contest_id == contest.id,
                                         Registration.disqualified.is_(True))
        .order_by(Registration.id)))
    raw = json.dumps([count, str(latest), excluded,
                      [(r.id, r.prediction_truth, r.counting) for r in rounds],
                      list(chain_of(contest)), contest.collective_formula,
                      PrizeRules.of(contest).as_data()], default=str)
    return hashlib.sha1(raw.encode()).hexdigest()[:16]


def confirmation(contest: Contest) -> OverallConfirmation | None:
    return db.session.scalar(sa.select(OverallConfirmation).where(
        OverallConfirmation.contest_id == contest.id))


def is_confirmed(contest: Contest) -> bool:
    done = confirmation(contest)
    return done is not None and done.data_version == fingerprint(contest)


def not_ready(contest: Contest) -> str:
    """Why the overall results cannot be confirmed yet ("" when they can)."""
    rounds = ranking.counted_rounds(contest)
    if not rounds:
        return _("Cuộc thi chưa có đợt thi nào được tính kết quả.")
    now = utcnow()
    open_rounds = [r.name for r in rounds if r.status_at(now) != RoundStatus.CLOSED]
    if open_rounds:
        return _("Còn đợt thi chưa kết thúc: %(rounds)s. Chỉ xác nhận kết quả chung cuộc khi "
                 "mọi đợt đã kết thúc.", rounds=", ".join(open_rounds))
    return ""


def confirm(actor_id: int, contest: Contest, note: str = "") -> OverallConfirmation:
    """A judge confirms the overall results, all groups, as they stand now."""
    reason = not_ready(contest)
    if reason:
        raise ResultsError(reason)
    done = confirmation(contest) or OverallConfirmation(contest_id=contest.id)
    done.confirmed_by, done.confirmed_at = actor_id, utcnow()
    done.data_version, done.note = fingerprint(contest), (note or "").strip()
    db.session.add(done)
    audit.record(actor_id, AuditAction.OVERALL_CONFIRM, contest, reason=done.note,
                 contest_id=contest.id)
    return done


def current(contest: Contest) -> OverallSnapshot | None:
    return db.session.scalar(sa.select(OverallSnapshot).where(
        OverallSnapshot.contest_id == contest.id, OverallSnapshot.is_current.is_(True)))


def versions(contest: Contest) -> list[OverallSnapshot]:
    return list(db.session.scalars(sa.select(OverallSnapshot).where(
        OverallSnapshot.contest_id == contest.id).order_by(OverallSnapshot.version.desc())))


def publish(actor_id: int, contest: Contest, reason: str = "",
            plan: Mapping[str, Any] | None = None) -> OverallSnapshot:
    """Freeze the confirmed overall results as the next version."""
    if not is_confirmed(contest):
        raise ResultsError(_("Kết quả chung cuộc chưa được Ban giám khảo xác nhận, hoặc đã thay "
                             "đổi sau khi xác nhận. Cần xác nhận lại trước khi công bố."))
    reason = (reason or "").strip()
    previous = current(contest)
    if previous is not None and len(reason) < 5:
        raise ResultsError(_("Công bố lại kết quả phải ghi rõ lý do (ít nhất 5 ký tự)."))
    if plan is None and previous is not None:
        plan = previous.data.get("plan")
    data = build_overall_data(contest, plan)
    if previous is not None:
        previous.is_current = False
        db.session.flush()
    snapshot = OverallSnapshot(
        contest_id=contest.id, version=(previous.version + 1) if previous else 1, data=data,
        data_version=fingerprint(contest), reason=reason, created_by=actor_id, is_current=True)
    db.session.add(snapshot)
    db.session.flush()
    action = AuditAction.OVERALL_REPUBLISH if previous else AuditAction.OVERALL_PUBLISH
    audit.record(actor_id, action, snapshot, reason=reason, contest_id=contest.id,
                 version=snapshot.version)
    return snapshot


def is_stale(snapshot: OverallSnapshot) -> bool:
    return snapshot.data_version != fingerprint(snapshot.contest)
