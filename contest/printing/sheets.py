"""Invitation sheets (reportlab, DejaVu Sans so Vietnamese renders anywhere): per unit the
contest, the unit's name, its registration QR code, the short link and the round dates."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

from contest.i18n import VN_TZ
from contest.pdf_fonts import BOLD, REGULAR, nfc, register_fonts

RED = Color(0.64, 0.08, 0.08)
BLACK = Color(0, 0, 0)
SIZES = {"a4": A4, "a5": A5}


@dataclass(frozen=True)
class RoundLine:
    name: str
    opens_at: datetime
    closes_at: datetime
    practice: bool = False


@dataclass(frozen=True)
class UnitSheet:
    """What one sheet shows (all plain data: the PDF needs no database)."""

    contest_title: str
    plan_reference: str
    unit_name: str
    unit_code: str
    register_url: str  # encoded in the QR code
    short_url: str  # printed to type in
    rounds: Sequence[RoundLine]


def _vn(value: datetime) -> str:
    return value.astimezone(VN_TZ).strftime("%H:%M ngày %d/%m/%Y")


class _Writer:
    """Centred, wrapped lines down a page, scaled to its width (A5 is A4 scaled by 1/√2)."""

    def __init__(self, c: Canvas, page: tuple[float, float]) -> None:
        self.c, self.width, self.height = c, page[0], page[1]
        self.scale = page[0] / A4[0]
        self.y = self.height - 22 * mm * self.scale

    def line(self, text: str, size: float, font: str = REGULAR, color: Color = BLACK,
             gap: float = 0.0) -> None:
        size *= self.scale
        self.y -= gap * mm * self.scale
        self.c.setFont(font, size)
        self.c.setFillColor(color)
        for part in simpleSplit(nfc(text), font, size, self.width - 36 * mm * self.scale) or [""]:
            self.y -= size * 1.3
            self.c.drawCentredString(self.width / 2, self.y, part)

    def qr(self, url: str, size_mm: float) -> None:
        size = size_mm * mm * self.scale
        widget = QrCodeWidget(url, barLevel="M")
        left, bottom, right, top = widget.getBounds()
        drawing = Drawing(size, size, transform=[size / (right - left), 0, 0,
                                                 size / (top - bottom), 0, 0])
        drawing.add(widget)
        self.y -= size + 4 * mm * self.scale
        renderPDF.draw(drawing, self.c, (self.width - size) / 2, self.y)


def draw_sheet(c: Canvas, sheet: UnitSheet, page: tuple[float, float]) -> None:
    """One unit's invitation on the current page."""
    w = _Writer(c, page)
    c.setStrokeColor(RED)
    c.setLineWidth(2 * w.scale)
    margin = 10 * mm * w.scale
    c.rect(margin, margin, page[0] - 2 * margin, page[1] - 2 * margin)
    w.line("MỜI THAM GIA CUỘC THI", 15, BOLD, RED)
    w.line(sheet.contest_title, 19, BOLD, gap=2)
    if sheet.plan_reference:
        w.line(f"(Theo {sheet.plan_reference})", 11)
    w.line("Dành cho cán bộ, công chức, viên chức và người lao động của", 12, gap=5)
    w.line(sheet.unit_name, 20, BOLD, RED, gap=1)
    w.line(f"Mã đơn vị: {sheet.unit_code}", 11)
    w.qr(sheet.register_url, 78)
    w.line("Quét mã QR bằng điện thoại (Zalo, camera) hoặc mở địa chỉ:", 12)
    w.line(sheet.short_url, 15, BOLD, gap=1)
    w.line("Đơn vị của bạn đã được chọn sẵn khi đăng ký.", 11, gap=1)
    if sheet.rounds:
        w.line("Lịch các đợt thi (giờ Việt Nam)", 13, BOLD, gap=5)
        for r in sheet.rounds:
            label = f"{r.name} (thi thử)" if r.practice else r.name
            w.line(f"{label}: từ {_vn(r.opens_at)} đến {_vn(r.closes_at)}", 11, gap=1)


def render(sheets: Iterable[UnitSheet], size: str = "a4") -> bytes:
    """One PDF with a page per unit, on A4 or A5 portrait."""
    register_fonts()
    page = SIZES[size]
    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=page, pageCompression=1)
    c.setTitle("Tờ mời tham gia cuộc thi")
    c.setAuthor("Ban Tổ chức cuộc thi")
    pages = 0
    for sheet in sheets:
        draw_sheet(c, sheet, page)
        c.showPage()
        pages += 1
    if not pages:
        c.showPage()
    c.save()
    return buffer.getvalue()
