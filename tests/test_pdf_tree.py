"""The PDF writer gives WeasyPrint our tree instead of an HTML string (writers/pdf.py, html_document).

The tree must be exactly what WeasyPrint's HTML5 parser (tinyhtml5) builds from the serialized
HTML: same elements, attributes in the same order, same text and tails. Where the parser would
repair a shape differently, the writer must notice it and hand WeasyPrint the string.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
import tinyhtml5
from lxml import etree
from lxml import html as lxml_html

from generator.build import jobs, load_project, render
from generator.render import to_document
from generator.writers import pdf
from generator.writers.pdf import _Html5Tree, _Reparse, html_document, restricted_fetcher
from conftest import standard_document

ROOT = Path(__file__).resolve().parent.parent


def shape(element) -> tuple:
    """An element as comparable data: tag, attributes in order, text, tail, children."""
    return (element.tag, list(element.attrib.items()), element.text, element.tail, [shape(child) for child in element])


def parsed(tree) -> tuple:
    """What WeasyPrint's own parser makes of the tree's HTML."""
    html = lxml_html.tostring(tree, doctype="<!DOCTYPE html>", encoding="unicode", method="html")
    return shape(tinyhtml5.parse(html, namespace_html_elements=False))


def page(body: str) -> str:
    return ('<!DOCTYPE html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n<title>Proef &amp; test</title>\n'
            f'</head>\n<body data-kop="k &amp; l">\n{body}\n</body>\n</html>\n')


def documents_of(example: str) -> list:
    """The shared documents of an example and the first raadsvoorstel of each round."""
    project = load_project(ROOT / "content" / example)
    chosen, rounds = [], set()
    for job in jobs(project):
        if job.gemeente is None or job.ronde not in rounds:
            rounds.add(job.ronde)
            chosen.append(render(project, job))
    return chosen


@pytest.mark.parametrize("example", ["drechtsteden", "oost-groningen-ict"])
def test_every_example_document_gets_the_parsers_tree(example):
    for document in documents_of(example):
        assert shape(_Html5Tree().build(document.tree)) == parsed(document.tree), document.name


SHAPES = {
    "URI attributes as lxml escapes them": '<p><a href="#é x">1</a> <a href=" #lead">2</a> '
    '<a href="a&amp;b&quot;c\'d<e>{f}%20|^`\\">3</a> <a name="ö ü">4</a></p>',
    "data URI with spaces and a newline": '<p><img alt="x" src="data:image/svg+xml;utf8,'
    '<svg xmlns=\'http://www.w3.org/2000/svg\'>\n<g/></svg>"></p>',
    "references in text and attributes": '<p title="&amp;{x} &lt; &quot; \' \xa0 &amp;copy &amp;amp">'
    'a &amp; b &lt; c &gt; d \xa0 &amp;{x} &amp;copy \t\x0c e € 𝔘</p>',
    "the line feed after <pre>": '<pre>\nabc\n</pre><pre>\n\nabc</pre><pre>abc</pre><pre>\n</pre><pre><code>\nx</code></pre>',
    "rows directly in a table": '<table>\n<tr><th>a</th><td>b</td></tr>\n<tr><td>c</td></tr>\n</table>',
    "every part of a table": '<table>\n<caption>c <a href="#x">y</a></caption>\n<colgroup>\n<col style="width: 10%">\n'
    '<col>\n</colgroup>\n<thead>\n<tr><th>a</th></tr>\n</thead>\n<tr><td>x</td></tr>\n<tr><td>y</td></tr>\n'
    '<tfoot><tr><td>z</td></tr></tfoot>\n<tbody>\n<tr>\n<td><p>p</p><ul><li>l</li></ul>'
    '<table><tr><td>n</td></tr></table></td>\n</tr>\n</tbody>\n</table>',
    "nested lists": '<ul>\n<li>a<ul><li>b</li></ul></li>\n<li><div><p>c</p></div></li>\n</ul>'
    '<ol><li><strong><a href="#a">x</a></strong></li></ol>',
    "headings with inline elements": '<h2 id="a"><span>x</span> <a href="#b">y</a><br>z</h2><h3><em>q</em></h3>',
    "empty attributes and containers": '<div hidden="">x</div><p class="">y</p><section><div><figure>'
    '<img alt="a" src="a.png"><figcaption>f</figcaption></figure></div></section>',
    "inline elements and ins around a block": '<p><ins>a</ins><del>b</del><sup>1</sup><sub>2</sub><small>s</small>'
    '<code>c</code><b>b</b><i>i</i><u>u</u></p><ins><p>blok</p></ins><hr>',
}


@pytest.mark.parametrize("body", SHAPES.values(), ids=SHAPES.keys())
def test_shapes_the_parser_repairs_are_repaired_the_same_way(body):
    tree = lxml_html.document_fromstring(page(body))
    assert shape(_Html5Tree().build(tree)) == parsed(tree)


def _tree_with(build) -> etree._Element:
    """A document whose body ``build`` fills by hand (lxml's parser would not make these shapes)."""
    tree = lxml_html.document_fromstring(page(""))
    build(tree.find("body"))
    return tree


def _block_in_paragraph(body):
    etree.SubElement(etree.SubElement(body, "p"), "div").text = "x"


def _item_in_item(body):
    etree.SubElement(etree.SubElement(etree.SubElement(etree.SubElement(body, "ul"), "li"), "span"), "li")


def _link_in_link(body):
    etree.SubElement(etree.SubElement(body, "a", href="#a"), "a", href="#b")


def _text_in_table(body):
    etree.SubElement(body, "table").text = "los"


def _paragraph_in_row(body):
    etree.SubElement(etree.SubElement(etree.SubElement(body, "table"), "tr"), "p")


def _carriage_return(body):
    etree.SubElement(body, "p").text = "a\r\nb"


def _control_in_attribute(body):
    etree.SubElement(body, "p", title="a\x85b")


@pytest.mark.parametrize("build", [_block_in_paragraph, _item_in_item, _link_in_link, _text_in_table,
                                   _paragraph_in_row, _carriage_return, _control_in_attribute])
def test_a_shape_the_parser_repairs_otherwise_takes_the_string(build):
    tree = _tree_with(build)
    with pytest.raises(_Reparse):
        _Html5Tree().build(tree)
    document = to_document("vorm", serialized_of(tree), datetime.date(2017, 5, 12))
    document.tree = tree  # the hand-made shape itself, as a writer would meet it
    document.base_dir = ROOT / "templates"
    html = html_document(document, restricted_fetcher([ROOT / "templates"]))
    assert shape(html.etree_element) == parsed(tree)


def serialized_of(tree) -> str:
    return lxml_html.tostring(tree, doctype="<!DOCTYPE html>", encoding="unicode", method="html")


def small_document():
    return standard_document("klein", page(SHAPES["every part of a table"] + SHAPES["the line feed after <pre>"]
                                           + '<p id="x">doel</p><p id="é-x"><a href="#é-x">link</a></p>'),
                             datetime.date(2017, 5, 12))


def test_the_tree_is_given_without_parsing_html(monkeypatch):
    document = small_document()

    def refuse(*args, **kwargs):
        raise AssertionError("tinyhtml5 parseerde de HTML toch")

    assert pdf.tree_unsupported() is None  # the pinned WeasyPrint takes our tree
    monkeypatch.setattr(tinyhtml5, "parse", refuse)
    html = html_document(document, restricted_fetcher(document.roots))
    monkeypatch.undo()
    assert shape(html.etree_element) == parsed(document.tree)
    assert html.base_url == "file:///samenwerking/0/"  # the first root, by number: no path of this machine


def test_same_pdf_bytes_from_the_tree_and_from_the_string(monkeypatch):
    document = small_document()
    from_tree = pdf.write_pdf(document)
    parses = []
    original = tinyhtml5.parse
    monkeypatch.setattr(tinyhtml5, "parse", lambda *args, **kwargs: parses.append(1) or original(*args, **kwargs))
    monkeypatch.setattr(pdf, "_HTML_ATTRIBUTES", frozenset({"een", "ander"}))
    pdf.tree_unsupported.cache_clear()
    try:
        assert "weasyprint.HTML heeft de attributen" in pdf.tree_unsupported()
        parses.clear()
        from_string = pdf.write_pdf(document)
    finally:
        monkeypatch.undo()
        pdf.tree_unsupported.cache_clear()
    assert parses == [1]  # this time WeasyPrint parsed the string
    assert from_tree == from_string


def test_pdf_bytes_do_not_depend_on_where_the_templates_are(tmp_path):
    """WeasyPrint names an image after its URL: the Dordrecht logo (in the house style's CSS) must
    be named the same wherever the tool is installed, so the same input gives the same bytes."""
    import shutil

    project = load_project(ROOT / "content" / "drechtsteden")
    job = next(job for job in jobs(project, gemeente="dordrecht", documents=["raadsvoorstel"]))
    document = render(project, job)
    elsewhere = tmp_path / "elders" / "templates"
    shutil.copytree(ROOT / "templates" / "huisstijl", elsewhere / "huisstijl")

    def moved(path: Path) -> Path:
        return elsewhere / Path(path).resolve().relative_to((ROOT / "templates").resolve())

    here = pdf.write_pdf(document)
    assert any(Path(sheet).parent.name == "dordrecht" for sheet in document.stylesheets)
    document.roots = [moved(root) if root == ROOT / "templates" else root for root in document.roots]
    document.stylesheets = [moved(sheet) for sheet in document.stylesheets]
    document.base_dir = moved(document.base_dir)
    assert pdf.write_pdf(document) == here
