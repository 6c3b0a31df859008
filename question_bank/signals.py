"""Signals other features listen to (question_bank depends on no contest feature)."""

from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

# Sent after questions are written in bulk outside the ORM's unit of work (the importer), so
# anything derived from them (the contest's prepared papers) can be discarded.
questions_changed = _signals.signal("questions-changed")
