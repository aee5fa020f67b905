"""<ins> and <del> in the document vocabulary: Word tracked changes in the DOCX, visible text in the PDF."""

from __future__ import annotations

import datetime
import io
import zipfile

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from markupsafe import escape

from conftest import pdf_text
from generator.document import parse
from generator.errors import BuildError
from generator.render import to_document
from generator.wijziging.woorden import diff_html
from generator.writers.docx import write_docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}

HTML = """<!DOCTYPE html><html lang="nl"><head><title>Wijzigingen</title></head><body>
<h1>Regeling</h1>
<p class="lid"><span class="nummer"><del>2.</del><ins>3.</ins></span>De termijn is <del>drie</del><ins>zes</ins> maanden<ins>, <em>of langer</em></ins>.</p>
<del><h3>Artikel 5. Vervallen</h3>
<p class="lid"><span class="nummer">1.</span>Weg<br>ermee.</p></del>
<ins><p>Nieuw.</p></ins>
<p>Gewoon.</p>
</body></html>"""


@pytest.fixture(scope="module")
def body():
    document = to_document("wijzigingen", HTML, datetime.date(2019, 3, 12))
    data = write_docx(document)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    return root.find("w:body", NS), data


def _text(element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{{{W}}}t", f"{{{W}}}delText"))


def test_words_are_tracked_inside_a_paragraph(body):
    root, _ = body
    lid = root.findall("w:p", NS)[1]
    changes = [(child.tag.split("}")[1], _text(child)) for child in lid if child.tag in (f"{{{W}}}ins", f"{{{W}}}del")]
    assert changes == [("del", "2."), ("ins", "3."), ("del", "drie"), ("ins", "zes"), ("ins", ", of langer")]
    # deleted text is w:delText, never w:t; the tab after the number is not part of a change
    assert all(t.tag == f"{{{W}}}delText" for d in lid.findall("w:del", NS) for t in d.iter(f"{{{W}}}t", f"{{{W}}}delText"))
    assert lid.find("w:r/w:tab", NS) is not None
    assert lid.find("w:pPr/w:rPr", NS) is None  # the paragraph itself stays
    emphasis = lid.findall("w:ins", NS)[-1].find("w:r/w:rPr/w:i", NS)
    assert emphasis is not None  # formatting inside a change is kept


def test_whole_paragraphs_with_their_marks(body):
    root, _ = body
    paragraphs = root.findall("w:p", NS)
    heading, removed, added, plain = paragraphs[2], paragraphs[3], paragraphs[4], paragraphs[5]
    for paragraph, kind in ((heading, "del"), (removed, "del"), (added, "ins")):
        assert paragraph.find(f"w:pPr/w:rPr/w:{kind}", NS) is not None, kind
        runs = paragraph.findall(".//w:r", NS)
        assert runs and all(run.getparent().tag == f"{{{W}}}{kind}" for run in runs)
    assert heading.find("w:pPr/w:pStyle", NS).get(f"{{{W}}}val") == "Heading2"
    assert removed.find(".//w:del/w:r/w:br", NS) is not None and removed.find(".//w:del/w:r/w:tab", NS) is not None
    assert plain.find(".//w:ins", NS) is None and plain.find(".//w:del", NS) is None


def test_author_date_and_ids(body):
    root, data = body
    changes = list(root.iter(f"{{{W}}}ins", f"{{{W}}}del"))
    assert {c.get(f"{{{W}}}author") for c in changes} == {"samenwerking"}
    assert {c.get(f"{{{W}}}date") for c in changes} == {"2019-03-12T00:00:00Z"}
    ids = [int(c.get(f"{{{W}}}id")) for c in changes]
    assert sorted(ids) == list(range(1, len(ids) + 1))
    again = write_docx(to_document("wijzigingen", HTML, datetime.date(2019, 3, 12)))
    assert again == data  # reproducible
    docx.Document(io.BytesIO(data))  # python-docx reads it


def test_pdf_shows_both_texts(tmp_path):
    from generator.writers.pdf import write_pdf

    document = to_document("wijzigingen", HTML, datetime.date(2019, 3, 12))
    path = tmp_path / "wijzigingen.pdf"
    path.write_bytes(write_pdf(document))
    flat = " ".join(pdf_text(path).split())
    assert "drie" in flat and "zes" in flat and "Artikel 5. Vervallen" in flat and "Nieuw." in flat


def test_unknown_element_inside_a_change_is_still_an_error():
    with pytest.raises(BuildError, match="onbekend element <strike>"):
        parse("<html><head><title>x</title></head><body><p><ins><strike>x</strike></ins></p></body></html>", "x")


WORDS = ["de", "raad", "het", "bestuur", "artikel", "19a", "lid", ",", ".", ";", "(", ")", "drie", "zes", "maanden",
         "uittreding", "en", "of"]


def _sentence(words: list[str]) -> str:
    return " ".join(words).replace(" ,", ",").replace(" .", ".").replace(" ;", ";").replace("( ", "(").replace(" )", ")")


def _plain(paragraph) -> str:
    return " ".join("".join(t.text or "" for t in paragraph.iter(f"{{{W}}}t")).split())


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=14), st.lists(st.sampled_from(WORDS), min_size=1, max_size=14))
def test_accepting_gives_the_new_text_and_rejecting_the_old(old_words, new_words):
    """Word by word, through the writer: whatever the texts, the changes add up in both directions."""
    from wordxml import resolve

    old, new = _sentence(old_words), _sentence(new_words)
    html = f"<html><head><title>t</title></head><body><p>{diff_html(str(escape(old)), str(escape(new)))}</p></body></html>"
    with zipfile.ZipFile(io.BytesIO(write_docx(to_document("t", html, datetime.date(2020, 1, 1))))) as archive:
        body = etree.fromstring(archive.read("word/document.xml")).find("w:body", NS)
    accepted = resolve(body, accept=True).find("w:p", NS)
    rejected = resolve(body, accept=False).find("w:p", NS)
    assert _plain(accepted) == " ".join(new.split())
    assert _plain(rejected) == " ".join(old.split())


def test_quoted_text_is_indented_one_step_further():
    from docx.shared import Cm

    html = """<html><head><title>t</title></head><body>
<p class="lid"><span class="nummer">1.</span>Onder vernummering wordt een lid ingevoegd, luidende:</p>
<div class="citaat"><p class="artikelkop"><strong>Artikel 3. Kop</strong></p>
<p class="lid"><span class="nummer">2.</span>Geciteerd lid.</p><p class="onderdeel"><span class="nummer">a.</span>En een onderdeel.</p></div>
<p class="lid"><span class="nummer">2.</span>Volgende opdracht.</p>
</body></html>"""
    word = docx.Document(io.BytesIO(write_docx(to_document("t", html, datetime.date(2020, 1, 1)))))
    indents = {p.text: p.paragraph_format.left_indent for p in word.paragraphs}

    def cm(value):  # Word stores twips: compare to the twip
        return round(value / 635) if value is not None else None

    assert cm(indents["Artikel 3. Kop"]) == cm(Cm(0.75))
    assert cm(indents["2.\tGeciteerd lid."]) == cm(Cm(1.5))  # the Lid style's own step plus one
    assert cm(indents["a.\tEn een onderdeel."]) == cm(Cm(2.25))
    assert indents["1.\tOnder vernummering wordt een lid ingevoegd, luidende:"] is None  # the style decides
    assert indents["2.\tVolgende opdracht."] is None
