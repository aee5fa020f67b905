"""Page breaks a person would accept (issue 12), read back from the built examples.

PDF: text per page (pypdf) and text positions; DOCX: the paragraph and row properties
that make Word keep things together.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from pathlib import Path

import docx
import pytest
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from pypdf import PdfReader

from conftest import pdf_pages

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NAMES = ["plan-van-aanpak", "businesscase", "intentieverklaring", "gemeenschappelijke-regeling",
         "raadsvoorstel-toestemming-toetreding-dordrecht", "raadsvoorstel-toestemming-toetreding-hardinxveld-giessendam"]
#: Paragraph styles that must never end a page: headings, captions, labels.
LEADING_STYLES = ("Title", "Heading 1", "Heading 2", "Heading 3", "Caption", "Label", "TOC Heading")


def normalized(text: str) -> str:
    return " ".join(text.split())


def body_lines(path: Path, running_header: str) -> list[list[str]]:
    """Per page the lines of text without the running header and the footer."""
    pages = []
    for text in pdf_pages(path):
        lines = [normalized(line) for line in text.splitlines() if line.strip()]
        lines = [line for line in lines if line != running_header and not re.fullmatch(r"Pagina \d+ van \d+", line)]
        pages.append(lines)
    return pages


@functools.lru_cache(maxsize=None)
def _word(path: Path):
    return docx.Document(str(path))


def word(folder, name):
    return _word(folder / f"{name}.docx")


@pytest.mark.parametrize("name", NAMES)
def test_no_heading_caption_or_label_alone_at_the_foot_of_a_pdf_page(drechtsteden_build, name):
    document = word(drechtsteden_build, name)
    leading = {normalized(p.text) for p in document.paragraphs if p.style.name in LEADING_STYLES and p.text.strip()}
    header = normalized(" ".join(p.text for p in document.sections[0].header.paragraphs))
    pages = body_lines(drechtsteden_build / f"{name}.pdf", header)
    for number, lines in enumerate(pages[:-1], start=1):
        if not lines:
            continue
        last = lines[-1]
        alone = last in leading or (len(last.split()) >= 3 and any(text.endswith(last) for text in leading))
        assert not alone, f"{name}: pagina {number} eindigt met de kop {last!r}"


@pytest.mark.parametrize("name", ["businesscase", "plan-van-aanpak", "raadsvoorstel-toestemming-toetreding-dordrecht"])
def test_a_total_row_never_stands_with_only_the_header_on_a_pdf_page(drechtsteden_build, name):
    document = word(drechtsteden_build, name)
    header = normalized(" ".join(p.text for p in document.sections[0].header.paragraphs))
    pages = body_lines(drechtsteden_build / f"{name}.pdf", header)
    totals = 0
    for number, lines in enumerate(pages, start=1):
        for index, line in enumerate(lines):
            if line.startswith("Totaal"):
                totals += 1
                assert index >= 2, f"{name}: pagina {number} begint met een totaalregel: {lines[:3]}"
    assert totals, "the document has total rows"


def positions(page, pattern: str) -> list[float]:
    """The y position of each text piece on a page that matches ``pattern``."""
    found: list[float] = []

    def visit(text, cm, tm, font, size):
        if re.match(pattern, text.strip()):
            found.append(round(tm[5] * cm[3] + cm[5], 1))

    page.extract_text(visitor_text=visit)
    return found


def test_signatures_stay_with_their_closing_words_and_line_up(drechtsteden_build):
    for name in NAMES[4:]:
        reader = PdfReader(str(drechtsteden_build / f"{name}.pdf"))
        pages = [normalized(text) for text in pdf_pages(drechtsteden_build / f"{name}.pdf")]
        closing = [i for i, text in enumerate(pages) if "Aldus vastgesteld in de openbare vergadering" in text]
        assert len(closing) == 1
        assert "De griffier," in pages[closing[0]] and "De voorzitter," in pages[closing[0]], name
        college = [i for i, text in enumerate(pages) if re.search(r"Burgemeester en wethouders van [\w-]+,", text)]
        assert college and "de secretaris," in pages[college[-1]], name
        page = reader.pages[closing[0]]
        assert positions(page, r"De griffier,") == positions(page, r"De voorzitter,") != []

    reader = PdfReader(str(drechtsteden_build / "intentieverklaring.pdf"))
    pages = [normalized(text) for text in pdf_pages(drechtsteden_build / "intentieverklaring.pdf")]
    start = next(i for i, text in enumerate(pages) if "Aldus opgemaakt in" in text)
    assert "Handtekening:" in pages[start], "the first signatures share the page of the closing words"
    for page in reader.pages[start:]:
        rows = defaultdict(int)
        for y in positions(page, r"Handtekening:"):
            rows[y] += 1
        # side by side: two signature lines per row at the same height (the last row may hold one)
        assert sum(1 for count in rows.values() if count == 1) <= 1, dict(rows)


@pytest.mark.parametrize("name", ["businesscase", "raadsvoorstel-toestemming-toetreding-dordrecht", "intentieverklaring"])
def test_word_keeps_headers_totals_captions_and_signatures_together(drechtsteden_build, name):
    document = word(drechtsteden_build, name)
    for style in ("Heading 1", "Heading 2", "Heading 3", "Label"):
        assert document.styles[style].paragraph_format.keep_with_next, style
    body = document.element.body
    checked = 0
    for table in document.tables:
        rows = table.rows
        first_texts = [normalized(row.cells[0].text) for row in rows]
        for index, row in enumerate(rows):
            header = row._tr.trPr is not None and row._tr.trPr.find(f"{W}tblHeader") is not None
            before_total = index + 1 < len(rows) and first_texts[index + 1].startswith("Totaal")
            if header or before_total:
                checked += 1
                assert all(p.paragraph_format.keep_with_next for cell in row.cells for p in cell.paragraphs), \
                    (name, first_texts[index])
        previous = table._tbl.getprevious()
        if previous is not None and previous.tag == f"{W}p" and previous.pPr is not None \
                and previous.pPr.pStyle is not None and previous.pPr.pStyle.val == "Caption":
            assert previous.pPr.keepNext is not None
    signatures = [t for t in document.tables if any("Handtekening" in c.text or "griffier" in c.text.lower()
                                                    or "secretaris" in c.text for c in t.rows[0].cells)]
    for table in signatures:
        assert table._tbl.getprevious().pPr.keepNext is not None, "closing words keep with the signatures"
        for number, row in enumerate(table.rows):
            assert row._tr.trPr.find(f"{W}cantSplit") is not None
            for cell in row.cells:
                assert cell.vertical_alignment == WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
                if number < len(table.rows) - 1:
                    assert all(p.paragraph_format.keep_with_next for p in cell.paragraphs)
    assert signatures or checked
    assert body is not None
