"""HTML writer: one self-contained, accessible file per deliverable, fit for a website.

The same intermediate document as DOCX and PDF, with the house style's CSS
inlined (without print-only rules and without embedded fonts), images as data
URIs, table headers given a scope, the content in a <main> landmark, and no
reference to any other file.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from ..document import RenderedDocument
from ..errors import BuildError
from .assets import allowed, data_url, local_file

SCREEN_CSS = """
body { max-width: 46rem; margin: 2rem auto; padding: 0 1rem; font-family: "Liberation Sans", Arial, Helvetica,
  sans-serif; font-size: 1rem; line-height: 1.5; }
table { font-size: 0.9rem; }
figure img { max-width: 100%; height: auto; }
.paginaeinde { break-before: auto; margin-top: 3rem; border-top: 1px solid #ccc; padding-top: 1rem; }
"""

_FONT_FACE = re.compile(r"@font-face\s*{[^}]*}", re.S)
_PAGE_RULE = re.compile(r"@page[^{]*{(?:[^{}]|{[^{}]*})*}", re.S)
_URL = re.compile(r"url\(\s*(['\"]?)([^)'\"]+)\1\s*\)")


def _inline_urls(css: str, base: Path, roots: list[Path]) -> str:
    def replace(match: re.Match) -> str:
        target = match.group(2)
        if target.startswith("data:"):
            return match.group(0)
        path = (base / target).resolve()
        if not allowed(path, roots) or not path.is_file():
            return "none"
        return f"url({data_url(path)})"

    return _URL.sub(replace, css)



def screen_css(doc: RenderedDocument) -> str:
    parts = []
    for sheet in doc.stylesheets:
        css = sheet.read_text(encoding="utf-8")
        css = _PAGE_RULE.sub("", _FONT_FACE.sub("", css))
        parts.append(_inline_urls(css, sheet.parent, doc.roots))
    parts.append(SCREEN_CSS)
    return "\n".join(parts)


def write_html(doc: RenderedDocument) -> bytes:
    tree = copy.deepcopy(doc.tree)
    head = tree.find("head")
    body = tree.find("body")
    if head is None or body is None:
        raise BuildError(f"document {doc.name}: <head> of <body> ontbreekt")
    for element in tree.iter("img"):
        element.attrib.pop("data-raster", None)
        src = element.get("src", "")
        if not src.startswith("data:"):
            element.set("src", data_url(local_file(doc, src)))
    for table in tree.iter("table"):
        for cell in table.iter("th"):
            row = cell.getparent()
            in_head = row is not None and row.getparent() is not None and row.getparent().tag == "thead"
            cell.set("scope", "col" if in_head else "row")
    viewport = etree.SubElement(head, "meta", name="viewport", content="width=device-width, initial-scale=1")
    head.insert(1, viewport)
    style = etree.SubElement(head, "style")
    style.text = screen_css(doc)
    main = etree.Element("main")
    main.text, body.text = body.text, None
    for child in list(body):
        main.append(child)
    body.append(main)
    body.attrib.pop("data-kop", None)
    text = lxml_html.tostring(tree, doctype="<!DOCTYPE html>", encoding="unicode", method="html")
    return (text.rstrip() + "\n").encode("utf-8")
