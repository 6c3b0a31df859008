"""Build spreadsheet files for tests (xlsx with openpyxl, ods/csv with pandas)."""

from __future__ import annotations

import io
import unicodedata

import openpyxl
import pandas as pd

HEADER = ["Mã", "Câu hỏi", "Phương án A", "Phương án B", "Phương án C", "Phương án D",
          "Đáp án", "Lĩnh vực", "Mức độ", "Giải thích", "Căn cứ"]


def xlsx(*sheets: tuple[str, list[list]]) -> bytes:
    """An xlsx with one sheet per (title, rows)."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets:
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def one_sheet(rows: list[list], header: list[str] | None = None) -> bytes:
    return xlsx(("Câu hỏi", [header or HEADER, *rows]))


def to_cp1258(text: str) -> bytes:
    """Encode like Windows-1258: letters with a tone mark become letter + combining tone."""
    out = b""
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", char)
            vowel = [m for m in marks if m in "\u0302\u0306\u031b"]  # â ă ơ keep their mark
            tones = [m for m in marks if m not in vowel]
            base = unicodedata.normalize("NFC", base + "".join(vowel))
            out += base.encode("cp1258") + "".join(tones).encode("cp1258")
    return out


def csv_bytes(rows: list[list], encoding: str = "utf-8", sep: str = ",") -> bytes:
    text = pd.DataFrame(rows).to_csv(index=False, header=False, sep=sep)
    return to_cp1258(text) if encoding == "cp1258" else text.encode(encoding)


def ods(rows: list[list]) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="odf") as writer:
        pd.DataFrame(rows).to_excel(writer, index=False, header=False, sheet_name="Câu hỏi")
    return buffer.getvalue()


def question(code: str = "", text: str = "Câu hỏi?", options=("Một", "Hai", "Ba", "Bốn"),
             answer: str = "A", area: object = 1, difficulty: object = "Dễ",
             explanation: str = "", legal: str = "") -> list:
    opts = list(options) + [""] * (4 - len(options))
    return [code, text, *opts[:4], answer, area, difficulty, explanation, legal]


def patch_xlsx(data: bytes, cells: dict[str, str]) -> bytes:
    """Replace inline-string cells holding a placeholder by raw cell XML (e.g. formulas)."""
    import re
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                xml = content.decode()
                for placeholder, raw in cells.items():
                    xml = re.sub(rf'<c r="([A-Z]+\d+)"( s="\d+")? t="inlineStr"><is><t>'
                                 rf"{placeholder}</t></is></c>", rf'<c r="\1" t="str">{raw}</c>',
                                 xml)
                content = xml.encode()
            target.writestr(item, content)
    return out.getvalue()
