"""``flask attempts finalize-expired``."""

from datetime import timedelta

from contest.attempts.models import Attempt
from contest.attempts.services import start_attempt
from contest.extensions import db, utcnow


def test_finalize_expired_prints_how_many(runner, setup):
    for minutes_ago in (50, 45, 0):
        ctx = setup()
        start_attempt(ctx.user.id, ctx.round.id, now=utcnow() - timedelta(minutes=minutes_ago))
    db.session.commit()
    result = runner.invoke(args=["attempts", "finalize-expired"])
    assert result.exit_code == 0
    assert "Đã chốt 2 bài thi hết giờ." in result.output
    statuses = sorted(db.session.scalars(db.select(Attempt.status)))
    assert statuses == ["expired", "expired", "open"]
    assert "Đã chốt 0" in runner.invoke(args=["attempts", "finalize-expired"]).output
