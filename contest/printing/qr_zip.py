"""A zip of every unit's registration QR code, as PNG (for documents) and SVG (for print)."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable

import qrcode
import qrcode.image.svg

_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


def safe_name(code: str) -> str:
    """A file name from a unit code (no paths, no odd characters)."""
    return _UNSAFE.sub("_", code).strip("._") or "don-vi"


def png(url: str) -> bytes:
    buffer = io.BytesIO()
    qrcode.make(url, box_size=10, border=4).save(buffer)
    return buffer.getvalue()


def svg(url: str) -> bytes:
    buffer = io.BytesIO()
    qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage).save(buffer)
    return buffer.getvalue()


def build(codes_and_urls: Iterable[tuple[str, str]]) -> bytes:
    """``qr-<code>.png`` and ``qr-<code>.svg`` for each (unit code, registration URL)."""
    out = io.BytesIO()
    seen: set[str] = set()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for code, url in codes_and_urls:
            name = safe_name(code)
            while name in seen:
                name += "_"
            seen.add(name)
            archive.writestr(f"png/qr-{name}.png", png(url))
            archive.writestr(f"svg/qr-{name}.svg", svg(url))
    return out.getvalue()
