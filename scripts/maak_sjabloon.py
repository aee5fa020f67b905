"""Make the Word template of the standard house style: templates/huisstijl/standaard/sjabloon.docx.

The Word writer takes every style from a house style's sjabloon.docx (like pandoc's
reference.docx) and sets no fonts, sizes or colours of its own. This script is the
reproducible source of the standard one: the same input gives the same bytes. It mirrors
templates/huisstijl/standaard/stijl.css (Liberation Sans = Arial, heading sizes, the accent
colour #1f3864); tests/test_huisstijl.py checks that the two agree.

A gemeente makes her own sjabloon.docx in Word (docs/huisstijl.md); styles it lacks are
taken from this one.

Usage: python3 scripts/maak_sjabloon.py
"""

from __future__ import annotations

import datetime
import io
import sys
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.writers.docx.packaging import normalize_zip, drop_thumbnail  # noqa: E402
from generator.writers.docx.styles import NUMBER_INDENT, NUMBERED_STYLES, set_language  # noqa: E402

TARGET = ROOT / "templates" / "huisstijl" / "standaard" / "sjabloon.docx"
FONT = "Arial"  # metric-compatible with Liberation Sans, the PDF's font
ACCENT = RGBColor(0x1F, 0x38, 0x64)  # --kleur in stijl.css
#: Word style → size in pt, as h1-h4 and .ondertitel in stijl.css.
SIZES = {"Title": 20, "Subtitle": 13, "Heading 1": 14, "Heading 2": 12, "Heading 3": 10.5}


def font(style, name: str, size=None) -> None:
    """Set a style's font by name (dropping theme fonts), and its size."""
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


def base_styles(document) -> None:
    styles = document.styles
    font(styles["Normal"], FONT, Pt(10))
    styles["Normal"].paragraph_format.space_after = Pt(6)
    styles["Normal"].paragraph_format.line_spacing = 1.15
    for name, size in SIZES.items():
        style = styles[name]
        font(style, FONT, Pt(size))
        style.font.color.rgb = ACCENT
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
            font(styles[name], FONT, None)
    styles["Caption"].font.color.rgb = RGBColor(0x40, 0x40, 0x40)


def class_styles(document) -> None:
    """Styles for the semantic classes of the vocabulary (Noot, Kader, Lid, ...)."""
    styles = document.styles
    style = styles.add_style("Noot", WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles["Normal"]
    style.font.size = Pt(8.5)
    style.font.italic = True
    style = styles.add_style("Kader", WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles["Normal"]
    ppr = style.element.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        border = OxmlElement(f"w:{side}")
        for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "4"), ("w:color", "1F3864")):
            border.set(qn(key), value)
        borders.append(border)
    ppr.append(borders)
    for name, level in NUMBERED_STYLES.items():
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
        style.paragraph_format.left_indent = NUMBER_INDENT * level
        style.paragraph_format.first_line_indent = -NUMBER_INDENT
        style.paragraph_format.tab_stops.add_tab_stop(NUMBER_INDENT * level)
        style.paragraph_format.space_after = Pt(3)
    style = styles.add_style("Label", WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles["Normal"]
    style.font.bold = True
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.keep_with_next = True  # a label introduces what follows (CSS: break-after: avoid)
    # <hr>: a paragraph with a line under it
    style = styles.add_style("Lijn", WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles["Normal"]
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "808080")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    style.element.get_or_add_pPr().append(borders)
    # header and footer: 8 pt, as @page in stijl.css
    for name in ("Header", "Footer"):
        styles[name].font.size = Pt(8)
        styles[name].font.color.rgb = RGBColor(0x55, 0x55, 0x55)
    # character styles for inline elements: <small>/.klein, <code>, <a href>
    style = styles.add_style("Klein", WD_STYLE_TYPE.CHARACTER)
    style.font.size = Pt(8)
    style = styles.add_style("Code", WD_STYLE_TYPE.CHARACTER)
    font(style, "Courier New")
    style = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    style.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
    style.font.underline = True
    # table of contents (class "inhoud"): TOC Heading exists; the entries per level
    styles["TOC Heading"].base_style = styles["Heading 1"]
    for level in (1, 2, 3):
        style = styles.add_style(f"TOC {level}", WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
        style.paragraph_format.left_indent = Cm(0.5 * (level - 1))
        style.paragraph_format.space_after = Pt(2)
        style.paragraph_format.tab_stops.add_tab_stop(Cm(16), alignment=WD_TAB_ALIGNMENT.RIGHT,
                                                      leader=WD_TAB_LEADER.DOTS)


def template() -> bytes:
    document = Document()
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    base_styles(document)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)
    section.header_distance = section.footer_distance = Cm(1.2)
    set_language(document, "nl-NL")
    class_styles(document)
    drop_thumbnail(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return normalize_zip(buffer.getvalue(), datetime.date(2017, 1, 1))


def main() -> None:
    TARGET.write_bytes(template())
    print(f"geschreven: {TARGET}")


if __name__ == "__main__":
    main()
