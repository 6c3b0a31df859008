"""Organisers browse, import and edit units; anyone may search unit names for registration."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError
from wtforms.fields.choices import SelectChoice

from contest.accounts.auth import organiser_required
from contest.extensions import db
from contest.units import mapping, queries, uploads
from contest.units.forms import NO_PARENT, ImportConfirmForm, UnitForm, UploadForm
from contest.units.importing import HEADERS, plan_import
from contest.units.models import Unit
from contest.units.services import UnitError, apply_import, create_unit, update_unit

bp = Blueprint("units", __name__, url_prefix="/don-vi")
PER_PAGE = 100


@bp.route("/")
@organiser_required
def index():
    """List units in tree order, searchable by name or code and filtered by block."""
    q = request.args.get("q", "")[:100]
    block_id = request.args.get("khoi", type=int)
    page = max(request.args.get("trang", 1, type=int), 1)
    rows = queries.filter_units(queries.unit_tree(), q, block_id)
    pages = max((len(rows) + PER_PAGE - 1) // PER_PAGE, 1)
    shown = rows[(page - 1) * PER_PAGE : page * PER_PAGE]
    return render_template("units/index.html", rows=shown, total=len(rows), q=q,
                           block_id=block_id, blocks=queries.block_list(), page=page, pages=pages)


@bp.route("/tim")
def search():
    """JSON for the registration unit picker: [{id, code, name, path}], at most 20."""
    return jsonify(queries.search_units(request.args.get("q", "")))


def _unit_form(unit: Unit | None = None) -> UnitForm:
    form = UnitForm()
    if unit is not None and request.method == "GET":  # plain values only, never the Block
        form.name.data, form.headcount.data = unit.name, unit.headcount
        form.parent_id.data = str(unit.parent_id or "")
        form.block.data = unit.block.name if unit.block else ""
    form.parent_id.choices = [NO_PARENT, *(SelectChoice(value, label) for value, label
                                           in queries.parent_choices(unit.id if unit else None))]
    return form


def _save(form: UnitForm, action, template: str, **context):
    """Run a create/update service on a valid form; show its error on the field at fault."""
    if form.validate_on_submit():
        unit = action()
        db.session.commit()
        queries.forget_search_index()
        flash(_("Đã lưu đơn vị “%(name)s”.", name=unit.name), "success")
        return redirect(url_for("units.index", q=unit.code))
    return render_template(template, form=form, blocks=queries.block_list(), **context)


@bp.route("/them", methods=["GET", "POST"])
@organiser_required
def create():
    """Create one unit."""
    form = _unit_form()
    return _save(form, lambda: create_unit(
        code=form.code.data, name=form.name.data, parent_id=form.parent_value,
        block=form.block.data, headcount=form.headcount.data, actor_id=current_user.id,
    ), "units/create.html")


@bp.route("/<int:unit_id>/sua", methods=["GET", "POST"])
@organiser_required
def edit(unit_id: int):
    """Edit a unit's name, parent, block and headcount (the code stays)."""
    unit = db.get_or_404(Unit, unit_id)
    form = _unit_form(unit)
    form.code.data = unit.code  # the code identifies the unit in imports: not editable here
    return _save(form, lambda: update_unit(
        unit, name=form.name.data, parent_id=form.parent_value, block=form.block.data,
        headcount=form.headcount.data, actor_id=current_user.id,
    ), "units/edit.html", unit=unit)


@bp.route("/nhap", methods=["GET", "POST"])
@organiser_required
def import_upload():
    """Upload a units file; show the preview next."""
    form = UploadForm()
    if form.validate_on_submit():
        token = uploads.save_upload(form.file.data.read(), form.file.data.filename or "",
                                    current_user.id)
        return redirect(url_for("units.import_preview", token=token))
    return render_template("units/import_upload.html", form=form, headers=HEADERS)


def _chosen_columns() -> dict[str, int]:
    """The columns chosen on the preview's mapping form (?code=0&name=2 ...)."""
    chosen = {key: request.args.get(f"cot_{key}", type=int) for key in mapping.FIELDS}
    return {key: index for key, index in chosen.items() if index is not None and index >= 0}


@bp.route("/nhap/<token>")
@organiser_required
def import_preview(token: str):
    """Show what the import would create, update or leave, and every row error; a file whose
    headers are not recognised gets a form to say which column holds what."""
    stored = uploads.load_upload(token, current_user.id)
    if stored is None:
        abort(404)
    columns = _chosen_columns()
    plan = plan_import(*stored, mapping=columns or None)
    return render_template("units/import_preview.html", plan=plan, token=token,
                           fields=[(key, mapping.LABELS[key], key in mapping.REQUIRED)
                                   for key in mapping.FIELDS],
                           form=ImportConfirmForm(token=token,
                                                  mapping=mapping.mapping_text(columns)))


@bp.route("/nhap/xac-nhan", methods=["POST"])
@organiser_required
def import_confirm():
    """Import the previewed file (re-checked now); all rows or none."""
    form = ImportConfirmForm()
    stored = (uploads.load_upload(form.token.data, current_user.id)
              if form.validate_on_submit() else None)
    if stored is None:
        flash(_("Tệp tải lên không còn hoặc không hợp lệ. Vui lòng tải lên lại."), "error")
        return redirect(url_for("units.import_upload"))
    plan = plan_import(*stored, mapping=mapping.parse_mapping(form.mapping.data) or None)
    try:
        summary = apply_import(plan, actor_id=current_user.id)
        db.session.commit()
    except (UnitError, IntegrityError):
        db.session.rollback()
        flash(_("Chưa nhập được: dữ liệu có lỗi hoặc vừa bị thay đổi. Vui lòng xem lại."), "error")
        chosen: dict[str, Any] = {f"cot_{key}": index for key, index
                                  in mapping.parse_mapping(form.mapping.data).items()}
        return redirect(url_for("units.import_preview", token=form.token.data, **chosen))
    uploads.discard_upload(form.token.data, current_user.id)
    queries.forget_search_index()
    flash(_("Đã nhập đơn vị: %(create)s tạo mới, %(update)s cập nhật, %(unchanged)s không đổi.",
            **summary), "success")
    return redirect(url_for("units.index"))
