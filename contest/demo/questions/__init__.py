"""The demo question bank: plain dicts, one module per reform area.

Each dict: code, area (1-6, Nghị quyết 76/NQ-CP order), difficulty (1-3), text, options,
correct (0-based), optional keep_in_place, explanation, legal_basis, and ``citizen`` when the
question also belongs to the citizens' bank.
"""

from contest.demo.questions.apparatus import QUESTIONS as _APPARATUS
from contest.demo.questions.civil_service import QUESTIONS as _CIVIL_SERVICE
from contest.demo.questions.digital import QUESTIONS as _DIGITAL
from contest.demo.questions.institutions import QUESTIONS as _INSTITUTIONS
from contest.demo.questions.procedures import QUESTIONS as _PROCEDURES
from contest.demo.questions.public_finance import QUESTIONS as _PUBLIC_FINANCE

STAFF_BANK = "CBCCVC 2025"
CITIZEN_BANK = "Người dân 2025"

QUESTIONS: list[dict] = [
    *_INSTITUTIONS, *_PROCEDURES, *_APPARATUS, *_CIVIL_SERVICE, *_PUBLIC_FINANCE, *_DIGITAL,
]


def banks_for(question: dict) -> list[str]:
    """Every question is in the staff bank; those marked ``citizen`` also in the citizens' one."""
    return [STAFF_BANK, CITIZEN_BANK] if question.get("citizen") else [STAFF_BANK]
