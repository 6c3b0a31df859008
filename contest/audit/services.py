"""Write audit entries. Flushes; the caller commits with the change it records."""

from __future__ import annotations

from typing import Any

from contest.audit.models import AuditEntry
from contest.extensions import db


def record(
    actor_id: int | None,
    action: str,
    target: Any = None,
    *,
    reason: str = "",
    **details: Any,
) -> AuditEntry:
    """Record that ``actor_id`` did ``action`` to ``target`` (any model with an id)."""
    entry = AuditEntry(
        actor_id=actor_id,
        action=action,
        target_type=type(target).__name__ if target is not None else "",
        target_id=getattr(target, "id", None),
        reason=reason,
        details=details,
    )
    db.session.add(entry)
    db.session.flush()
    return entry
