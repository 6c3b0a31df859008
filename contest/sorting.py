"""Vietnamese alphabetical order for names, the same in Python, SQLite and PostgreSQL.

Order of letters: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y (other letters in
Latin order); words compare on letters first, then on tones (none, huyền, hỏi, ngã, sắc, nặng),
then on case, as dictionaries and ICU's "vi" collation do. So "Ô Môn" comes after "Ninh Kiều"
and before "Phong Điền", "Đại Thành" after "Dương Minh Châu" and before "Ea Súp".

- ``vi_key(text)``: a Python sort key;
- SQLite connections get a ``vi`` collation built on it (registered for every connection);
- ``vi_order(column)``: the column collated in Vietnamese for ORDER BY on the current database
  (ICU "vi-x-icu" on PostgreSQL when the server has it, else the plain column).
"""

from __future__ import annotations

import sqlite3
import unicodedata
from functools import lru_cache
from typing import Any

import sqlalchemy as sa

TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # huyền hỏi ngã sắc nặng
MODIFIERS = {"\u0306": 1, "\u0302": 2, "\u031b": 3}  # ă; â ê ô; ơ ư
SQLITE_COLLATION = "vi"
PG_COLLATION = "vi-x-icu"


@lru_cache(maxsize=65536)
def vi_key(text: str | None) -> tuple[tuple[int, ...], tuple[int, ...], str]:
    """(letters, tones, the text itself): compare on letters, then tones, then case."""
    letters: list[int] = []
    tones: list[int] = []
    for char in unicodedata.normalize("NFD", (text or "").strip()):
        if char in TONES:
            if tones:
                tones[-1] = TONES[char]
            continue
        if char in MODIFIERS:
            if letters:
                letters[-1] += MODIFIERS[char]
            continue
        lower = char.lower()
        if lower == "đ":
            letters.append(ord("d") * 4 + 1)
        else:
            letters.append(ord(lower) * 4)
        tones.append(0)
    return tuple(letters), tuple(tones), text or ""


def vi_sorted(items, key=lambda item: item):
    """``items`` sorted in Vietnamese order of ``key(item)``."""
    return sorted(items, key=lambda item: vi_key(key(item)))


def _compare(left: str | None, right: str | None) -> int:
    a, b = vi_key(left), vi_key(right)
    return (a > b) - (a < b)


@sa.event.listens_for(sa.engine.Engine, "connect")
def _register_sqlite_collation(dbapi_connection, _record) -> None:
    if isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.create_collation(SQLITE_COLLATION, _compare)


_pg_has_icu: dict[str, bool] = {}


def vi_order(column: Any, session=None) -> Any:
    """``column`` collated in Vietnamese on this session's database, for ORDER BY."""
    from contest.extensions import db

    session = session or db.session
    bind = session.get_bind()
    name = bind.dialect.name
    if name == "sqlite":
        return column.collate(SQLITE_COLLATION)
    if name == "postgresql":
        url = str(bind.engine.url)
        if url not in _pg_has_icu:
            _pg_has_icu[url] = bool(session.scalar(sa.text(
                "SELECT 1 FROM pg_collation WHERE collname = :name"), {"name": PG_COLLATION}))
        if _pg_has_icu[url]:
            return column.collate(PG_COLLATION)
    return column
