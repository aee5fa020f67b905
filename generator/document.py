"""The one intermediate document: an HTML tree with a small, closed vocabulary.

Templates render HTML; both writers (PDF and DOCX) read that same tree. An
element or class outside the vocabulary is a build error, never silently lost
text. Classes starting with ``hs-`` are free for house styles (CSS only).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from .errors import BuildError

HEAD_TAGS = {"html", "head", "title", "meta", "body"}
CONTAINER_TAGS = {"section", "div", "header", "footer", "article", "aside", "nav", "main"}
HEADING_TAGS = {"h1", "h2", "h3", "h4"}
BLOCK_TAGS = (
    CONTAINER_TAGS
    | HEADING_TAGS
    | {"p", "ul", "ol", "li", "table", "blockquote", "pre", "hr", "figure", "figcaption"}
)
TABLE_TAGS = {"thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col"}
#: ``ins`` and ``del`` mark what was added and removed (tracked changes in Word); around blocks too.
INLINE_TAGS = {"strong", "em", "b", "i", "u", "a", "span", "br", "sup", "sub", "code", "small", "img", "ins", "del"}
VOCABULARY = HEAD_TAGS | BLOCK_TAGS | TABLE_TAGS | INLINE_TAGS
#: A heading may name its Word style explicitly (``data-word-stijl``), so its level in the HTML
#: can follow the document's outline while Word keeps one style for one kind of heading.
WORD_HEADING_STYLES = ("Title", "Heading 1", "Heading 2", "Heading 3", "Heading 4")

#: Semantic classes both writers understand (see docs/sjablonen.md).
CLASSES = {
    # page and document structure
    "voorblad", "paginaeinde", "inhoud", "bijlage", "kopblok", "colofon",
    # paragraphs
    "ondertitel", "noot", "kader", "label", "midden", "rechts", "klein", "leeg",
    # legal structure
    "artikel", "artikelkop", "lid", "onderdeel", "opschrift", "aanhef", "overwegingen", "slotformulier",
    "toelichting", "partijen", "afspraken", "verwijzing",
    "subonderdeel", "nummer",  # a numbered paragraph (lid, onderdeel) and its number
    # signatures and decisions
    "ondertekening", "handtekening", "raadsbesluit",
    # numbers in tables
    "bedrag", "getal", "totaal",
    # lists
    "geen-opsomming",
    # version table
    "versies",
    # quoted regulation text in an amendment (docs/wijziging.md)
    "citaat",
}


@dataclass
class RenderedDocument:
    """A rendered deliverable: its HTML, the parsed tree and the facts writers need."""

    name: str  # file stem, e.g. "intentieverklaring" or "raadsvoorstel-dordrecht"
    html: str
    tree: etree._Element
    title: str
    subject: str = ""
    author: str = ""
    keywords: list[str] = field(default_factory=list)
    date: datetime.date = datetime.date(2000, 1, 1)
    lang: str = "nl"
    header: str = ""  # the running header (body data-kop); the title when empty
    version: str = ""  # the latest version in the content's version table
    revision: str = ""  # the git revision of the content (see generator/versions.py)
    placeholders: dict[str, str] = field(default_factory=dict)  # «naam» → text for Word headers and footers
    # Folders the document may read files from (templates, content, house style).
    roots: list[Path] = field(default_factory=list)
    base_dir: Path = Path(".")
    stylesheets: list[Path] = field(default_factory=list)
    docx_template: Path | None = None
    style_files: list[Path] = field(default_factory=list)  # every file of the house styles in use


def parse(html: str, name: str) -> etree._Element:
    """Parse rendered HTML and check it against the vocabulary."""
    try:
        tree = lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError) as exc:
        raise BuildError(f"document {name}: de gerenderde HTML is leeg of onleesbaar ({exc})") from None
    for comment in tree.xpath("//comment()"):
        parent = comment.getparent()
        if parent is not None:
            comment.drop_tree() if hasattr(comment, "drop_tree") else parent.remove(comment)
    check_vocabulary(tree, name)
    return tree


def check_vocabulary(tree: etree._Element, name: str) -> None:
    problems = []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag not in VOCABULARY:
            problems.append(f"onbekend element <{element.tag}> (regel {element.sourceline} van de HTML)")
            continue
        for cls in (element.get("class") or "").split():
            if cls not in CLASSES and not cls.startswith("hs-"):
                problems.append(
                    f'onbekende klasse "{cls}" op <{element.tag}> (regel {element.sourceline} van de HTML)'
                )
        word_style = element.get("data-word-stijl")
        if word_style is not None and (element.tag not in HEADING_TAGS or word_style not in WORD_HEADING_STYLES):
            problems.append(
                f'data-word-stijl="{word_style}" op <{element.tag}> (regel {element.sourceline} van de HTML); '
                f"alleen op koppen, een van: {', '.join(WORD_HEADING_STYLES)}"
            )
        if element.tag == "img" and not (element.get("alt") or "").strip():
            problems.append(f"afbeelding zonder alt-tekst (regel {element.sourceline} van de HTML)")
        if element.tag in ("td", "th") and element.get("rowspan") not in (None, "1"):
            problems.append(f"rowspan wordt niet ondersteund (regel {element.sourceline} van de HTML)")
    if problems:
        raise BuildError(f"document {name}: " + "; ".join(problems))


def classes(element: etree._Element) -> set[str]:
    return set((element.get("class") or "").split())


def metadata(tree: etree._Element) -> dict[str, str]:
    """The document's <title> and <meta name=...> values."""
    result: dict[str, str] = {}
    title = tree.find(".//head/title")
    if title is not None and title.text:
        result["title"] = title.text.strip()
    for meta in tree.iterfind(".//head/meta"):
        if meta.get("name"):
            result[meta.get("name")] = meta.get("content", "")
    result["lang"] = tree.get("lang", "nl")
    body = tree.find("body")
    if body is not None and body.get("data-kop"):
        result["kop"] = body.get("data-kop")
    return result
