"""The question-bank blueprint; its routes live in views.py and import_views.py."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("question_bank", __name__, url_prefix="/ngan-hang")

from question_bank import import_views, views  # noqa: E402,F401  (register the routes)
