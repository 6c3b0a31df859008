"""The load benchmark's baseline: a bare Flask endpoint doing one INSERT per request.

    DATABASE_URL=... .venv/bin/python benchmarks/baseline_app.py --smoke   # one request, in-process

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


def main(argv: list[str] | None = None) -> None:
    """``--smoke``: build the app on DATABASE_URL and send one request through its test client
    (gunicorn serves it for the benchmark: benchmarks/run_load.sh)."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="one request, in-process")
    args = parser.parse_args(argv)
    if not args.smoke:
        parser.error("serve it with gunicorn: 'benchmarks.baseline_app:create_app()'")
    response = create_app().test_client().post("/insert")
    print(f"baseline /insert: {response.status_code} {response.get_json()}")


if __name__ == "__main__":
    main()
