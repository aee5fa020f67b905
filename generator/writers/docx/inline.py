"""Inline content: text with formatting, breaks, tabs, pictures, hyperlinks, tracked changes."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml.etree import SubElement

from ...document import BLOCK_TAGS, INLINE_TAGS, classes, metadata
from ...errors import BuildError
from .mapping import CHARACTER_STYLES, ELEMENTS, class_format
from .wordml import W_VAL

WHITESPACE = re.compile(r"[ \t\n\r\f]+")
#: Tracked changes: ``<ins>`` and ``<del>`` (inline, or around blocks).
CHANGE_TAGS = ("ins", "del")
CHANGE_AUTHOR = "samenwerking"
W_R, W_RPR, W_T, W_BR, W_TAB, W_HYPERLINK, W_RSTYLE = (
    qn(f"w:{tag}") for tag in ("r", "rPr", "t", "br", "tab", "hyperlink", "rStyle"))
R_ID, XML_SPACE = qn("r:id"), qn("xml:space")
#: Run properties the writer sets, in the schema's order of w:rPr (CT_RPr).
_RUN_PROPERTIES = (("bold", "w:b", None), ("italic", "w:i", None), ("underline", "w:u", "single"))
_CONTROL = re.compile(r"([\t\r\n])")


@dataclass(frozen=True)
class Format:
    bold: bool = False
    italic: bool = False
    underline: bool = False
    superscript: bool = False
    subscript: bool = False
    mono: bool = False
    small: bool = False
    href: str | None = None
    change: str | None = None  # "ins" or "del": a tracked change


def formatted(fmt: Format, changes: dict[str, Any]) -> Format:
    """``fmt`` with ``changes`` (fields of Format); the same object when there are none."""
    return replace(fmt, **changes) if changes else fmt


@dataclass
class Text:
    text: str
    fmt: Format


@dataclass
class Break:
    fmt: Format = Format()


@dataclass
class Tab:
    """A tab after the number of a numbered paragraph (``<span class="nummer">``)."""

    fmt: Format = Format()


@dataclass
class Picture:
    element: Any


class Inline:
    """Inline content of one paragraph-to-be, with HTML whitespace rules applied."""

    def __init__(self) -> None:
        self.pieces: list[Any] = []

    def text(self, text: str, fmt: Format) -> None:
        if text:
            self.pieces.append(Text(WHITESPACE.sub(" ", text), fmt))

    def add(self, piece: Any) -> None:
        self.pieces.append(piece)

    def normalized(self) -> list[Any]:
        """Collapse spaces across pieces and trim at the edges and around breaks."""
        result: list[Any] = []
        space_before = True  # at the start, a leading space is dropped
        for piece in self.pieces:
            if isinstance(piece, Text):
                text = piece.text
                if space_before:
                    text = text.lstrip(" ")
                if not text:
                    continue
                space_before = text.endswith(" ")
                result.append(Text(text, piece.fmt))
            else:
                if isinstance(piece, (Break, Tab)) and result and isinstance(result[-1], Text):
                    result[-1] = Text(result[-1].text.rstrip(" "), result[-1].fmt)
                result.append(piece)
                space_before = True
        while result and isinstance(result[-1], Text):
            stripped = result[-1].text.rstrip(" ")
            if stripped:
                result[-1] = Text(stripped, result[-1].fmt)
                break
            result.pop()
        return result

    def empty(self) -> bool:
        """Whether nothing is left after ``normalized``: only spaces, no break, tab or picture."""
        return all(isinstance(piece, Text) and not piece.text.strip(" ") for piece in self.pieces)


def holds_blocks(element: Any) -> bool:
    """Whether an element (``<ins>``, ``<del>``) holds paragraphs rather than words."""
    return any(isinstance(child.tag, str) and (child.tag in BLOCK_TAGS or child.tag == "table") for child in element)


class InlineWriter:
    """Mixin of DocxWriter: inline elements → runs (pictures: ``DocxWriter.picture``)."""

    doc: Any
    template: Any
    _next_change: int

    def inline_of(self, element: Any, fmt: Format) -> Inline:
        inline = Inline()
        self.inline_contents(element, fmt, inline)
        return inline

    def inline_contents(self, element: Any, fmt: Format, inline: Inline) -> None:
        """The text and inline children of ``element``, in order (comments skipped)."""
        if element.text:
            inline.text(element.text, fmt)
        for child in element:
            if not isinstance(child.tag, str):
                continue
            self.inline(child, fmt, inline)
            if child.tail:
                inline.text(child.tail, fmt)

    def inline(self, element: Any, fmt: Format, inline: Inline) -> None:
        tag = element.tag
        if tag in BLOCK_TAGS or tag == "table":
            raise BuildError(
                f"document {self.doc.name}: blok <{tag}> binnen tekst is niet toegestaan (regel {element.sourceline})"
            )
        if tag == "br":
            inline.add(Break(fmt))
            return
        if tag == "img":
            inline.add(Picture(element))
            return
        rule = ELEMENTS.get(tag)
        if rule is None or tag not in INLINE_TAGS:
            raise BuildError(
                f"document {self.doc.name}: de Word-schrijver kent <{tag}> niet (regel {element.sourceline})"
            )
        new = formatted(fmt, rule.fmt)
        if tag == "a" and element.get("href", "").startswith(("http://", "https://", "mailto:")):
            new = replace(new, href=element.get("href"))
        cls = classes(element)
        if tag == "span":
            new = formatted(new, class_format(cls & {"klein"}))
        self.inline_contents(element, new, inline)
        if tag == "span" and "nummer" in cls:
            inline.add(Tab(fmt))

    def runs(self, paragraph: Any, inline: Inline, keep_spaces: bool = False) -> None:
        """The runs of a paragraph, built as XML (w:r, w:rPr, w:t) in the schema's order."""
        p = paragraph._p
        pieces = inline.pieces if keep_spaces else inline.normalized()
        for piece in pieces:
            if isinstance(piece, (Break, Tab)):
                run = SubElement(p, W_R)
                SubElement(run, W_BR if isinstance(piece, Break) else W_TAB)
                self.track(run, piece.fmt.change)
            elif isinstance(piece, Picture):
                self.picture(paragraph, piece.element)
            elif piece.fmt.href:
                self.hyperlink(paragraph, piece.text, piece.fmt)
            else:
                self.track(text_run(p, piece.text, piece.fmt, self.template), piece.fmt.change)

    def change_element(self, change: str) -> Any:
        """A w:ins or w:del with a fixed author and date (reproducible bytes): those of
        ``<meta name="wijzigingen.auteur">`` and ``"wijzigingen.datum"`` in the document's head,
        else "samenwerking" on the document's date."""
        element = OxmlElement(f"w:{change}")
        element.set(qn("w:id"), str(self._next_change))
        meta = metadata(self.doc.tree)
        element.set(qn("w:author"), meta.get("wijzigingen.auteur") or CHANGE_AUTHOR)
        element.set(qn("w:date"), f"{meta.get('wijzigingen.datum') or self.doc.date.isoformat()}T00:00:00Z")
        self._next_change += 1
        return element

    def track(self, run: Any, change: str | None) -> None:
        """Put a run inside a tracked change; consecutive runs of one change share it."""
        if change is None:
            return
        if change == "del":
            for text in run.iter(qn("w:t")):
                text.tag = qn("w:delText")
        previous = run.getprevious()
        if previous is not None and previous.tag == qn(f"w:{change}"):
            previous.append(run)
            return
        wrapper = self.change_element(change)
        run.addprevious(wrapper)
        wrapper.append(run)

    def hyperlink(self, paragraph: Any, text: str, fmt: Format) -> None:
        rel_id = paragraph.part.relate_to(fmt.href, RT.HYPERLINK, is_external=True)
        link = SubElement(paragraph._p, W_HYPERLINK)
        link.set(R_ID, rel_id)
        self.track(text_run(link, text, fmt, self.template), fmt.change)


def text_run(parent: Any, text: str, fmt: Format, template: Any) -> Any:
    """A w:r with ``text`` at the end of ``parent`` (a w:p or w:hyperlink), formatted by ``fmt``.

    The same XML as python-docx's ``add_run(text)`` with ``run.bold = True`` and the like: a tab
    becomes w:tab, a line end w:br, a w:t with spaces at either end keeps them (xml:space).
    Bold, italic and the like directly; everything with a font, size or colour by a character
    style of the template (Code, Klein, Hyperlink)."""
    run = SubElement(parent, W_R)
    style = CHARACTER_STYLES["a"] if fmt.href else (
        CHARACTER_STYLES["code"] if fmt.mono else (CHARACTER_STYLES["small"] if fmt.small else None))
    vert_align = "subscript" if fmt.subscript else ("superscript" if fmt.superscript else None)
    if style or fmt.bold or fmt.italic or fmt.underline or vert_align:
        properties = SubElement(run, W_RPR)
        style_id = template.style_id(style, WD_STYLE_TYPE.CHARACTER) if style else None
        if style_id is not None:
            SubElement(properties, W_RSTYLE).set(W_VAL, style_id)
        for name, tag, value in _RUN_PROPERTIES:
            if getattr(fmt, name):
                element = SubElement(properties, qn(tag))
                if value:
                    element.set(W_VAL, value)
        if vert_align:
            SubElement(properties, qn("w:vertAlign")).set(W_VAL, vert_align)
    for part in _CONTROL.split(text) if ("\t" in text or "\r" in text or "\n" in text) else (text,):
        if part == "\t":
            SubElement(run, W_TAB)
        elif part in ("\r", "\n"):
            SubElement(run, W_BR)
        elif part:
            element = SubElement(run, W_T)
            element.text = part
            if len(part.strip()) < len(part):
                element.set(XML_SPACE, "preserve")
    return run
