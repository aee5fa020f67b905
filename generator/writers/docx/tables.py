"""Tables: cells in their place, widths like a browser's, header rows repeated, rows kept whole."""

from __future__ import annotations

import re
from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import _Cell

from ...document import classes
from . import wordml
from .inline import formatted
from .mapping import ELEMENTS, cell_alignment, class_format

TEXT_WIDTH = Cm(16)
#: Room under each signature (for the signature itself).
SIGNATURE_SPACE = Pt(18)


class TableWriter:
    """Mixin of DocxWriter: ``<table>`` → a Word table."""

    def table(self, element: Any, sink: Any, ctx: Any) -> None:
        from .walker import Context, Sink

        rows = element.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")
        caption = element.find("caption")
        if caption is not None:  # a caption never stays alone at the foot of a page
            caption_paragraph = self.paragraph(self.inline_of(caption, ctx.fmt), sink,
                                               Context(style=ELEMENTS["caption"].style))
            wordml.paragraph_property(caption_paragraph._p, "keepNext")
        if not rows:
            return
        columns = max(sum(int(c.get("colspan", "1") or 1) for c in row if c.tag in ("td", "th")) for row in rows)
        if self._page_break_pending:
            sink.paragraph("Normal").add_run().add_break(WD_BREAK.PAGE)
            self._page_break_pending = False
        table = sink.table(len(rows), columns)
        cls = classes(element)
        borderless = bool(cls & {"ondertekening", "kopblok"})
        style = "Normal Table" if borderless and "Normal Table" in self.template.style_names else ELEMENTS["table"].style
        table._tbl.tblStyle_val = self.template.style_id(style, WD_STYLE_TYPE.TABLE)
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        small = class_format(cls & {"klein"})
        placed: list[tuple[Any, int, int]] = []  # (w:tc, first column, span)
        trs = table._tbl.findall(W_TR)
        for r, row in enumerate(rows):
            tr = trs[r]
            if row.getparent().tag == "thead":
                repeat_header(tr)
            if "ondertekening" not in cls:
                cant_split(tr)
            c = 0
            grid = tr.findall(W_TC)  # the w:tc of each column (a merged cell in each column it spans)
            for cell_element in row:
                if cell_element.tag not in ("td", "th"):
                    continue
                span = int(cell_element.get("colspan", "1") or 1)
                tc = grid[c]
                if span > 1:
                    tc = _Cell(tc, table).merge(_Cell(grid[c + span - 1], table))._tc
                    grid[c:c + span] = [tc] * span
                cell_cls = classes(cell_element)
                fmt = formatted(ctx.fmt, {**ELEMENTS[cell_element.tag].fmt, **class_format(cell_cls & {"totaal"}), **small})
                self.mixed(cell_element, Sink(_Cell(tc, table), self.template, tc.find(W_P)),
                           Context(style="Normal", align=cell_alignment(cell_cls), fmt=fmt))
                placed.append((tc, c, span))
                c += span
        if sink.container is self.document or _colgroup_widths(element, columns) is not None:
            self._widths(table, element, rows, columns, placed, cls, bool(small))
        keep_header_and_total(trs, rows)
        if "ondertekening" in cls:
            signature_rows(trs)
            keep_previous_with(table)

    def _widths(self, table: Any, element: Any, rows: list[Any], columns: int,
                placed: list[tuple[Any, int, int]], cls: set[str], small: bool) -> None:
        """Fixed column widths: from <colgroup>, equal for signatures, else estimated (a nested
        table without <colgroup> keeps Word's own widths)."""
        explicit = _colgroup_widths(element, columns)
        if explicit is not None:  # <colgroup><col style="width: 40%"> ... for every column
            column_widths = explicit
        elif "ondertekening" in cls:  # signatures side by side get the same room
            column_widths = [TEXT_WIDTH.cm / columns] * columns
        else:
            column_widths = auto_widths(rows, columns, TEXT_WIDTH.cm, 0.15 if small else 0.19)
        table.autofit = False
        for grid_column, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), column_widths):
            grid_column.set(W_W, wordml.twips(Cm(width)))
        for tc, first, span in placed:  # w:tcW of a new cell is there already (python-docx's new table)
            tc_width = tc.tcPr.find(qn("w:tcW"))
            tc_width.set(qn("w:type"), "dxa")
            tc_width.set(W_W, wordml.twips(Cm(sum(column_widths[first:first + span]))))


W_TR, W_W = qn("w:tr"), qn("w:w")
W_TC, W_P = wordml.W_TC, wordml.W_P  # the names the module uses, defined once in wordml


def signature_rows(trs: list[Any]) -> None:
    """Signatures stay together: no row splits, every row keeps with the next, the cells of a row
    align at the bottom (the names line up whatever the text above them); room under each."""
    for number, tr in enumerate(trs):
        cant_split(tr)
        if number < len(trs) - 1:
            _keep_row_with_next(tr)
        for tc in tr.iterchildren(W_TC):
            tc.tcPr.vAlign_val = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
            paragraphs = tc.findall(W_P)
            if paragraphs:
                wordml.paragraph_property(paragraphs[-1], "spacing", after=wordml.twips(SIGNATURE_SPACE))


def keep_header_and_total(trs: list[Any], rows: list[Any]) -> None:
    """Header rows keep with the first row; the row before a total row keeps with it, so that
    no page holds only a table's header and its total."""
    for index, row in enumerate(rows):
        in_head = row.getparent().tag == "thead"
        before_total = index + 1 < len(rows) and _is_total(rows[index + 1])
        if in_head or before_total:
            _keep_row_with_next(trs[index])


def _is_total(row: Any) -> bool:
    return "totaal" in classes(row) or row.getparent().tag == "tfoot"


def _keep_row_with_next(tr: Any) -> None:
    for tc in tr.iterchildren(W_TC):
        for paragraph in tc.iterchildren(W_P):
            wordml.paragraph_property(paragraph, "keepNext")


def keep_previous_with(table: Any) -> None:
    """The paragraph before a table (the closing words before signatures) keeps with it."""
    previous = table._tbl.getprevious()
    if previous is not None and previous.tag == W_P:
        wordml.paragraph_property(previous, "keepNext")


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


def repeat_header(tr: Any) -> None:
    wordml.child(wordml.row_properties(tr), "tblHeader", val="true")


def cant_split(tr: Any) -> None:
    wordml.row_properties(tr).insert(0, tr.makeelement(qn("w:cantSplit"), {qn("w:val"): "true"}))
