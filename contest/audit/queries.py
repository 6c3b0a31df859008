"""Read side of the audit log: the filter (from a page's query string), its query, one page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import request

from contest.accounts.models import User
from contest.audit.models import AuditEntry
from contest.extensions import db
from contest.request_args import day_arg, int_arg
from contest.sorting import vi_order

AUDIT_PAGE_SIZE = 50


@dataclass
class AuditFilter:
    action: str = ""
    actor_id: int | None = None
    target_type: str = ""
    since: datetime | None = None
    until: datetime | None = None
    contest_id: int | None = None
    round_id: int | None = None


def audit_query(f: AuditFilter) -> sa.Select:
    """Audit entries matching the filter, newest first."""
    query = sa.select(AuditEntry).order_by(AuditEntry.id.desc())
    if f.action:
        query = query.where(AuditEntry.action == f.action)
    if f.actor_id:
        query = query.where(AuditEntry.actor_id == f.actor_id)
    if f.target_type:
        query = query.where(AuditEntry.target_type == f.target_type)
    if f.contest_id:
        query = query.where(AuditEntry.contest_id == f.contest_id)
    if f.round_id:
        query = query.where(AuditEntry.round_id == f.round_id)
    if f.since:
        query = query.where(AuditEntry.at >= f.since)
    if f.until:
        query = query.where(AuditEntry.at < f.until)
    return query


def audit_page(f: AuditFilter, page: int) -> tuple[list[AuditEntry], bool]:
    """One page of the audit log and whether another page follows."""
    entries = list(db.session.scalars(
        audit_query(f).limit(AUDIT_PAGE_SIZE + 1).offset((page - 1) * AUDIT_PAGE_SIZE)))
    return entries[:AUDIT_PAGE_SIZE], len(entries) > AUDIT_PAGE_SIZE


def audit_choices() -> tuple[list[str], list[User]]:
    """Actions seen in the log and the staff who acted, for the filter form."""
    actions = list(db.session.scalars(
        sa.select(AuditEntry.action).distinct().order_by(AuditEntry.action)))
    actors = list(db.session.scalars(
        sa.select(User).where(User.id.in_(sa.select(AuditEntry.actor_id).distinct()))
        .order_by(vi_order(User.full_name))))
    return actions, actors


def scope_choices(contest_id: int | None) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """Contests seen in the log, and the rounds of the chosen one, for the filter form."""
    from contest.contests.models import Contest, Round

    contests = [(c.id, c.title) for c in db.session.scalars(
        sa.select(Contest).where(Contest.id.in_(sa.select(AuditEntry.contest_id).distinct()))
        .order_by(Contest.id.desc()))]
    rounds = [(r.id, r.name) for r in db.session.scalars(
        sa.select(Round).where(Round.contest_id == contest_id).order_by(Round.opens_at))
    ] if contest_id else []
    return contests, rounds


def audit_filter() -> AuditFilter:
    """The filter from the query string (bad values are a 400)."""
    until = day_arg("den")
    return AuditFilter(
        action=request.args.get("hanh_dong", "").strip()[:60],
        actor_id=int_arg("nguoi"),
        target_type=request.args.get("doi_tuong", "").strip()[:40],
        since=day_arg("tu"),
        contest_id=int_arg("cuoc_thi"),
        round_id=int_arg("dot"),
        until=until + timedelta(days=1) if until else None,
    )
