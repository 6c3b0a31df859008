"""Units-import uploads waiting for confirmation: the shared store (``contest.uploads``), each
bound to the account that uploaded it."""

from __future__ import annotations

from contest import uploads as store
from contest.spreadsheets import ALLOWED_EXTENSIONS

KIND = "units-import"
TOKEN_RE = store.TOKEN_RE


def save_upload(data: bytes, filename: str, owner_id: int) -> str:
    """Store the file for ``owner_id`` and return its token."""
    return store.save(KIND, data, filename, owner_id, extensions=ALLOWED_EXTENSIONS)


def load_upload(token: str, owner_id: int) -> tuple[bytes, str] | None:
    """The stored bytes and a file name with the original extension, or None (also when the
    token is someone else's)."""
    found = store.load(KIND, token, owner_id)
    return (found[0], found[1]["filename"]) if found else None


def discard_upload(token: str, owner_id: int) -> None:
    """Remove the stored file once imported (only the uploader's)."""
    if store.load(KIND, token, owner_id) is not None:
        store.discard(KIND, token)
