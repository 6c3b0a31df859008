"""XML read with defusedxml (no entities, no external references) and the source line of elements.

Moodle and QTI files come from other systems; an entity declaration ("billion laughs") or an
external reference is refused before anything is expanded.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden
from defusedxml.ElementTree import DefusedXMLParser
from flask_babel import gettext as _

from question_bank.formats import FormatError

_ROOT = re.compile(rb"<([A-Za-z_][\w.:-]*)")
_SKIP = re.compile(rb"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(\[.*?\])?\s*>", re.S)


class _LineBuilder(ET.TreeBuilder):
    """A tree builder that remembers the line where each element of interest starts."""

    def __init__(self, tags: set[str]) -> None:
        super().__init__()
        self.tags = tags
        self.lines: dict[ET.Element, int] = {}
        self.parser: DefusedXMLParser | None = None

    def start(self, tag: str, attrs: dict[str, str]) -> ET.Element:
        element = super().start(tag, attrs)
        if self.parser is not None and local(tag) in self.tags:
            self.lines[element] = self.parser.parser.CurrentLineNumber
        return element


def parse(data: bytes, line_tags: set[str]) -> tuple[ET.Element, dict[ET.Element, int]]:
    """The root element and the start line of every element whose local name is in line_tags."""
    builder = _LineBuilder(line_tags)
    parser = DefusedXMLParser(target=builder, forbid_dtd=False, forbid_entities=True,
                              forbid_external=True)
    builder.parser = parser
    try:
        parser.feed(data)
        root = parser.close()
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
    return root, builder.lines


def root_name(data: bytes) -> str:
    """The local name of the document element, read without parsing the whole file."""
    head = _SKIP.sub(b"", data[:65536].lstrip(b"\xef\xbb\xbf"))
    match = _ROOT.search(head)
    return local(match.group(1).decode("ascii", "replace")) if match else ""


def local(tag: str) -> str:
    """ "{http://www.imsglobal.org/xsd/imsqti_v2p1}choiceInteraction" -> "choiceInteraction"."""
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


_BREAKS = re.compile(r"<\s*(br|/p|/div|/li|/h\d|/tr)\b[^>]*>", re.I)
_TAGS = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"[ \t\xa0]+")


def html_to_text(value: str) -> str:
    """Plain text from the HTML Moodle and QTI store: paragraphs and breaks become new lines."""
    if "<" in value:
        value = _TAGS.sub("", _BREAKS.sub("\n", value))
    if "&" in value:
        value = html.unescape(value)
    lines = [_SPACES.sub(" ", line).strip() for line in value.split("\n")]
    return "\n".join(line for line in lines if line)
