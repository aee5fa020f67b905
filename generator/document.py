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
    "voorblad", "paginaeinde", "inhoud", "bijlage", "kopblok",
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
    fill_contents(tree)
    return tree


#: Headings a table of contents lists, by their Word style, with their level (Word: TOC \o "1-3").
CONTENTS_LEVELS = {"Heading 1": 1, "Heading 2": 2, "Heading 3": 3}
_HEADING_WORD_STYLES = {"h1": "Title", "h2": "Heading 1", "h3": "Heading 2", "h4": "Heading 3"}


def contents_entries(tree: etree._Element, all_headings: bool = False) -> list[tuple[int, str, str]]:
    """(level, heading id, text) of every heading a table of contents lists, in order
    (``all_headings``: also those without an id yet)."""
    entries = []
    for heading in tree.iter(*HEADING_TAGS):
        style = _heading_style(heading)
        if style in CONTENTS_LEVELS and (heading.get("id") or all_headings):
            entries.append((CONTENTS_LEVELS[style], heading.get("id"), " ".join(heading.text_content().split())))
    return entries


#: Classes of the title block a table of contents follows.
TITLE_BLOCKS = ("voorblad", "opschrift")


def fill_contents(tree: etree._Element) -> None:
    """Fill an empty ``<nav class="inhoud">`` with the document's headings, so that every
    writer gets the same table of contents: a list of links to the headings (which get an
    id where they have none). Word makes it a TOC field, the PDF adds page numbers.

    A contents list placed first in ``<body>`` (basis.html.j2, the declaration's
    ``inhoudsopgave``) moves to just after the title block (``voorblad`` or ``opschrift``,
    else the ``h1``). With fewer than two level-1 entries (chapters) it is dropped.
    """
    navs = [nav for nav in tree.iter("nav") if "inhoud" in classes(nav) and not len(nav)]
    if not navs:
        return
    if sum(1 for level, _, _ in contents_entries(tree, all_headings=True) if level == 1) < 2:
        for nav in navs:
            nav.drop_tree()
        return
    _number_headings(tree)
    for nav in navs:
        _after_title_block(tree, nav)
        _contents_list(tree, nav)


def _heading_style(heading: etree._Element) -> str:
    return heading.get("data-word-stijl") or _HEADING_WORD_STYLES[heading.tag]


def _number_headings(tree: etree._Element) -> None:
    """Give every heading a contents lists an id (``kop-1``, ...), unless it has one."""
    used = set(tree.xpath("//@id"))
    number = 0
    for heading in tree.iter(*HEADING_TAGS):
        if _heading_style(heading) in CONTENTS_LEVELS and not heading.get("id"):
            number += 1
            while f"kop-{number}" in used:
                number += 1
            heading.set("id", f"kop-{number}")


def _after_title_block(tree: etree._Element, nav: etree._Element) -> None:
    """Move a contents list that stands first in <body> to just after the title block."""
    body = tree.find("body")
    if nav.getparent() is not body or body.index(nav) != 0:
        return
    title = next((e for e in body if any(c in classes(e) for c in TITLE_BLOCKS)), None)
    if title is None:
        title = next(body.iter("h1"), None)
    if title is not None and title is not nav:
        tail, nav.tail = nav.tail, None
        body.text = (body.text or "") + (tail or "")
        title.addnext(nav)


def _contents_list(tree: etree._Element, nav: etree._Element) -> None:
    """The title of the contents and a nested list of links, one per heading."""
    title = nav.text.strip() if nav.text and nav.text.strip() else "Inhoud"
    nav.text = None
    etree.SubElement(nav, "p", {"class": "label"}).text = title
    lists: list[etree._Element] = [etree.SubElement(nav, "ul", {"class": "geen-opsomming"})]
    for level, target, text in contents_entries(tree):
        while len(lists) < level:  # a deeper level: a list inside the last item
            parent = lists[-1][-1] if len(lists[-1]) else etree.SubElement(lists[-1], "li")
            lists.append(etree.SubElement(parent, "ul", {"class": "geen-opsomming"}))
        del lists[level:]
        item = etree.SubElement(lists[-1], "li")
        # The title in a span of its own: the PDF's dotted leader runs behind it (stijl.css).
        etree.SubElement(etree.SubElement(item, "a", href=f"#{target}"), "span").text = text


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
