"""Free text (Markdown) to safe HTML.

Raw HTML in content is never passed through: it is escaped and shows as text.
Links may only point to http(s) or mailto; images are not allowed in free text.
References ``[[id]]`` (or ``[[id|eigen tekst]]``) are replaced by the text a
resolver gives for them, for instance ``artikel 3``. Text that derive has already worded
(``[[id|artikel 3, tweede lid]]``, see ``regeling.tekst``) renders without a resolver.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import Callable, Iterator

import markdown
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

#: ``[[id]]``, ``[[id.lid-2]]`` (a part of an item) or ``[[id|tekst]]``.
REFERENCE = re.compile(r"\[\[([a-z][a-z0-9-]*(?:\.[a-z0-9-]+)*)(?:\|([^\]]+))?\]\]")

Resolver = Callable[[str], str | None]

_ALLOWED_SCHEMES = ("http://", "https://", "mailto:")


class UnresolvedReference(Exception):
    def __init__(self, target: str):
        super().__init__(target)
        self.target = target


class _ReferenceProcessor(InlineProcessor):
    def __init__(self, md: markdown.Markdown):
        super().__init__(REFERENCE.pattern, md)
        self.resolver: Resolver | None = None

    def handleMatch(self, m: re.Match, data: str):  # noqa: N802 (Markdown's API)
        target, own_text = m.group(1), m.group(2)
        if self.resolver is None and own_text is not None:  # worded in derive
            text: str | None = own_text
        else:
            text = self.resolver(target) if self.resolver else None
        if text is None:
            raise UnresolvedReference(target)
        element = etree.Element("span")
        element.set("class", "verwijzing")
        element.text = own_text or text
        return element, m.start(0), m.end(0)


class _SafeTree(Treeprocessor):
    """Drop link targets that are not web or mail addresses; turn images into their alt text."""

    def run(self, root: etree.Element) -> None:
        for parent in root.iter():
            for index, child in enumerate(list(parent)):
                if child.tag == "a":
                    href = child.get("href", "")
                    if not href.startswith(_ALLOWED_SCHEMES):
                        child.tag = "span"
                        child.attrib.clear()
                    else:
                        for name in list(child.attrib):
                            if name != "href":
                                del child.attrib[name]
                elif child.tag == "img":
                    span = etree.Element("span")
                    span.text = child.get("alt", "")
                    span.tail = child.tail
                    parent.remove(child)
                    parent.insert(index, span)


class _Renderer:
    def __init__(self) -> None:
        self.md = markdown.Markdown(extensions=["sane_lists", "tables"], output_format="html")
        # No raw HTML: neither blocks nor inline tags; they become escaped text.
        self.md.preprocessors.deregister("html_block")
        self.md.inlinePatterns.deregister("html")
        self.references = _ReferenceProcessor(self.md)
        self.md.inlinePatterns.register(self.references, "verwijzing", 200)
        self.md.treeprocessors.register(_SafeTree(self.md), "veilig", 0)

    def convert(self, text: str, resolver: Resolver | None) -> str:
        self.references.resolver = resolver
        try:
            return self.md.reset().convert(text)
        finally:
            self.references.resolver = None


_renderer: _Renderer | None = None

#: Converted texts without references, per process: the raadsvoorstellen of every gemeente and
#: round share most of their texts, and Python-Markdown is the slow part of rendering them.
_CONVERTED: dict[str, str] = {}


def to_html(text: str, resolver: Resolver | None = None) -> Markup:
    """Markdown → HTML (block level: paragraphs, lists, tables)."""
    global _renderer
    if _renderer is None:
        _renderer = _Renderer()
    if "[[" in text:  # references: the result depends on the resolver
        return Markup(_renderer.convert(text, resolver))
    html = _CONVERTED.get(text)
    if html is None:
        if len(_CONVERTED) >= 4096:
            _CONVERTED.clear()
        html = _CONVERTED[text] = _renderer.convert(text, None)
    return Markup(html)


def to_inline_html(text: str, resolver: Resolver | None = None) -> Markup:
    """Markdown → HTML without the surrounding paragraph, for one-line texts."""
    html = str(to_html(text, resolver))
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)


def met_einde(text: str, einde: str) -> str:
    """The text with its closing punctuation replaced (``;`` after an overweging)."""
    return text.rstrip().rstrip(".;,:") + einde


def references(text: str) -> Iterator[tuple[str, int, int]]:
    """Every ``[[id]]`` in a text, with its line and column (0-based) in that text."""
    for match in REFERENCE.finditer(text):
        line = text.count("\n", 0, match.start())
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1)
        yield match.group(1), line, column
