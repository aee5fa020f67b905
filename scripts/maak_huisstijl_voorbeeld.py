"""Make the example house style of Dordrecht: templates/huisstijl/dordrecht/sjabloon.docx and logo.png.

A real gemeente drops in its own Word template and logo instead (docs/huisstijl.md);
this script only exists so the example is reproducible. The logo is invented, not
the gemeente's real one.

Usage: python3 scripts/maak_huisstijl_voorbeeld.py
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from PIL import Image, ImageDraw, ImageFont


ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
TARGET = ROOT / "templates" / "huisstijl" / "dordrecht"
FONTS = ROOT / "templates" / "huisstijl" / "standaard" / "lettertypen"
RED = (0x9B, 0x1B, 0x1F)  # --kleur in stijl.css
#: Arial in Word, Liberation Sans (metrically the same) in the PDF; sizes as in stijl.css.
FONT = "Arial"


def logo() -> bytes:
    """A red block with a white 'D' and the name beside it, 300 dpi."""
    image = Image.new("RGB", (1200, 300), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 300, 300), fill=RED)
    big = ImageFont.truetype(str(FONTS / "LiberationSans-Bold.ttf"), 230)
    draw.text((150, 160), "D", font=big, fill="white", anchor="mm")
    name = ImageFont.truetype(str(FONTS / "LiberationSans-Bold.ttf"), 92)
    draw.text((340, 150), "Dordrecht", font=name, fill=RED, anchor="lm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(300, 300), optimize=True)
    return buffer.getvalue()


def font(style, name: str, size: float) -> None:
    from maak_sjabloon import font as set_font

    set_font(style, name, Pt(size))


def template(logo_png: bytes) -> bytes:
    document = Document()
    styles = document.styles
    font(styles["Normal"], FONT, 9.5)
    styles["Normal"].paragraph_format.space_after = Pt(5)
    for name, size in (("Title", 18), ("Heading 1", 13), ("Heading 2", 11), ("Heading 3", 10), ("Subtitle", 12)):
        font(styles[name], FONT, size)
        styles[name].font.color.rgb = RGBColor(*RED)
    title_ppr = styles["Title"].element.get_or_add_pPr()
    for border in title_ppr.findall(qn("w:pBdr")):
        title_ppr.remove(border)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin, section.right_margin = Cm(3.0), Cm(2.0)
    section.top_margin, section.bottom_margin = Cm(3.2), Cm(2.0)
    header = section.header.paragraphs[0]
    header.add_run().add_picture(io.BytesIO(logo_png), width=Cm(4.0))
    line = section.header.add_paragraph("«kop»")
    line.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    line.runs[0].font.size = Pt(7.5)
    # no footer: every document has the same one, "Pagina X van Y" (generator/huisstijl.py)
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    document.core_properties.author = "Gemeente Dordrecht (voorbeeld)"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def main() -> None:
    from generator.writers.docx.packaging import normalize_zip
    import datetime

    TARGET.mkdir(parents=True, exist_ok=True)
    png = logo()
    (TARGET / "logo.png").write_bytes(png)
    (TARGET / "sjabloon.docx").write_bytes(normalize_zip(template(png), datetime.date(2017, 1, 1)))
    print(f"geschreven: {TARGET / 'logo.png'}, {TARGET / 'sjabloon.docx'}")


if __name__ == "__main__":
    main()
