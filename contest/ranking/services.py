"""Ranking services: what judging, publishing and reports call. Plain dataclasses out."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _

from contest.audit import services as audit
from contest.contests.models import Contest, Round, RoundStatus
from contest.extensions import db, utcnow
from contest.ranking import queries
from contest.ranking.collective import (
    UnitRanked,
    UnitStats,
    block_totals,
    rank_units_by_block,
    tally_units,
)
from contest.ranking.individual import Ranked, overall_entries, rank_by_group
from contest.ranking.prediction import RoundCounts, prediction_truth
from contest.ranking.tiebreak import RankingError, normalise_chain
from contest.vocabulary import AuditAction


@dataclass(slots=True)
class UnitResults:
    """Unit figures, block totals and the collective ranking per block."""

    units: list[UnitStats]
    blocks: dict[int | None, UnitStats]
    ranking: dict[int | None, list[UnitRanked]]


@dataclass(slots=True)
class RoundResults:
    """A round's individual ranking per group and its unit results, from one SQL pass."""

    ranking: dict[int, list[Ranked]]
    units: UnitResults


def close_round_prediction(round_: Round, actor_id: int | None = None,
                           now: datetime | None = None) -> float | None:
    """Compute the round's prediction truth from its attempts, store it and audit it."""
    if round_.status_at(now or utcnow()) != RoundStatus.CLOSED:
        raise RankingError(_("Đợt thi chưa kết thúc: chưa thể tính đáp án câu hỏi dự đoán."))
    counts: RoundCounts = queries.round_counts(round_.id)
    truth = prediction_truth(round_.prediction_kind, counts)
    round_.prediction_truth = truth
    audit.record(actor_id, AuditAction.ROUND_PREDICTION_TRUTH, round_, kind=round_.prediction_kind,
                 truth=truth, entrants=counts.entrants, attempts=counts.attempts,
                 full_marks=counts.full_marks)
    return truth


def contest_chain(contest: Contest) -> tuple[str, ...]:
    """The contest's tie-break chain, validated (score always first)."""
    return normalise_chain(contest.tie_breaks)


def round_ranking(round_: Round, group_id: int | None = None,
                  exclude_ids: Iterable[int] = ()) -> dict[int, list[Ranked]]:
    """Rank a round per entrant group (only ``group_id`` if given)."""
    db.session.flush()
    return queries.ranked_round(round_.id, contest_chain(round_.contest), group_id=group_id,
                                exclude_ids=exclude_ids)


def counted_rounds(contest: Contest) -> list[Round]:
    """The rounds that count towards the overall ranking (practice rounds never do)."""
    return [r for r in contest.rounds if not r.is_practice]


def overall_ranking(contest: Contest, group_id: int | None = None,
                    exclude_ids: Iterable[int] = (),
                    chain: Iterable[str] | None = None) -> dict[int | None, list[Ranked]]:
    """Rank the contest over its counted rounds, per group, on totals."""
    db.session.flush()
    used = normalise_chain(contest.tie_breaks if chain is None else chain)
    rounds = counted_rounds(contest)
    entries = queries.counted_entries([r.id for r in rounds], used, group_id=group_id,
                                      exclude_ids=exclude_ids)
    totals = overall_entries((entries[r.id], r.prediction_truth is not None) for r in rounds)
    return rank_by_group(totals, used)


def unit_results(contest: Contest, round_: Round | None = None,
                 group_id: int | None = None, winners: Mapping[int, int] | None = None,
                 weights: Mapping[str, float] | None = None) -> UnitResults:
    """Unit figures and collective ranking for one round, or the whole contest.

    ``winners`` (unit id -> entrants with an individual prize) feeds the "100% of staff and a
    winner" formula; ``weights`` the points formula (default: the contest's)."""
    db.session.flush()
    rounds = [round_] if round_ is not None else counted_rounds(contest)
    stats = queries.unit_stats(contest.id, [r.id for r in rounds], contest_chain(contest),
                               group_id=group_id)
    for s in stats:
        s.winners = (winners or {}).get(s.unit_id or 0, 0)
    ranking = rank_units_by_block(stats, contest.collective_formula,
                                  contest.collective_min_rate,
                                  weights if weights is not None else contest.collective_weights)
    return UnitResults(stats, block_totals(stats), ranking)


def round_results(round_: Round) -> RoundResults:
    """Rank a round per group and tally its units from the same counted attempts."""
    contest = round_.contest
    ranking = round_ranking(round_)
    entries = (row.entry for rows in ranking.values() for row in rows)
    targets = queries.unit_targets(contest.id)
    rated = None if targets is None else {uid: set(t) for uid, t in targets.items()}
    stats = tally_units(entries, queries.contest_units(contest.id, targets=targets), rated)
    ranked_units = rank_units_by_block(stats, contest.collective_formula,
                                       contest.collective_min_rate, contest.collective_weights)
    return RoundResults(ranking, UnitResults(stats, block_totals(stats), ranked_units))
