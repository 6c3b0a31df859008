"""Every UI string goes through Flask-Babel, and the English catalogue covers all of them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from babel.support import Translations

from tests.i18n_check import ROOT, find_problems

PO = ROOT / "translations/en/LC_MESSAGES/messages.po"


@pytest.fixture(scope="module")
def catalog():
    with PO.open("rb") as handle:
        return read_po(handle)


def test_no_ui_text_bypasses_babel():
    assert find_problems() == []


def test_every_message_has_english(catalog):
    untranslated = [m.id for m in catalog if m.id and not all(
        m.string if isinstance(m.string, tuple) else (m.string,))]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert untranslated == [] and fuzzy == []


def test_placeholders_match(catalog):
    # Babel's checkers: python-format placeholders in the English equal the Vietnamese ones.
    problems = [(m.id, [str(e) for e in errors]) for m, errors in catalog.check()]
    assert problems == []


def test_catalogue_holds_every_extracted_string(tmp_path: Path, catalog):
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg",
         "-k", "_l", "-k", "lazy_gettext", "-k", "lazy_pgettext:1c,2", "-o", str(pot), "."],
        cwd=ROOT, check=True, capture_output=True,
    )
    with pot.open("rb") as handle:
        extracted = read_po(handle)
    known = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in catalog}
    missing = [m.id for m in extracted
               if m.id and (m.context, m.id if isinstance(m.id, str) else m.id[0]) not in known]
    assert missing == [], "run the update command in README (Translations)"


def test_compiled_catalogue_matches_the_po(catalog):
    compiled = Translations.load(str(ROOT / "translations"), ["en"])
    stale = []
    for message in catalog:
        if not message.id or isinstance(message.id, tuple):
            continue
        got = (compiled.pgettext(message.context, message.id) if message.context
               else compiled.gettext(message.id))
        if got != message.string:
            stale.append(message.id)
    assert stale == [], "run: pybabel compile -d translations"


def test_vietnamese_covers_every_wtforms_message():
    """WTForms' built-in messages ("Not a valid integer value.") get our Vietnamese."""
    import wtforms

    pot_path = Path(wtforms.__file__).parent / "locale" / "wtforms.pot"
    with pot_path.open("rb") as handle:
        pot = read_po(handle)
    with (ROOT / "translations/vi/LC_MESSAGES/wtforms.po").open("rb") as handle:
        ours = read_po(handle)
    translated = {m.id if isinstance(m.id, str) else m.id[0] for m in ours
                  if m.id and all(m.string if isinstance(m.string, tuple) else (m.string,))}
    assert [m.id for m in pot if m.id and
            (m.id if isinstance(m.id, str) else m.id[0]) not in translated] == []
    assert [(m.id, errors) for m, errors in ours.check()] == []
    compiled = Translations.load(str(ROOT / "translations"), ["vi"], domain="wtforms")
    assert compiled.gettext("Not a valid integer value.") == "Vui lòng nhập một số nguyên."
