"""Certificate PDFs (reportlab) in DejaVu Sans, vendored so Vietnamese renders anywhere."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfgen.canvas import Canvas

from contest.certificates.models import DEFAULT_SIGNER_TITLE, Certificate
from contest.i18n import VN_TZ
from contest.pdf_fonts import BOLD, REGULAR, nfc, register_fonts
from contest.vocabulary import DEFAULTS, CertificateLayout

RED = Color(0.64, 0.08, 0.08)
GOLD = Color(0.72, 0.55, 0.13)
PAGE = landscape(A4)
PORTRAIT = A4


@dataclass(frozen=True)
class Style:
    """How a contest issues its certificates (plain data from ``CertificateStyle``)."""

    place: str = ""  # "Lâm Đồng", "Thành phố Huế" ... ; empty: the date line alone
    signer_title: str = DEFAULT_SIGNER_TITLE
    signer_name: str = ""
    decision_number: str = ""
    decision_date: date | None = None
    issuer_name: str = ""  # the issuing body, top left of the portrait layout
    layout: str = DEFAULTS.certificate_layout
    seal_image: bytes | None = None


def vn_long_date(cert: Certificate) -> str:
    """"ngày 12 tháng 3 năm 2025", in Vietnam time."""
    day = cert.issued_at.astimezone(VN_TZ)
    return f"ngày {day.day} tháng {day.month} năm {day.year}"


def place_line(cert: Certificate, style: Style) -> str:
    """"Lâm Đồng, ngày 12 tháng 3 năm 2025": the decision's date if set, else the issue date."""
    if style.decision_date is not None:
        d = style.decision_date
        when = f"ngày {d.day} tháng {d.month} năm {d.year}"
    else:
        when = vn_long_date(cert)
    return f"{style.place.strip()}, {when}" if style.place.strip() else when[0].upper() + when[1:]


def decision_line(style: Style) -> str:
    """"Theo Quyết định số 123/QĐ-BTC ngày 12/3/2025", or "" without a decision number."""
    if not style.decision_number.strip():
        return ""
    line = f"Theo Quyết định số {style.decision_number.strip()}"
    if style.decision_date is not None:
        d = style.decision_date
        line += f" ngày {d.day:02d}/{d.month:02d}/{d.year}"
    return line


def _centred(c: Canvas, text: str, y: float, font: str, size: float,
             width: float = PAGE[0] - 70 * mm, leading: float = 1.25) -> float:
    """Draw wrapped, centred lines from ``y`` down; return the y below the last line."""
    c.setFont(font, size)
    for line in simpleSplit(nfc(text), font, size, width) or [""]:
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


def _signature(c: Canvas, cert: Certificate, style: Style, x: float, y: float,
               box: float = 24 * mm, title_lines: int = 3) -> None:
    """The place and date, the signer's title (at most ``title_lines``), the seal image in a
    ``box`` high space and the signer's name, centred on ``x`` from ``y`` down."""
    c.setFillColor(Color(0, 0, 0))
    c.setFont(REGULAR, 12)
    c.drawCentredString(x, y, nfc(place_line(cert, style)))
    c.setFont(BOLD, 12)
    for line in (style.signer_title or DEFAULT_SIGNER_TITLE).splitlines()[:title_lines]:
        y -= 5.5 * mm
        c.drawCentredString(x, y, nfc(line.strip().upper()))
    if style.seal_image:
        image = ImageReader(io.BytesIO(style.seal_image))
        c.drawImage(image, x - 30 * mm, y - 2 * mm - box, width=60 * mm, height=box,
                    preserveAspectRatio=True, anchor="c", mask="auto")
    if style.signer_name.strip():
        c.setFont(BOLD, 13)
        c.drawCentredString(x, y - box - 8 * mm, nfc(style.signer_name.strip()))


def _verification(c: Canvas, cert: Certificate, verify_url: str, x: float, y: float) -> None:
    """The QR code and the verification code at (``x``, ``y``), bottom left."""
    _qr(c, verify_url, x, y, 30 * mm)
    c.setFillColor(Color(0, 0, 0))
    left = x + 32 * mm
    c.setFont(REGULAR, 9)
    c.drawString(left, y + 22 * mm, nfc("Mã xác minh:"))
    c.setFont(BOLD, 12)
    c.drawString(left, y + 16 * mm, cert.display_code)
    c.setFont(REGULAR, 9)
    c.drawString(left, y + 10 * mm, nfc("Kiểm tra giấy chứng nhận tại:"))
    c.drawString(left, y + 5 * mm, verify_url)


def draw_certificate(c: Canvas, cert: Certificate, verify_url: str,
                     style: Style | None = None) -> None:
    """Draw one certificate on the current page, in the style's layout."""
    style = style or Style()
    if style.layout == CertificateLayout.PORTRAIT:
        _draw_portrait(c, cert, verify_url, style)
    else:
        _draw_landscape(c, cert, verify_url, style)


def _draw_landscape(c: Canvas, cert: Certificate, verify_url: str, style: Style) -> None:
    w, h = PAGE
    _frame(c)
    c.setFillColor(Color(0, 0, 0))
    y = _centred(c, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", h - 32 * mm, BOLD, 13)
    y = _centred(c, "Độc lập - Tự do - Hạnh phúc", y + 2, BOLD, 12)
    c.setLineWidth(0.8)
    c.line(w / 2 - 32 * mm, y + 9, w / 2 + 32 * mm, y + 9)
    c.setFillColor(RED)
    y = _centred(c, "GIẤY CHỨNG NHẬN", y - 9 * mm, BOLD, 34)
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
        y = _centred(c, cert.round_name, y, REGULAR, 14)
    if decision := decision_line(style):  # bottom left, clear of the signature block
        c.setFont(REGULAR, 10)
        c.drawString(24 * mm, 58 * mm, nfc(decision))
    _signature(c, cert, style, w - 75 * mm, 58 * mm, box=20 * mm, title_lines=2)
    _verification(c, cert, verify_url, 24 * mm, 22 * mm)


def _draw_portrait(c: Canvas, cert: Certificate, verify_url: str, style: Style) -> None:
    """Official-letter layout: the issuing body top left, the national motto top right."""
    w, h = PORTRAIT
    c.setStrokeColor(RED)
    c.setLineWidth(2)
    c.rect(10 * mm, 10 * mm, w - 20 * mm, h - 20 * mm)
    c.setFillColor(Color(0, 0, 0))
    y = h - 24 * mm
    issuer = (style.issuer_name.strip() or "BAN TỔ CHỨC CUỘC THI").splitlines()[:3]
    c.setFont(BOLD, 11)
    for line in issuer:
        c.drawCentredString(52 * mm, y, nfc(line.strip().upper()))
        y -= 5.5 * mm
    c.setLineWidth(0.8)
    c.line(38 * mm, y + 3.5 * mm, 66 * mm, y + 3.5 * mm)
    c.setFont(BOLD, 10.5)
    c.drawCentredString(140 * mm, h - 24 * mm, nfc("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
    c.setFont(BOLD, 11.5)
    c.drawCentredString(140 * mm, h - 29.5 * mm, nfc("Độc lập - Tự do - Hạnh phúc"))
    c.line(115 * mm, h - 31 * mm, 165 * mm, h - 31 * mm)
    width = w - 40 * mm
    c.setFillColor(RED)
    y = _portrait_centred(c, "GIẤY CHỨNG NHẬN", h - 62 * mm, BOLD, 30, width)
    c.setFillColor(Color(0, 0, 0))
    y = _portrait_centred(c, "Ban Tổ chức cuộc thi", y - 4 * mm, REGULAR, 14, width)
    y = _portrait_centred(c, cert.contest_title, y, BOLD, 15, width)
    y = _portrait_centred(c, "chứng nhận", y - 3 * mm, REGULAR, 14, width)
    c.setFillColor(RED)
    y = _portrait_centred(c, cert.holder_name, y - 5 * mm, BOLD, 24, width)
    c.setFillColor(Color(0, 0, 0))
    if cert.unit_name:
        y = _portrait_centred(c, f"Đơn vị: {cert.unit_name}", y, REGULAR, 13, width)
    y = _portrait_centred(c, "đã đạt", y - 3 * mm, REGULAR, 14, width)
    c.setFillColor(RED)
    y = _portrait_centred(c, cert.prize, y - 2 * mm, BOLD, 22, width)
    c.setFillColor(Color(0, 0, 0))
    if cert.round_name:
        y = _portrait_centred(c, cert.round_name, y, REGULAR, 13, width)
    if decision := decision_line(style):
        y = _portrait_centred(c, decision, y, REGULAR, 11, width)
    _signature(c, cert, style, 140 * mm, min(y - 12 * mm, 100 * mm))
    _verification(c, cert, verify_url, 20 * mm, 18 * mm)


def _portrait_centred(c: Canvas, text: str, y: float, font: str, size: float,
                      width: float) -> float:
    c.setFont(font, size)
    for line in simpleSplit(nfc(text), font, size, width) or [""]:
        c.drawCentredString(PORTRAIT[0] / 2, y, line)
        y -= size * 1.25
    return y


def render(certificates: Iterable[Certificate], url_for_code: Callable[[str], str],
           style: Style | None = None) -> bytes:
    """One PDF with a page per certificate, in the style's layout."""
    register_fonts()
    style = style or Style()
    buffer = io.BytesIO()
    page = PORTRAIT if style.layout == CertificateLayout.PORTRAIT else PAGE
    c = Canvas(buffer, pagesize=page, pageCompression=1)
    c.setTitle("Giấy chứng nhận")
    c.setAuthor("Ban Tổ chức cuộc thi")
    pages = 0
    for cert in certificates:
        draw_certificate(c, cert, url_for_code(cert.code), style)
        c.showPage()
        pages += 1
    if not pages:
        c.showPage()
    c.save()
    return buffer.getvalue()
