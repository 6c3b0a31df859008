"""Uploaded files waiting for confirmation, kept on disk under a random token."""

from __future__ import annotations

import json
import re
import secrets
import time
from pathlib import Path

from flask import current_app

from contest.spreadsheets import ALLOWED_EXTENSIONS
from question_bank.formats import INTERCHANGE_EXTENSIONS

TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
MAX_AGE_SECONDS = 24 * 3600


def folder() -> Path:
    base = current_app.config.get("UPLOAD_FOLDER") or Path(current_app.instance_path) / "uploads"
    path = Path(base) / "question-import"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _paths(token: str) -> tuple[Path, Path] | None:
    if not TOKEN_RE.match(token or ""):
        return None
    base = folder()
    return base / f"{token}.bin", base / f"{token}.json"


def _prune(base: Path) -> None:
    """Forget uploads nobody confirmed within a day."""
    limit = time.time() - MAX_AGE_SECONDS
    for path in base.glob("*.*"):
        if path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)


def save(data: bytes, filename: str, options: dict, owner_id: int) -> str:
    """Store an upload with its import options; return its token."""
    ext = Path(filename).suffix.lower()
    safe_name = f"tep{ext}" if ext in ALLOWED_EXTENSIONS | INTERCHANGE_EXTENSIONS else "tep"
    base = folder()
    _prune(base)
    token = secrets.token_urlsafe(24)
    paths = _paths(token)
    assert paths is not None  # token_urlsafe(24) always has the shape TOKEN_RE wants
    data_path, meta_path = paths
    data_path.write_bytes(data)
    meta = {"filename": safe_name, "original": Path(filename).name[:200], "owner": owner_id,
            "options": options}
    meta_path.write_text(json.dumps(meta, ensure_ascii=False))
    return token


def load(token: str, owner_id: int) -> tuple[bytes, dict] | None:
    """The upload's bytes and metadata, or None if unknown, expired or someone else's."""
    paths = _paths(token)
    if paths is None or not paths[0].exists() or not paths[1].exists():
        return None
    meta = json.loads(paths[1].read_text())
    if meta.get("owner") != owner_id:
        return None
    return paths[0].read_bytes(), meta


def update_options(token: str, options: dict) -> None:
    paths = _paths(token)
    if paths and paths[1].exists():
        meta = json.loads(paths[1].read_text())
        meta["options"] = options
        paths[1].write_text(json.dumps(meta, ensure_ascii=False))


def discard(token: str) -> None:
    paths = _paths(token)
    if paths:
        for path in paths:
            path.unlink(missing_ok=True)
