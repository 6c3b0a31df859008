"""Flask extensions, created unbound and wired in ``create_app``."""

from __future__ import annotations

import enum
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, ClassVar

import sqlalchemy as sa
import sqlalchemy.orm
from flask_babel import Babel
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy.orm import DeclarativeBase

import contest.sorting  # noqa: F401  (the SQLite "vi" collation on every connection)

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """Return the current time as an aware UTC datetime."""
    return datetime.now(UTC)


class UTCDateTime(sa.types.TypeDecorator):
    """Store aware datetimes as UTC; always return them aware (UTC), on SQLite too."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime refused: use aware UTC datetimes")
        value = value.astimezone(UTC)
        # SQLite has no time zone type: keep the UTC wall time.
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    """Declarative base with a naming convention so migrations name constraints stably."""

    registry = sa.orm.registry(
        metadata=sa.MetaData(naming_convention=NAMING_CONVENTION),
        type_annotation_map={datetime: UTCDateTime()},
    )
    if TYPE_CHECKING:
        # DeclarativeBase types this as FromClause; every model here maps one plain Table.
        __table__: ClassVar[sa.Table]


def enum_check(column: str, enum_cls: type[enum.StrEnum]) -> sa.CheckConstraint:
    """A CHECK that ``column`` holds one of ``enum_cls``'s values, named ``<column>_known``."""
    values = ", ".join(f"'{member.value}'" for member in enum_cls)
    return sa.CheckConstraint(f"{column} IN ({values})", name=f"{column}_known")


def enum_column(enum_cls: type[enum.StrEnum], column: str, *, default: enum.StrEnum,
                **kwargs: Any) -> Any:
    """A string column for a contest.vocabulary enum: sized to its longest value, with a
    database CHECK derived from the members. ``column`` is the attribute name (the CHECK's
    SQL names it). Stored values are the members' strings."""
    length = kwargs.pop("length", max(len(member.value) for member in enum_cls))
    return sa.orm.mapped_column(sa.String(length), enum_check(column, enum_cls),
                                default=default, **kwargs)


db = SQLAlchemy(model_class=Base)

# Models inherit from ``Model``. At run time it is ``db.Model`` (Base plus Flask-SQLAlchemy's
# table-name and bind handling); mypy cannot see through the class built at run time, so it
# checks models against ``Base``, the declarative base ``db.Model`` is made from.
if TYPE_CHECKING:
    Model = Base
else:
    Model = db.Model

migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
