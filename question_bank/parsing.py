"""Pure parsing of one spreadsheet row's cells: answers, options, areas, difficulties.

Every function takes plain strings and returns plain values or raises CellError.
"""

from __future__ import annotations

import difflib
import re

from flask_babel import gettext as _

from contest.spreadsheets import aliases, fold
from question_bank.models import REFORM_AREAS
from question_bank.rules import LETTERS, MAX_OPTIONS

OPTION_FIELDS = [f"option_{letter.lower()}" for letter in LETTERS]

HEADERS = aliases({
    "code": ["Mã", "Mã câu hỏi", "Mã câu", "Mã số", "Code", "Question code", "ID"],
    "number": ["STT", "TT", "Số thứ tự", "Câu số", "No", "Number"],
    "text": ["Câu hỏi", "Nội dung", "Nội dung câu hỏi", "Câu hỏi trắc nghiệm", "Question",
             "Question text", "Text", "Đề bài"],
    "options": ["Các phương án", "Phương án", "Phương án trả lời", "Các đáp án", "Lựa chọn",
                "Các lựa chọn", "Options", "Choices", "Answers"],
    **{
        f"option_{letter.lower()}": [
            letter, f"Phương án {letter}", f"PA {letter}", f"PA{letter}", f"Đáp án {letter}",
            f"Lựa chọn {letter}", f"Option {letter}", f"Choice {letter}", f"Câu {letter}",
            f"Phương án trả lời {letter}", f"Ý {letter}",
        ]
        for letter in LETTERS
    },
    "answer": ["Đáp án", "Đáp án đúng", "Phương án đúng", "Câu trả lời đúng", "Đáp án chính xác",
               "ĐA", "ĐA đúng", "Kết quả", "Answer", "Correct", "Correct answer", "Key"],
    "area": ["Lĩnh vực", "Chủ đề", "Lĩnh vực cải cách", "Nội dung cải cách", "Nhóm",
             "Nhóm câu hỏi", "Phân loại", "Area", "Topic", "Category"],
    "topic": ["Hạng mục", "Chuyên đề", "Mảng", "Mảng nội dung", "Phần", "Chương", "Subject"],
    "difficulty": ["Mức độ", "Độ khó", "Mức độ khó", "Cấp độ", "Mức", "Difficulty", "Level"],
    "explanation": ["Giải thích", "Giải thích đáp án", "Hướng dẫn", "Ghi chú", "Explanation",
                    "Feedback"],
    "legal_basis": ["Căn cứ", "Căn cứ pháp lý", "Nguồn", "Văn bản", "Trích dẫn",
                    "Tài liệu tham khảo", "Legal basis", "Source", "Reference"],
    "keep": ["Giữ vị trí", "Không đảo", "Không trộn", "Cố định", "Keep in place", "Fixed"],
    "banks": ["Ngân hàng", "Ngân hàng câu hỏi", "Bộ đề", "Bank", "Banks"],
})

# Extra keys (folded) for a close spelling of each area, most specific first.
AREA_KEYS: list[tuple[str, int]] = [
    ("thu tuc hanh chinh", 2), ("tthc", 2), ("thu tuc", 2),
    ("to chuc bo may", 3), ("bo may", 3), ("to chuc", 3),
    ("che do cong vu", 4), ("cong vu", 4), ("cong chuc", 4),
    ("tai chinh cong", 5), ("tai chinh", 5),
    ("chinh phu dien tu", 6), ("chinh phu so", 6), ("cpdt", 6), ("cps", 6),
    ("chuyen doi so", 6), ("dien tu", 6), ("hanh chinh dien tu", 6),
    ("the che", 1),
]
AREA_NAMES = {fold(name): i for i, name in enumerate(REFORM_AREAS, start=1)}
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6}

DIFFICULTIES = {
    **dict.fromkeys(["1", "de", "d", "nhan biet", "biet", "easy", "e", "co ban", "muc 1"], 1),
    **dict.fromkeys(["2", "trung binh", "tb", "thong hieu", "hieu", "medium", "m", "normal",
                     "vua", "muc 2"], 2),
    **dict.fromkeys(["3", "kho", "k", "van dung", "van dung cao", "hard", "h", "difficult",
                     "nang cao", "muc 3", "4"], 3),
}
# "A.", "A)", "A:", "A/", "A -" (a dash needs a space after it: "A-1" is text).
_OPTION_PREFIX = re.compile(r"^\s*([A-Fa-f])\s*(?:[.):/]|[-–—](?=\s))\s*")
_LINE_PREFIX = re.compile(r"^\s*([A-Ha-h])\s*(?:[.):/]|[-–—](?=\s))\s*")  # G., H.: too many
# "Câu 12:", "Câu hỏi 3.", "1: ", "12) " numbering a stem; "1.000 người" is not numbering.
_NUMBERING = re.compile(r"^\s*(?:(?:câu hỏi|câu|cau)\s*\d{1,4}\s*[:.)/-]?"
                        r"|(?:question|q)\s*\d{1,4}\s*[:.)/-]|\d{1,4}\s*[:.)/])\s+",
                        re.IGNORECASE)
_LETTER_KEY = re.compile(r"[A-Fa-f](?:\s*[,;]?\s*[A-Fa-f])*")
_ANSWER_NOISE = re.compile(r"^(dap an|phuong an|answer|pa|da|cau)( dung)?\s+")


class CellError(ValueError):
    """A cell cannot be understood; the message (current locale) names no row. ``field``: the
    column it belongs to when not the one being parsed (a blank "option_c")."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


def parse_difficulty(raw: str) -> int:
    """ "Dễ"/"Nhận biết"/"1"/"Easy" -> 1 ... ; blank -> 2 (medium)."""
    folded = fold(raw)
    if not folded:
        return 2
    if folded in DIFFICULTIES:
        return DIFFICULTIES[folded]
    raise CellError(
        _("Mức độ “%(value)s” không hợp lệ (dùng Dễ, Trung bình, Khó hoặc 1, 2, 3).", value=raw))


def parse_area(raw: str) -> int:
    """An area from its number (1-6), its name, or a close spelling of it."""
    folded = fold(raw)
    if not folded:
        raise CellError(_("Chưa có lĩnh vực."))
    number = re.sub(r"^(linh vuc|lv|chu de|nhom)\s*", "", folded)
    if number.isdigit():
        if 1 <= int(number) <= len(REFORM_AREAS):
            return int(number)
        raise CellError(_("Lĩnh vực số %(number)s không có (chỉ có 1 đến 6).", number=number))
    if number in ROMAN:
        return ROMAN[number]
    if folded in AREA_NAMES:
        return AREA_NAMES[folded]
    bare = folded.removeprefix("cai cach ").strip()
    for key, area in AREA_KEYS:
        if re.search(rf"\b{key}\b", bare):
            return area
    candidates = {**AREA_NAMES, **{key: area for key, area in AREA_KEYS if len(key) > 5}}
    close = difflib.get_close_matches(folded, candidates, n=1, cutoff=0.8) or \
        difflib.get_close_matches(bare, candidates, n=1, cutoff=0.8)
    if close:
        return candidates[close[0]]
    raise CellError(
        _("Lĩnh vực “%(value)s” không khớp với lĩnh vực nào (dùng số 1-6 hoặc tên).", value=raw))


def strip_prefix(text: str, letter: str) -> str:
    """Drop an "A. " / "A) " prefix that repeats the option's own letter."""
    match = _OPTION_PREFIX.match(text)
    if match and match.group(1).upper() == letter:
        return text[match.end():].strip()
    return text.strip()


def strip_numbering(text: str) -> tuple[str, str]:
    """(stem without "Câu 12:" / "1: " numbering, the numbering removed or "")."""
    match = _NUMBERING.match(text)
    if match and text[match.end():].strip():
        return text[match.end():].strip(), match.group(0).strip()
    return text, ""


def split_options(cell: str) -> list[str]:
    """Options written in one cell, one per line, usually with "A." / "B)" prefixes."""
    return split_options_noting(cell)[0]


def split_options_noting(cell: str) -> tuple[list[str], list[tuple[str, int]]]:
    """``split_options`` and the lines without a letter prefix joined to the option before
    (line, position joined), which may be an option whose "D." was forgotten."""
    lines = [line.strip() for line in cell.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [line for line in lines if line]
    if not any(_LINE_PREFIX.match(line) for line in lines):
        return lines, []
    options: list[str] = []
    joined: list[tuple[str, int]] = []
    for line in lines:
        if match := _LINE_PREFIX.match(line):
            options.append(line[match.end():].strip())
        elif options:  # a wrapped line continues the previous option
            options[-1] = f"{options[-1]}\n{line}"
            joined.append((line, len(options) - 1))
        else:
            options.append(line)
    return options, joined


def options_from_columns(cells: dict[str, str]) -> list[str]:
    """Options A-F from their own columns; a gap (C empty but D filled) is an error.

    "A. ...", "B. ..." prefixes repeating each column's letter are dropped, but only when every
    option has one, so a lone option that starts with "A)" keeps its text.
    """
    values = [cells.get(name, "").strip() for name in OPTION_FIELDS]
    while values and not values[-1]:
        values.pop()
    if "" in values:
        gap = LETTERS[values.index("")]
        raise CellError(
            _("Phương án %(letter)s trống nhưng các phương án sau lại có nội dung.", letter=gap),
            field=f"option_{gap.lower()}")
    if len(values) < 2 or not _OPTION_PREFIX.match(values[0]):  # the usual case: no prefixes
        return values
    stripped = [strip_prefix(value, LETTERS[i]) for i, value in enumerate(values)]
    if len(values) > 1 and all(s != v for s, v in zip(stripped, values, strict=True)):
        return stripped
    return values


def parse_answer(raw: str, options: list[str]) -> list[int]:
    """Correct positions from "B", "A,C", "AC", "2", "1;3" or the option's own text."""
    text = raw.strip()
    if not text:
        raise CellError(_("Chưa có đáp án đúng."))
    if re.fullmatch(r"\d+\.0+", text):  # a number cell written as "2.0"
        text = text.split(".")[0]
    if _LETTER_KEY.fullmatch(text) and all(len(o) > 2 for o in options):
        # the usual "B" / "A,C": no option text can equal it, so it is letters
        letters = [LETTERS.index(ch.upper()) for ch in re.findall(r"[A-Fa-f]", text)]
        return _checked(sorted(set(letters)), raw, options)
    folded_options = [fold(option) for option in options]
    folded = _ANSWER_NOISE.sub("", fold(text))
    positions: list[int] | None = None
    compact = folded.replace(" va ", " ").replace(" ", "")
    prefixed = _OPTION_PREFIX.match(text)
    rest = fold(text[prefixed.end():]) if prefixed else ""
    if fold(text) in folded_options:  # "2021" among options "2020", "2021" is text, not a number
        positions = [folded_options.index(fold(text))]
    elif rest and rest in folded_options:  # "C.\tNghị quyết …": the option with its letter
        letter = LETTERS.index(prefixed.group(1).upper()) if prefixed else -1
        matching = [i for i, o in enumerate(folded_options) if o == rest]
        positions = [letter if letter in matching else matching[0]]
    elif re.fullmatch(r"[a-f]{1,6}", compact):
        positions = [LETTERS.index(ch.upper()) for ch in compact]
    elif re.fullmatch(r"\d+( \d+)*", folded.replace(" va ", " ")):
        positions = [int(n) - 1 for n in folded.replace(" va ", " ").split()]
    else:
        parts = [fold(p) for p in re.split(r"[\n;]+", text) if p.strip()]
        if len(parts) > 1 and all(p in folded_options for p in parts):
            positions = [folded_options.index(p) for p in parts]
    if positions is None:
        raise CellError(_("Đáp án “%(value)s” không khớp với phương án nào.", value=raw))
    return _checked(sorted(set(positions)), raw, options)


def _checked(positions: list[int], raw: str, options: list[str]) -> list[int]:
    bad = [p for p in positions if not 0 <= p < len(options)]
    if bad:
        last = LETTERS[min(len(options), MAX_OPTIONS) - 1] if options else "A"
        raise CellError(_(
            "Đáp án “%(value)s” không nằm trong các phương án (chỉ có A đến %(last)s).",
            value=raw, last=last))
    return positions


FIXED_ORDER_WORDS = {"co dinh", "tat ca", "giu nguyen", "khong tron", "khong dao", "fixed", "all",
                     "x"}


def parse_keep(raw: str, count: int) -> list[int] | None:
    """Letters of options kept in place; blank -> None (detect), "-" or "không" -> none,
    "cố định" / "tất cả" -> every option (see ``FIXED_ORDER_WORDS``)."""
    folded = fold(raw)
    if not raw.strip():
        return None
    if folded in {"", "khong", "0", "no", "none"}:
        return []
    if folded in FIXED_ORDER_WORDS:
        return list(range(count))
    compact = folded.replace(" ", "")
    if not re.fullmatch(r"[a-f]{1,6}", compact):
        raise CellError(
            _("Cột giữ vị trí “%(value)s” phải là chữ cái phương án (ví dụ: D).", value=raw))
    positions = sorted({LETTERS.index(ch.upper()) for ch in compact})
    if positions[-1] >= count:
        raise CellError(_("Cột giữ vị trí “%(value)s” nhắc tới phương án không có.", value=raw))
    return positions


def split_banks(raw: str) -> list[str]:
    """Bank names separated by ";" or new lines."""
    return [" ".join(part.split()) for part in re.split(r"[;\n]+", raw) if part.strip()]
