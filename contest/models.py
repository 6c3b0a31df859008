"""Import every model so SQLAlchemy's metadata (and Alembic) sees the whole schema."""

from contest.accounts.models import User  # noqa: F401
from contest.attempts.models import Attempt, AttemptItem  # noqa: F401
from contest.audit.models import AuditEntry  # noqa: F401
from contest.certificates.models import Certificate, CertificateStyle  # noqa: F401
from contest.contests.models import Contest, EntrantGroup, Registration, Round  # noqa: F401
from contest.practice.models import (  # noqa: F401
    PracticeAnswer,
    PracticeProgress,
    PracticeSetting,
)
from contest.referrals.models import Referral, ShareCode  # noqa: F401
from contest.reports.models import UnitManager  # noqa: F401
from contest.results.models import ResultSnapshot, RoundConfirmation  # noqa: F401
from contest.units.models import Block, Unit  # noqa: F401
from question_bank.models import Bank, Question, QuestionOption, ReformArea  # noqa: F401
