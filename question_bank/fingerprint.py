"""A stable fingerprint of a question's content, for duplicate detection."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from contest.spreadsheets import fold_many
from question_bank.parsing import strip_numbering


def fingerprint(text: str, options: Sequence[str]) -> str:
    """Same folded text and same set of folded options give the same fingerprint.

    Option order does not matter; different options (same text) give a different one; the
    stem's numbering ("Câu 12:") does not count.
    """
    stem, *folded = fold_many([strip_numbering(text)[0], *options])
    parts = [stem, *sorted(folded)]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
