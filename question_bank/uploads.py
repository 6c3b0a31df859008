"""Question-import uploads waiting for confirmation: the shared store (``contest.uploads``)."""

from __future__ import annotations

from contest import uploads as store
from contest.spreadsheets import ALLOWED_EXTENSIONS
from question_bank.formats import INTERCHANGE_EXTENSIONS

KIND = "question-import"
TOKEN_RE = store.TOKEN_RE


def save(data: bytes, filename: str, options: dict, owner_id: int) -> str:
    """Store an upload with its import options; return its token."""
    return store.save(KIND, data, filename, owner_id, options=options,
                      extensions=ALLOWED_EXTENSIONS | INTERCHANGE_EXTENSIONS)


def load(token: str, owner_id: int) -> tuple[bytes, dict] | None:
    """The upload's bytes and metadata, or None if unknown, expired or someone else's."""
    return store.load(KIND, token, owner_id)


def update_options(token: str, options: dict) -> None:
    store.update_options(KIND, token, options)


def discard(token: str) -> None:
    store.discard(KIND, token)
