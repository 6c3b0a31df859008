"""The picture Zalo and Facebook show when a contest's link is shared (Open Graph image)."""

from __future__ import annotations

import functools
import io
import textwrap
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT_DIR = Path(__file__).resolve().parents[2] / "static" / "fonts"
WIDTH, HEIGHT = 1200, 630  # the size both Facebook and Zalo recommend
BRAND = (163, 21, 21)  # --brand in app.css
WHITE = (255, 255, 255)
SOFT = (255, 224, 224)


def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(FONT_DIR / name), size)


@functools.lru_cache(maxsize=256)
def share_image(title: str, subtitle: str, footer: str) -> bytes:
    """A 1200x630 PNG with the contest's title (wrapped, at most four lines), a subtitle and
    a footer line; cached by its texts, so an edited title gives a new picture."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BRAND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, HEIGHT - 90, WIDTH, HEIGHT), fill=(120, 10, 10))
    draw.text((60, 50), "CCHC", font=_font(40, bold=True), fill=SOFT)
    lines = textwrap.wrap(title, width=34)[:4] or [""]
    if len(textwrap.wrap(title, width=34)) > 4:
        lines[-1] = lines[-1][:31].rstrip() + "…"
    y = 130
    for line in lines:
        draw.text((60, y), line, font=_font(58, bold=True), fill=WHITE)
        y += 74
    if subtitle:
        draw.text((60, y + 16), textwrap.shorten(subtitle, 60, placeholder="…"),
                  font=_font(32), fill=SOFT)
    draw.text((60, HEIGHT - 66), textwrap.shorten(footer, 64, placeholder="…"),
              font=_font(30), fill=WHITE)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()
