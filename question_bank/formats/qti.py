"""IMS QTI 2.1/2.2: an ``assessmentItem`` file, or a content package (.zip with imsmanifest.xml).

An item with one ``choiceInteraction`` becomes a question: the item body outside the interaction
and the interaction's ``prompt`` are the text, the ``simpleChoice`` elements the options, the
``correctResponse`` values of its response declaration the right answers (``maxChoices`` other
than 1 or cardinality ``multiple``: several). Items with other interactions are skipped with a
warning. The item's ``identifier`` is its code when it fits one.
"""

from __future__ import annotations

import io
import posixpath
import xml.etree.ElementTree as ET
import zipfile

from flask_babel import gettext as _

from contest.spreadsheets import is_zip_bomb
from question_bank.formats.records import Document, FormatError, Parsed, Skipped, code_from
from question_bank.formats.xmlsafe import local, parse

BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "tr", "blockquote", "pre"}
OTHER_INTERACTIONS = {
    "extendedTextInteraction": "essay", "textEntryInteraction": "shortanswer",
    "inlineChoiceInteraction": "cloze", "matchInteraction": "matching",
    "associateInteraction": "matching", "gapMatchInteraction": "matching",
    "orderInteraction": "order", "hotspotInteraction": "hotspot",
    "sliderInteraction": "numerical", "uploadInteraction": "upload",
    "graphicGapMatchInteraction": "matching", "hottextInteraction": "hottext",
}
MAX_ITEMS = 20000


def _flat(element: ET.Element, skip: set[str]) -> str:
    """The text of an element, new lines after block elements, skipping some children."""
    parts = [element.text or ""]
    for child in element:
        name = local(child.tag)
        if name not in skip:
            parts.append(_flat(child, skip))
            if name in BLOCKS:
                parts.append("\n")
        parts.append(child.tail or "")
    return "".join(parts)


def _tidy(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def read_item(data: bytes, label: str) -> Document:
    """One assessmentItem file."""
    root, lines = parse(data, "assessmentItem")
    if local(root.tag) != "assessmentItem":
        raise FormatError(_("%(file)s: thẻ gốc phải là <assessmentItem> (IMS QTI 2.1/2.2) "
                            "hoặc <quiz> (Moodle XML).", file=label))
    document = Document(label=label)
    line = lines[0] if lines else 1
    identifier = root.get("identifier", "")
    title = root.get("title", "") or identifier
    body = next((e for e in root if local(e.tag) == "itemBody"), None)
    interactions = [e for e in (body.iter() if body is not None else [])
                    if local(e.tag).endswith("Interaction")]
    if len(interactions) != 1 or local(interactions[0].tag) != "choiceInteraction":
        kinds = [OTHER_INTERACTIONS.get(local(e.tag), local(e.tag)) for e in interactions
                 if local(e.tag) != "choiceInteraction"]
        kind = "description" if not interactions else (kinds[0] if kinds else "cloze")
        document.skipped.append(Skipped(line, kind, title[:80]))
        return document
    assert body is not None
    interaction = interactions[0]
    prompt = next((e for e in interaction if local(e.tag) == "prompt"), None)
    choices = [e for e in interaction.iter() if local(e.tag) == "simpleChoice"]
    stem = _tidy(_flat(body, {"choiceInteraction"}) + "\n"
                 + (_flat(prompt, set()) if prompt is not None else ""))
    response = interaction.get("responseIdentifier", "RESPONSE")
    declaration = next((e for e in root if local(e.tag) == "responseDeclaration"
                        and e.get("identifier") == response), None)
    values = [(v.text or "").strip()
              for answer in (declaration if declaration is not None else [])
              if local(answer.tag) == "correctResponse"
              for v in answer if local(v.tag) == "value"]
    ids = [c.get("identifier", "") for c in choices]
    unknown = [v for v in values if v not in ids]
    if unknown:
        raise FormatError(_("%(file)s, dòng %(line)s: đáp án đúng “%(value)s” không phải "
                            "phương án nào của câu.", file=label, line=line, value=unknown[0]))
    document.questions.append(Parsed(
        line=line, text=stem, options=[_tidy(_flat(c, {"feedbackInline"})) for c in choices],
        correct=sorted({ids.index(v) for v in values}),
        code=code_from(identifier)))
    return document


def read_qti(data: bytes) -> list[Document]:
    """A QTI item (.xml) or content package (.zip): one document per item file."""
    if not data.startswith(b"PK"):
        return [read_item(data, "QTI")]
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise FormatError(_("Tệp .zip bị hỏng, không đọc được.")) from error
    if is_zip_bomb(infos, len(data)):  # the same limits as spreadsheets, per member too
        raise FormatError(_("Tệp có nội dung nén bất thường (nghi ngờ “bom nén”), bị từ chối."))
    names = {info.filename for info in infos}
    if "imsmanifest.xml" not in names:
        raise FormatError(_("Tệp .zip không phải gói nội dung QTI: thiếu imsmanifest.xml."))
    manifest, _lines = parse(archive.read("imsmanifest.xml"))
    hrefs = [posixpath.normpath(r.get("href", "")) for r in manifest.iter()
             if local(r.tag) == "resource" and r.get("type", "").startswith("imsqti_item")
             and r.get("href")]
    if not hrefs:
        raise FormatError(_("imsmanifest.xml không liệt kê câu hỏi QTI nào "
                            "(resource type=\"imsqti_item_xmlv2p1\")."))
    documents = []
    for href in hrefs[:MAX_ITEMS]:
        if href not in names:
            raise FormatError(_("imsmanifest.xml nhắc tới %(file)s nhưng gói không có tệp đó.",
                                file=href))
        documents.append(read_item(archive.read(href), href))
    return documents
