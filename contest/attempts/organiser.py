"""Organiser page actions of the attempts feature: draw a round's papers ahead."""

from __future__ import annotations

from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from contest.accounts.auth import organiser_required
from contest.attempts.prepared import pool_sizes, prepare_papers
from contest.attempts.views import bp
from contest.contests.forms import ButtonForm
from contest.contests.models import Round
from contest.errors import on_refusal
from contest.extensions import db
from question_bank.drawing import DrawError


@bp.route("/quan-ly/dot-thi/<int:round_id>/chuan-bi-de", methods=["POST"])
@organiser_required
def prepare(round_id: int):
    """Draw one paper per waiting entrant (beyond those ready) so the opening only claims."""
    round_ = db.get_or_404(Round, round_id)
    on_refusal("contests.round_detail", round_id=round_id, _anchor="de-san")
    if ButtonForm().validate_on_submit():  # the CSRF token (a missing one is refused earlier)
        try:
            drawn = sum(prepare_papers(round_).values())
        except DrawError as error:  # the page names what failed: "Chưa chuẩn bị được đề: …"
            raise DrawError(_("Chưa chuẩn bị được đề: %(reason)s", reason=error)) from error
        db.session.commit()
        ready = sum(pool_sizes(round_.id).values())
        flash(ngettext("Đã chuẩn bị thêm %(num)d đề; đang có %(ready)s đề sẵn sàng.",
                       "Đã chuẩn bị thêm %(num)d đề; đang có %(ready)s đề sẵn sàng.",
                       drawn, ready=ready), "success")
    return redirect(url_for("contests.round_detail", round_id=round_id, _anchor="de-san"))
