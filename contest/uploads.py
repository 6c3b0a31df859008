"""The one store for uploaded files waiting between preview and confirmation (units import,
question import): on disk under ``UPLOAD_FOLDER`` (default instance/uploads), one sub-folder per
kind, each file under a random token and bound to the account that uploaded it. Another account
holding the token gets nothing; uploads nobody confirmed within a day are removed."""

from __future__ import annotations

import json
import re
import secrets
import time
from pathlib import Path
from typing import Any

from flask import current_app

TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
MAX_AGE_SECONDS = 24 * 3600


def folder(kind: str) -> Path:
    base = current_app.config.get("UPLOAD_FOLDER") or Path(current_app.instance_path) / "uploads"
    path = Path(base) / kind
    path.mkdir(parents=True, exist_ok=True)
    return path


def _paths(kind: str, token: str) -> tuple[Path, Path] | None:
    if not TOKEN_RE.match(token or ""):
        return None
    base = folder(kind)
    return base / f"{token}.bin", base / f"{token}.json"


def _prune(base: Path) -> None:
    limit = time.time() - MAX_AGE_SECONDS
    for path in base.glob("*.*"):
        if path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)


def save(kind: str, data: bytes, filename: str, owner_id: int, *,
         extensions: frozenset[str] | set[str], options: dict[str, Any] | None = None) -> str:
    """Store an upload for ``owner_id`` (with its import options); return its token."""
    ext = Path(filename).suffix.lower()
    safe_name = f"tep{ext}" if ext in extensions else "tep"
    base = folder(kind)
    _prune(base)
    token = secrets.token_urlsafe(24)
    paths = _paths(kind, token)
    assert paths is not None  # token_urlsafe(24) always has the shape TOKEN_RE wants
    data_path, meta_path = paths
    data_path.write_bytes(data)
    meta = {"filename": safe_name, "original": Path(filename).name[:200], "owner": owner_id,
            "options": options or {}}
    meta_path.write_text(json.dumps(meta, ensure_ascii=False))
    return token


def load(kind: str, token: str, owner_id: int) -> tuple[bytes, dict[str, Any]] | None:
    """The upload's bytes and metadata, or None if unknown, expired or someone else's."""
    paths = _paths(kind, token)
    if paths is None or not paths[0].exists() or not paths[1].exists():
        return None
    meta = json.loads(paths[1].read_text())
    if meta.get("owner") != owner_id:
        return None
    return paths[0].read_bytes(), meta


def update_options(kind: str, token: str, options: dict[str, Any]) -> None:
    paths = _paths(kind, token)
    if paths and paths[1].exists():
        meta = json.loads(paths[1].read_text())
        meta["options"] = options
        paths[1].write_text(json.dumps(meta, ensure_ascii=False))


def discard(kind: str, token: str) -> None:
    paths = _paths(kind, token)
    if paths:
        for path in paths:
            path.unlink(missing_ok=True)
