"""WordprocessingML built directly: paragraphs and their properties, table rows' properties.

python-docx inserts each child element by searching the schema's list of its successors
(``xmlchemy``), and creates each element through a parser call; for the thousands of
paragraphs and runs of a document that was most of the writer's time. These helpers give
the same XML (the same elements, attributes and order) with lxml directly. The elements
still get python-docx's element classes (they are made in python-docx's documents), so
python-docx's own API keeps working on them.
"""

from __future__ import annotations

from typing import Any

from docx.oxml.ns import qn
from docx.shared import Emu
from lxml.etree import SubElement

W_P, W_PPR, W_PSTYLE, W_VAL = qn("w:p"), qn("w:pPr"), qn("w:pStyle"), qn("w:val")
W_DOCUMENT, W_BODY, W_SECTPR = qn("w:document"), qn("w:body"), qn("w:sectPr")
W_TRPR, W_TC = qn("w:trPr"), qn("w:tc")

#: The children of w:pPr in the schema's order (CT_PPr); a new one goes before any that follow it.
_PPR_ORDER = {qn(f"w:{name}"): rank for rank, name in enumerate((
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
    "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
    "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange"))}


def new_paragraph(parent: Any, before: Any, style_id: str | None) -> Any:
    """A w:p at the end of ``parent`` (or before ``before``, the body's w:sectPr) with its w:pPr:
    ``<w:pPr><w:pStyle w:val="..."/></w:pPr>``, or an empty w:pPr for the default style."""
    paragraph = SubElement(parent, W_P)
    if before is not None:
        before.addprevious(paragraph)
    style(paragraph, style_id)
    return paragraph


def style(paragraph: Any, style_id: str | None) -> None:
    """Give an empty w:p its w:pPr with the style (python-docx: ``paragraph.style = ...``)."""
    properties = SubElement(paragraph, W_PPR)
    if style_id is not None:
        SubElement(properties, W_PSTYLE).set(W_VAL, style_id)


def _child(parent: Any, tag: str, order: dict[str, int]) -> Any:
    """The child ``tag`` of ``parent``, added in the schema's order when it is not there."""
    found = parent.find(tag)
    if found is not None:
        return found
    element = parent.makeelement(tag, {})
    rank = order[tag]
    for sibling in parent:
        if order.get(sibling.tag, -1) > rank:
            sibling.addprevious(element)
            return element
    parent.append(element)
    return element


def paragraph_property(paragraph: Any, name: str, **values: str) -> Any:
    """Set ``w:pPr/w:<name>`` of a paragraph (created in the schema's order) with attributes ``w:*``."""
    properties = paragraph.find(W_PPR)
    if properties is None:
        properties = paragraph.makeelement(W_PPR, {})
        paragraph.insert(0, properties)
    return _set(_child(properties, qn(f"w:{name}"), _PPR_ORDER), values)


def child(parent: Any, name: str, **values: str) -> Any:
    """Set ``w:<name>`` of an element whose children the writer makes in the schema's order itself
    (w:numPr: ilvl, numId; w:trPr), added at the end when it is not there, with attributes ``w:*``."""
    tag = qn(f"w:{name}")
    element = parent.find(tag)
    return _set(element if element is not None else SubElement(parent, tag), values)


def _set(element: Any, values: dict[str, str]) -> Any:
    """Set the attributes ``w:<name>`` of ``element``; the element."""
    for attribute, value in values.items():
        element.set(qn(f"w:{attribute}"), value)
    return element


def row_properties(row: Any) -> Any:
    """The w:trPr of a w:tr, added before its first cell when it is not there."""
    properties = row.find(W_TRPR)
    if properties is None:
        properties = row.makeelement(W_TRPR, {})
        row.find(W_TC).addprevious(properties)
    return properties


def twips(length: int) -> str:
    """A length (EMU) as Word's twips, rounded like python-docx."""
    return str(Emu(length).twips)
