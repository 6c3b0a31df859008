"""Organisers browse, create, edit, retire and export questions."""

from __future__ import annotations

import io
import math

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _

from contest.accounts.auth import organiser_required
from contest.errors import on_refusal
from contest.extensions import db
from question_bank import pinning, queries, services
from question_bank.exporting import export_questions, export_xlsx, template_xlsx
from question_bank.formats import WRITERS
from question_bank.forms import ActionForm, QuestionForm
from question_bank.models import DIFFICULTY_NAMES, REFORM_AREAS, Bank, OptionOrder, Question
from question_bank.parsing import split_banks

bp = Blueprint("question_bank", __name__, url_prefix="/ngan-hang")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.route("/")
@organiser_required
def browse():
    """List questions with search, filters, pagination and the area x difficulty matrix."""
    filters = queries.Filters.from_args(request.args)
    items, total = queries.search(filters)
    pages = max(1, math.ceil(total / queries.PER_PAGE))
    args = {k: v for k, v in vars(filters).items() if v and k != "page"}
    if not filters.status:
        args["status"] = ""

    def page_url(number: int) -> str:
        return url_for(".browse", **args, page=number)

    return render_template(
        "question_bank/browse.html", items=items, total=total, filters=filters, pages=pages,
        page_url=page_url, banks=queries.banks(), topics=queries.topics(),
        matrix=queries.count_matrix(filters.bank),
        areas=REFORM_AREAS, difficulties=DIFFICULTY_NAMES, action_form=ActionForm(),
    )


def _save(form: QuestionForm, question: Question | None):
    values = form.values()
    keep = values.pop("keep_in_place")  # "auto" adds the options pinned by meaning
    fields = dict(text=form.text.data, area_id=form.area.data,
                  difficulty=form.difficulty.data, explanation=form.explanation.data or "",
                  legal_basis=form.legal_basis.data or "", keep_in_place=keep,
                  option_order=form.option_order.data or OptionOrder.AUTO,
                  topic=form.topic.data or "",
                  banks=split_banks(form.banks.data or ""), **values)
    if question is None:
        return services.create_question(code=form.code.data or "", **fields)
    return services.update_question(question, **fields)


@bp.route("/cau-hoi/moi", methods=["GET", "POST"])
@organiser_required
def create():
    """Write a new question."""
    form = QuestionForm()
    if form.validate_on_submit():
        question = _save(form, None)
        db.session.commit()
        flash(_("Đã thêm câu hỏi %(code)s.", code=question.code), "success")
        return redirect(url_for(".browse"))
    return render_template("question_bank/edit.html", form=form, question=None)


@bp.route("/cau-hoi/<int:question_id>", methods=["GET", "POST"])
@organiser_required
def edit(question_id: int):
    """Change a question (attempts that used it keep their own copy)."""
    question = db.get_or_404(Question, question_id)
    form = QuestionForm()
    if request.method == "GET":
        form.text.data, form.area.data = question.text, question.area_id
        form.difficulty.data, form.explanation.data = question.difficulty, question.explanation
        form.legal_basis.data = question.legal_basis
        form.option_order.data = question.option_order
        form.topic.data = question.topic
        form.banks.data = "; ".join(sorted(b.name for b in question.banks))
        for option in question.options:
            letter = option.letter.lower()
            form[f"option_{letter}"].data = option.text
            form[f"correct_{letter}"].data = option.is_correct
            form[f"keep_{letter}"].data = option.keep_in_place
    elif form.validate_on_submit():
        _save(form, question)
        db.session.commit()
        flash(_("Đã lưu câu hỏi %(code)s.", code=question.code), "success")
        return redirect(url_for(".edit", question_id=question.id))
    return render_template("question_bank/edit.html", form=form, question=question,
                           action_form=ActionForm(), used=services.is_used(question.id),
                           pins=_pins(question))


def _pins(question: Question) -> dict[int, str]:
    """Why each stored option keeps its place (letter position -> reason)."""
    options = [o.text for o in question.options]
    keep = [o.position for o in question.options if o.keep_in_place]
    return {p: pinning.reason(pin)
            for p, pin in pinning.explain(options, keep, question.option_order).items()}


@bp.post("/cau-hoi/<int:question_id>/<any(ngung, 'dung-lai', xoa):action>")
@organiser_required
def change_status(question_id: int, action: str):
    """Retire, reactivate or delete (only if never used) a question."""
    question = db.get_or_404(Question, question_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    on_refusal(".edit", question_id=question_id)
    if action == "ngung":
        services.retire_question(question)
        message = _("Đã ngừng sử dụng câu hỏi %(code)s.", code=question.code)
    elif action == "dung-lai":
        services.reactivate_question(question)
        message = _("Câu hỏi %(code)s được dùng lại.", code=question.code)
    else:
        code = question.code
        services.delete_question(question)
        message = _("Đã xoá câu hỏi %(code)s.", code=code)
    db.session.commit()
    flash(message, "success")
    return redirect(url_for(".browse"))


@bp.route("/tep-mau.xlsx")
@organiser_required
def template():
    """Download the empty import template."""
    return send_file(io.BytesIO(template_xlsx()), mimetype=XLSX, as_attachment=True,
                     download_name="mau-nhap-cau-hoi.xlsx")


@bp.route("/xuat.xlsx")
@organiser_required
def export():
    """Download a bank (or every active question): xlsx template, GIFT or Moodle XML."""
    bank_id, fmt = request.args.get("bank", ""), request.args.get("dinh_dang", "xlsx")
    bank = db.get_or_404(Bank, int(bank_id)) if bank_id.isdigit() else None
    if (bank_id and bank is None) or (fmt != "xlsx" and fmt not in WRITERS):
        abort(404)
    if fmt == "xlsx":
        data, mimetype, ext = export_xlsx(bank.id if bank else None), XLSX, ".xlsx"
    else:
        writer, mimetype, ext = WRITERS[fmt]
        data = writer(export_questions(bank.id if bank else None))
    name = f"ngan-hang-{bank.id}{ext}" if bank else f"ngan-hang-cau-hoi{ext}"
    return send_file(io.BytesIO(data), mimetype=mimetype, as_attachment=True, download_name=name)


# Routes on the same blueprint, kept in their own module.
from question_bank import import_views  # noqa: E402,F401
