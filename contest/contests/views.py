"""Public contest pages; the organiser pages live in ``manage.py`` on the same blueprint."""

from __future__ import annotations

from flask import Blueprint, abort, render_template
from flask_login import current_user

from contest.contests.forms import ButtonForm
from contest.contests.models import Contest, ContestStatus, RoundStatus
from contest.contests.prize_rules import PrizeRules
from contest.contests.queries import public_contests, registration_of
from contest.extensions import db
from contest.ranking.collective import clean_weights
from contest.ranking.collective_explain import weights_text
from contest.ranking.tiebreak import KEYS, normalise_chain
from contest.vocabulary import DEFAULTS, CollectiveFormula, PrizeTier

bp = Blueprint("contests", __name__)


@bp.route("/cuoc-thi/")
def public_list():
    """Published contests with their rounds; open rounds stand out."""
    return render_template("contests/public_list.html", contests=public_contests(),
                           OPEN=RoundStatus.OPEN)


@bp.route("/cuoc-thi/<int:contest_id>")
def public_detail(contest_id: int):
    """A contest's rules and rounds; registered entrants start attempts from here."""
    contest = db.get_or_404(Contest, contest_id)
    if contest.status == ContestStatus.DRAFT and not (
            current_user.is_authenticated and current_user.is_staff):
        abort(404)
    registration = None
    if current_user.is_authenticated:
        registration = registration_of(contest.id, current_user.id)
    return render_template("contests/public_detail.html", contest=contest,
                           registration=registration, OPEN=RoundStatus.OPEN,
                           form=ButtonForm(), **prize_rules_context(contest))


def prize_rules_context(contest: Contest) -> dict:
    """What ``contests/_prize_rules.html`` shows: the rules, tiers, chain and unit formula."""
    from contest.results import overall  # results build on contests

    rules = PrizeRules.of(contest)
    return {"prize_rules": rules, "overall_published": overall.current(contest) is not None,
            "prize_tiers": list(PrizeTier),
            "chain_labels": [KEYS[n].label for n in normalise_chain(contest.tie_breaks)],
            "overall_labels": [KEYS[n].label for n in normalise_chain(
                contest.overall_tie_breaks or DEFAULTS.overall_tie_breaks)],
            "collective_label": CollectiveFormula.label_of(contest.collective_formula),
            "weights_text": weights_text(clean_weights(rules.weights))}


from contest.contests import manage, manage_units  # noqa: E402,F401,I001  (organiser routes)
