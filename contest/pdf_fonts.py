"""The fonts every PDF of the platform uses (certificates, printed unit sheets): DejaVu, shipped
in static/fonts, which has every Vietnamese glyph; and the one text normalisation they need."""

from __future__ import annotations

import unicodedata

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from contest.config import ROOT

FONT_DIR = ROOT / "static" / "fonts"
REGULAR, BOLD = "DejaVuSans", "DejaVuSans-Bold"


def register_fonts() -> None:
    """Register the two faces with ReportLab once per process."""
    registered = pdfmetrics.getRegisteredFontNames()
    for name, filename in ((REGULAR, "DejaVuSans.ttf"), (BOLD, "DejaVuSans-Bold.ttf")):
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / filename)))


def nfc(text: str) -> str:
    """Vietnamese typed on some keyboards arrives decomposed; the font has the composed glyphs."""
    return unicodedata.normalize("NFC", text or "")
