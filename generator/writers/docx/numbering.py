"""Lists and their numbering: each list restarts its own numbering (w:num with a start override)."""

from __future__ import annotations

from typing import Any

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from ...document import classes
from ...errors import BuildError
from . import wordml

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
    """The numbering definitions of one document: one abstract definition per kind of list,
    one ``w:num`` per list (python-docx's ``CT_Numbering.add_num``, ids as Word would pick)."""

    def __init__(self, document: Any):
        self.document = document
        self._abstract_ids: dict[str, int] = {}

    def new_list(self, kind: str, level: int, start: int) -> int:
        numbering = self.document.part.numbering_part.element
        num = numbering.add_num(self._abstract(kind, numbering))
        num.add_lvlOverride(ilvl=level).add_startOverride(start)
        return num.numId

    def _abstract(self, kind: str, numbering: Any) -> int:
        if kind in self._abstract_ids:
            return self._abstract_ids[kind]
        used = [int(value) for value in numbering.xpath("./w:abstractNum/@w:abstractNumId")]
        abstract_id = max(used, default=-1) + 1
        levels = "".join(_LEVEL.format(level=level, fmt=_format(kind), text=_text(kind, level),
                                       left=LEVEL_INDENT * (level + 1), hanging=LEVEL_INDENT)
                         for level in range(3))
        abstract = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
                             f'<w:multiLevelType w:val="hybridMultilevel"/>{levels}</w:abstractNum>')
        first_num = numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)  # every w:abstractNum comes before the first w:num
        else:
            numbering.append(abstract)
        self._abstract_ids[kind] = abstract_id
        return abstract_id


_LEVEL = ('<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
          '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{left}" w:hanging="{hanging}"/></w:pPr></w:lvl>')


def _format(kind: str) -> str:
    return kind  # "bullet", "none", or a numFmt such as "decimal", "lowerLetter"


def _text(kind: str, level: int) -> str:
    if kind == "bullet":
        return BULLETS[level]
    return "" if kind == "none" else f"%{level + 1}."


def number_paragraph(paragraph: Any, num_id: int | None, level: int) -> None:
    """Make a paragraph an item of list ``num_id`` at ``level``."""
    if num_id is None:
        return
    num_pr = wordml.paragraph_property(paragraph._p, "numPr")
    wordml.child(num_pr, "ilvl", val=str(level))
    wordml.child(num_pr, "numId", val=str(num_id))


def check_depth(level: int, element: Any, name: str) -> None:
    if level > 2:
        raise BuildError(f"document {name}: lijsten mogen hooguit drie niveaus diep (regel {element.sourceline})")
