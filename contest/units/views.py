"""Organisers browse and edit units."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, render_template

from contest.accounts.auth import organiser_required
from contest.extensions import db
from contest.units.models import Unit

bp = Blueprint("units", __name__, url_prefix="/don-vi")


@bp.route("/")
@organiser_required
def index():
    """List units."""
    units = db.session.scalars(sa.select(Unit).order_by(Unit.code)).all()
    return render_template("units/index.html", units=units)
