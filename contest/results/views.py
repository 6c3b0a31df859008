"""Public results per published round, and the organisers' publish / republish page."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import defer

from contest.accounts.auth import organiser_required
from contest.contests.models import Round
from contest.extensions import db
from contest.judging import cache
from contest.ranking.tiebreak import KEYS, duration_text
from contest.results import services
from contest.results.build import default_plan
from contest.results.forms import PublishForm
from contest.results.models import OverallSnapshot, ResultSnapshot
from contest.vocabulary import PrizeTier

bp = Blueprint("results", __name__, url_prefix="/ket-qua")
PUBLIC_ROW = ("rank", "tied", "name", "unit", "score", "max_score", "time_taken",
              "prize_label")


def _reader_text() -> tuple[dict, dict]:
    """Snapshot text is Vietnamese; map its key and prize labels to the reader's language."""
    with force_locale("vi"):
        key_names = {key.label: name for name, key in KEYS.items()}
    keys = {vi: KEYS[name].label for vi, name in key_names.items()}
    prizes = {tier.vietnamese: tier.label for tier in PrizeTier}
    return keys, prizes


def _public_row(row: dict, prizes: dict) -> dict:
    out = {k: row.get(k) for k in PUBLIC_ROW}
    out["prize_label"] = prizes.get(row.get("prize_label"), row.get("prize_label"))
    if row.get("time_seconds") is not None:
        out["time_taken"] = duration_text(row["time_seconds"])
    return out


def public_view(data: dict) -> dict:
    """Only what the public may see: winners (name, unit, prize) and the unit table."""
    keys, prizes = _reader_text()
    units = [{k: u.get(k) for k in ("block", "rank", "unit", "entrants", "rate",
                                     "average_score", "points", "prize_label", "why")}
             for u in data["units"] if u.get("rank") is not None]
    for u in units:
        u["prize_label"] = prizes.get(u["prize_label"], u["prize_label"])
    return {
        "contest": data["contest"], "round": data["round"],
        "chain": [keys.get(label, label) for label in data["chain"]],
        "groups": [{"name": g["name"],
                    "winners": [_public_row(r, prizes) for r in g["rows"] if r.get("prize")],
                    "boundary_note": (g.get("boundary") or {}).get("note", "")}
                   for g in data["groups"]],
        "units": units,
        # Referral prize winners (lan tỏa): name, unit, how many they brought in, the prize.
        "referrals": [{"name": r["name"], "unit": r["unit"], "counted": r["counted"],
                       "prize_label": PrizeTier.label_of(r["prize"])}
                      for r in data.get("referrals", []) if r.get("prize")],
    }


def _snapshot_meta(round_id: int, version: int | None) -> ResultSnapshot | None:
    query = (sa.select(ResultSnapshot).options(defer(ResultSnapshot.data))
             .where(ResultSnapshot.round_id == round_id))
    if version is None:
        query = query.where(ResultSnapshot.is_current.is_(True))
    else:
        query = query.where(ResultSnapshot.version == version)
    return db.session.scalar(query)


@bp.route("/")
def index():
    """Rounds whose results are published."""
    snapshots = db.session.scalars(
        sa.select(ResultSnapshot).options(defer(ResultSnapshot.data))
        .where(ResultSnapshot.is_current.is_(True)).order_by(ResultSnapshot.created_at.desc())
    ).all()
    overall_snapshots = db.session.scalars(
        sa.select(OverallSnapshot).options(defer(OverallSnapshot.data))
        .where(OverallSnapshot.is_current.is_(True))
        .order_by(OverallSnapshot.created_at.desc())).all()
    return render_template("results/index.html", snapshots=snapshots,
                           overall_snapshots=overall_snapshots)


@bp.route("/dot/<int:round_id>")
def round_results(round_id: int):
    """A published round: winners and units from the current (or a chosen) version."""
    raw = request.args.get("phien_ban", "")
    if raw and not raw.isdigit():
        abort(404)
    snapshot = _snapshot_meta(round_id, int(raw) if raw else None)
    if snapshot is None:
        abort(404)
    # A snapshot never changes, so its public view is cached for good by id.
    view = cache.cached({"view": "public", "snapshot": snapshot.id}, "frozen",
                        lambda: public_view(db.session.get_one(ResultSnapshot, snapshot.id).data))
    history = db.session.scalars(
        sa.select(ResultSnapshot).options(defer(ResultSnapshot.data))
        .where(ResultSnapshot.round_id == round_id).order_by(ResultSnapshot.version.desc())
    ).all()
    return render_template("results/round.html", view=view, snapshot=snapshot,
                           history=history)


def plan_from_form(contest, plan: dict) -> dict:
    """The prize counts typed on a publish page over ``plan`` (per group and for units)."""
    for scope, prefix in [(str(g.id), f"g{g.id}") for g in contest.groups] + [
            ("units", "units"), ("referrals", "referrals")]:
        counts = {}
        for prize in PrizeTier.values():
            raw = request.form.get(f"{prefix}_{prize}", "").strip()
            if raw and (not raw.isdigit() or int(raw) > 10000):
                raise services.ResultsError(
                    _("Số lượng giải phải là số nguyên từ 0 đến 10000."))
            counts[prize] = int(raw) if raw else 0
        if scope in ("units", "referrals"):
            plan[scope] = counts
        else:
            plan["groups"][scope] = counts
    return plan


def _plan_from_form(rnd: Round) -> dict:
    return plan_from_form(rnd.contest, default_plan(rnd))


@bp.route("/dot/<int:round_id>/cong-bo", methods=["GET", "POST"])
@organiser_required
def publish(round_id: int):
    """Publish the confirmed results; a new version needs a reason."""
    rnd = db.get_or_404(Round, round_id)
    current = services.current(rnd)
    form = PublishForm()
    if form.validate_on_submit():
        snapshot = services.publish(current_user.id, rnd, form.reason.data or "",
                                    _plan_from_form(rnd))
        db.session.commit()
        flash(_("Đã công bố kết quả, phiên bản %(version)s.", version=snapshot.version),
              "success")
        return redirect(url_for("results.round_results", round_id=rnd.id))
    plan = (current.data.get("plan") if current else None) or default_plan(rnd)
    return render_template("results/publish.html", rnd=rnd, form=form, current=current,
                           plan=plan, prizes=PrizeTier.values(),
                           prize_labels={tier.value: tier.label for tier in PrizeTier},
                           confirmation=services.confirmation(rnd),
                           confirmed=services.is_confirmed(rnd),
                           stale=current is not None and services.is_stale(current))


from contest.results import views_overall  # noqa: E402,F401  (routes on this blueprint)
