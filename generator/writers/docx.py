"""DOCX writer: the intermediate HTML tree → a Word document with real Word styles.

Headings become Title / Heading 1-3, lists List Number / List Bullet (each list
restarts its own numbering), tables a table style, page numbers Word fields in the
footer. ``<ins>`` and ``<del>`` become tracked changes (w:ins, w:del; around blocks the
paragraph marks too), by author "samenwerking" on the document's date. An element this
writer does not know is a build error. The result is reproducible: fixed dates in the
core properties and in the zip.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import io
import re
import weakref
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt, RGBColor
from lxml import etree

from ..paths import inside
from ..document import BLOCK_TAGS, CONTAINER_TAGS, RenderedDocument, classes
from ..errors import BuildError

HEADING_STYLES = {"h1": "Title", "h2": "Heading 1", "h3": "Heading 2", "h4": "Heading 3"}
PARAGRAPH_CLASS_STYLES = {"ondertitel": "Subtitle", "noot": "Noot", "kader": "Kader", "label": "Label",
                          "lid": "Lid", "onderdeel": "Onderdeel", "subonderdeel": "Subonderdeel"}
#: Numbered paragraphs of legal text: number, tab, text with a hanging indent (level 1, 2, 3).
NUMBERED_STYLES = {"Lid": 1, "Onderdeel": 2, "Subonderdeel": 3}
NUMBER_INDENT = Cm(0.75)
LIST_KINDS = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}
BULLETS = ("•", "–", "◦")
WHITESPACE = re.compile(r"[ \t\n\r\f]+")
TEXT_WIDTH = Cm(16)
#: Tracked changes: ``<ins>`` and ``<del>`` (inline, or around blocks).
CHANGE_TAGS = ("ins", "del")
CHANGE_AUTHOR = "samenwerking"


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


@dataclass
class _Text:
    text: str
    fmt: Format


@dataclass
class _Break:
    fmt: Format = Format()


@dataclass
class _Tab:
    """A tab after the number of a numbered paragraph (``<span class="nummer">``)."""

    fmt: Format = Format()


@dataclass
class _Picture:
    element: Any


class _Inline:
    """Inline content of one paragraph-to-be, with HTML whitespace rules applied."""

    def __init__(self) -> None:
        self.pieces: list[Any] = []

    def text(self, text: str, fmt: Format) -> None:
        if text:
            self.pieces.append(_Text(WHITESPACE.sub(" ", text), fmt))

    def add(self, piece: Any) -> None:
        self.pieces.append(piece)

    def normalized(self) -> list[Any]:
        """Collapse spaces across pieces and trim at the edges and around breaks."""
        result: list[Any] = []
        space_before = True  # at the start, a leading space is dropped
        for piece in self.pieces:
            if isinstance(piece, _Text):
                text = piece.text
                if space_before:
                    text = text.lstrip(" ")
                if not text:
                    continue
                space_before = text.endswith(" ")
                result.append(_Text(text, piece.fmt))
            else:
                if isinstance(piece, (_Break, _Tab)) and result and isinstance(result[-1], _Text):
                    result[-1] = _Text(result[-1].text.rstrip(" "), result[-1].fmt)
                result.append(piece)
                space_before = True
        while result and isinstance(result[-1], _Text):
            stripped = result[-1].text.rstrip(" ")
            if stripped:
                result[-1] = _Text(stripped, result[-1].fmt)
                break
            result.pop()
        return result

    def empty(self) -> bool:
        return not self.normalized()


@dataclass
class _Context:
    style: str = "Normal"
    align: Any = None
    fmt: Format = Format()
    list_kind: str | None = None  # "bullet" or a numFmt
    list_level: int = -1
    num_id: int | None = None
    first_in_item: bool = False
    indent: int = 0  # extra indentation steps (quoted text, class citaat)


_STYLE_IDS: "weakref.WeakKeyDictionary[Any, dict[str, str | None]]" = weakref.WeakKeyDictionary()


def _set_style(paragraph: Any, name: str) -> None:
    """``paragraph.style = name``, looking the style id up once per document.

    python-docx resolves the name on every assignment by scanning all styles,
    which made documents with large tables slow; the result is the same.
    """
    ids = _STYLE_IDS.setdefault(paragraph.part, {})
    if name not in ids:
        ids[name] = paragraph.part.get_style_id(name, WD_STYLE_TYPE.PARAGRAPH)
    paragraph._p.style = ids[name]


class _Sink:
    """Where paragraphs and tables go: the document body or a table cell."""

    def __init__(self, container: Any, fresh_paragraph: Any = None):
        self.container = container
        self.fresh = fresh_paragraph

    def paragraph(self, style: str) -> Any:
        if self.fresh is not None:
            paragraph, self.fresh = self.fresh, None
        else:
            paragraph = self.container.add_paragraph()
        _set_style(paragraph, style)
        return paragraph

    def table(self, rows: int, cols: int) -> Any:
        table = self.container.add_table(rows, cols)
        self.fresh = None
        return table


class DocxWriter:
    def __init__(self, doc: RenderedDocument):
        self.doc = doc
        self.template = doc.docx_template
        self.document = Document(str(self.template)) if self.template else Document()
        self._page_break_pending = False
        self._abstract_ids: dict[str, int] = {}
        self._next_abstract = 900
        self._next_num = 900
        self._next_change = 1  # w:id of tracked changes, in document order

    # -- set-up -------------------------------------------------------------------------

    def prepare(self) -> None:
        body = self.document.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)
        if self.template is None:
            self._neutral_styles()
            section = self.document.sections[0]
            section.page_width, section.page_height = Cm(21.0), Cm(29.7)
            section.left_margin = section.right_margin = Cm(2.5)
            section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)
            section.header_distance = section.footer_distance = Cm(1.2)
        self._language("nl-NL")
        self._extra_styles()
        self._styles = {style.name: style for style in self.document.styles}
        self._header_footer()
        self._drop_thumbnail()

    def style(self, name: str) -> Any:
        """A style object by name, looked up once (python-docx scans all styles per lookup)."""
        return self._styles[name]

    def _neutral_styles(self) -> None:
        styles = self.document.styles
        _font(styles["Normal"], "Arial", Pt(10))
        styles["Normal"].paragraph_format.space_after = Pt(6)
        styles["Normal"].paragraph_format.line_spacing = 1.15
        sizes = {"Title": 20, "Subtitle": 13, "Heading 1": 14, "Heading 2": 12, "Heading 3": 10.5}
        for name, size in sizes.items():
            style = styles[name]
            _font(style, "Arial", Pt(size))
            style.font.color.rgb = RGBColor(0x1F, 0x38, 0x64)
            if name.startswith("Heading"):
                style.font.bold = True
                style.paragraph_format.space_before = Pt(12 if name == "Heading 1" else 9)
                style.paragraph_format.space_after = Pt(4)
                style.paragraph_format.keep_with_next = True
        title = styles["Title"]
        title_ppr = title.element.get_or_add_pPr()
        for border in title_ppr.findall(qn("w:pBdr")):
            title_ppr.remove(border)
        title.paragraph_format.space_after = Pt(6)
        styles["Subtitle"].font.italic = False
        subtitle_rpr = styles["Subtitle"].element.get_or_add_rPr()
        for spacing in subtitle_rpr.findall(qn("w:spacing")):
            subtitle_rpr.remove(spacing)
        for name in ("Header", "Footer", "Caption", "Quote", "List Number", "List Bullet",
                     "List Number 2", "List Bullet 2", "List Number 3", "List Bullet 3", "List Continue"):
            if name in [s.name for s in styles]:
                _font(styles[name], "Arial", None)
        styles["Caption"].font.color.rgb = RGBColor(0x40, 0x40, 0x40)

    def _language(self, lang: str) -> None:
        styles_element = self.document.styles.element
        defaults = styles_element.find(qn("w:docDefaults"))
        if defaults is None:
            return
        rpr_default = defaults.find(qn("w:rPrDefault"))
        if rpr_default is None:
            rpr_default = OxmlElement("w:rPrDefault")
            defaults.insert(0, rpr_default)
        rpr = rpr_default.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            rpr_default.append(rpr)
        lang_element = rpr.find(qn("w:lang"))
        if lang_element is None:
            lang_element = OxmlElement("w:lang")
            rpr.append(lang_element)
        lang_element.set(qn("w:val"), lang)
        lang_element.set(qn("w:eastAsia"), lang)
        lang_element.set(qn("w:bidi"), "ar-SA")

    def _extra_styles(self) -> None:
        """Styles for the semantic classes, created when the template lacks them."""
        styles = self.document.styles
        names = {s.name for s in styles}
        if "Noot" not in names:
            style = styles.add_style("Noot", WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = styles["Normal"]
            style.font.size = Pt(8.5)
            style.font.italic = True
        if "Kader" not in names:
            style = styles.add_style("Kader", WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = styles["Normal"]
            ppr = style.element.get_or_add_pPr()
            borders = OxmlElement("w:pBdr")
            for side in ("top", "left", "bottom", "right"):
                border = OxmlElement(f"w:{side}")
                border.set(qn("w:val"), "single")
                border.set(qn("w:sz"), "6")
                border.set(qn("w:space"), "4")
                border.set(qn("w:color"), "1F3864")
                borders.append(border)
            ppr.append(borders)
        for name, level in NUMBERED_STYLES.items():
            if name in names:
                continue
            style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = styles["Normal"]
            style.paragraph_format.left_indent = NUMBER_INDENT * level
            style.paragraph_format.first_line_indent = -NUMBER_INDENT
            style.paragraph_format.tab_stops.add_tab_stop(NUMBER_INDENT * level)
            style.paragraph_format.space_after = Pt(3)
        if "Label" not in names:
            style = styles.add_style("Label", WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = styles["Normal"]
            style.font.bold = True
            style.paragraph_format.space_after = Pt(0)
        for name, base in (("List Number", "Normal"), ("List Bullet", "Normal"), ("List Continue", "Normal"),
                           ("List Number 2", "List Number"), ("List Bullet 2", "List Bullet"),
                           ("List Number 3", "List Number"), ("List Bullet 3", "List Bullet"),
                           ("Title", "Normal"), ("Subtitle", "Normal"), ("Caption", "Normal"),
                           ("Quote", "Normal"), ("Heading 1", "Normal"), ("Heading 2", "Normal"),
                           ("Heading 3", "Normal"), ("Heading 4", "Normal"), ("Header", "Normal"),
                           ("Footer", "Normal")):
            if name not in {s.name for s in styles}:
                style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
                style.base_style = styles[base]
        if "Table Grid" not in {s.name for s in styles}:
            styles.add_style("Table Grid", WD_STYLE_TYPE.TABLE)

    def _header_footer(self) -> None:
        section = self.document.sections[0]
        header = section.header
        if not _has_text(header):
            paragraph = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
            paragraph.style = "Header"
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            run = paragraph.add_run(self.doc.header or self.doc.title)
            run.font.size = Pt(8)
        _replace_placeholders(header, self._placeholders())
        footer = section.footer
        _replace_placeholders(footer, self._placeholders())
        if "PAGE" not in etree.tostring(footer._element, encoding="unicode"):
            paragraph = footer.paragraphs[0] if footer.paragraphs and not _has_text(footer) else footer.add_paragraph()
            paragraph.style = "Footer"
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            for part in ("Pagina ", ("PAGE", "1"), " van ", ("NUMPAGES", "1")):
                if isinstance(part, tuple):
                    _field(paragraph, *part)
                else:
                    paragraph.add_run(part).font.size = Pt(8)

    def _placeholders(self) -> dict[str, str]:
        values = {"titel": self.doc.title, "kop": self.doc.header or self.doc.title,
                  "onderwerp": self.doc.subject, "auteur": self.doc.author, **self.doc.placeholders}
        return {f"«{key}»": value for key, value in values.items()}

    def _drop_thumbnail(self) -> None:
        package = self.document.part.package
        for key, rel in list(package.rels.items()):
            if rel.reltype == RT.THUMBNAIL:
                del package.rels[key]

    # -- content ------------------------------------------------------------------------

    def write(self) -> bytes:
        self.prepare()
        body = self.doc.tree.find("body")
        if body is None:
            raise BuildError(f"document {self.doc.name}: <body> ontbreekt")
        sink = _Sink(self.document)
        self.mixed(body, sink, _Context())
        self._properties()
        buffer = io.BytesIO()
        self.document.save(buffer)
        return normalize_zip(buffer.getvalue(), self.doc.date)

    def mixed(self, element: Any, sink: _Sink, ctx: _Context) -> None:
        """Content that may hold both inline content and blocks (body, div, li, td, ...)."""
        pending = _Inline()
        if element.text:
            pending.text(element.text, ctx.fmt)
        for child in element:
            if not isinstance(child.tag, str):
                continue
            if child.tag in CHANGE_TAGS and _holds_blocks(child):  # a tracked change around whole paragraphs
                ctx = self.flush(pending, sink, ctx)
                pending = _Inline()
                self.mixed(child, sink, replace(ctx, fmt=replace(ctx.fmt, change=child.tag)))
            elif child.tag in BLOCK_TAGS or child.tag in ("table",):
                ctx = self.flush(pending, sink, ctx)
                pending = _Inline()
                self.block(child, sink, ctx)
            else:
                self.inline(child, ctx.fmt, pending)
            if child.tail:
                pending.text(child.tail, ctx.fmt)
        self.flush(pending, sink, ctx)

    def flush(self, pending: _Inline, sink: _Sink, ctx: _Context) -> _Context:
        """Write pending inline content as a paragraph; returns the context for what follows."""
        if pending.empty():
            return ctx
        self.paragraph(pending, sink, ctx)
        if ctx.first_in_item:
            return replace(ctx, first_in_item=False)
        return ctx

    def paragraph(self, inline: _Inline, sink: _Sink, ctx: _Context) -> Any:
        style = ctx.style
        if ctx.list_kind is not None and not ctx.first_in_item:
            style = "List Continue"
        paragraph = sink.paragraph(style)
        if ctx.align is not None:
            paragraph.alignment = ctx.align
        if ctx.list_kind is not None:
            if ctx.first_in_item:
                _numbering(paragraph, ctx.num_id, ctx.list_level)
            else:
                paragraph.paragraph_format.left_indent = Cm(0.75 * (ctx.list_level + 1))
        elif ctx.indent:  # quoted text: one step further in than its style (Lid, Onderdeel: their own step)
            paragraph.paragraph_format.left_indent = NUMBER_INDENT * (NUMBERED_STYLES.get(style, 0) + ctx.indent)
        if self._page_break_pending:
            paragraph.paragraph_format.page_break_before = True
            self._page_break_pending = False
        if ctx.fmt.change:  # the whole paragraph, its mark included, is inserted or deleted
            rpr = OxmlElement("w:rPr")
            rpr.append(self._change_element(ctx.fmt.change))
            paragraph._p.get_or_add_pPr().append(rpr)
        self.runs(paragraph, inline)
        return paragraph

    def block(self, element: Any, sink: _Sink, ctx: _Context) -> None:
        tag = element.tag
        cls = classes(element)
        if "paginaeinde" in cls:
            self._page_break_pending = True
        if tag in HEADING_STYLES:
            inline = self.inline_of(element, ctx.fmt)
            style = element.get("data-word-stijl") or HEADING_STYLES[tag]
            self.paragraph(inline, sink, _Context(style=style, fmt=ctx.fmt))
        elif tag == "p":
            style = next((PARAGRAPH_CLASS_STYLES[c] for c in cls if c in PARAGRAPH_CLASS_STYLES), ctx.style)
            inline = self.inline_of(element, replace(ctx.fmt, small=True) if "klein" in cls else ctx.fmt)
            if inline.empty() and not ctx.list_kind:
                if "leeg" in cls:
                    sink.paragraph(style)
                return
            self.paragraph(inline, sink, replace(ctx, style=style, align=_alignment(cls, ctx.align)))
        elif tag in ("ul", "ol"):
            self.list(element, sink, ctx)
        elif tag == "li":  # a stray <li> outside a list
            raise BuildError(f"document {self.doc.name}: <li> buiten een lijst (regel {element.sourceline})")
        elif tag == "table":
            self.table(element, sink, ctx)
        elif tag == "figure":
            self.figure(element, sink, ctx)
        elif tag == "figcaption":
            self.paragraph(self.inline_of(element, ctx.fmt), sink, _Context(style="Caption", fmt=ctx.fmt))
        elif tag == "blockquote":
            self.mixed(element, sink, replace(ctx, style="Quote"))
        elif tag == "pre":
            inline = _Inline()
            for line_number, line in enumerate((element.text_content() or "").rstrip("\n").split("\n")):
                if line_number:
                    inline.add(_Break(ctx.fmt))
                inline.pieces.append(_Text(line, replace(ctx.fmt, mono=True)))
            paragraph = sink.paragraph(ctx.style)
            self.runs(paragraph, inline, keep_spaces=True)
        elif tag == "hr":
            paragraph = sink.paragraph("Normal")
            _bottom_border(paragraph)
        elif tag in CONTAINER_TAGS:
            if "paginaeinde" in cls and not len(element) and not (element.text or "").strip():
                return
            style = next((PARAGRAPH_CLASS_STYLES[c] for c in cls if c in PARAGRAPH_CLASS_STYLES), ctx.style)
            indent = ctx.indent + 1 if "citaat" in cls else ctx.indent
            self.mixed(element, sink, replace(ctx, style=style, align=_alignment(cls, ctx.align), indent=indent))
        else:
            raise BuildError(
                f"document {self.doc.name}: de Word-schrijver kent <{tag}> niet als blok (regel {element.sourceline})"
            )

    def list(self, element: Any, sink: _Sink, ctx: _Context) -> None:
        level = ctx.list_level + 1
        if level > 2:
            raise BuildError(f"document {self.doc.name}: lijsten mogen hooguit drie niveaus diep (regel {element.sourceline})")
        if element.tag == "ul":
            kind, style = "bullet", ("List Bullet", "List Bullet 2", "List Bullet 3")[level]
        else:
            kind, style = LIST_KINDS.get(element.get("type", "1"), "decimal"), ("List Number", "List Number 2", "List Number 3")[level]
        if "geen-opsomming" in classes(element):
            kind = "none"
        start = int(element.get("start", "1") or 1)
        num_id = self.new_list(kind, level, start)
        for item in element:
            if not isinstance(item.tag, str):
                continue
            if item.tag != "li":
                raise BuildError(f"document {self.doc.name}: in een lijst horen alleen <li>-elementen (regel {item.sourceline})")
            item_ctx = _Context(style=style, fmt=ctx.fmt, list_kind=kind, list_level=level,
                                num_id=num_id, first_in_item=True, align=None)
            self.mixed(item, sink, item_ctx)

    def inline_of(self, element: Any, fmt: Format) -> _Inline:
        inline = _Inline()
        if element.text:
            inline.text(element.text, fmt)
        for child in element:
            if not isinstance(child.tag, str):
                continue
            self.inline(child, fmt, inline)
            if child.tail:
                inline.text(child.tail, fmt)
        return inline

    def inline(self, element: Any, fmt: Format, inline: _Inline) -> None:
        tag = element.tag
        if tag in BLOCK_TAGS or tag == "table":
            raise BuildError(
                f"document {self.doc.name}: blok <{tag}> binnen tekst is niet toegestaan (regel {element.sourceline})"
            )
        if tag == "br":
            inline.add(_Break(fmt))
            return
        if tag == "img":
            inline.add(_Picture(element))
            return
        changes = {
            "strong": {"bold": True}, "b": {"bold": True}, "em": {"italic": True}, "i": {"italic": True},
            "u": {"underline": True}, "sup": {"superscript": True}, "sub": {"subscript": True},
            "code": {"mono": True}, "small": {"small": True}, "span": {}, "a": {},
            "ins": {"change": "ins"}, "del": {"change": "del"},
        }
        if tag not in changes:
            raise BuildError(
                f"document {self.doc.name}: de Word-schrijver kent <{tag}> niet (regel {element.sourceline})"
            )
        new = replace(fmt, **changes[tag])
        if tag == "a" and element.get("href", "").startswith(("http://", "https://", "mailto:")):
            new = replace(new, href=element.get("href"))
        if tag == "span" and "klein" in classes(element):
            new = replace(new, small=True)
        if element.text:
            inline.text(element.text, new)
        for child in element:
            if not isinstance(child.tag, str):
                continue
            self.inline(child, new, inline)
            if child.tail:
                inline.text(child.tail, new)
        if tag == "span" and "nummer" in classes(element):
            inline.add(_Tab(fmt))

    def runs(self, paragraph: Any, inline: _Inline, keep_spaces: bool = False) -> None:
        pieces = inline.pieces if keep_spaces else inline.normalized()
        for piece in pieces:
            if isinstance(piece, _Break):
                run = paragraph.add_run()
                run.add_break()
                self._track(run._r, piece.fmt.change)
            elif isinstance(piece, _Tab):
                run = paragraph.add_run()
                run.add_tab()
                self._track(run._r, piece.fmt.change)
            elif isinstance(piece, _Picture):
                self.picture(paragraph, piece.element)
            elif piece.fmt.href:
                self.hyperlink(paragraph, piece.text, piece.fmt)
            else:
                run = paragraph.add_run(piece.text)
                _format_run(run, piece.fmt)
                self._track(run._r, piece.fmt.change)

    def _change_element(self, change: str) -> Any:
        """A w:ins or w:del with a fixed author and the document's date (reproducible bytes)."""
        element = OxmlElement(f"w:{change}")
        element.set(qn("w:id"), str(self._next_change))
        element.set(qn("w:author"), CHANGE_AUTHOR)
        element.set(qn("w:date"), f"{self.doc.date.isoformat()}T00:00:00Z")
        self._next_change += 1
        return element

    def _track(self, run: Any, change: str | None) -> None:
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
        wrapper = self._change_element(change)
        run.addprevious(wrapper)
        wrapper.append(run)

    def hyperlink(self, paragraph: Any, text: str, fmt: Format) -> None:
        rel_id = paragraph.part.relate_to(fmt.href, RT.HYPERLINK, is_external=True)
        link = OxmlElement("w:hyperlink")
        link.set(qn("r:id"), rel_id)
        run = paragraph.add_run(text)
        _format_run(run, fmt)
        run.font.underline = True
        run.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
        paragraph._p.remove(run._r)
        link.append(run._r)
        paragraph._p.append(link)
        self._track(run._r, fmt.change)

    # -- tables and figures ---------------------------------------------------------------

    def table(self, element: Any, sink: _Sink, ctx: _Context) -> None:
        rows = element.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")
        caption = element.find("caption")
        if caption is not None:
            self.paragraph(self.inline_of(caption, ctx.fmt), sink, _Context(style="Caption"))
        if not rows:
            return
        widths = [sum(int(c.get("colspan", "1") or 1) for c in row if c.tag in ("td", "th")) for row in rows]
        columns = max(widths)
        if self._page_break_pending:
            sink.paragraph("Normal").add_run().add_break(WD_BREAK.PAGE)
            self._page_break_pending = False
        table = sink.table(len(rows), columns)
        cls = classes(element)
        borderless = bool(cls & {"ondertekening", "kopblok"})
        table.style = self.style("Normal Table" if borderless and "Normal Table" in self._styles else "Table Grid")
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        small = "klein" in cls
        placed: list[tuple[Any, int, int]] = []  # (cell, first column, span)
        for r, row in enumerate(rows):
            in_head = row.getparent().tag == "thead"
            if in_head:
                _repeat_header(table.rows[r])
            if "ondertekening" not in cls:
                _cant_split(table.rows[r])
            c = 0
            row_cells = table.rows[r].cells  # once per row: table.cell() rescans the whole table
            for cell_element in row:
                if cell_element.tag not in ("td", "th"):
                    continue
                span = int(cell_element.get("colspan", "1") or 1)
                cell = row_cells[c]
                if span > 1:
                    cell = cell.merge(row_cells[c + span - 1])
                    row_cells = table.rows[r].cells
                cell_cls = classes(cell_element)
                align = WD_ALIGN_PARAGRAPH.RIGHT if cell_cls & {"bedrag", "getal", "rechts"} else _alignment(cell_cls, None)
                fmt = replace(ctx.fmt, bold=True) if (cell_element.tag == "th" or "totaal" in cell_cls) else ctx.fmt
                if small:
                    fmt = replace(fmt, small=True)
                cell_sink = _Sink(cell, cell.paragraphs[0])
                self.mixed(cell_element, cell_sink, _Context(style="Normal", align=align, fmt=fmt))
                placed.append((cell, c, span))
                c += span
        explicit = _colgroup_widths(element, columns)
        if explicit is not None or sink.container is self.document:  # a nested table keeps Word's widths
            if explicit is not None:  # <colgroup><col style="width: 40%"> ... for every column
                column_widths = explicit
            elif "ondertekening" in cls:  # signatures side by side get the same room
                column_widths = [TEXT_WIDTH.cm / columns] * columns
            else:
                column_widths = auto_widths(rows, columns, TEXT_WIDTH.cm, 0.15 if small else 0.19)
            table.autofit = False
            for index, width in enumerate(column_widths):
                table.columns[index].width = Cm(width)
            for cell, first, span in placed:
                cell.width = Cm(sum(column_widths[first:first + span]))
        if "ondertekening" in cls:
            for row in table.rows:
                _cant_split(row)
                for cell in row.cells:
                    if cell.paragraphs:
                        cell.paragraphs[-1].paragraph_format.space_after = Pt(18)

    def figure(self, element: Any, sink: _Sink, ctx: _Context) -> None:
        for child in element:
            if not isinstance(child.tag, str):
                continue
            if child.tag == "img":
                inline = _Inline()
                inline.add(_Picture(child))
                paragraph = self.paragraph(inline, sink, _Context(style="Normal", align=WD_ALIGN_PARAGRAPH.CENTER))
                paragraph.paragraph_format.keep_with_next = True
            elif child.tag == "figcaption":
                self.paragraph(self.inline_of(child, ctx.fmt), sink, _Context(style="Caption"))
            else:
                self.block(child, sink, ctx)

    def picture(self, paragraph: Any, element: Any) -> None:
        source = element.get("data-raster") or element.get("src", "")
        data = self._image_bytes(source, element)
        width = _length(element.get("width"))
        run = paragraph.add_run()
        try:
            shape = run.add_picture(io.BytesIO(data), width=width)
        except Exception as exc:  # python-docx raises several kinds for unknown images
            raise BuildError(f"document {self.doc.name}: afbeelding {source[:60]} kan niet in Word ({exc})") from None
        if shape.width > TEXT_WIDTH:
            ratio = TEXT_WIDTH / shape.width
            shape.width, shape.height = TEXT_WIDTH, Emu(int(shape.height * ratio))
        doc_pr = shape._inline.docPr
        doc_pr.set("descr", element.get("alt", ""))
        doc_pr.set("title", element.get("title", "") or element.get("alt", "")[:80])

    def _image_bytes(self, source: str, element: Any) -> bytes:
        if source.startswith("data:"):
            header, _, payload = source.partition(",")
            if ";base64" not in header:
                raise BuildError(f"document {self.doc.name}: data-URI zonder base64 (regel {element.sourceline})")
            try:
                return base64.b64decode(payload, validate=True)
            except binascii.Error:
                raise BuildError(f"document {self.doc.name}: ongeldige data-URI (regel {element.sourceline})") from None
        if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", source):
            raise BuildError(f"document {self.doc.name}: afbeelding van buiten ({source[:60]}) is niet toegestaan")
        path = (self.doc.base_dir / source).resolve()
        if not inside(path, self.doc.roots):
            raise BuildError(f"document {self.doc.name}: afbeelding {source} ligt buiten de sjablonen en de inhoud")
        try:
            return path.read_bytes()
        except OSError as exc:
            raise BuildError(f"document {self.doc.name}: afbeelding {source} niet gevonden ({exc.strerror})") from None

    # -- numbering ---------------------------------------------------------------------

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
            ind.set(qn("w:left"), str(425 * (level + 1)))
            ind.set(qn("w:hanging"), "425")
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

    # -- properties --------------------------------------------------------------------

    def _properties(self) -> None:
        props = self.document.core_properties
        moment = datetime.datetime.combine(self.doc.date, datetime.time(0, 0))
        props.title = self.doc.title
        props.subject = self.doc.subject
        props.author = self.doc.author
        props.keywords = ", ".join(self.doc.keywords)
        props.comments = ""
        props.category = ""
        props.language = "nl-NL"
        props.last_modified_by = self.doc.author
        props.revision = 1
        props.version = self.doc.version
        props.identifier = f"bronrevisie {self.doc.revision}" if self.doc.revision else ""
        props.created = moment
        props.modified = moment


def write_docx(doc: RenderedDocument) -> bytes:
    return DocxWriter(doc).write()


def auto_widths(rows: list[Any], columns: int, total: float, cm_per_char: float = 0.19) -> list[float]:
    """Column widths in cm, like a browser's automatic table layout: each column at least
    as wide as its longest word, the remaining width shared in proportion to how much
    text a column holds. Cells that span columns are not measured."""
    longest_word, longest_text = [0] * columns, [0] * columns
    for row in rows:
        column = 0
        for cell in row:
            if cell.tag not in ("td", "th"):
                continue
            span = int(cell.get("colspan", "1") or 1)
            if span == 1 and column < columns:
                words = (cell.text_content() or "").split()
                text = " ".join(words)
                if classes(cell) & {"bedrag", "getal"}:  # amounts do not wrap (as in the PDF)
                    words = [text]
                bold = 1.15 if cell.tag == "th" or cell.find(".//strong") is not None or cell.find(".//b") is not None else 1.0
                longest_word[column] = max(longest_word[column], round(max((len(w) for w in words), default=0) * bold))
                longest_text[column] = max(longest_text[column], round(len(text) * bold))
            column += span
    padding = 0.5
    minimum = [min(n, 28) * cm_per_char + padding for n in longest_word]
    preferred = [max(min(n, 400) * cm_per_char + padding, low) for n, low in zip(longest_text, minimum)]
    if sum(preferred) <= total:
        return [width * total / sum(preferred) for width in preferred]
    if sum(minimum) >= total:
        return [width * total / sum(minimum) for width in minimum]
    share = (total - sum(minimum)) / (sum(preferred) - sum(minimum))
    return [low + (high - low) * share for low, high in zip(minimum, preferred)]


# -- helpers ------------------------------------------------------------------------------


def _font(style: Any, name: str, size: Any) -> None:
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attribute), name)
    if size is not None:
        style.font.size = size


def _format_run(run: Any, fmt: Format) -> None:
    if fmt.bold:
        run.bold = True
    if fmt.italic:
        run.italic = True
    if fmt.underline:
        run.underline = True
    if fmt.superscript:
        run.font.superscript = True
    if fmt.subscript:
        run.font.subscript = True
    if fmt.mono:
        run.font.name = "Courier New"
    if fmt.small:
        run.font.size = Pt(8)


def _field(paragraph: Any, instruction: str, placeholder: str) -> None:
    def run_with(child: Any) -> None:
        run = paragraph.add_run()
        run.font.size = Pt(8)
        run._r.append(child)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    paragraph.add_run(placeholder).font.size = Pt(8)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def _numbering(paragraph: Any, num_id: int | None, level: int) -> None:
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
    # numPr comes right after pStyle (and keepNext etc. in schema order); after pStyle suffices.
    style = ppr.find(qn("w:pStyle"))
    if style is not None:
        style.addnext(num_pr)
    else:
        ppr.insert(0, num_pr)


def _repeat_header(row: Any) -> None:
    trpr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    trpr.append(header)


def _cant_split(row: Any) -> None:
    trpr = row._tr.get_or_add_trPr()
    cant = OxmlElement("w:cantSplit")
    cant.set(qn("w:val"), "true")
    trpr.insert(0, cant)


def _bottom_border(paragraph: Any) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "808080")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.append(borders)


def _alignment(cls: set[str], default: Any) -> Any:
    if "midden" in cls:
        return WD_ALIGN_PARAGRAPH.CENTER
    if "rechts" in cls or "bedrag" in cls or "getal" in cls:
        return WD_ALIGN_PARAGRAPH.RIGHT
    return default


def _colgroup_widths(element: Any, columns: int) -> list[float] | None:
    """Widths in cm from ``<colgroup><col style="width: 40%">``, as shares of the text width.

    Only when every column has a width; otherwise None (the widths are then estimated).
    """
    cols = element.xpath("./colgroup/col|./col")
    shares: list[float | None] = []
    for col in cols:
        match = re.search(r"width\s*:\s*(\d+(?:\.\d+)?)%", col.get("style", ""))
        shares.extend([float(match.group(1)) if match else None] * int(col.get("span", "1") or 1))
    if len(shares) != columns or None in shares:
        return None
    return [TEXT_WIDTH.cm * share / 100 for share in shares]  # type: ignore[operator]


def _length(value: str | None) -> Any:
    """A width attribute in CSS pixels (96 per inch) → a Word length."""
    if not value:
        return None
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(px)?\s*", value)
    if not match:
        return None
    return Emu(int(float(match.group(1)) * 914400 / 96))


def _holds_blocks(element: Any) -> bool:
    """Whether an element (``<ins>``, ``<del>``) holds paragraphs rather than words."""
    return any(isinstance(child.tag, str) and (child.tag in BLOCK_TAGS or child.tag == "table") for child in element)


def _has_text(part: Any) -> bool:
    return any(p.text.strip() for p in part.paragraphs) or bool(
        part._element.findall(".//" + qn("w:drawing"))
    )


def _replace_placeholders(part: Any, values: dict[str, str]) -> None:
    for paragraph in part.paragraphs:
        for run in paragraph.runs:
            for key, value in values.items():
                if key in run.text:
                    run.text = run.text.replace(key, value)




def normalize_zip(data: bytes, date: datetime.date) -> bytes:
    """Rewrite a zip with fixed timestamps and attributes, so equal content gives equal bytes."""
    stamp = (max(date.year, 1980), date.month, date.day, 0, 0, 0)
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            item = zipfile.ZipInfo(info.filename, date_time=stamp)
            item.compress_type = zipfile.ZIP_DEFLATED
            item.create_system = 0
            item.external_attr = 0
            content = source.read(info.filename)
            target.writestr(item, content, compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
    return output.getvalue()
