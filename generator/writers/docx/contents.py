"""Table of contents (``<nav class="inhoud">``): a real Word TOC field, its entries pre-filled.

The field is ``TOC \\o "1-3" \\h``: Heading 1-3, entries as links. Its shown result holds
the document's headings already (styles TOC 1-3), so the contents read right before Word
updates the field; ``w:updateFields`` asks Word to update it (with page numbers) on opening.
Each listed heading gets a bookmark, the target of its entry's link.
"""

from __future__ import annotations

import re
from typing import Any

from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn

from ...document import contents_entries

TOC_INSTRUCTION = 'TOC \\o "1-3" \\h \\z'
#: Elements of w:settings that come after w:updateFields (schema order of CT_Settings).
_AFTER_UPDATE_FIELDS = ("hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids",
                        "mathPr", "attachedSchema", "themeFontLang", "clrSchemeMapping",
                        "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade", "captions",
                        "readModeInkLockDown", "smartTagType", "schemaLibrary", "shapeDefaults",
                        "doNotEmbedSmartTags", "decimalSymbol", "listSeparator")


def bookmark_name(heading_id: str) -> str:
    """A Word bookmark name for a heading id: letters, digits and underscores, at most 40."""
    return ("_Toc_" + re.sub(r"[^A-Za-z0-9_]", "_", heading_id))[:40]


def add_bookmark(paragraph: Any, heading_id: str, number: int) -> None:
    """Put a bookmark around a heading paragraph's content."""
    start = parse_xml(f'<w:bookmarkStart {nsdecls("w")} w:id="{number}" w:name="{bookmark_name(heading_id)}"/>')
    end = parse_xml(f'<w:bookmarkEnd {nsdecls("w")} w:id="{number}"/>')
    ppr = paragraph._p.pPr
    if ppr is not None:
        ppr.addnext(start)
    else:
        paragraph._p.insert(0, start)
    paragraph._p.append(end)


def _field_char(kind: str) -> Any:
    return parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="{kind}"/></w:r>')


def _instruction(text: str) -> Any:
    run = parse_xml(f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> </w:instrText></w:r>')
    run[0].text = f" {text} "
    return run


def _link(anchor: str, text: str) -> Any:
    link = parse_xml(f'<w:hyperlink {nsdecls("w")} w:anchor="{anchor}" w:history="1"><w:r><w:t/></w:r></w:hyperlink>')
    link[0][0].text = text
    link[0][0].set(qn("xml:space"), "preserve")
    return link


def write_contents(writer: Any, element: Any, sink: Any) -> None:
    """The heading of the contents and the TOC field with one paragraph per entry."""
    title = element.find("p")
    heading = sink.paragraph("TOC Heading")
    heading.add_run(" ".join(title.text_content().split()) if title is not None else "Inhoud")
    entries = contents_entries(writer.doc.tree)
    if not entries:
        return
    paragraphs = []
    for level, target, text in entries:
        paragraph = sink.paragraph(f"TOC {level}")
        paragraph._p.append(_link(bookmark_name(target), text))
        paragraphs.append(paragraph)
    first, last = paragraphs[0]._p, paragraphs[-1]._p
    anchor = first.pPr
    for run in reversed((_field_char("begin"), _instruction(TOC_INSTRUCTION), _field_char("separate"))):
        anchor.addnext(run)
    last.append(_field_char("end"))
    update_fields_on_open(writer.document)


def update_fields_on_open(document: Any) -> None:
    settings = document.settings.element
    if settings.find(qn("w:updateFields")) is not None:
        return
    element = OxmlElement("w:updateFields")
    element.set(qn("w:val"), "true")
    later = next((child for child in settings if child.tag in {qn(f"w:{name}") for name in _AFTER_UPDATE_FIELDS}), None)
    if later is not None:
        later.addprevious(element)
    else:
        settings.append(element)
