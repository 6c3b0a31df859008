"""``flask --app contest units ...``"""

from __future__ import annotations

from flask.cli import AppGroup

units_cli = AppGroup("units", help="Manage units.")
