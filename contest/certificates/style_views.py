"""The organiser's certificate style for a contest, and a sample certificate to check it."""

from __future__ import annotations

from types import SimpleNamespace

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _

from contest.accounts.auth import organiser_required
from contest.certificates import pdf, styles
from contest.certificates.forms import StyleForm
from contest.certificates.models import DEFAULT_SIGNER_TITLE
from contest.certificates.views import _pdf_response, _verify_url, bp
from contest.contests.models import Contest
from contest.extensions import db, utcnow

# The sample certificate is a document: its text stays Vietnamese.
SAMPLE = {"holder_name": "Nguyễn Văn Mẫu", "unit_name": "Tên đơn vị", "prize": "Giải Nhất"}


@bp.route("/quan-ly/cuoc-thi/<int:contest_id>/mau-chung-nhan", methods=["GET", "POST"])
@organiser_required
def style(contest_id: int):
    """Place line, signer, commendation decision, layout and seal image."""
    contest = db.get_or_404(Contest, contest_id)
    row = styles.style_row(contest.id)
    form = StyleForm(obj=row)
    if row is None and not form.is_submitted():
        form.signer_title.data = DEFAULT_SIGNER_TITLE
    if form.validate_on_submit():
        upload = form.seal.data
        seal = upload.read(styles.SEAL_MAX_BYTES + 1) if upload and upload.filename else None
        styles.save_style(
            contest, place=form.place.data, signer_title=form.signer_title.data,
            signer_name=form.signer_name.data or "", decision_number=form.decision_number.data
            or "", decision_date=form.decision_date.data, issuer_name=form.issuer_name.data
            or "", layout=form.layout.data, seal=seal, remove_seal=form.remove_seal.data)
        db.session.commit()
        flash(_("Đã lưu mẫu giấy chứng nhận."), "success")
        return redirect(url_for("certificates.style", contest_id=contest.id))
    return render_template("certificates/style.html", contest=contest, form=form, row=row,
                           max_kb=styles.SEAL_MAX_BYTES // 1024)


@bp.route("/quan-ly/cuoc-thi/<int:contest_id>/mau-chung-nhan/xem-thu.pdf")
@organiser_required
def style_sample(contest_id: int):
    """A sample certificate (not issued, code all X) drawn with the contest's style."""
    contest = db.get_or_404(Contest, contest_id)
    sample = SimpleNamespace(
        **SAMPLE, code="X" * 16, display_code="XXXX-XXXX-XXXX-XXXX", contest_title=contest.title,
        round_name=contest.rounds[0].name if contest.rounds else "", issued_at=utcnow())
    data = pdf.render([sample], _verify_url, styles.style_of(contest.id))  # type: ignore[list-item]
    return _pdf_response(data, f"mau-giay-chung-nhan-{contest.id}.pdf")
