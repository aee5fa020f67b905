"""The one table from the vocabulary (generator/document.py) to Word behaviour.

Every element and every class of the vocabulary has exactly one entry here; a test
(tests/test_woordenschat.py) checks that nothing is missing. An entry names the Word style,
the writer's handler and the inline formatting it gives, or says ``CSS_ONLY``: the class
shapes the PDF and HTML (through stijl.css) and Word writes its content as usual.
Fonts, sizes and colours live in the house style's sjabloon.docx, never here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH


@dataclass(frozen=True)
class Word:
    """What Word does with one element or class."""

    handler: str | None = None  # DocxWriter method that writes a block element
    style: str | None = None  # Word paragraph style
    align: Any = None  # paragraph alignment
    fmt: dict[str, Any] = field(default_factory=dict)  # inline formatting (fields of Format)
    does: str = ""  # what it does, in words (docs/sjablonen.md)


#: The class shapes only the PDF and HTML (a rule in stijl.css); Word writes the content as usual.
CSS_ONLY = Word(does="alleen CSS")
#: The class only marks what the content is (for readers, tests and house styles); no look anywhere.
MARK = Word(does="alleen betekenis")

#: Elements. ``handler`` for blocks; inline elements give formatting (``fmt``).
ELEMENTS: dict[str, Word] = {
    # the document itself: <head> becomes the properties, <body> is walked
    "html": Word(does="het document"),
    "head": Word(does="documenteigenschappen"),
    "title": Word(does="titel in de eigenschappen"),
    "meta": Word(does="eigenschappen (auteur, trefwoorden, datum, versie)"),
    "body": Word(handler="mixed", does="de inhoud"),
    # headings: the Word style by level; data-word-stijl may name another
    "h1": Word(handler="heading", style="Title"),
    "h2": Word(handler="heading", style="Heading 1"),
    "h3": Word(handler="heading", style="Heading 2"),
    "h4": Word(handler="heading", style="Heading 3"),
    # paragraphs
    "p": Word(handler="paragraph_element", style="Normal"),
    "blockquote": Word(handler="blockquote", style="Quote"),
    "pre": Word(handler="preformatted", fmt={"mono": True}, does="tekenstijl Code"),
    "hr": Word(handler="rule", style="Lijn", does="alinea met een lijn eronder"),
    # containers: no look of their own; their classes may give a style, alignment or indent
    **{tag: Word(handler="container") for tag in ("section", "div", "header", "footer", "article", "aside", "nav", "main")},
    # lists
    "ul": Word(handler="list", style="List Bullet", does="List Bullet, List Bullet 2, List Bullet 3"),
    "ol": Word(handler="list", style="List Number", does="List Number, List Number 2, List Number 3"),
    "li": Word(handler="stray_item", does="een item van de lijst; erbuiten een fout"),
    # tables
    "table": Word(handler="table", style="Table Grid"),
    "caption": Word(style="Caption", does="bijschrift boven de tabel"),
    "thead": Word(does="kopregels, herhaald op elke pagina"),
    "tbody": Word(does="regels"),
    "tfoot": Word(does="regels"),
    "tr": Word(does="regel die niet over een pagina breekt"),
    "th": Word(fmt={"bold": True}, does="vette cel"),
    "td": Word(does="cel"),
    "colgroup": Word(does="kolombreedtes"),
    "col": Word(does="kolombreedte (style=\"width: 40%\")"),
    # figures
    "figure": Word(handler="figure", does="afbeelding gecentreerd, bij zijn bijschrift"),
    "figcaption": Word(handler="caption", style="Caption"),
    "img": Word(does="afbeelding met alt-tekst als beschrijving"),
    # inline
    "strong": Word(fmt={"bold": True}),
    "b": Word(fmt={"bold": True}),
    "em": Word(fmt={"italic": True}),
    "i": Word(fmt={"italic": True}),
    "u": Word(fmt={"underline": True}),
    "sup": Word(fmt={"superscript": True}),
    "sub": Word(fmt={"subscript": True}),
    "code": Word(fmt={"mono": True}, style="Code"),
    "small": Word(fmt={"small": True}, style="Klein"),
    "span": Word(),
    "a": Word(style="Hyperlink", does="hyperlink (http, https, mailto)"),
    "br": Word(does="regeleinde"),
    "ins": Word(fmt={"change": "ins"}, does="bijgehouden wijziging: ingevoegd"),
    "del": Word(fmt={"change": "del"}, does="bijgehouden wijziging: verwijderd"),
}

#: Classes. A class with a ``style`` gives its paragraph that style; ``align`` and ``fmt`` likewise.
CLASSES: dict[str, Word] = {
    # page and document structure
    "paginaeinde": Word(does="begint op een nieuwe pagina"),
    "inhoud": Word(handler="contents", style="TOC Heading", does="inhoudsopgave: een TOC-veld, vooraf ingevuld"),
    "voorblad": CSS_ONLY,
    "bijlage": MARK,
    "kopblok": Word(does="tabel zonder randen"),
    # paragraphs
    "ondertitel": Word(style="Subtitle"),
    "noot": Word(style="Noot"),
    "kader": Word(style="Kader"),
    "label": Word(style="Label"),
    "midden": Word(align=WD_ALIGN_PARAGRAPH.CENTER),
    "rechts": Word(align=WD_ALIGN_PARAGRAPH.RIGHT),
    "klein": Word(fmt={"small": True}, does="tekenstijl Klein"),
    "leeg": Word(does="lege alinea blijft staan"),
    # legal structure
    "lid": Word(style="Lid"),
    "onderdeel": Word(style="Onderdeel"),
    "subonderdeel": Word(style="Subonderdeel"),
    "nummer": Word(does="nummer van een lid of onderdeel, gevolgd door een tab"),
    "citaat": Word(does="springt één stap (0,75 cm) verder in"),
    "artikel": CSS_ONLY,
    "artikelkop": CSS_ONLY,
    "opschrift": MARK,
    "aanhef": CSS_ONLY,
    "overwegingen": CSS_ONLY,
    "slotformulier": CSS_ONLY,
    "toelichting": CSS_ONLY,
    "partijen": CSS_ONLY,
    "afspraken": MARK,
    "verwijzing": MARK,
    # signatures and decisions
    "ondertekening": Word(does="tabel zonder randen, kolommen even breed, regels breken niet"),
    "handtekening": CSS_ONLY,
    "raadsbesluit": MARK,
    # numbers in tables
    "bedrag": Word(align=WD_ALIGN_PARAGRAPH.RIGHT),
    "getal": Word(align=WD_ALIGN_PARAGRAPH.RIGHT),
    "totaal": Word(fmt={"bold": True}, does="vette totaalregel"),
    # lists
    "geen-opsomming": Word(does="lijst zonder nummers of bolletjes"),
    # version table
    "versies": MARK,
}

#: Character styles (in sjabloon.docx) of inline formatting with a font, size or colour.
CHARACTER_STYLES = {"a": "Hyperlink", "code": "Code", "small": "Klein"}
#: Classes that give a paragraph its style, in a fixed order (the first one an element has wins).
PARAGRAPH_STYLES = {name: rule.style for name, rule in CLASSES.items() if rule.style and not rule.handler}
#: Word styles the writer needs from a house style's sjabloon.docx.
REQUIRED_STYLES = sorted(
    {rule.style for rule in (*ELEMENTS.values(), *CLASSES.values()) if rule.style}
    | {"List Bullet 2", "List Bullet 3", "List Number 2", "List Number 3", "List Continue", "Header", "Footer",
       "TOC 1", "TOC 2", "TOC 3"}
)


def paragraph_style(cls: set[str], default: str) -> str:
    """The Word style the classes give a paragraph, or ``default``."""
    return next((style for name, style in PARAGRAPH_STYLES.items() if name in cls), default)


def alignment(cls: set[str], default: Any) -> Any:
    """A paragraph's alignment from its classes (centred wins over right)."""
    found = [CLASSES[name].align for name in ("midden", "rechts", "bedrag", "getal") if name in cls]
    return found[0] if found else default


def cell_alignment(cls: set[str]) -> Any:
    """A table cell's alignment: numbers and ``rechts`` to the right, else ``midden`` or none."""
    if cls & {"bedrag", "getal", "rechts"}:
        return WD_ALIGN_PARAGRAPH.RIGHT
    return alignment(cls, None)


def class_format(cls: set[str]) -> dict[str, Any]:
    """Inline formatting the classes of an element give (``klein``, ``totaal``)."""
    result: dict[str, Any] = {}
    for name in sorted(cls):
        rule = CLASSES.get(name)
        if rule is not None:
            result.update(rule.fmt)
    return result
