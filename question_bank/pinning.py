"""Which options must keep their place when options are shuffled, and why (pure functions).

An option that refers to other options pins itself and the options it names:

- by letter: "Cả A, B, C đều đúng", "Phương án A và B đều đúng", "Cả a và b đều đúng",
  "Both A and B", "Cả hai nguyên tắc nêu trên (A, B)";
- by number: combination keys "1,2,3", "2,3,4", "Cả 1 và 2" (number n is option n when the
  question has one; otherwise the numbers are statements of the stem and only the key is pinned);
- by count: "Cả hai phương án trên", "Cả ba ý trên đều đúng" (the options directly above it);
- all or none: "Tất cả các phương án trên", "A, B, C đều đúng", "Không có đáp án nào đúng",
  "All of the above", "None of the above", a bare "Tất cả" — the option itself, and every option
  after it, so what is "above" stays above.

``pins(options)`` maps each pinned position to a ``Pin`` saying why; ``reason(pin)`` words it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from flask_babel import gettext as _

from contest.spreadsheets import fold

LETTERS = "ABCDEF"

# Kinds of pins.
NAMES = "names"  # this option names others (``refs``)
NAMED = "named"  # named by option ``by``
ALL = "all"  # refers to all / none of the options above
AFTER = "after"  # after an "all of the above" option ``by``: must not move above it
COMBINATION = "combination"  # "1,2,3" naming statements of the stem
MANUAL = "manual"  # ticked by the organiser
FIXED = "fixed"  # the whole question keeps its order


@dataclass(frozen=True)
class Pin:
    kind: str
    refs: tuple[int, ...] = ()  # the positions an option names
    by: int = -1  # the option that pins this one


_NOUN = (r"(?:phuong an|dap an|cau tra loi|cau|y kien|y|lua chon|truong hop|noi dung|nguyen tac"
         r"|khang dinh|nhan dinh|phat bieu|options?|answers?|choices?|statements?)")
_LINK = r"(?:\s+(?:va|hoac|and|or|voi|cung|lan)\s+|\s+)"
_LETTER_LIST = re.compile(rf"(?<![a-z0-9])[a-f](?:{_LINK}[a-f](?![a-z0-9]))+")
_LEGAL = re.compile(r"\b(?:diem|khoan|tiet|muc|phu luc|dieu)\s*$")
_ONE_LETTER = re.compile(
    r"\b(?:phuong an|dap an|y|option|answer|choice)\s+([a-f])"
    r"(?:$|\s+(?:dung|sai|la|deu|tren|va|hoac|and|or|is|are)\b)")
_NUMBER_KEY = re.compile(
    rf"^(?:(?:ca|chi|tat ca|gom|cac)\s+)?(?:{_NOUN}\s+)?([1-9](?:{_LINK}[1-9])+)"
    r"(?:\s+(?:deu\s+)?(?:dung|sai|la dung|la sai))?$")
_COUNTED = re.compile(
    rf"^(?:ca|tat ca|both of)?\s*(hai|ba|bon|nam|2|3|4|5|the two|the three)\s+(?:cac\s+)?"
    rf"(?:{_NOUN}\s+)?(?:(?:o|neu|da neu|ke)\s+)?(?:tren|nay|above)\b"
    rf"|^(?:ca|tat ca)\s+(hai|ba|bon|nam|2|3|4|5)\s+{_NOUN}\b"
    rf"|^(both)\b")
_COUNTS = {"hai": 2, "ba": 3, "bon": 4, "nam": 5, "2": 2, "3": 3, "4": 4, "5": 5,
           "the two": 2, "the three": 3, "both": 2}
_ALL = [re.compile(p) for p in (
    rf"^(?:ca|tat ca)(?: cac)?(?: {_NOUN})?(?: (?:o |da |duoc )?(?:tren|neu tren|ke tren|nay))",
    rf"^tat ca(?: cac)?(?: {_NOUN})?(?: (?:deu )?(?:dung|sai|chinh xac))",
    r"^tat ca(?: cac)?(?: (?:phuong an|dap an|lua chon|y))?$",
    r"^tat ca$",
    rf"^(?:cac|nhung|moi)(?: {_NOUN}) (?:o |neu |da neu )?(?:tren|neu tren)",
    rf"^(?:cac|nhung|moi)(?: {_NOUN})(?: tren)? deu (?:dung|sai)",
    rf"^khong(?: co| phai)?(?: {_NOUN}| cac {_NOUN}| ai)(?: nao)?(?: (?:o |neu )?tren)?"
    r"(?: (?:dung|sai|ca|chinh xac|phu hop)\b|$)",
    rf"^khong(?: co)? {_NOUN} nao\b",
    r"^khong phai (?:cac|nhung|tat ca)",
    rf"^(?:ca|tat ca) (?:cac )?{_NOUN} deu (?:dung|sai)",
    r"^(?:all|none|neither|each|any) of (?:the |these )?"
    r"(?:above|options|answers|choices|these|them)",
    r"^(?:all|none) (?:the )?above",
    r"^(?:all|none) are (?:correct|true|wrong|false)",
    r"^(?:all|none) of the (?:statements|above statements)",
)]
_STARTS = ("ca ", "tat ca", "khong", "all", "none", "neither", "both", "cac ", "nhung ", "moi ",
           "each", "any ", "the ", "hai ", "ba ", "bon ", "nam ", "2 ", "3 ", "4 ")


# Anything that could start a reference: a lone letter a-f, a leading digit, a leading
# quantifier ("cả", "tất cả", "không", "all", "hai" ...).
_MAYBE = re.compile(r"(?<![a-z0-9])[a-f](?![a-z0-9])|^[1-9]|^(?:" + "|".join(
    re.escape(start.strip()) for start in _STARTS) + r")\b")

# The same test on the text as written (NFC), so most options are never folded here.
_LONE_LETTER = re.compile(r"[a-fA-F](?<!\w[a-fA-F])(?!\w)")  # the class first: a fast scan
_LEADING = re.compile(
    r"^\W*[1-9]|^\W*(?:c[ảa]|t[ấa]t|kh[ôo]ng|all|none|neither|both|c[áa]c|nh[ữu]ng|m[ọo]i|each"
    r"|any|the|hai|ba|b[ốo]n|n[ăa]m)(?!\w)", re.IGNORECASE | re.MULTILINE)


def _maybe(text: str) -> bool:
    """Whether the text (one option, or a question's options one per line) could refer to
    other options at all; False for most options, in one or two C-level searches."""
    return bool(_LEADING.search(text) or _LONE_LETTER.search(text))


def _letters(folded: str, count: int, own: int) -> list[int]:
    found: list[int] = []
    for match in _LETTER_LIST.finditer(folded):
        if _LEGAL.search(folded[:match.start()]):  # "điểm a, b khoản 2": points of a law
            continue
        found += [LETTERS.index(ch.upper()) for ch in re.findall(r"(?<![a-z])[a-f](?![a-z])",
                                                                   match.group(0))]
    if not found:
        found = [LETTERS.index(m.group(1).upper()) for m in _ONE_LETTER.finditer(folded)]
    return [p for p in dict.fromkeys(found) if p < count and p != own]


def refers(option: str, position: int, count: int, keys: bool = False) -> Pin | None:
    """How the option at ``position`` (of ``count``) refers to others, or None; ``keys``: the
    question has several number keys ("1,2", "2,3,4"), so numbers are the stem's statements."""
    if not _maybe(option):  # rules most options out without folding them
        return None
    folded = fold(option)
    if not folded or not _MAYBE.search(folded):
        return None
    named = _letters(folded, count, position)
    if named:
        return Pin(NAMES, tuple(named))
    if match := _NUMBER_KEY.match(folded):
        numbers = [int(n) - 1 for n in re.findall(r"[1-9]", match.group(1))]
        if not keys and all(n < count for n in numbers) and position not in numbers:
            return Pin(NAMES, tuple(dict.fromkeys(numbers)))
        return Pin(COMBINATION)
    if not folded.startswith(_STARTS):  # cheap filter: most options are ordinary text
        return None
    if match := _COUNTED.match(folded):
        word = next(g for g in match.groups() if g)
        n = _COUNTS[word]
        above = list(range(max(0, position - n), position)) if n <= position else list(
            range(position))
        return Pin(NAMES, tuple(above)) if above else Pin(ALL)
    if any(pattern.search(folded) for pattern in _ALL):
        return Pin(ALL)
    return None


def pins(options: Sequence[str]) -> dict[int, Pin]:
    """Every position that must not move, with its reason; the referring option wins a tie."""
    if not _maybe("\n".join(options)):  # one search for the whole question
        return {}
    found: dict[int, Pin] = {}
    count = len(options)
    keys = sum(1 for o in options if o[:1].isdigit() and _NUMBER_KEY.match(fold(o))) > 1
    for position, option in enumerate(options):
        pin = refers(option, position, count, keys)
        if pin is None:
            continue
        found[position] = pin
        if pin.kind == ALL:
            for after in range(position + 1, count):
                found.setdefault(after, Pin(AFTER, by=position))
        for named in pin.refs:
            found.setdefault(named, Pin(NAMED, by=position))
    for position, pin in list(found.items()):  # a referring option later in the list wins
        if pin.kind in (NAMED, AFTER):
            own = refers(options[position], position, count, keys)
            if own is not None:
                found[position] = own
    return dict(sorted(found.items()))


def detected(options: Sequence[str]) -> list[int]:
    """Positions pinned by meaning."""
    return list(pins(options))


def explain(options: Sequence[str], keep: Sequence[int], order: str = "auto") -> dict[int, Pin]:
    """Why each kept position is kept: its meaning, the organiser's tick, or a fixed order."""
    if order == "fixed":
        return {i: Pin(FIXED) for i in range(len(options))}
    meaning = pins(options) if order == "auto" else {}
    return {i: meaning.get(i, Pin(MANUAL)) for i in sorted(set(keep))}


def _letter_list(positions: Sequence[int]) -> str:
    return ", ".join(LETTERS[p] for p in positions)


def reason(pin: Pin) -> str:
    """The pin's reason in the current language, for the preview and the question page."""
    if pin.kind == NAMES:
        return _("nhắc tới phương án %(letters)s", letters=_letter_list(pin.refs))
    if pin.kind == NAMED:
        return _("được phương án %(letter)s nhắc tới", letter=LETTERS[pin.by])
    if pin.kind == ALL:
        return _("nói về tất cả (hoặc không) phương án nào ở trên")
    if pin.kind == AFTER:
        return _("đứng sau phương án %(letter)s (“tất cả…”)", letter=LETTERS[pin.by])
    if pin.kind == COMBINATION:
        return _("là tổ hợp số (như “1, 2, 3”)")
    if pin.kind == FIXED:
        return _("cả câu giữ nguyên thứ tự")
    return _("người soạn đánh dấu giữ vị trí")
