"""Personal data in the logs: masked in the audit log, unmasked only in the organisers'
verification log (``PersonalDataChange``), and every organiser look at unmasked data audited."""

from __future__ import annotations

from typing import Any

from contest.accounts.services import mask_id_number, mask_phone
from contest.audit.models import AuditEntry, PersonalDataChange
from contest.audit.services import record
from contest.extensions import db
from contest.vocabulary import AuditAction

PERSONAL_KEYS = ("phone", "id_number", "date_of_birth")


def mask_value(key: str, value: Any) -> Any:
    """How a personal value may appear in the audit log and its exports."""
    if value in (None, ""):
        return value
    if key == "phone":
        return mask_phone(str(value))
    if key == "id_number":
        return mask_id_number(str(value))
    if key == "date_of_birth":
        return str(value)[:4] + "-**-**"
    return value


def masked(values: dict[str, Any]) -> dict[str, Any]:
    return {key: mask_value(key, value) for key, value in values.items()}


def record_change(entry: AuditEntry, *, user_id: int, registration_id: int | None,
                  before: dict[str, Any], after: dict[str, Any]) -> PersonalDataChange | None:
    """Keep the unmasked values of ``entry``'s personal fields in the verification log."""
    before = {k: v for k, v in before.items() if k in PERSONAL_KEYS}
    after = {k: v for k, v in after.items() if k in PERSONAL_KEYS}
    if not before and not after:
        return None
    change = PersonalDataChange(audit_entry_id=entry.id, actor_id=entry.actor_id,
                                user_id=user_id, registration_id=registration_id,
                                before=before, after=after)
    db.session.add(change)
    db.session.flush()
    return change


def log_view(actor_id: int | None, what: str, target: Any = None, *,
             user_ids: list[int] | None = None, **details: Any) -> AuditEntry:
    """Audit that ``actor_id`` was shown unmasked personal data (``what``: which page)."""
    return record(actor_id, AuditAction.PERSONAL_DATA_VIEW, target, reason=what,
                  user_ids=sorted(set(user_ids or [])), **details)
