"""The overall ranking across a contest's rounds for judges: board, boundary ties, confirm,
exports (the organisers publish it from contest.results.views_overall)."""

from __future__ import annotations

from flask import abort, render_template
from flask_babel import gettext as _
from flask_login import current_user

from contest.accounts.auth import staff_required
from contest.contests.models import Contest
from contest.contests.prize_rules import PrizeRules
from contest.extensions import db
from contest.judging import standings
from contest.judging.forms import ResultsConfirmForm
from contest.judging.views import bp, confirmed
from contest.ranking import services as ranking
from contest.ranking.tiebreak import KEYS
from contest.request_args import int_arg, page_arg
from contest.results import awards, overall


def _group_id(contest: Contest) -> int:
    groups = list(contest.groups)
    if not groups:
        abort(404)
    chosen = int_arg("khoi")
    if chosen is None:
        return groups[0].id
    if chosen not in {g.id for g in groups}:
        abort(404)
    return chosen


@bp.route("/cuoc-thi/<int:contest_id>/chung-cuoc")
@staff_required
def overall_board(contest_id: int):
    """The overall ranking of one group, the ties at its last prize slot, and confirmation."""
    contest = db.get_or_404(Contest, contest_id)
    group_id, page = _group_id(contest), page_arg()
    chain = overall.chain_of(contest)
    by_group = overall.overall_ranking(contest)
    ranked = by_group.get(group_id, [])
    size = standings.PAGE_SIZE
    chunk = ranked[(page - 1) * size: page * size]
    names = standings.people(r.entry.registration_id for r in chunk)
    rows = [{"rank": r.rank, "tied": r.tied, "registration_id": r.entry.registration_id,
             "rounds": r.entry.rounds, "keys": standings.key_values(r.entry, chain),
             **names.get(r.entry.registration_id, {})} for r in chunk]
    review = awards.review_groups(contest.groups, by_group, chain, PrizeRules.of(contest))
    return render_template(
        "judging/overall.html", contest=contest, group_id=group_id, rows=rows,
        total=len(ranked), page=page, pages=max(1, -(-len(ranked) // size)),
        chain=[KEYS[n].label for n in chain], rounds=ranking.counted_rounds(contest),
        prize_review=review, not_ready=overall.not_ready(contest),
        confirmation=overall.confirmation(contest), confirmed=overall.is_confirmed(contest),
        snapshot=overall.current(contest), confirm_form=ResultsConfirmForm())


@bp.route("/cuoc-thi/<int:contest_id>/chung-cuoc/xac-nhan", methods=["POST"])
@staff_required
def overall_confirm(contest_id: int):
    """Confirm the overall results (all groups) as they stand."""
    contest = db.get_or_404(Contest, contest_id)
    return confirmed(lambda note: overall.confirm(current_user.id, contest, note),
                     _("Đã xác nhận kết quả chung cuộc."), "judging.overall_board",
                     contest_id=contest.id)
