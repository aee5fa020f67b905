"""Word styles come from the house style's ``sjabloon.docx``, never from code.

The document starts as a copy of the house style's template (its styles, page set-up,
header and footer); styles that a gemeente's template lacks are copied from the standard
template (templates/huisstijl/standaard/sjabloon.docx, made by scripts/maak_sjabloon.py).
"""

from __future__ import annotations

import copy
import functools
from pathlib import Path
from typing import Any

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

from ...paths import PACKAGE_TEMPLATES

STANDARD_TEMPLATE = PACKAGE_TEMPLATES / "huisstijl" / "standaard" / "sjabloon.docx"
#: Numbered paragraphs of legal text: number, tab, text with a hanging indent (level 1, 2, 3).
NUMBERED_STYLES = {"Lid": 1, "Onderdeel": 2, "Subonderdeel": 3}
NUMBER_INDENT = Cm(0.75)


def open_template(path: Path | None) -> Any:
    """A new document from a house style's template, its text removed, every style present."""
    document = Document(str(path or STANDARD_TEMPLATE))
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    set_language(document, "nl-NL")
    if path is not None and Path(path).resolve() != STANDARD_TEMPLATE.resolve():
        add_missing_styles(document)
    return document


@functools.lru_cache(maxsize=1)
def _standard_styles() -> tuple[tuple[str, Any], ...]:
    """(style id, w:style element) of the standard template, in its order."""
    styles = Document(str(STANDARD_TEMPLATE)).styles.element
    return tuple((style.get(qn("w:styleId")), style) for style in styles.findall(qn("w:style")))


def add_missing_styles(document: Any) -> None:
    """Copy the standard template's styles that ``document``'s template does not define."""
    styles = document.styles.element
    present = {style.get(qn("w:styleId")) for style in styles.findall(qn("w:style"))}
    for style_id, element in _standard_styles():
        if style_id not in present:
            styles.append(copy.deepcopy(element))


def set_language(document: Any, lang: str) -> None:
    """The document's default language (spelling, hyphenation) in the style defaults."""
    styles_element = document.styles.element
    defaults = styles_element.find(qn("w:docDefaults"))
    if defaults is None:
        return
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    lang_element = rpr.find(qn("w:lang"))
    if lang_element is None:
        lang_element = OxmlElement("w:lang")
        rpr.append(lang_element)
    lang_element.set(qn("w:val"), lang)
    lang_element.set(qn("w:eastAsia"), lang)
    lang_element.set(qn("w:bidi"), "ar-SA")
