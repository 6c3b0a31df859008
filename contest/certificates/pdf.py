"""Certificate PDFs (reportlab) in DejaVu Sans, vendored so Vietnamese renders anywhere."""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Callable, Iterable

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from contest.certificates.models import Certificate
from contest.config import ROOT
from contest.i18n import VN_TZ

FONT_DIR = ROOT / "static" / "fonts"
REGULAR, BOLD = "DejaVuSans", "DejaVuSans-Bold"
RED = Color(0.64, 0.08, 0.08)
GOLD = Color(0.72, 0.55, 0.13)
PAGE = landscape(A4)


def _register_fonts() -> None:
    registered = pdfmetrics.getRegisteredFontNames()
    for name, filename in ((REGULAR, "DejaVuSans.ttf"), (BOLD, "DejaVuSans-Bold.ttf")):
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / filename)))


def _nfc(text: str) -> str:
    # Vietnamese typed on some keyboards arrives decomposed; the font has the composed glyphs.
    return unicodedata.normalize("NFC", text or "")


def vn_long_date(cert: Certificate) -> str:
    """"ngày 12 tháng 3 năm 2025", in Vietnam time."""
    day = cert.issued_at.astimezone(VN_TZ)
    return f"ngày {day.day} tháng {day.month} năm {day.year}"


def _centred(c: Canvas, text: str, y: float, font: str, size: float,
             width: float = PAGE[0] - 70 * mm, leading: float = 1.25) -> float:
    """Draw wrapped, centred lines from ``y`` down; return the y below the last line."""
    c.setFont(font, size)
    for line in simpleSplit(_nfc(text), font, size, width) or [""]:
        c.drawCentredString(PAGE[0] / 2, y, line)
        y -= size * leading
    return y


def _frame(c: Canvas) -> None:
    w, h = PAGE
    c.setStrokeColor(RED)
    c.setLineWidth(3)
    c.rect(12 * mm, 12 * mm, w - 24 * mm, h - 24 * mm)
    c.setStrokeColor(GOLD)
    c.setLineWidth(1)
    c.rect(16 * mm, 16 * mm, w - 32 * mm, h - 32 * mm)


def _qr(c: Canvas, url: str, x: float, y: float, size: float) -> None:
    widget = QrCodeWidget(url)
    left, bottom, right, top = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (right - left), 0, 0,
                                             size / (top - bottom), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, c, x, y)


def draw_certificate(c: Canvas, cert: Certificate, verify_url: str) -> None:
    """Draw one certificate on the current page."""
    w, h = PAGE
    _frame(c)
    c.setFillColor(Color(0, 0, 0))
    y = _centred(c, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", h - 32 * mm, BOLD, 13)
    y = _centred(c, "Độc lập - Tự do - Hạnh phúc", y + 2, BOLD, 12)
    c.setLineWidth(0.8)
    c.line(w / 2 - 32 * mm, y + 9, w / 2 + 32 * mm, y + 9)
    c.setFillColor(RED)
    y = _centred(c, "GIẤY CHỨNG NHẬN", y - 12 * mm, BOLD, 34)
    c.setFillColor(Color(0, 0, 0))
    y = _centred(c, "Ban Tổ chức cuộc thi", y - 2 * mm, REGULAR, 14)
    y = _centred(c, cert.contest_title, y, BOLD, 16)
    y = _centred(c, "chứng nhận", y - 2 * mm, REGULAR, 14)
    c.setFillColor(RED)
    y = _centred(c, cert.holder_name, y - 4 * mm, BOLD, 28)
    c.setFillColor(Color(0, 0, 0))
    if cert.unit_name:
        y = _centred(c, f"Đơn vị: {cert.unit_name}", y, REGULAR, 14)
    y = _centred(c, "đã đạt", y - 2 * mm, REGULAR, 14)
    c.setFillColor(RED)
    y = _centred(c, cert.prize, y - 2 * mm, BOLD, 24)
    c.setFillColor(Color(0, 0, 0))
    if cert.round_name:
        _centred(c, cert.round_name, y, REGULAR, 14)
    c.setFont(REGULAR, 12)
    c.drawCentredString(w - 75 * mm, 52 * mm, _nfc(f"Việt Nam, {vn_long_date(cert)}"))
    c.setFont(BOLD, 12)
    c.drawCentredString(w - 75 * mm, 45 * mm, _nfc("TM. BAN TỔ CHỨC"))
    _qr(c, verify_url, 24 * mm, 22 * mm, 30 * mm)
    c.setFont(REGULAR, 9)
    c.drawString(56 * mm, 44 * mm, _nfc("Mã xác minh:"))
    c.setFont(BOLD, 12)
    c.drawString(56 * mm, 38 * mm, cert.display_code)
    c.setFont(REGULAR, 9)
    c.drawString(56 * mm, 32 * mm, _nfc("Kiểm tra giấy chứng nhận tại:"))
    c.drawString(56 * mm, 27 * mm, verify_url)


def render(certificates: Iterable[Certificate], url_for_code: Callable[[str], str]) -> bytes:
    """One PDF with a page per certificate."""
    _register_fonts()
    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=PAGE, pageCompression=1)
    c.setTitle("Giấy chứng nhận")
    c.setAuthor("Ban Tổ chức cuộc thi")
    pages = 0
    for cert in certificates:
        draw_certificate(c, cert, url_for_code(cert.code))
        c.showPage()
        pages += 1
    if not pages:
        c.showPage()
    c.save()
    return buffer.getvalue()
