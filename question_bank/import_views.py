"""Import questions from a spreadsheet: upload, preview, fix choices, confirm."""

from __future__ import annotations

import io
from dataclasses import asdict

from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from contest.accounts.auth import organiser_required
from contest.errors import on_refusal
from contest.extensions import db
from contest.spreadsheets import SpreadsheetError, fold
from question_bank import pinning, uploads
from question_bank.error_report import error_report_xlsx
from question_bank.exporting import bank_by_name
from question_bank.formats import sniff
from question_bank.forms import AREA_LABELS, ActionForm, ImportForm, ImportOptionsForm
from question_bank.import_plan import ImportOptions
from question_bank.importer import apply_plan, prepare
from question_bank.views import bp

PREVIEW_ROWS = 100
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _options(form) -> dict:
    return asdict(ImportOptions(
        bank=" ".join((form.bank.data or "").split()), default_area=form.area.data or None,
        all_sheets=bool(form.all_sheets.data),
        include_duplicates=bool(form.include_duplicates.data),
        code_conflicts=(form.code_conflicts.data or "") if hasattr(form, "code_conflicts") else "",
    ))


def _stored(token: str) -> tuple[bytes, dict]:
    found = uploads.load(token, current_user.id)
    if found is None:
        abort(404)
    return found


@bp.route("/nhap", methods=["GET", "POST"])
@organiser_required
def import_upload():
    """Upload a question file; it is checked before anything is written."""
    form = ImportForm()
    if form.validate_on_submit():
        upload = form.file.data
        data, filename = upload.read(), upload.filename or ""
        options = _options(form)
        try:
            prepare(data, filename, ImportOptions(**options))
        except SpreadsheetError as error:  # the file, not the form, is at fault: 400
            db.session.rollback()
            flash(str(error), "error")
            return render_template("question_bank/import_upload.html", form=form), 400
        token = uploads.save(data, filename, options, current_user.id)
        return redirect(url_for(".import_preview", token=token))
    return render_template("question_bank/import_upload.html", form=form)


@bp.get("/nhap/<token>")
@organiser_required
def import_preview(token: str):
    """Show valid rows, errors and duplicates; import only on confirmation."""
    data, meta = _stored(token)
    options = ImportOptions(**meta["options"])
    on_refusal(".import_upload")
    plan, sheets = prepare(data, meta["filename"], options)
    form = ImportOptionsForm(data={
        "bank": options.bank, "area": options.default_area or 0, "sheet": options.sheet,
        "all_sheets": options.all_sheets, "include_duplicates": options.include_duplicates,
        "code_conflicts": options.code_conflicts})
    form.sheet.choices = [SelectChoice("", _("— Trang đầu tiên có câu hỏi —")),
                          *[SelectChoice(s, s) for s in sheets]]
    return render_template(
        "question_bank/import_preview.html", token=token, meta=meta, plan=plan, form=form,
        sheets=sheets, preview=[r for r in plan.rows if r.action != "duplicate"][:PREVIEW_ROWS],
        area_choices=AREA_LABELS, action_form=ActionForm(), area_map=options.area_map,
        spreadsheet=sniff(data, meta["filename"]) is None, pin_reasons=pin_reasons,
        mapping_rows=[(label, options.area_map.get(fold(label)))
                      for label in dict.fromkeys([*plan.topics, *plan.unknown_areas])],
    )


def pin_reasons(row) -> dict[int, str]:
    """Why each option of a previewed row keeps its place (position -> reason)."""
    return {p: pinning.reason(pin)
            for p, pin in pinning.explain(row.options, row.keep, row.order).items()}


@bp.post("/nhap/<token>")
@organiser_required
def import_recheck(token: str):
    """Change the import choices (bank, area, sheet, category mapping) and check again."""
    _data, meta = _stored(token)
    form = ImportOptionsForm()
    if not form.validate_on_submit():
        abort(400)
    options = _options(form) | {"sheet": (form.sheet.data or "")[:100]}
    area_map = dict(meta["options"].get("area_map", {}))
    for key, label in request.form.items():
        if key.startswith("map-label-"):
            area = request.form.get("map-" + key.removeprefix("map-label-"), "")
            if area.isdigit() and 1 <= int(area) <= 6:
                area_map[fold(label)] = int(area)
            elif not area:
                area_map.pop(fold(label), None)
    options["area_map"] = area_map
    uploads.update_options(token, options)
    return redirect(url_for(".import_preview", token=token))


@bp.post("/nhap/<token>/xac-nhan")
@organiser_required
def import_confirm(token: str):
    """Write the checked file in one transaction."""
    data, meta = _stored(token)
    if not ActionForm().validate_on_submit():
        abort(400)
    options = ImportOptions(**meta["options"])
    on_refusal(".import_upload")
    plan, _sheets = prepare(data, meta["filename"], options)
    if plan.errors:
        flash(_("Tệp còn lỗi nên chưa ghi câu hỏi nào."), "error")
        return redirect(url_for(".import_preview", token=token))
    result = apply_plan(plan, options, actor_id=current_user.id, filename=meta["filename"])
    db.session.commit()
    uploads.discard(token)
    flash(result.summary(), "success")
    return redirect(url_for(".browse", bank=_bank_id(options.bank)))


def _bank_id(name: str) -> int | None:
    bank = bank_by_name(name) if name else None
    return bank.id if bank else None


@bp.get("/nhap/<token>/bao-cao-loi.xlsx")
@organiser_required
def import_report(token: str):
    """Download the uploaded file with an error column added."""
    data, meta = _stored(token)
    on_refusal(".import_upload")
    plan, _sheets = prepare(data, meta["filename"], ImportOptions(**meta["options"]))
    report = error_report_xlsx(data, meta["filename"], plan)
    return send_file(io.BytesIO(report), mimetype=XLSX, as_attachment=True,
                     download_name="bao-cao-loi.xlsx")


@bp.post("/nhap/<token>/huy")
@organiser_required
def import_cancel(token: str):
    """Forget an upload without importing it."""
    _stored(token)
    if not ActionForm().validate_on_submit():
        abort(400)
    uploads.discard(token)
    flash(_("Đã huỷ lần nhập này."), "info")
    return redirect(url_for(".import_upload"))
