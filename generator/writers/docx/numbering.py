"""Lists and their numbering: each list restarts its own numbering (w:num with a start override)."""

from __future__ import annotations

from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from ...document import classes
from ...errors import BuildError

LIST_KINDS = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}
BULLETS = ("•", "–", "◦")
BULLET_STYLES = ("List Bullet", "List Bullet 2", "List Bullet 3")
NUMBER_STYLES = ("List Number", "List Number 2", "List Number 3")
#: Indentation of a list level in twips (0,75 cm per level, hanging number).
LEVEL_INDENT = 425


def list_kind(element: Any, level: int) -> tuple[str, str]:
    """(numbering format, Word style) of a <ul> or <ol> at ``level`` (0, 1, 2)."""
    if element.tag == "ul":
        kind, style = "bullet", BULLET_STYLES[level]
    else:
        kind, style = LIST_KINDS.get(element.get("type", "1"), "decimal"), NUMBER_STYLES[level]
    if "geen-opsomming" in classes(element):
        kind = "none"
    return kind, style


class Numbering:
    """The numbering definitions of one document: one abstract definition per kind of list."""

    def __init__(self, document: Any):
        self.document = document
        self._abstract_ids: dict[str, int] = {}
        self._next_abstract = 900
        self._next_num = 900

    def new_list(self, kind: str, level: int, start: int) -> int:
        numbering = self.document.part.numbering_part.element
        abstract_id = self._abstract(kind, numbering)
        num_id = self._next_num
        self._next_num += 1
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), str(num_id))
        abstract_ref = OxmlElement("w:abstractNumId")
        abstract_ref.set(qn("w:val"), str(abstract_id))
        num.append(abstract_ref)
        override = OxmlElement("w:lvlOverride")
        override.set(qn("w:ilvl"), str(level))
        start_override = OxmlElement("w:startOverride")
        start_override.set(qn("w:val"), str(start))
        override.append(start_override)
        num.append(override)
        numbering.append(num)
        return num_id

    def _abstract(self, kind: str, numbering: Any) -> int:
        if kind in self._abstract_ids:
            return self._abstract_ids[kind]
        abstract_id = self._next_abstract
        self._next_abstract += 1
        abstract = OxmlElement("w:abstractNum")
        abstract.set(qn("w:abstractNumId"), str(abstract_id))
        multi = OxmlElement("w:multiLevelType")
        multi.set(qn("w:val"), "hybridMultilevel")
        abstract.append(multi)
        for level in range(3):
            lvl = OxmlElement("w:lvl")
            lvl.set(qn("w:ilvl"), str(level))
            for tag, value in (("w:start", "1"),
                               ("w:numFmt", "bullet" if kind == "bullet" else ("none" if kind == "none" else kind)),
                               ("w:lvlText", BULLETS[level] if kind == "bullet" else ("" if kind == "none" else f"%{level + 1}.")),
                               ("w:lvlJc", "left")):
                child = OxmlElement(tag)
                child.set(qn("w:val"), value)
                lvl.append(child)
            ppr = OxmlElement("w:pPr")
            ind = OxmlElement("w:ind")
            ind.set(qn("w:left"), str(LEVEL_INDENT * (level + 1)))
            ind.set(qn("w:hanging"), str(LEVEL_INDENT))
            ppr.append(ind)
            lvl.append(ppr)
            abstract.append(lvl)
        first_num = numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
        self._abstract_ids[kind] = abstract_id
        return abstract_id


def number_paragraph(paragraph: Any, num_id: int | None, level: int) -> None:
    """Make a paragraph an item of list ``num_id`` at ``level``."""
    if num_id is None:
        return
    ppr = paragraph._p.get_or_add_pPr()
    num_pr = OxmlElement("w:numPr")
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), str(level))
    num = OxmlElement("w:numId")
    num.set(qn("w:val"), str(num_id))
    num_pr.append(ilvl)
    num_pr.append(num)
    existing = ppr.find(qn("w:numPr"))
    if existing is not None:
        ppr.remove(existing)
    style = ppr.find(qn("w:pStyle"))
    if style is not None:
        style.addnext(num_pr)
    else:
        ppr.insert(0, num_pr)


def check_depth(level: int, element: Any, name: str) -> None:
    if level > 2:
        raise BuildError(f"document {name}: lijsten mogen hooguit drie niveaus diep (regel {element.sourceline})")
