"""Write audit entries. Flushes; the caller commits with the change it records."""

from __future__ import annotations

from typing import Any

from contest.audit.models import AuditEntry
from contest.extensions import db


def _scope(target: Any, details: dict[str, Any]) -> tuple[int | None, int | None]:
    """The contest and round an action concerns: the target's own (a contest, a round, or
    anything with ``contest_id`` / ``round_id``), else the ids named in the details."""
    kind = type(target).__name__ if target is not None else ""
    contest_id = getattr(target, "id", None) if kind == "Contest" else None
    round_id = getattr(target, "id", None) if kind == "Round" else None
    contest_id = contest_id or getattr(target, "contest_id", None) or details.get("contest_id")
    round_id = round_id or getattr(target, "round_id", None) or details.get("round_id")
    if contest_id is None and round_id is not None:
        from contest.contests.models import Round

        round_ = db.session.get(Round, round_id)
        contest_id = round_.contest_id if round_ else None
    return contest_id, round_id


def record(
    actor_id: int | None,
    action: str,
    target: Any = None,
    *,
    reason: str = "",
    **details: Any,
) -> AuditEntry:
    """Record that ``actor_id`` did ``action`` to ``target`` (any model with an id)."""
    contest_id, round_id = _scope(target, details)
    entry = AuditEntry(
        actor_id=actor_id,
        action=action,
        target_type=type(target).__name__ if target is not None else "",
        target_id=getattr(target, "id", None),
        reason=reason,
        details=details,
        contest_id=contest_id,
        round_id=round_id,
    )
    db.session.add(entry)
    db.session.flush()
    return entry


def _plain(value: Any) -> Any:
    """A value as the audit log keeps it (JSON): times in ISO form, enums as their value."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value if value is None or isinstance(value, bool | int | float) else str(value)


def changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """``{field: [old, new]}`` for every field whose value changed, for an edit's entry."""
    return {name: [_plain(before.get(name)), _plain(value)] for name, value in after.items()
            if _plain(before.get(name)) != _plain(value)}
