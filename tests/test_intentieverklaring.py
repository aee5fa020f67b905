"""The intentieverklaring read back from the real DOCX and PDF."""

from __future__ import annotations

import re

import docx
import pikepdf
import pytest

from conftest import pdf_text

PARTNERS = ["Alblasserdam", "Dordrecht", "Hendrik-Ido-Ambacht", "Papendrecht", "Sliedrecht", "Zwijndrecht",
            "Hardinxveld-Giessendam"]


@pytest.fixture(scope="module")
def word(drechtsteden_build):
    return docx.Document(str(drechtsteden_build / "intentieverklaring.docx"))


@pytest.fixture(scope="module")
def pdf_path(drechtsteden_build):
    return drechtsteden_build / "intentieverklaring.pdf"


def test_docx_uses_real_word_styles(word):
    styled = [(p.style.name, p.text) for p in word.paragraphs if p.text.strip()]
    assert styled[0] == ("Title", "Intentieverklaring")
    assert styled[1][0] == "Subtitle"
    headings1 = [text for style, text in styled if style == "Heading 1"]
    assert headings1 == ["Partijen", "Overwegende dat", "Verklaren als volgt", "Ondertekening"]
    articles = [text for style, text in styled if style == "Heading 2"]
    assert articles == [
        "Artikel 1. Doel", "Artikel 2. Voorbereiding", "Artikel 3. Kosten van de toetreding",
        "Artikel 4. Uittreding uit Avres", "Artikel 5. Besluitvorming", "Artikel 6. Karakter van deze verklaring",
    ]
    parties = [text for style, text in styled if style == "List Number" and text.startswith("de gemeente")]
    assert [re.match(r"de gemeente (\S+),", t).group(1) for t in parties] == PARTNERS
    assert any(style == "List Bullet" for style, _ in styled)


def test_docx_cross_reference_is_rendered_as_article_number(word):
    text = "\n".join(p.text for p in word.paragraphs)
    assert "in het plan van aanpak bedoeld in artikel 2 anders overeenkomen" in text
    assert "samenvalt met de toetreding bedoeld in artikel 1" in text
    assert "[[" not in text


def test_docx_lists_restart_numbering(word):
    """Each list has its own w:num, so the considerations start again at a."""
    num_ids = []
    for paragraph in word.paragraphs:
        num = paragraph._p.find(".//{*}numPr/{*}numId")
        if num is not None:
            num_ids.append(num.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val"))
    distinct = list(dict.fromkeys(num_ids))
    assert len(distinct) == 3  # partijen, overwegingen, opsomming in artikel 2
    numbering = word.part.numbering_part.element
    letters = numbering.xpath(".//w:abstractNum[w:lvl/w:numFmt/@w:val='lowerLetter']")
    assert letters, "the considerations are lettered a, b, c"


def test_docx_signature_block_has_every_partner(word):
    [table] = word.tables
    cells = [cell.text for row in table.rows for cell in row.cells if cell.text.strip()]
    assert len(cells) == len(PARTNERS)
    for partner, cell in zip(PARTNERS, cells):
        assert cell.startswith(f"Gemeente {partner}")
        for label in ("Naam:", "Functie: burgemeester", "Plaats:", "Datum:", "Handtekening:"):
            assert label in cell


def test_docx_footer_page_number_fields_and_properties(word):
    footer_xml = word.sections[0].footer._element.xml
    assert "PAGE" in footer_xml and "NUMPAGES" in footer_xml and "fldChar" in footer_xml
    props = word.core_properties
    assert props.title == "Toetreding van Hardinxveld-Giessendam tot de Gemeenschappelijke regeling Drechtsteden"
    assert props.subject.startswith("Intentieverklaring")
    assert props.author == "Programmabureau invlechting Hardinxveld-Giessendam"
    assert props.created.date().isoformat() == "2017-05-12"
    section = word.sections[0]
    assert abs(section.page_width.cm - 21.0) < 0.01 and abs(section.page_height.cm - 29.7) < 0.01


def test_pdf_text(pdf_path):
    text = pdf_text(pdf_path)
    flat = " ".join(text.split())
    assert "Intentieverklaring" in flat
    assert "Dordrecht, 12 mei 2017" in flat
    for partner in PARTNERS:
        assert f"Gemeente {partner}" in flat
    assert "Artikel 3. Kosten van de toetreding" in flat
    assert "bedoeld in artikel 2 anders overeenkomen" in flat
    assert "Aldus opgemaakt in zevenvoud" in flat
    pages = re.findall(r"Pagina (\d+) van (\d+)", text)
    assert pages and all(total == pages[0][1] for _, total in pages)
    assert [int(n) for n, _ in pages] == list(range(1, int(pages[0][1]) + 1))


def test_pdf_is_pdfa_tagged_with_embedded_fonts(pdf_path):
    with pikepdf.open(pdf_path) as pdf:
        root = pdf.Root
        assert str(root.Lang) == "nl"
        assert "/StructTreeRoot" in root and bool(root.MarkInfo.Marked)
        assert bool(root.ViewerPreferences.DisplayDocTitle)
        assert "/OutputIntents" in root
        metadata = pdf.open_metadata()
        assert metadata.get("pdfaid:part") == "2" and metadata.get("pdfaid:conformance") == "B"
        assert metadata.get("pdfuaid:part") == "1"
        assert metadata.get("dc:title") == "Toetreding van Hardinxveld-Giessendam tot de Gemeenschappelijke regeling Drechtsteden"
        fonts = {}
        for page in pdf.pages:
            for name, font in page.Resources.Font.items():
                fonts[str(font.BaseFont)] = font
        assert fonts
        for base_name, font in fonts.items():
            descriptor = font.DescendantFonts[0].FontDescriptor if "/DescendantFonts" in font else font.FontDescriptor
            assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), base_name
        # The title of the document, not the file name, is shown by viewers.
        assert str(pdf.docinfo.Title).startswith("Toetreding van Hardinxveld-Giessendam")
