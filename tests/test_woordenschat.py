"""The vocabulary (generator/document.py) and the one table that says what Word does with it
(generator/writers/docx/mapping.py): every element and class is handled by every writer."""

from __future__ import annotations

import base64
import datetime
import io
import re
from pathlib import Path

import docx
import pytest
from lxml import html as lxml_html
from PIL import Image
from pypdf import PdfReader

from generator import document as vocabulary
from generator.errors import BuildError
from generator.render import to_document
from generator.writers.docx import DocxWriter, write_docx
from generator.writers.docx.mapping import CLASSES, CSS_ONLY, ELEMENTS, MARK
from generator.writers.html import write_html
from generator.writers.pdf import write_pdf
from conftest import standard_document

ROOT = Path(__file__).resolve().parent.parent
STIJL = (ROOT / "templates" / "huisstijl" / "standaard" / "stijl.css").read_text(encoding="utf-8")


def png() -> str:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), "navy").save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


#: One document with every element and every class of the vocabulary.
HTML = f"""<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Alles</title>
<meta name="author" content="Proef"></head><body>
<header class="voorblad"><h1>Alles</h1><p class="ondertitel">ondertitel</p>
<table class="kopblok"><tr><th>Versie</th><td>1.0</td></tr></table></header>
<nav class="inhoud"></nav>
<main><section class="artikel"><h2>Hoofdstuk een</h2><h3 class="artikelkop">Artikel 1</h3>
<p class="lid"><span class="nummer">1.</span>lid <span class="verwijzing">artikel 2</span></p>
<p class="onderdeel"><span class="nummer">a.</span>onderdeel</p>
<p class="subonderdeel"><span class="nummer">1°.</span>subonderdeel</p></section>
<article class="toelichting"><h2>Hoofdstuk twee</h2><h4>Kop vier</h4>
<p class="noot">noot</p><p class="kader">kader</p><p class="label">label</p><p class="midden">midden</p>
<p class="rechts">rechts</p><p class="klein">klein</p><p class="leeg"></p></article>
<aside class="bijlage"><p>bijlage</p></aside><div class="opschrift"><p>opschrift</p></div>
<div class="aanhef"><p>aanhef</p><ol type="a" class="overwegingen"><li>overweging</li></ol></div>
<ul class="partijen"><li>partij<ul><li>dieper<ol><li>diepst</li></ol></li></ul></li></ul>
<ol class="afspraken" start="2"><li>afspraak</li></ol><ul class="geen-opsomming"><li>los</li></ul>
<div class="citaat"><p class="lid"><span class="nummer">2.</span>geciteerd</p></div>
<table class="versies klein"><caption>Versies</caption><colgroup><col style="width: 70%"><col style="width: 30%"></colgroup>
<thead><tr><th>Omschrijving</th><th class="bedrag">Bedrag</th></tr></thead>
<tbody><tr><td>regel</td><td class="getal">12</td></tr></tbody>
<tfoot><tr class="totaal"><td class="totaal">Totaal</td><td class="bedrag totaal">€ 12</td></tr></tfoot></table>
<blockquote>aangehaald</blockquote><pre>  vast   </pre><hr>
<figure><img src="{png()}" alt="Blauw vlak" width="40"><figcaption>Figuur 1</figcaption></figure>
<p><strong>s</strong> <b>b</b> <em>e</em> <i>i</i> <u>u</u> <a href="https://example.org">link</a> <span>span</span><br>
x<sup>2</sup> H<sub>2</sub>O <code>code</code> <small>small</small> <ins>erbij</ins> <del>eraf</del></p>
<section class="slotformulier raadsbesluit"><p>Aldus vastgesteld.</p>
<table class="ondertekening"><tr><td class="handtekening"><p>De griffier,</p></td><td class="handtekening"><p>De voorzitter,</p></td></tr></table></section>
<section class="paginaeinde"><p>nieuwe pagina</p></section></main>
<footer><p>einde</p></footer></body></html>"""


def test_the_table_covers_exactly_the_vocabulary():
    assert set(ELEMENTS) == vocabulary.VOCABULARY
    assert set(CLASSES) == vocabulary.CLASSES
    assert "colofon" not in vocabulary.CLASSES  # unused, removed (issue 11)


def test_every_handler_exists_and_css_only_classes_have_css():
    handlers = {rule.handler for rule in (*ELEMENTS.values(), *CLASSES.values()) if rule.handler}
    for handler in handlers:
        assert callable(getattr(DocxWriter, handler, None)), handler
    for name, rule in CLASSES.items():
        if rule is CSS_ONLY:
            assert re.search(rf"\.{re.escape(name)}\b", STIJL), f"{name}: CSS_ONLY but not in stijl.css"
        assert rule is MARK or rule is CSS_ONLY or rule.style or rule.align or rule.fmt or rule.does, name


def test_the_sample_uses_every_element_and_class():
    tree = lxml_html.document_fromstring(HTML)
    assert {element.tag for element in tree.iter() if isinstance(element.tag, str)} == vocabulary.VOCABULARY
    used = {cls for element in tree.iter() for cls in (element.get("class") or "").split()}
    assert used == vocabulary.CLASSES


@pytest.fixture(scope="module")
def sample():
    return standard_document("alles", HTML, datetime.date(2020, 1, 1))


def test_every_writer_handles_every_entry(sample):
    word = docx.Document(io.BytesIO(write_docx(sample)))
    styles = [p.style.name for p in word.paragraphs]
    for cell_table in word.tables:
        for row in cell_table.rows:
            for cell in row.cells:
                styles.extend(p.style.name for p in cell.paragraphs)
    for name, rule in (*ELEMENTS.items(), *CLASSES.items()):
        if rule.style and not rule.fmt and name not in ("table",) and rule.handler != "contents":
            if name in ("code", "small", "a"):
                continue  # character styles, checked below
            assert rule.style in styles, (name, rule.style)
    runs = [run for p in word.paragraphs for run in p.runs]
    run_styles = {run.style.name for run in runs if run.style is not None}
    assert {"Code", "Klein"} <= run_styles
    assert "TOC Heading" in styles and "TOC 1" in styles
    text = "\n".join(p.text for p in word.paragraphs)
    for words in ("lid artikel 2", "subonderdeel", "aangehaald", "vast", "nieuwe pagina", "einde"):
        assert words in text, words
    body = word.element.body
    W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    assert [t.text for t in body.iter(f"{W}ins") for t in t.iter(f"{W}t")] == ["erbij"]
    assert [t.text for t in body.iter(f"{W}del") for t in t.iter(f"{W}delText")] == ["eraf"]

    pdf = PdfReader(io.BytesIO(write_pdf(sample)))
    pdf_text = " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)
    for words in ("lid artikel 2", "Figuur 1", "De voorzitter,", "nieuwe pagina", "Totaal € 12"):
        assert words in pdf_text, words

    page = lxml_html.document_fromstring(write_html(sample).decode("utf-8"))
    classes = {cls for element in page.iter() for cls in (element.get("class") or "").split()}
    assert vocabulary.CLASSES <= classes


def test_an_unknown_element_is_a_build_error():
    with pytest.raises(BuildError, match="onbekend element <marquee>"):
        to_document("x", "<html><head><title>x</title></head><body><marquee>x</marquee></body></html>",
                    datetime.date(2020, 1, 1))
