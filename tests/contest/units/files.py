"""Build units files in memory: xlsx through openpyxl, csv in any encoding."""

from __future__ import annotations

import io
import unicodedata

from openpyxl import Workbook

HEADER = ["Mã đơn vị", "Tên đơn vị", "Mã đơn vị cha", "Khối", "Biên chế"]
ROWS = [
    ["T01", "UBND tỉnh Thừa Thiên Huế", "", "Cơ quan tỉnh", 120],
    ["SNV", "Sở Nội vụ", "T01", "Cơ quan tỉnh", 45],
    ["X01", "UBND xã Phú Vang", "T01", "Khối xã, phường", 30],
]


def xlsx_bytes(rows: list[list], header: list[str] | None = None,
               title_rows: list[list] | None = None) -> bytes:
    """An xlsx workbook with optional title rows above the header."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Đơn vị"
    for row in [*(title_rows or []), header or HEADER, *rows]:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def encode_cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: base letters precomposed, tone marks combining."""
    out = b""
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            tones = "".join(c for c in parts if c in TONE_MARKS)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS))
            out += (base + tones).encode("cp1258")
    return out


def csv_bytes(rows: list[list], header: list[str] | None = None,
              encoding: str = "utf-8-sig", sep: str = ",") -> bytes:
    lines = [sep.join(str(c) for c in row) for row in [header or HEADER, *rows]]
    text = "\r\n".join(lines) + "\r\n"
    return encode_cp1258(text) if encoding == "cp1258" else text.encode(encoding)


def upload(client, data: bytes, filename: str = "don_vi.xlsx"):
    """Send a file to the units import page, as the upload form does."""
    return client.post("/don-vi/nhap", data={"file": (io.BytesIO(data), filename)},
                       content_type="multipart/form-data")
