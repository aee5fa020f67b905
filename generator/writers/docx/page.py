"""The page around the text: running header and the footer with page numbers.

The house style's template may hold its own header with placeholders («kop», «titel», ...);
an empty header gets the document's running header. The footer is the same in every document
and format: "Pagina X van Y" (``huisstijl.VOETTEKST``, also the PDF's).
"""

from __future__ import annotations

from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from ...document import RenderedDocument
from ...huisstijl import VOETTEKST


def header_footer(document: Any, doc: RenderedDocument, template: Any) -> None:
    section = document.sections[0]
    values = placeholders(doc)
    header = section.header
    if not _has_text(header):
        paragraph = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
        paragraph._p.style = template.style_id("Header", WD_STYLE_TYPE.PARAGRAPH)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.add_run(doc.header or doc.title)
    _replace_placeholders(header, values)
    footer(section.footer, template)


def footer(part: Any, template: Any) -> None:
    """The one footer (``huisstijl.VOETTEKST``), in place of whatever the template's footer says."""
    element = part._element
    for child in list(element):
        element.remove(child)
    paragraph = part.add_paragraph()
    paragraph._p.style = template.style_id("Footer", WD_STYLE_TYPE.PARAGRAPH)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for piece in VOETTEKST:
        if piece in ("PAGE", "NUMPAGES"):
            field(paragraph, piece, "1")
        else:
            paragraph.add_run(piece)


def placeholders(doc: RenderedDocument) -> dict[str, str]:
    values = {"titel": doc.title, "kop": doc.header or doc.title,
              "onderwerp": doc.subject, "auteur": doc.author, **doc.placeholders}
    return {f"«{key}»": value for key, value in values.items()}


def field(paragraph: Any, instruction: str, placeholder: str) -> None:
    """A complex field (begin, instruction, separate, shown value, end)."""
    def run_with(child: Any) -> None:
        paragraph.add_run()._r.append(child)

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
    paragraph.add_run(placeholder)
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
