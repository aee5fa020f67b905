"""The page around the text: running header and the footer with page numbers.

The house style's template may hold its own header and footer with placeholders
(«kop», «titel», ...); an empty header gets the document's running header, a footer
without page number gets "Pagina X van Y".
"""

from __future__ import annotations

from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from lxml import etree

from ...document import RenderedDocument


def header_footer(document: Any, doc: RenderedDocument) -> None:
    section = document.sections[0]
    values = placeholders(doc)
    header = section.header
    if not _has_text(header):
        paragraph = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
        paragraph.style = "Header"
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run = paragraph.add_run(doc.header or doc.title)
        run.font.size = Pt(8)
    _replace_placeholders(header, values)
    footer = section.footer
    _replace_placeholders(footer, values)
    if "PAGE" not in etree.tostring(footer._element, encoding="unicode"):
        paragraph = footer.paragraphs[0] if footer.paragraphs and not _has_text(footer) else footer.add_paragraph()
        paragraph.style = "Footer"
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for part in ("Pagina ", ("PAGE", "1"), " van ", ("NUMPAGES", "1")):
            if isinstance(part, tuple):
                field(paragraph, *part)
            else:
                paragraph.add_run(part).font.size = Pt(8)


def placeholders(doc: RenderedDocument) -> dict[str, str]:
    values = {"titel": doc.title, "kop": doc.header or doc.title,
              "onderwerp": doc.subject, "auteur": doc.author, **doc.placeholders}
    return {f"«{key}»": value for key, value in values.items()}


def field(paragraph: Any, instruction: str, placeholder: str) -> None:
    """A complex field (begin, instruction, separate, shown value, end)."""
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
