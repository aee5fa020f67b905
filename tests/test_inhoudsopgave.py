"""Table of contents (issue 12): a TOC field in Word, a contents page with page numbers in the PDF."""

from __future__ import annotations

import re

import docx
import pytest

from conftest import pdf_pages
from generator.deliverables import discover
from generator.document import parse
from generator.paths import PACKAGE_TEMPLATES

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LONG = ("plan-van-aanpak", "businesscase", "gemeenschappelijke-regeling")


def test_declarations_ask_for_contents_in_the_long_documents():
    settings = {d.name: d.declaration.inhoudsopgave for d in discover([PACKAGE_TEMPLATES])}
    assert {name for name, wanted in settings.items() if wanted} == set(LONG)


def normalized(text: str) -> str:
    return " ".join(text.split())


TOC_STYLES = ("TOC 1", "TOC 2", "TOC 3")


def toc_entries(document) -> list:
    """The paragraphs of the Word table of contents (styles TOC 1-3), in order."""
    return [p for p in document.paragraphs if p.style.name in TOC_STYLES]


@pytest.mark.parametrize("name", LONG)
def test_word_has_a_toc_field_with_the_headings_filled_in(drechtsteden_build, name):
    document = docx.Document(str(drechtsteden_build / f"{name}.docx"))
    body = document.element.body
    instructions = [t.text for t in body.iter(f"{W}instrText")]
    assert any(re.fullmatch(r'\s*TOC \\o "1-3" \\h( \\z)?\s*', text) for text in instructions), instructions
    paragraphs = document.paragraphs
    toc = [(int(p.style.name[-1]), normalized(p.text)) for p in toc_entries(document)]
    levels = {"Heading 1": 1, "Heading 2": 2, "Heading 3": 3}
    headings = [(levels[p.style.name], normalized(p.text)) for p in paragraphs if p.style.name in levels]
    assert toc and toc == headings  # every Heading 1-3, in order, before Word updates the field
    assert [p.style.name for p in paragraphs].count("TOC Heading") == 1
    # Each entry links to a bookmark around its heading.
    anchors = [link.get(f"{W}anchor") for link in body.iter(f"{W}hyperlink") if link.get(f"{W}anchor")]
    bookmarks = {mark.get(f"{W}name") for mark in body.iter(f"{W}bookmarkStart")}
    assert len(anchors) == len(toc) and set(anchors) <= bookmarks
    # Word is asked to update the field (page numbers) when the document opens.
    settings = document.settings.element
    assert settings.find(f"{W}updateFields").get(f"{W}val") == "true"


@pytest.mark.parametrize("name", LONG)
def test_pdf_contents_page_numbers_point_at_the_headings(drechtsteden_build, name):
    pages = [normalized(text) for text in pdf_pages(drechtsteden_build / f"{name}.pdf")]
    # The entries as Word lists them (every heading of level 1-3, in order): in the PDF each is
    # followed by its page number. A long title wraps, so its last words are looked for.
    document = docx.Document(str(drechtsteden_build / f"{name}.docx"))
    titles = [normalized(p.text) for p in toc_entries(document)]
    assert len(titles) >= 8, titles
    first = next(index for index, text in enumerate(pages[:3]) if "Inhoud" in text)
    # The text starts on a new page: the contents run from "Inhoud" to the page of the first heading.
    body = int(re.search(re.escape(titles[0]) + r" (\d+)\b", pages[first]).group(1))
    assert body > first + 1
    contents = " ".join(pages[first:body - 1])
    # The dots are drawn, not text: a screen reader and copied text get the title and its page.
    assert "..." not in contents
    start = contents.index("Inhoud")
    for title in titles:
        end = " ".join(title.split()[-3:])
        found = re.compile(re.escape(end) + r" (\d+)\b").search(contents, start)
        assert found, (title, contents[start:start + 200])
        page = int(found.group(1))
        assert 1 <= page <= len(pages)
        assert end in pages[page - 1], (title, page)
        start = found.end()


def test_no_contents_without_two_chapters():
    html = """<html><head><title>x</title></head><body><nav class="inhoud"></nav><header class="voorblad"><h1>T</h1>
    </header><h2>Enige hoofdstuk</h2><h3>Sub</h3></body></html>"""
    assert parse(html, "x").find(".//nav") is None
    two = html.replace("<h3>Sub</h3>", "<h2>Tweede</h2>")
    tree = parse(two, "x")
    nav = tree.find(".//nav")
    assert nav.getprevious().get("class") == "voorblad"  # moved after the title block
    assert ["".join(a.itertext()) for a in nav.iter("a")] == ["Enige hoofdstuk", "Tweede"]
    assert [a.get("href") for a in nav.iter("a")] == ["#kop-1", "#kop-2"]
    assert [h.get("id") for h in tree.iter("h2")] == ["kop-1", "kop-2"]


def test_pdf_contents_dots_are_drawn_once_per_line(drechtsteden_build):
    """The leader dots are a repeated background (stip.svg) per contents line, not a glyph per dot
    (leader(".") made a text box per dot): a tiling pattern for every entry."""
    import pikepdf

    entries = toc_entries(docx.Document(str(drechtsteden_build / "gemeenschappelijke-regeling.docx")))
    with pikepdf.open(drechtsteden_build / "gemeenschappelijke-regeling.pdf") as pdf:
        patterns = {pattern.objgen for page in pdf.pages
                    for pattern in page.Resources.get("/Pattern", {}).values()
                    if int(pattern.get("/PatternType", 0)) == 1}
    assert len(patterns) >= len(entries) > 8
