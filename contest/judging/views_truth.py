"""A judge corrects a round's prediction truth with a reason (the leaderboard shows it)."""

from __future__ import annotations

from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from contest.accounts.auth import staff_required
from contest.contests.models import Round
from contest.errors import on_refusal
from contest.extensions import db
from contest.judging.forms import TruthForm
from contest.judging.views import bp
from contest.ranking.truth import correct_truth


@bp.route("/dot/<int:round_id>/dap-an-du-doan", methods=["POST"])
@staff_required
def correct_prediction_truth(round_id: int):
    """Correct the truth; the ranking is recomputed from it at once."""
    rnd = db.get_or_404(Round, round_id)
    form = TruthForm()
    back = url_for("judging.leaderboard", round_id=rnd.id) + "#dap-an-du-doan"
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for error in errors:
                flash(str(error), "error")
        return redirect(back)
    on_refusal("judging.leaderboard", round_id=rnd.id, _anchor="dap-an-du-doan")
    correct_truth(current_user.id, rnd, form.truth.data, form.reason.data)
    db.session.commit()
    flash(_("Đã sửa đáp án câu dự đoán và tính lại bảng xếp hạng. Cần xác nhận lại kết quả."),
          "success")
    return redirect(back)
