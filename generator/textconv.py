"""Plain text of a generated DOCX or PDF, for `git diff` (a git textconv driver).

DOCX: one line per paragraph, headings marked with their style, table rows as
cells separated by `` | ``, header and footer first. PDF: the text per page.
"""

from __future__ import annotations

from pathlib import Path

from .errors import SamenwerkingError


def docx_text(path: Path) -> str:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    lines: list[str] = []
    props = document.core_properties
    lines.append(f"[eigenschappen] titel: {props.title}; onderwerp: {props.subject}; auteur: {props.author}")
    for section in document.sections:
        for part, label in ((section.header, "koptekst"), (section.footer, "voettekst")):
            text = " / ".join(p.text for p in part.paragraphs if p.text.strip())
            if text:
                lines.append(f"[{label}] {text}")
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(child, document)
            text = paragraph.text
            style = paragraph.style.name if paragraph.style is not None else "Normal"
            if not text.strip():
                continue
            lines.append(text if style == "Normal" else f"[{style}] {text}")
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells = []
                for cell in row.cells:
                    value = " ".join(cell.text.split())
                    if not cells or cells[-1] != value:  # merged cells repeat
                        cells.append(value)
                lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def pdf_text(path: Path) -> str:
    try:
        from pypdf import PdfReader
    except ImportError:  # pragma: no cover - pypdf is a dependency
        raise SamenwerkingError("pypdf is niet geïnstalleerd; installeer het om PDF-tekst te tonen") from None
    import logging

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings about damaged files are English noise
    reader = PdfReader(str(path))
    pages = []
    for number, page in enumerate(reader.pages, start=1):
        pages.append(f"[pagina {number}]\n{(page.extract_text() or '').strip()}")
    return "\n".join(pages) + "\n"


class UnreadableFile(SamenwerkingError):
    """The file is not a DOCX or PDF this command can read: wrong use, exit code 2."""

    exit_code = 2


def text_of(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in (".docx", ".pdf"):
        raise UnreadableFile(f"{path}: alleen .docx en .pdf worden ondersteund")
    try:
        return docx_text(path) if suffix == ".docx" else pdf_text(path)
    except SamenwerkingError:
        raise
    except Exception as error:  # noqa: BLE001 - a damaged or unreadable file, whatever the library says
        what = "Word-bestand (.docx)" if suffix == ".docx" else "PDF-bestand"
        reason = error.strerror if isinstance(error, OSError) and error.strerror else type(error).__name__
        raise UnreadableFile(f"{path}: kan dit niet lezen als {what} ({reason})") from None
