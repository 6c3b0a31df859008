"""Keep an uploaded units file between the preview and the confirmation, under a random token."""

from __future__ import annotations

import re
import secrets
import time
from pathlib import Path

from flask import current_app

from contest.spreadsheets import ALLOWED_EXTENSIONS

TOKEN_RE = re.compile(r"^[0-9a-f]{32}$")
PREFIX = "units-"
MAX_AGE_SECONDS = 24 * 3600


def upload_folder() -> Path:
    """app.config["UPLOAD_FOLDER"] (default instance/uploads), created if missing."""
    folder = Path(current_app.config.get("UPLOAD_FOLDER")
                  or Path(current_app.instance_path) / "uploads")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _extension(filename: str) -> str:
    ext = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return ext if ext in ALLOWED_EXTENSIONS else ""


def save_upload(data: bytes, filename: str) -> str:
    """Store the file and return its token; stale uploads older than a day are removed."""
    folder = upload_folder()
    cutoff = time.time() - MAX_AGE_SECONDS
    for old in folder.glob(f"{PREFIX}*"):
        if old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
    token = secrets.token_hex(16)
    (folder / f"{PREFIX}{token}{_extension(filename)}").write_bytes(data)
    return token


def _path(token: str) -> Path | None:
    if not TOKEN_RE.match(token or ""):
        return None
    matches = [p for p in upload_folder().glob(f"{PREFIX}{token}.*")
               if p.suffix.lower() in ALLOWED_EXTENSIONS]
    return matches[0] if matches else None


def load_upload(token: str) -> tuple[bytes, str] | None:
    """The stored bytes and a file name with the original extension, or None."""
    path = _path(token)
    return (path.read_bytes(), path.name) if path else None


def discard_upload(token: str) -> None:
    """Remove the stored file once imported."""
    path = _path(token)
    if path:
        path.unlink(missing_ok=True)
