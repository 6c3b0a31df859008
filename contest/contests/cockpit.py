"""The organiser's cockpit: what a contest needs next, each with a link to where it is done.

Reads only; contests is the lowest feature, so the features it looks into (attempts, results,
ranking) are imported inside ``next_steps``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from contest.contests.models import Contest, Round, RoundStatus
from contest.extensions import db, utcnow
from contest.vocabulary import AttemptStatus

SOON = timedelta(hours=48)  # an opening this close with papers missing is worth saying


@dataclass(frozen=True)
class Step:
    """One thing to do: ``level`` is "warn" (do it now) or "info"."""

    message: str
    url: str
    action: str
    level: str = "warn"


def _hours(delta: timedelta) -> int:
    return max(1, round(delta.total_seconds() / 3600))


def next_steps(contest: Contest, now: datetime | None = None) -> list[Step]:
    """What the contest needs next: setup gaps, papers to prepare before an opening soon,
    closed rounds with open attempts, results to confirm (with ties at a prize boundary) and
    to publish."""
    from contest.attempts.models import Attempt
    from contest.attempts.prepared import pool_sizes, waiting_entrants
    from contest.results import services as results

    now = now or utcnow()
    steps: list[Step] = []
    manage = url_for("contests.manage_detail", contest_id=contest.id)
    if not contest.groups:
        steps.append(Step(_("Chưa có khối thí sinh nào."), manage + "#khoi", _("Thêm khối")))
    if not contest.rounds:
        steps.append(Step(_("Chưa có đợt thi nào."),
                          url_for("contests.round_create", contest_id=contest.id),
                          _("Thêm đợt thi")))
    open_attempts = dict(db.session.execute(
        sa.select(Attempt.round_id, sa.func.count()).join(Round, Round.id == Attempt.round_id)
        .where(Round.contest_id == contest.id, Attempt.status == AttemptStatus.OPEN.value)
        .group_by(Attempt.round_id)).all())
    for rnd in contest.rounds:
        status = rnd.status_at(now)
        board = url_for("judging.leaderboard", round_id=rnd.id)
        if status == RoundStatus.UPCOMING and rnd.opens_at - now <= SOON:
            waiting = sum(waiting_entrants(rnd).values())
            ready = sum(pool_sizes(rnd.id).values())
            if waiting > ready:
                steps.append(Step(
                    _("Đợt «%(round)s» mở sau %(hours)s giờ; mới chuẩn bị %(ready)s/%(waiting)s "
                      "đề.", round=rnd.name, hours=_hours(rnd.opens_at - now), ready=ready,
                      waiting=waiting),
                    url_for("contests.round_detail", round_id=rnd.id) + "#de-san",
                    _("Chuẩn bị đề")))
        if status != RoundStatus.CLOSED:
            continue
        left = open_attempts.get(rnd.id, 0)
        if left:
            steps.append(Step(ngettext(
                "Đợt «%(round)s» đã đóng nhưng còn %(num)s bài đang mở chưa chốt.",
                "Đợt «%(round)s» đã đóng nhưng còn %(num)s bài đang mở chưa chốt.", left,
                round=rnd.name), board, _("Xem bảng xếp hạng")))
        if rnd.is_practice:
            continue
        if not results.is_confirmed(rnd):
            steps.append(Step(_("Đợt «%(round)s» đã đóng, chưa xác nhận kết quả.",
                                round=rnd.name), board, _("Xác nhận kết quả")))
            steps += _boundary_ties(rnd)
        elif results.current(rnd) is None:
            steps.append(Step(_("Đợt «%(round)s» đã xác nhận, chưa công bố kết quả.",
                                round=rnd.name),
                              url_for("results.publish", round_id=rnd.id), _("Công bố")))
    return steps


def _boundary_ties(rnd: Round) -> list[Step]:
    """Groups where entrants tied across the last prize slot were split by the final key."""
    from contest.ranking import services as ranking
    from contest.ranking.prizes import allocate

    steps = []
    ranked = ranking.round_ranking(rnd)
    for group in rnd.contest.groups:
        allocation = allocate(ranked.get(group.id, []), group.prize_counts or {})
        if allocation.left_out:
            cut = sum(1 for award in allocation.awards if award.cut_by_final_key)
            steps.append(Step(
                _("Đợt «%(round)s», khối «%(group)s»: %(tied)s thí sinh đồng hạng ở giải cuối, "
                  "%(cut)s được giải theo tiêu chí cuối cùng, %(left)s không được giải.",
                  round=rnd.name, group=group.name, tied=cut + len(allocation.left_out),
                  cut=cut, left=len(allocation.left_out)),
                url_for("judging.leaderboard", round_id=rnd.id, khoi=group.id),
                _("Xem các thí sinh đồng hạng")))
    return steps
