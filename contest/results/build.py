"""Build a round's results as plain JSON: what a snapshot freezes and the exports read.

Rows carry masked phone and CCCD only; the verification export joins the live accounts.
The text in it (key labels, durations, tie-break explanations) is always Vietnamese, whatever
the organiser's page language: it feeds the official documents.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

import sqlalchemy as sa
from flask_babel import force_locale
from flask_babel import gettext as _

from contest.accounts.models import User
from contest.accounts.services import mask_id_number, mask_phone
from contest.attempts.models import Attempt
from contest.contests import unit_scope
from contest.contests.models import Contest, EntrantGroup, Registration, Round
from contest.contests.prize_rules import PrizeRules
from contest.extensions import db
from contest.i18n import vn_time
from contest.ranking import queries as ranking_queries
from contest.ranking import services as ranking
from contest.ranking.collective_explain import left_out_reason, rank_reasons
from contest.ranking.individual import Ranked
from contest.ranking.prizes import PRIZES, Allocation, allocate
from contest.ranking.tiebreak import KEYS, explain, normalise_chain
from contest.results import awards as awards_of
from contest.sorting import vi_key
from contest.units.models import Block
from contest.vocabulary import DEFAULTS, FINISHED_VALUES, PrizeTier, PrizeTieRule

# Used when a group or block has no prize plan: a common provincial split.
DEFAULT_GROUP_PRIZES = dict(DEFAULTS.prize_counts)
DEFAULT_UNIT_PRIZES = dict(DEFAULTS.unit_prize_counts)
LOWEST_UNITS = 10


def default_plan(rnd: Round) -> dict[str, Any]:
    """Prize counts per group (by id, as text for JSON) and for units per block."""
    return {
        "groups": {str(g.id): dict(g.prize_counts or DEFAULT_GROUP_PRIZES)
                   for g in rnd.contest.groups},
        "units": dict(DEFAULT_UNIT_PRIZES),
        "referrals": {p: 0 for p in PRIZES},  # lan tỏa: not awarded unless the plan says so
    }


def clean_plan(plan: Mapping[str, Any]) -> dict[str, Any]:
    """Keep only known prizes with non-negative whole counts."""
    def counts(raw: Mapping[str, Any]) -> dict[str, int]:
        return {p: max(0, int(raw.get(p, 0) or 0)) for p in PRIZES}

    return {"groups": {str(k): counts(v) for k, v in plan.get("groups", {}).items()},
            "units": counts(plan.get("units", {})),
            "referrals": counts(plan.get("referrals", {}))}


def _people(registration_ids: list[int]) -> dict[int, dict]:
    rows = db.session.execute(
        sa.select(Registration.id, User.full_name, User.date_of_birth, User.phone,
                  User.id_number, Registration.unit_id)
        .join(User, User.id == Registration.user_id)
        .where(Registration.id.in_(registration_ids))).all()
    units = unit_scope.labels_of(r[5] for r in rows)  # namesakes with their parent's name
    return {r[0]: {"name": r[1], "date_of_birth": r[2].strftime("%d/%m/%Y") if r[2] else "",
                   "phone": mask_phone(r[3]), "id_number": mask_id_number(r[4]),
                   "unit": units.get(r[5], "")} for r in rows}


def _notes(allocation: Allocation) -> dict[int, str]:
    """Why a row got, or missed, a prize when a rule (not only the rank) decided it."""
    notes: dict[int, str] = {}
    tie = allocation.boundary
    if tie is not None:
        for i in tie.in_ids:
            notes[i] = _("Đồng hạng %(rank)s ở suất giải cuối: được giải theo thể lệ.",
                         rank=tie.rank)
        for i in tie.out_ids:
            notes[i] = _("Đồng hạng %(rank)s ở suất giải cuối: không được giải theo thể lệ.",
                         rank=tie.rank)
    for i in allocation.below_min:
        notes[i] = _("Dưới điểm tối thiểu để được giải.")
    for i in allocation.excluded:
        notes[i] = _("Đã đạt giải ở đợt thi trước (mỗi người một giải trong cuộc thi).")
    return notes


def group_data(group: EntrantGroup, ranked: list[Ranked], chain, counts: Mapping[str, int],
           rules: PrizeRules, won: set[int]) -> dict[str, Any]:
    allocation = awards_of.group_allocation(ranked, counts, rules, won)
    awards = allocation.by_subject()
    notes = _notes(allocation)
    names = _people([r.entry.registration_id for r in ranked]) if ranked else {}
    rows = []
    for i, r in enumerate(ranked):
        e = r.entry
        award = awards.get(e.registration_id)
        below = ranked[i + 1].entry if i + 1 < len(ranked) else None
        rows.append({
            "rank": r.rank, "tied": r.tied, "registration_id": e.registration_id,
            "attempt_id": e.attempt_id, "unit_id": e.unit_id,
            **names.get(e.registration_id, {}),
            "score": e.score, "max_score": e.max_score,
            "time_taken": KEYS["time_taken"].show(e) if e.time_taken is not None else "",
            "time_seconds": e.time_taken, "prediction": e.prediction,
            "prediction_error": (None if e.prediction_error is None
                                 else float(e.prediction_error)),  # exact to 2 decimals
            "submitted_at": vn_time(e.submitted_at, "%H:%M:%S %d/%m/%Y"),
            "attempt_count": e.attempt_count,
            "keys": {KEYS[n].label: KEYS[n].show(e) for n in normalise_chain(chain)},
            "prize": award.prize if award else "", "prize_label": award.label if award else "",
            "deciding": explain(e, below, chain) if award and below is not None else "",
            "prize_note": notes.get(e.registration_id, ""),
        })
    return {"group_id": group.id, "name": group.name, "rows": rows,
            "boundary": awards_of.boundary_view(allocation, ranked, chain,
                                                awards_of.lookup(names)),
            "warnings": awards_of.warnings(allocation, len(ranked))}


def unit_rows(contest: Contest, rnd: Round | None, counts: Mapping[str, int],
              rules: PrizeRules, winners: Mapping[int, int]) -> list[dict]:
    """The unit table of a round (or the whole contest when ``rnd`` is None)."""
    results = ranking.unit_results(contest, rnd, winners=winners, weights=rules.weights)
    names: dict[int | None, str] = dict(unit_scope.unit_names(contest.id).items())
    blocks: dict[int | None, str] = dict(
        db.session.execute(sa.select(Block.id, Block.name)).all())
    ranks: dict[int | None, tuple] = {}
    notes: dict[int, str] = {}
    for ranked in results.ranking.values():
        allocation = allocate(ranked, counts, tie_rule=rules.tie_rule)
        awards = allocation.by_subject()
        if allocation.boundary is not None:
            tie = allocation.boundary
            notes.update({i: _("Đồng hạng %(rank)s ở suất giải tập thể cuối: được giải theo "
                               "thể lệ.", rank=tie.rank) for i in tie.in_ids})
            notes.update({i: _("Đồng hạng %(rank)s ở suất giải tập thể cuối: không được giải "
                               "theo thể lệ.", rank=tie.rank) for i in tie.out_ids})
        why = rank_reasons(ranked, contest.collective_formula, lambda u: names.get(u, ""))
        for row in ranked:
            award = awards.get(cast(int, row.stats.unit_id))  # ranked rows are units, not blocks
            ranks[row.stats.unit_id] = (row.rank, row.points, award.label if award else "",
                                        why.get(row.stats.unit_id, ""))
    out = []
    for s in results.units:
        rank, points, prize, why_text = ranks.get(s.unit_id, (None, None, "", None))
        if why_text is None:
            why_text = left_out_reason(s, contest.collective_formula,
                                       contest.collective_min_rate)
        out.append({
            "unit_id": s.unit_id, "unit": names.get(s.unit_id, ""),
            "block_id": s.block_id, "block": blocks.get(s.block_id, ""),
            "headcount": s.headcount, "entrants": s.entrants, "attempts": s.attempts,
            "rate": round(s.rate * 100, 2) if s.rate is not None else None,
            "average_score": round(s.average_score, 2) if s.average_score is not None else None,
            "full_marks": s.full_marks, "winners": s.winners, "rank": rank, "points": points,
            "prize_label": prize, "why": why_text, "prize_note": notes.get(s.unit_id or 0, ""),
        })
    out.sort(key=lambda u: (vi_key(u["block"]), u["rank"] is None, u["rank"] or 0,
                            vi_key(u["unit"])))
    return out


def live_unit_rows(rnd: Round) -> list[dict]:
    """A round's unit table as things stand (the default plan), in the reader's language."""
    plan = default_plan(rnd)
    rules = PrizeRules.of(rnd.contest)
    won = awards_of.earlier_winners(rnd, rules)
    by_group = ranking.round_ranking(rnd)
    winners: dict[int, int] = {}
    for group in rnd.contest.groups:
        allocation = awards_of.group_allocation(
            by_group.get(group.id, []), plan["groups"][str(group.id)], rules, won)
        awarded = allocation.by_subject()
        for row in by_group.get(group.id, []):
            if row.entry.registration_id in awarded and row.entry.unit_id is not None:
                winners[row.entry.unit_id] = winners.get(row.entry.unit_id, 0) + 1
    return unit_rows(rnd.contest, rnd, plan["units"], rules, winners)


def winners_per_unit(groups: list[dict]) -> dict[int, int]:
    """Unit id -> entrants of the unit with an individual prize, from built groups."""
    winners: dict[int, int] = {}
    for g in groups:
        for row in g["rows"]:
            if row["prize"] and row["unit_id"] is not None:
                winners[row["unit_id"]] = winners.get(row["unit_id"], 0) + 1
    return winners


def _bulletin(rnd: Round, units: list[dict]) -> dict:
    per_group = dict(db.session.execute(
        sa.select(Registration.group_id, sa.func.count(Attempt.id))
        .join(Registration, Registration.id == Attempt.registration_id)
        .where(Attempt.round_id == rnd.id, Attempt.status.in_(FINISHED_VALUES))
        .group_by(Registration.group_id)).all())
    rated = [u for u in units if u["rate"] is not None]
    return {
        "bands": ranking_queries.band_sql([rnd.id], counted_only=False),
        "attempts_per_group": [{"group": g.name, "attempts": int(per_group.get(g.id, 0))}
                               for g in rnd.contest.groups],
        "full_units": [u["unit"] for u in rated if u["rate"] >= 100],
        "lowest_units": [{"unit": u["unit"], "rate": u["rate"], "entrants": u["entrants"],
                          "headcount": u["headcount"]}
                         for u in sorted(rated, key=lambda u: (u["rate"], u["unit"]))
                         [:LOWEST_UNITS]],
    }


def build_round_data(rnd: Round, plan: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Ranked rows and prizes per group, the unit table and bulletin figures of a round."""
    with force_locale("vi"):
        return _build(rnd, plan)


def _build(rnd: Round, plan: Mapping[str, Any] | None) -> dict[str, Any]:
    plan = clean_plan(plan or default_plan(rnd))
    chain = rnd.contest.tie_breaks
    rules = PrizeRules.of(rnd.contest)
    won = awards_of.earlier_winners(rnd, rules)
    by_group = ranking.round_ranking(rnd)
    groups = []
    for group in rnd.contest.groups:
        counts = plan["groups"].get(str(group.id), DEFAULT_GROUP_PRIZES)
        groups.append(group_data(group, by_group.get(group.id, []), chain, counts, rules, won))
    units = unit_rows(rnd.contest, rnd, plan["units"], rules, winners_per_unit(groups))
    return {
        "contest": {"id": rnd.contest.id, "title": rnd.contest.title,
                    "decision_reference": rnd.contest.decision_reference},
        "round": {"id": rnd.id, "name": rnd.name},
        "chain": [KEYS[n].label for n in normalise_chain(chain)],
        "prize_labels": {tier.value: tier.vietnamese for tier in PrizeTier},
        "plan": plan, "rules": rules.as_data(),
        "tie_rule_label": PrizeTieRule(rules.tie_rule).vietnamese,
        "collective_formula": rnd.contest.collective_formula, "groups": groups,
        "units": units, "bulletin": _bulletin(rnd, units),
        "referrals": _referrals(rnd, plan["referrals"]),
    }


def _referrals(rnd: Round, counts: Mapping[str, int]) -> list[dict]:
    """The round's referral leaderboard with its prizes (contest.referrals), frozen with the
    rest of the results."""
    from contest.referrals.prizes import award
    from contest.referrals.queries import leaderboard

    return award(leaderboard(rnd), counts)
