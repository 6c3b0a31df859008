"""Dashboards for organisers and judges: participation, score bands, reform areas, items."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import Blueprint, abort, render_template, request, url_for
from flask_babel import gettext as _

from contest.accounts.auth import staff_required
from contest.contests.models import Contest, Round
from contest.extensions import db, utcnow
from contest.reports import queries
from contest.reports.charts import chart, fmt, summary
from contest.reports.item_stats import REVIEW_THRESHOLD
from contest.reports.unit_queries import (
    SORT_KEYS,
    block_participation,
    sort_units,
    unit_participation,
)

bp = Blueprint("reports", __name__, url_prefix="/thong-ke")
bp.add_app_template_filter(fmt, "report_num")
UNIT_CHART_LIMIT = 20
ITEM_SORTS = {
    "facility": lambda r: (r.stat.facility is None, r.stat.facility or 0),
    "discrimination": lambda r: (r.stat.discrimination is None, r.stat.discrimination or 0),
    "n": lambda r: r.stat.n,
    "code": lambda r: r.code,
}


def _contest_and_round(contest_id: int) -> tuple[Contest, Round | None]:
    """The contest from the URL and the round chosen with ?vong= (404 if not the contest's)."""
    contest = db.get_or_404(Contest, contest_id)
    round_id = request.args.get("vong", type=int)
    if not round_id:
        return contest, None
    rnd = db.session.get(Round, round_id)
    if rnd is None or rnd.contest_id != contest.id:
        abort(404)
    return contest, rnd


def _sort_args(allowed, default: str) -> tuple[str, bool]:
    key = request.args.get("sap-xep", default)
    return (key if key in allowed else default), request.args.get("chieu") == "giam"


def sort_url_for(endpoint: str, **params):
    """Build links that re-sort a table by a column, keeping the other parameters."""
    params = {k: v for k, v in params.items() if v is not None}

    def sort_url(key: str, descending: bool) -> str:
        order: dict[str, Any] = {"sap-xep": key, "chieu": "giam" if descending else "tang"}
        return url_for(endpoint, **params, **order)

    return sort_url


@bp.route("/")
@staff_required
def index():
    """Choose a contest."""
    return render_template("reports/index.html", contests=queries.list_contests())


@bp.route("/cuoc-thi/<int:contest_id>")
@staff_required
def dashboard(contest_id: int):
    """Participation over time, per unit and block; score bands; reform areas; hard items."""
    contest, rnd = _contest_and_round(contest_id)
    round_id = rnd.id if rnd else None
    now = utcnow()
    sort, descending = _sort_args(SORT_KEYS, "rate")
    units = unit_participation(contest.id, round_id)
    blocks = block_participation(units)
    lowest = sort_units([u for u in units if u.stats.rate is not None], "rate", False)
    lowest = lowest[:UNIT_CHART_LIMIT]
    hourly = queries.attempts_per_hour(contest.id, now, round_id=round_id)
    daily = queries.attempts_per_day(contest.id, now, round_id=round_id)
    bands = queries.score_bands(contest.id, round_id)
    areas = queries.area_accuracy(contest.id, round_id)
    items = queries.item_statistics(contest.id, round_id)
    charts = {
        "hourly": _series_chart(_("Số lượt thi bắt đầu mỗi giờ, 48 giờ qua"), hourly),
        "daily": _series_chart(_("Số lượt thi mỗi ngày"), daily),
        "units": _chart(_("Tỷ lệ tham gia của các đơn vị thấp nhất"),
                        [u.name for u in lowest], [u.rate_percent or 0 for u in lowest],
                        _("Tỷ lệ tham gia"), horizontal=True, suffix="%"),
        "blocks": _chart(_("Tỷ lệ tham gia theo khối"), [b.name for b in blocks],
                         [b.rate_percent or 0 for b in blocks], _("Tỷ lệ tham gia"),
                         horizontal=True, suffix="%"),
        "bands": _chart(_("Phân bố điểm theo mức"), [b.label for b in bands],
                        [b.count for b in bands], _("Số lượt thi"), horizontal=True),
        "areas": _chart(_("Tỷ lệ trả lời đúng theo lĩnh vực cải cách"),
                        [a.name for a in areas], [a.percent or 0 for a in areas],
                        _("Tỷ lệ trả lời đúng"), horizontal=True, suffix="%"),
    }
    from contest.practice.queries import misses_by_area_topic, most_missed

    return render_template(
        "reports/dashboard.html", contest=contest, rnd=rnd, now=now, charts=charts,
        practice_misses=misses_by_area_topic(), practice_missed=most_missed(),
        overview=queries.overview(contest.id, round_id), hourly=hourly, daily=daily,
        units=sort_units(units, sort, descending), blocks=blocks, lowest=lowest, bands=bands,
        areas=areas, hardest=queries.hardest(items), item_count=len(items),
        review_count=sum(1 for r in items if r.stat.needs_review),
        sort=sort, descending=descending, rounds=_rounds(contest),
        sort_url=sort_url_for("reports.dashboard", contest_id=contest.id, vong=round_id,
                              _anchor="don-vi"))


@bp.route("/cuoc-thi/<int:contest_id>/cau-hoi")
@staff_required
def items(contest_id: int):
    """Facility and discrimination index of every question drawn in the contest."""
    contest, rnd = _contest_and_round(contest_id)
    sort, descending = _sort_args(ITEM_SORTS, "facility")
    rows = queries.item_statistics(contest.id, rnd.id if rnd else None)
    rows.sort(key=ITEM_SORTS[sort], reverse=descending)
    sort_url = sort_url_for("reports.items", contest_id=contest.id, vong=rnd.id if rnd else None)
    return render_template("reports/items.html", contest=contest, rnd=rnd, rows=rows,
                           sort=sort, descending=descending, rounds=_rounds(contest),
                           sort_url=sort_url, threshold=REVIEW_THRESHOLD)


def _rounds(contest: Contest) -> list[Round]:
    return list(db.session.scalars(sa.select(Round).where(
        Round.contest_id == contest.id, Round.is_practice.is_(False)).order_by(Round.opens_at)))


def _chart(title: str, labels, values, series: str, **options) -> dict:
    suffix = options.get("suffix", "")
    data = chart(labels, values, series, **options)
    return {"data": data, "title": title, "summary": summary(title, labels, values, suffix)}


def _series_chart(title: str, points) -> dict:
    labels, values = [p.label for p in points], [p.count for p in points]
    return _chart(title, labels, values, _("Số lượt thi"), direct_labels=len(points) <= 16)


from contest.reports import unit_views  # noqa: E402,F401  (routes on this blueprint)
