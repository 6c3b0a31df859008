"""The audit log: every judge and organiser action, filterable and exportable."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import abort, render_template, request

from contest.accounts.auth import staff_required
from contest.i18n import VN_TZ
from contest.judging import queries
from contest.judging.blueprint import bp, int_arg, page_arg
from contest.vocabulary import AuditAction


def _day(name: str) -> datetime | None:
    """A date (YYYY-MM-DD, Vietnam time) from the query string as aware UTC midnight."""
    raw = request.args.get(name, "").strip()
    if not raw:
        return None
    try:
        return datetime.strptime(raw, "%Y-%m-%d").replace(tzinfo=VN_TZ)
    except ValueError:
        abort(400)


def audit_filter() -> queries.AuditFilter:
    """The filter from the query string (bad values are a 400)."""
    until = _day("den")
    return queries.AuditFilter(
        action=request.args.get("hanh_dong", "").strip()[:60],
        actor_id=int_arg("nguoi"),
        target_type=request.args.get("doi_tuong", "").strip()[:40],
        since=_day("tu"),
        until=until + timedelta(days=1) if until else None,
    )


@bp.route("/nhat-ky")
@staff_required
def audit():
    """Browse the audit log with filters, newest first."""
    f = audit_filter()
    page = page_arg()
    entries, more = queries.audit_page(f, page)
    actions, actors = queries.audit_choices()
    args = {k: v for k, v in request.args.items() if k != "trang"}
    return render_template("judging/audit.html", entries=entries, more=more, page=page,
                           actions=actions, actors=actors, args=args,
                           action_label=AuditAction.label_of)
