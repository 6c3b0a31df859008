"""The audit log: every judge and organiser action, filterable and exportable."""

from __future__ import annotations

from flask import render_template, request

from contest.accounts.auth import staff_required
from contest.audit import queries
from contest.audit.describe import describe
from contest.audit.queries import audit_filter
from contest.judging.views import bp
from contest.request_args import page_arg
from contest.vocabulary import AuditAction


@bp.route("/nhat-ky")
@staff_required
def audit():
    """Browse the audit log with filters, newest first."""
    f = audit_filter()
    page = page_arg()
    entries, more = queries.audit_page(f, page)
    actions, actors = queries.audit_choices()
    contests, rounds = queries.scope_choices(f.contest_id)
    args = {k: v for k, v in request.args.items() if k != "trang"}
    return render_template("judging/audit.html", entries=entries, more=more, page=page,
                           actions=actions, actors=actors, contests=contests, rounds=rounds,
                           args=args, action_label=AuditAction.label_of,
                           described=describe(entries))
