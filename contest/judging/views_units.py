"""The unit ranking for judges, live: each unit's rank and why (as an entrant's is explained),
and why a unit is left out."""

from __future__ import annotations

from flask import render_template

from contest.accounts.auth import staff_required
from contest.contests.models import Contest, Round
from contest.extensions import db
from contest.judging.views import bp
from contest.results.build import live_unit_rows
from contest.vocabulary import CollectiveFormula


def _page(contest: Contest, rows: list[dict], **context):
    ranked = [u for u in rows if u["rank"] is not None]
    left_out = [u for u in rows if u["rank"] is None]
    return render_template("judging/units.html", contest=contest, ranked=ranked,
                           left_out=left_out,
                           formula=CollectiveFormula.label_of(contest.collective_formula),
                           **context)


@bp.route("/dot/<int:round_id>/don-vi")
@staff_required
def round_units(round_id: int):
    """A round's unit ranking per block, each rank explained."""
    rnd = db.get_or_404(Round, round_id)
    return _page(rnd.contest, live_unit_rows(rnd), rnd=rnd)


@bp.route("/cuoc-thi/<int:contest_id>/chung-cuoc/don-vi")
@staff_required
def overall_units(contest_id: int):
    """The contest's unit ranking over every counted round, each rank explained."""
    from contest.results import overall

    contest = db.get_or_404(Contest, contest_id)
    return _page(contest, overall.live_unit_rows(contest), rnd=None)
