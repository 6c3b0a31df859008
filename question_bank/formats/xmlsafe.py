"""XML hardened with defusedxml (no entities, no external references), and element lines.

Moodle and QTI files come from other systems; an entity declaration ("billion laughs") or an
external reference is refused before anything is expanded. Every such declaration must stand in
the prolog (the DOCTYPE), before the root element, so defusedxml's parser reads the file up to
the root's start tag and refuses them there; the tree is then built by the standard library's C
parser, which has nothing left to expand. (defusedxml's own tree builder runs in Python and
takes about 0.5 s longer on a 10,000-question Moodle file: benchmarks/README.md.)
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden
from defusedxml.ElementTree import DefusedXMLParser
from flask_babel import gettext as _

from question_bank.formats.records import FormatError

_ROOT = re.compile(rb"<([A-Za-z_][\w.:-]*)")


def parse(data: bytes, tag: str = "") -> tuple[ET.Element, list[int]]:
    """The root element, and the start line of each ``<tag`` element in document order.

    The lines come from a scan of the raw bytes: expat knows them, but asking it for each element
    from Python costs more than the parse. The scan is trusted only when it finds exactly as many
    starts as the tree has elements; otherwise it is redone with comments and CDATA blanked out.
    """
    try:
        _check_prolog(data)
        root = ET.fromstring(data)
    except EntitiesForbidden as error:
        raise FormatError(_("Tệp XML khai báo thực thể (ENTITY “%(name)s”): kiểu tấn công "
                            "“bom XML”, bị từ chối. Không có câu nào được ghi.",
                            name=error.name)) from error
    except (DTDForbidden, DefusedXmlException) as error:
        raise FormatError(_("Tệp XML tham chiếu tới tài nguyên bên ngoài, bị từ chối.")) from error
    except ET.ParseError as error:
        line, column = error.position
        raise FormatError(_("Tệp XML hỏng ở dòng %(line)s, cột %(column)s (thẻ không khớp, "
                            "thiếu thẻ đóng hoặc ký tự không hợp lệ). Không có câu nào được ghi.",
                            line=line, column=column + 1)) from error
    if not tag:
        return root, []
    count = sum(1 for _e in root.iter(tag)) or sum(1 for e in root.iter() if local(e.tag) == tag)
    lines = _start_lines(data, tag)
    if len(lines) != count:
        lines = _start_lines(_HIDDEN.sub(lambda m: b"\n" * m.group().count(b"\n"), data), tag)
    return root, lines if len(lines) == count else [0] * count


class _RootReached(Exception):
    """The prolog is over: every DTD declaration has been seen."""


class _StopAtRoot(ET.TreeBuilder):
    def start(self, tag: str, attrs: dict[str, str]) -> ET.Element:
        raise _RootReached


def _check_prolog(data: bytes) -> None:
    """Let defusedxml read up to the root element; it raises on entities and external refs."""
    parser = DefusedXMLParser(target=_StopAtRoot(), forbid_dtd=False, forbid_entities=True,
                              forbid_external=True)
    try:
        parser.feed(data)
        parser.close()
    except _RootReached:
        pass


_HIDDEN = re.compile(rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>", re.S)


def _start_lines(data: bytes, tag: str) -> list[int]:
    lines: list[int] = []
    last, line = 0, 1
    pattern = rb"<(?:[\w.-]+:)?" + re.escape(tag.encode()) + rb"[\s/>]"
    for match in re.finditer(pattern, data):
        line += data.count(b"\n", last, match.start())
        last = match.start()
        lines.append(line)
    return lines


def root_name(data: bytes) -> str:
    """The local name of the document element, found by skipping the prolog (no parsing)."""
    head = data[:65536].lstrip(b"\xef\xbb\xbf \t\r\n")
    position = 0
    while (start := head.find(b"<", position)) != -1:
        if head.startswith((b"<?", b"<!--"), start):
            end = head.find(b"?>" if head[start + 1:start + 2] == b"?" else b"-->", start)
            if end == -1:
                return ""
            position = end + 2
        elif head.startswith(b"<!", start):  # DOCTYPE, with an internal subset in [...]
            bracket, close = head.find(b"[", start), head.find(b">", start)
            if bracket != -1 and bracket < close:
                close = head.find(b">", head.find(b"]", bracket))
            if close == -1:
                return ""
            position = close + 1
        else:
            match = _ROOT.match(head, start)
            return local(match.group(1).decode("ascii", "replace")) if match else ""
    return ""


def local(tag: str) -> str:
    """ "{http://www.imsglobal.org/xsd/imsqti_v2p1}choiceInteraction" -> "choiceInteraction"."""
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


_BREAKS = re.compile(r"<\s*(br|/p|/div|/li|/h\d|/tr)\b[^>]*>", re.I)
_TAGS = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"[ \t\xa0]+")
_ODD_SPACE = re.compile(r"[ \t\xa0]{2,}|[\t\xa0]")


def html_to_text(value: str) -> str:
    """Plain text from the HTML Moodle and QTI store: paragraphs and breaks become new lines."""
    if value.startswith("<p>") and value.endswith("</p>") and value.count("<") == 2:
        value = value[3:-4]  # what Moodle writes most: one paragraph
    if "<" in value:
        value = _TAGS.sub("", _BREAKS.sub("\n", value))
    if "&" in value:
        value = html.unescape(value)
    if "\n" not in value and not _ODD_SPACE.search(value):
        return value.strip()
    lines = [_SPACES.sub(" ", line).strip() for line in value.split("\n")]
    return "\n".join(line for line in lines if line)
