"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from contest import create_app
from contest.extensions import db
from question_bank.models import REFORM_AREAS
from tests import conftest


def _drop_everything(url: str) -> None:
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(sa.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        else:
            meta = sa.MetaData()
            meta.reflect(conn)
            meta.drop_all(conn)
    engine.dispose()


@pytest.fixture
def migrated_app(backend, database_url, tmp_path):
    url = f"sqlite:///{tmp_path / 'migrated.sqlite'}" if backend == "sqlite" else database_url
    _drop_everything(url)
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "x"})
    with app.app_context():
        upgrade()
        yield app
        db.session.remove()
        db.engine.dispose()
    _drop_everything(url)
    conftest._schemas.pop(url, None)  # the next test rebuilds its schema


def test_migrations_match_models(migrated_app):
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, db.metadata)
    assert diff == []


def test_upgrade_creates_the_six_reform_areas_in_order(migrated_app):
    rows = db.session.execute(sa.text("SELECT name FROM reform_area ORDER BY position")).all()
    assert tuple(r[0] for r in rows) == REFORM_AREAS


@pytest.mark.postgres_only  # SQLite has no time zone type; UTCDateTime handles it there
def test_datetime_columns_are_timezone_aware_on_postgresql(migrated_app):
    rows = db.session.execute(sa.text(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = 'public' AND data_type = 'timestamp without time zone'"
    )).all()
    assert rows == []


@pytest.mark.parametrize(("model", "column"), [
    ("contest", "collective_formula"), ("round", "prediction_kind"),
    ("round", "attempt_policy"), ("round", "counting"), ("round", "review_policy")])
def test_migrated_schema_refuses_unknown_settings(migrated_app, model, column):
    from contest.contests.models import Contest, Round
    from contest.extensions import utcnow

    now = utcnow()
    contest = Contest(title="Cuộc thi")
    round_ = Round(contest=contest, name="Đợt 1", opens_at=now, closes_at=now + timedelta(1))
    db.session.add_all([contest, round_])
    db.session.commit()  # the stored defaults pass the checks
    target = {"contest": Contest, "round": Round}[model]
    with pytest.raises(sa.exc.IntegrityError):
        db.session.execute(sa.update(target).values({column: "unknown"}))
    db.session.rollback()


def test_downgrade_to_base_removes_everything(migrated_app):
    downgrade(revision="base")
    tables = set(sa.inspect(db.engine).get_table_names()) - {"alembic_version"}
    assert tables == set()
