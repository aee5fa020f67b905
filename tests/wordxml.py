"""Reading Word XML back in tests: tracked changes accepted or rejected as Word would, paragraph texts."""

from __future__ import annotations

import copy
import zipfile
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def body_of(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read("word/document.xml")).find("w:body", NS)


def resolve(body: etree._Element, accept: bool) -> etree._Element:
    """Accept (or reject) every tracked change, as Word would."""
    body = copy.deepcopy(body)
    drop, keep = ("del", "ins") if accept else ("ins", "del")
    for paragraph in body.iter(f"{{{W}}}p"):
        mark = paragraph.find(f"w:pPr/w:rPr/w:{drop}", NS)
        if mark is not None:
            for run in paragraph.findall(f"w:{drop}", NS):
                paragraph.remove(run)
            assert not "".join(paragraph.itertext()).strip(), "a removed paragraph holds only removed text"
            paragraph.getparent().remove(paragraph)
    for element in list(body.iter(f"{{{W}}}{drop}")):
        if element.getparent().tag != f"{{{W}}}rPr":
            element.getparent().remove(element)
    for element in list(body.iter(f"{{{W}}}{keep}")):
        parent = element.getparent()
        if parent.tag == f"{{{W}}}rPr":
            parent.remove(element)
            continue
        index = parent.index(element)
        for offset, child in enumerate(list(element)):
            parent.insert(index + offset, child)
        parent.remove(element)
    for text in body.iter(f"{{{W}}}delText"):
        text.tag = f"{{{W}}}t"
    return body


def paragraphs(body: etree._Element, stop_at_table: bool = False) -> list[tuple[str, str]]:
    result = []
    for child in body:
        if child.tag == f"{{{W}}}tbl" and stop_at_table:
            break
        if child.tag != f"{{{W}}}p":
            continue
        style = child.find("w:pPr/w:pStyle", NS)
        text = ""
        for node in child.iter(f"{{{W}}}t", f"{{{W}}}tab", f"{{{W}}}delText"):
            text += "\t" if node.tag == f"{{{W}}}tab" else (node.text or "")
        if text.strip():
            result.append((style.get(f"{{{W}}}val") if style is not None else "Normal", text))
    return result


def regulation_text(path: Path) -> list[tuple[str, str]]:
    """Opschrift and articles of an ordinary regulation DOCX (without aanhef, slot and toelichting)."""
    found = paragraphs(body_of(path), stop_at_table=True)
    title = next(p for p in found if p[0] == "Title")
    first_chapter = next(i for i, p in enumerate(found) if p[0] == "Heading1")
    return [title] + found[first_chapter:]
