"""The load benchmark's baseline: a bare Flask endpoint doing one INSERT per request.

Served by gunicorn with the same settings as the real app, against the same database, so the
ratio real/baseline says how much the platform's own work costs.
"""

from __future__ import annotations

import os

import sqlalchemy as sa
from flask import Flask, jsonify

metadata = sa.MetaData()
hits = sa.Table(
    "bench_baseline_hit",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("payload", sa.String(64)),
)


def create_app() -> Flask:
    """A one-route app; the engine uses the same pool settings as the platform."""
    app = Flask(__name__)
    url = os.environ["DATABASE_URL"].replace("postgresql://", "postgresql+psycopg://", 1)
    engine = sa.create_engine(url, pool_pre_ping=True)
    metadata.create_all(engine)

    @app.post("/insert")
    def insert():
        with engine.begin() as conn:
            conn.execute(hits.insert().values(payload="x"))
        return jsonify(saved=True)

    return app
