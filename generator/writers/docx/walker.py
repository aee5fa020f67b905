"""The walker: the HTML tree of a RenderedDocument → paragraphs, lists, tables and figures.

What each element and class does in Word is in ``mapping.py``; this module follows it.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, replace
from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.shared import Cm, Emu
from docx.text.paragraph import Paragraph

from ...document import BLOCK_TAGS, CONTENTS_LEVELS, RenderedDocument, classes
from ...errors import BuildError
from ..assets import asset_bytes
from . import packaging, wordml
from .inline import CHANGE_TAGS, Break, Format, Inline, InlineWriter, Picture, Text, formatted, holds_blocks
from .contents import add_bookmark, write_contents
from .mapping import CLASSES, ELEMENTS, alignment, class_format, paragraph_style
from .numbering import Numbering, check_depth, list_kind, number_paragraph
from .page import header_footer
from .styles import NUMBER_INDENT, NUMBERED_STYLES, Template, template
from .tables import TEXT_WIDTH, TableWriter


@dataclass
class Context:
    style: str = "Normal"
    align: Any = None
    fmt: Format = Format()
    list_kind: str | None = None  # "bullet" or a numFmt
    list_level: int = -1
    num_id: int | None = None
    first_in_item: bool = False
    indent: int = 0  # extra indentation steps (quoted text, class citaat)


class Sink:
    """Where paragraphs and tables go: the document body or a table cell (``fresh_paragraph``:
    the empty w:p a new cell holds, used for its first paragraph)."""

    def __init__(self, container: Any, template: Template, fresh_paragraph: Any = None):
        self.container = container
        self.template = template
        self.fresh = fresh_paragraph
        element = container._element  # w:document or w:tc
        self._element = element.body if element.tag == wordml.W_DOCUMENT else element
        self._before = self._element.find(wordml.W_SECTPR)  # the body's section properties stay last
        self._width: Any = None

    def paragraph(self, style: str) -> Any:
        """A new paragraph in the Word style named ``style`` (its id looked up once per template)."""
        style_id = self.template.style_id(style, WD_STYLE_TYPE.PARAGRAPH)
        if self.fresh is not None:
            element, self.fresh = self.fresh, None
            wordml.style(element, style_id)
        else:
            element = wordml.new_paragraph(self._element, self._before, style_id)
        return Paragraph(element, self.container)

    def table(self, rows: int, cols: int) -> Any:
        """A new table (python-docx's), the width of the text or of the cell shared by its columns."""
        if self._element.tag == wordml.W_BODY:  # Document.add_table without its ``table.style = None``,
            if self._width is None:  # which reads (and so copies) the template's styles; the width
                self._width = self.container._block_width  # of the text, found once (it searches the whole body)
            table = self.container._body.add_table(rows, cols, self._width)
        else:  # a cell: python-docx adds the empty paragraph Word needs after a table in a cell
            table = self.container.add_table(rows, cols)
        self.fresh = None
        return table


class DocxWriter(InlineWriter, TableWriter):
    def __init__(self, doc: RenderedDocument):
        self.doc = doc
        self.template = template(doc.docx_template)
        self.document = self.template.new_document()
        self.numbering = Numbering(self.document)
        self._page_break_pending = False
        self._next_change = 1  # w:id of tracked changes, in document order
        self._has_contents = any("inhoud" in classes(nav) for nav in doc.tree.iter("nav"))
        self._bookmarks = 0

    def write(self) -> bytes:
        header_footer(self.document, self.doc, self.template)
        packaging.drop_thumbnail(self.document)
        body = self.doc.tree.find("body")
        if body is None:
            raise BuildError(f"document {self.doc.name}: <body> ontbreekt")
        self.mixed(body, Sink(self.document, self.template), Context())
        packaging.set_properties(self.document, self.doc)
        return packaging.save(self.document, self.doc.date)

    # -- content that holds both words and blocks --------------------------------------

    def mixed(self, element: Any, sink: Sink, ctx: Context) -> None:
        """Content that may hold both inline content and blocks (body, div, li, td, ...)."""
        pending = Inline()
        if element.text:
            pending.text(element.text, ctx.fmt)
        for child in element:
            if not isinstance(child.tag, str):
                continue
            if child.tag in CHANGE_TAGS and holds_blocks(child):  # a tracked change around whole paragraphs
                ctx = self.flush(pending, sink, ctx)
                pending = Inline()
                self.mixed(child, sink, replace(ctx, fmt=replace(ctx.fmt, change=child.tag)))
            elif child.tag in BLOCK_TAGS or child.tag in ("table",):
                ctx = self.flush(pending, sink, ctx)
                pending = Inline()
                self.block(child, sink, ctx)
            else:
                self.inline(child, ctx.fmt, pending)
            if child.tail:
                pending.text(child.tail, ctx.fmt)
        self.flush(pending, sink, ctx)

    def flush(self, pending: Inline, sink: Sink, ctx: Context) -> Context:
        """Write pending inline content as a paragraph; returns the context for what follows."""
        if pending.empty():
            return ctx
        self.paragraph(pending, sink, ctx)
        if ctx.first_in_item:
            return replace(ctx, first_in_item=False)
        return ctx

    def paragraph(self, inline: Inline, sink: Sink, ctx: Context) -> Any:
        style = ctx.style
        if ctx.list_kind is not None and not ctx.first_in_item:
            style = "List Continue"
        paragraph = sink.paragraph(style)
        p = paragraph._p
        if ctx.align is not None:
            wordml.paragraph_property(p, "jc", val=WD_ALIGN_PARAGRAPH.to_xml(ctx.align))
        if ctx.list_kind is not None:
            if ctx.first_in_item:
                number_paragraph(paragraph, ctx.num_id, ctx.list_level)
            else:
                wordml.paragraph_property(p, "ind", left=wordml.twips(Cm(0.75 * (ctx.list_level + 1))))
        elif ctx.indent:  # quoted text: one step further in than its style (Lid, Onderdeel: their own step)
            wordml.paragraph_property(p, "ind", left=wordml.twips(
                NUMBER_INDENT * (NUMBERED_STYLES.get(style, 0) + ctx.indent)))
        if self._page_break_pending:
            wordml.paragraph_property(p, "pageBreakBefore")
            self._page_break_pending = False
        if ctx.fmt.change:  # the whole paragraph, its mark included, is inserted or deleted
            rpr = OxmlElement("w:rPr")
            rpr.append(self.change_element(ctx.fmt.change))
            p.find(wordml.W_PPR).append(rpr)
        self.runs(paragraph, inline)
        return paragraph

    # -- blocks: one handler per element, named in mapping.ELEMENTS ----------------------

    def block(self, element: Any, sink: Sink, ctx: Context) -> None:
        cls = classes(element)
        if "paginaeinde" in cls:
            self._page_break_pending = True
        rule = ELEMENTS.get(element.tag)
        if rule is None or rule.handler is None or element.tag not in BLOCK_TAGS | {"table"}:
            raise BuildError(
                f"document {self.doc.name}: de Word-schrijver kent <{element.tag}> niet als blok (regel {element.sourceline})"
            )
        handler = next((CLASSES[name].handler for name in sorted(cls) if name in CLASSES and CLASSES[name].handler),
                       rule.handler)  # a class with its own handler (inhoud) wins over the element's
        getattr(self, handler)(element, sink, ctx)

    def heading(self, element: Any, sink: Sink, ctx: Context) -> None:
        style = element.get("data-word-stijl") or ELEMENTS[element.tag].style
        paragraph = self.paragraph(self.inline_of(element, ctx.fmt), sink, Context(style=style, fmt=ctx.fmt))
        if self._has_contents and element.get("id") and style in CONTENTS_LEVELS:
            self._bookmarks += 1
            add_bookmark(paragraph, element.get("id"), self._bookmarks)

    def contents(self, element: Any, sink: Sink, ctx: Context) -> None:
        write_contents(self, element, sink)
        self._page_break_pending = True  # the text starts on the next page (CSS: break-after: page)

    def paragraph_element(self, element: Any, sink: Sink, ctx: Context) -> None:
        cls = classes(element)
        style = paragraph_style(cls, ctx.style)
        inline = self.inline_of(element, formatted(ctx.fmt, class_format(cls & {"klein"})))
        if inline.empty() and not ctx.list_kind:
            if "leeg" in cls:
                sink.paragraph(style)
            return
        self.paragraph(inline, sink, replace(ctx, style=style, align=alignment(cls, ctx.align)))

    def stray_item(self, element: Any, sink: Sink, ctx: Context) -> None:
        raise BuildError(f"document {self.doc.name}: <li> buiten een lijst (regel {element.sourceline})")

    def caption(self, element: Any, sink: Sink, ctx: Context) -> None:
        self.paragraph(self.inline_of(element, ctx.fmt), sink,
                       Context(style=ELEMENTS["figcaption"].style, fmt=ctx.fmt))

    def blockquote(self, element: Any, sink: Sink, ctx: Context) -> None:
        self.mixed(element, sink, replace(ctx, style=ELEMENTS["blockquote"].style))

    def preformatted(self, element: Any, sink: Sink, ctx: Context) -> None:
        inline = Inline()
        mono = replace(ctx.fmt, **ELEMENTS["pre"].fmt)
        for line_number, line in enumerate((element.text_content() or "").rstrip("\n").split("\n")):
            if line_number:
                inline.add(Break(ctx.fmt))
            inline.pieces.append(Text(line, mono))
        paragraph = sink.paragraph(ctx.style)
        self.runs(paragraph, inline, keep_spaces=True)

    def rule(self, element: Any, sink: Sink, ctx: Context) -> None:
        sink.paragraph(ELEMENTS["hr"].style)

    def container(self, element: Any, sink: Sink, ctx: Context) -> None:
        cls = classes(element)
        if "paginaeinde" in cls and not len(element) and not (element.text or "").strip():
            return
        indent = ctx.indent + 1 if "citaat" in cls else ctx.indent
        self.mixed(element, sink, replace(ctx, style=paragraph_style(cls, ctx.style),
                                          align=alignment(cls, ctx.align), indent=indent))

    def list(self, element: Any, sink: Sink, ctx: Context) -> None:
        level = ctx.list_level + 1
        check_depth(level, element, self.doc.name)
        kind, style = list_kind(element, level)
        num_id = self.numbering.new_list(kind, level, int(element.get("start", "1") or 1))
        for item in element:
            if not isinstance(item.tag, str):
                continue
            if item.tag != "li":
                raise BuildError(f"document {self.doc.name}: in een lijst horen alleen <li>-elementen (regel {item.sourceline})")
            self.mixed(item, sink, Context(style=style, fmt=ctx.fmt, list_kind=kind, list_level=level,
                                           num_id=num_id, first_in_item=True, align=None))

    def figure(self, element: Any, sink: Sink, ctx: Context) -> None:
        for child in element:
            if not isinstance(child.tag, str):
                continue
            if child.tag == "img":
                inline = Inline()
                inline.add(Picture(child))
                paragraph = self.paragraph(inline, sink, Context(style="Normal", align=WD_ALIGN_PARAGRAPH.CENTER))
                wordml.paragraph_property(paragraph._p, "keepNext")
            elif child.tag == "figcaption":
                self.paragraph(self.inline_of(child, ctx.fmt), sink, Context(style=ELEMENTS["figcaption"].style))
            else:
                self.block(child, sink, ctx)

    def picture(self, paragraph: Any, element: Any) -> None:
        source = element.get("data-raster") or element.get("src", "")
        data = asset_bytes(self.doc, source, element)
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


def write_docx(doc: RenderedDocument) -> bytes:
    return DocxWriter(doc).write()


def _length(value: str | None) -> Any:
    """A width attribute in CSS pixels (96 per inch) → a Word length."""
    if not value:
        return None
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(px)?\s*", value)
    if not match:
        return None
    return Emu(int(float(match.group(1)) * 914400 / 96))
