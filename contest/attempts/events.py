"""Anti-cheat events sent by the attempt page; they feed the judges' flags, never a penalty."""

from __future__ import annotations

from typing import cast

import sqlalchemy as sa
from flask_babel import gettext as _

from contest.attempts.models import Attempt, AttemptStatus
from contest.attempts.policies import AttemptError
from contest.contests.models import Registration
from contest.extensions import db

EVENT_TYPES = {"tab_hidden"}


def record_event(user_id: int, public_id: str, event_type: str) -> bool:
    """Count an anti-cheat event (tab switch) on an open attempt; flags only, never judges."""
    if event_type not in EVENT_TYPES:
        raise AttemptError(_("Loại sự kiện không hợp lệ."), 400)
    owner = sa.select(Registration.id).where(Registration.user_id == user_id)
    # Session.execute is typed Result; an UPDATE's result is a CursorResult (rowcount).
    result = cast(sa.CursorResult, db.session.execute(
        sa.update(Attempt)
        .where(Attempt.public_id == public_id, Attempt.registration_id.in_(owner),
               Attempt.status == AttemptStatus.OPEN)
        .values(tab_switches=Attempt.tab_switches + 1)
        .execution_options(synchronize_session=False)
    ))
    return result.rowcount == 1
