"""PDF writer: the intermediate HTML document → PDF/A-2b, tagged, declared PDF/UA-1.

WeasyPrint lays out the HTML with the house style's CSS (A4, page numbers,
running header). Nothing is fetched from the network or from outside the
template and content folders: the URL fetcher refuses it and the build fails.
Dates come from the document (``dcterms.created``), so a rebuild is byte-identical.
"""

from __future__ import annotations

import atexit
import contextlib
import datetime
import functools
import logging
import mimetypes
import os
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit
from urllib.request import url2pathname

from ..document import BLOCK_TAGS, HEADING_TAGS, TABLE_TAGS, RenderedDocument
from ..errors import BuildError
from ..huisstijl import voettekst_css
from .assets import allowed

PDF_VARIANT = "pdf/a-2b"
_PDFUA_NS = "http://www.aiim.org/pdfua/ns/id/"
_RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


#: The folder under which WeasyPrint sees the allowed folders: root ``i`` is ``file:///samenwerking/i/``.
#: WeasyPrint names an image in the PDF after the MD5 of its URL; with the real path in it, the PDF
#: bytes would depend on the folder the tool and the content are checked out in.
_VIRTUAL = "/samenwerking/"


def _fetcher_class():
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    class RestrictedFetcher(URLFetcher):
        """Serves ``data:`` URLs and files below the allowed folders; refuses everything else.

        Files are named by stable URLs (``url``): the folder's number among the roots and the
        path inside it, never where the folder is on this machine.
        """

        def __init__(self, roots: list[Path]):
            super().__init__(allowed_protocols={"file", "data"})
            self.roots = [Path(root).resolve() for root in roots]

        def url(self, path: Path) -> str:
            """The stable ``file:`` URL of a file or folder below a root (a folder's ends in ``/``)."""
            path = Path(path).resolve()
            for number, root in enumerate(self.roots):
                if allowed(path, [root]):
                    inside = path.relative_to(root).as_posix()
                    url = f"file://{_VIRTUAL}{number}/" + ("" if inside == "." else quote(inside))
                    return url + "/" if path.is_dir() and not url.endswith("/") else url
            return path.as_uri() + ("/" if path.is_dir() else "")

        def path(self, url: str) -> Path:
            """The file a ``file:`` URL names: a stable URL below its root, any other as it is."""
            name = url2pathname(unquote(urlsplit(url).path))
            if name.startswith(_VIRTUAL):
                number, _, rest = name[len(_VIRTUAL):].partition("/")
                if number.isdigit() and int(number) < len(self.roots):
                    return (self.roots[int(number)] / rest).resolve()
            return Path(name).resolve()

        def fetch(self, url, headers=None):  # noqa: D401 - WeasyPrint's API
            scheme = url.split(":", 1)[0].lower() if ":" in url else ""
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file":
                path = self.path(url)
                if allowed(path, self.roots):
                    if not path.is_file():
                        raise FatalURLFetchingError(f"bestand niet gevonden: {path}")
                    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                    return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})
                raise FatalURLFetchingError(f"geweigerd: {path} ligt buiten de sjablonen en de inhoud")
            raise FatalURLFetchingError(f"geweigerd: {url} (de build haalt niets van het netwerk)")

    return RestrictedFetcher, FatalURLFetchingError


def restricted_fetcher(roots: list[Path]):
    """A WeasyPrint URL fetcher limited to ``roots`` (and ``data:`` URLs)."""
    cls, _ = _fetcher_class()
    return cls(roots)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


#: Namespaces of the PDF/A extension-schema mechanism (ISO 19005-2, 6.6.2.3; XMP technote 0009).
_EXTENSION_NS = {
    "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
    "pdfaProperty": "http://www.aiim.org/pdfa/ns/property#",
}
#: Schemas this writer adds to the XMP that are not predefined for PDF/A-2, with their properties:
#: (prefix, namespace, schema name, [(property, value type, description)]).
EXTENSION_SCHEMAS = (
    ("pdfuaid", _PDFUA_NS, "PDF/UA Universal Accessibility Schema",
     [("part", "Integer", "Part of ISO 14289 (PDF/UA) the file conforms to")]),
)


def _extension_schemas(rdf: ElementTree.Element) -> None:
    """Describe every non-predefined schema in ``pdfaExtension:schemas`` (PDF/A-2 requires it)."""
    ns = {prefix: uri for prefix, uri in _EXTENSION_NS.items()}
    for prefix, uri in ns.items():
        ElementTree.register_namespace(prefix, uri)
    description = ElementTree.SubElement(rdf, f"{{{_RDF_NS}}}Description")
    description.set(f"{{{_RDF_NS}}}about", "")
    bag = ElementTree.SubElement(ElementTree.SubElement(description, f"{{{ns['pdfaExtension']}}}schemas"),
                                 f"{{{_RDF_NS}}}Bag")
    for prefix, uri, name, properties in EXTENSION_SCHEMAS:
        item = ElementTree.SubElement(bag, f"{{{_RDF_NS}}}li")
        item.set(f"{{{_RDF_NS}}}parseType", "Resource")
        for field, value in (("schema", name), ("namespaceURI", uri), ("prefix", prefix)):
            ElementTree.SubElement(item, f"{{{ns['pdfaSchema']}}}{field}").text = value
        sequence = ElementTree.SubElement(ElementTree.SubElement(item, f"{{{ns['pdfaSchema']}}}property"),
                                          f"{{{_RDF_NS}}}Seq")
        for prop, value_type, text in properties:
            entry = ElementTree.SubElement(sequence, f"{{{_RDF_NS}}}li")
            entry.set(f"{{{_RDF_NS}}}parseType", "Resource")
            for field, value in (("name", prop), ("valueType", value_type), ("category", "internal"),
                                 ("description", text)):
                ElementTree.SubElement(entry, f"{{{ns['pdfaProperty']}}}{field}").text = value


def _declare_pdfua(document, pdf) -> None:
    """Add ``pdfuaid:part=1`` to the XMP metadata that the PDF/A variant wrote, and the
    extension schema that describes ``pdfuaid`` (not predefined in PDF/A-2)."""
    reference = pdf.catalog.get("Metadata")
    if reference is None:
        return
    number = int(reference.split()[0])
    stream = pdf.objects[number]
    raw = b"".join(part if isinstance(part, bytes) else str(part).encode() for part in stream.stream)
    start = raw.index(b"<rdf:RDF")
    end = raw.index(b"</rdf:RDF>") + len(b"</rdf:RDF>")
    ElementTree.register_namespace("pdfuaid", _PDFUA_NS)
    rdf = ElementTree.fromstring(raw[start:end])
    description = ElementTree.SubElement(rdf, f"{{{_RDF_NS}}}Description")
    description.set(f"{{{_RDF_NS}}}about", "")
    description.set(f"{{{_PDFUA_NS}}}part", "1")
    _extension_schemas(rdf)
    serialized = ElementTree.tostring(rdf, encoding="utf-8").split(b"?>", 1)[-1].lstrip()
    stream.stream = [raw[:start] + serialized + raw[end:]]


class _DataOnce:
    """Mixin: an object's serialized ``data`` made once and kept (see ``_serialize_once``)."""

    @property
    def data(self):
        kept = self.__dict__.get("_samenwerking_data")
        if kept is None:
            kept = self.__dict__["_samenwerking_data"] = super().data
        return kept


_DATA_ONCE: dict[tuple[type, type], type] = {}
#: pydyf versions whose ``PDF.write`` is known to serialize each object twice with a file ID and
#: to leave the objects unchanged while it writes (tests/test_pdf_serialize.py: the same bytes).
_PYDYF_TWICE = ("0.11.", "0.12.", "0.13.")


def _serialize_once(pdf) -> None:
    """Let every object of the PDF be serialized once while pydyf writes it.

    PDF/A needs a file ID; pydyf computes it as the MD5 of every object's ``data``, which it makes
    a second time for that (each stream compressed again at level 9): about half of ``PDF.write``.
    Called last, right before ``write``: each object, and each object ``write`` adds (the object
    stream), gets a subclass that keeps its ``data`` after the first time. Same bytes; with
    another pydyf version nothing changes.
    """
    import pydyf

    if not pydyf.__version__.startswith(_PYDYF_TWICE):
        return
    for item in pdf.objects:
        _keep_data(item)
    pdf.__class__ = _subclass(type(pdf), _KeepAdded)  # the info, object and xref streams write adds


def _subclass(kind: type, mixin: type) -> type:
    if issubclass(kind, mixin):
        return kind
    made = _DATA_ONCE.get((kind, mixin))
    if made is None:
        made = _DATA_ONCE[kind, mixin] = type(kind.__name__, (mixin, kind), {"__module__": kind.__module__})
    return made


def _keep_data(item) -> None:
    if item.free != "f":  # pydyf never serializes a free object (object 0 has no data)
        item.__class__ = _subclass(type(item), _DataOnce)


class _KeepAdded:
    """Mixin for ``pydyf.PDF``: an object added while writing keeps its data too."""

    def add_object(self, object_) -> None:
        super().add_object(object_)
        _keep_data(object_)


def _finish(document, pdf) -> None:
    """WeasyPrint's finisher: declare PDF/UA, then let pydyf serialize each object once."""
    _declare_pdfua(document, pdf)
    _serialize_once(pdf)


@contextlib.contextmanager
def _source_date(date: datetime.date):
    """Pin the clock that font subsetting (fontTools) writes into each embedded font."""
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.datetime.combine(date, datetime.time(0, 0), tzinfo=datetime.timezone.utc)
    os.environ["SOURCE_DATE_EPOCH"] = str(int(moment.timestamp()))
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


def serialized(doc: RenderedDocument) -> str:
    """The document's tree as HTML: what every writer reads (with its table of contents filled in)."""
    from lxml import html as lxml_html

    return lxml_html.tostring(doc.tree, doctype="<!DOCTYPE html>", encoding="unicode", method="html")


class _Reparse(Exception):
    """The tree has a shape the HTML5 parser would rebuild: WeasyPrint must parse the string."""


_SPACE = "\t\n\x0c\r "  # HTML's ASCII whitespace (str.isspace also takes U+00A0 and more)
#: Characters the HTML5 parser changes (CR, NUL) or that lxml might write as a reference the parser
#: reads as another character (C1 controls): with any of these, the string path.
_ALTERED = re.compile("[\x00-\x08\x0b\x0d-\x1f\x7f-\x9f]")
#: Attributes lxml (libxml2) writes URI-escaped: ``href``, ``src``, ``action``, and ``name`` on ``a``.
_URI_ATTRIBUTES = frozenset({"href", "src", "action"})
#: A URI value every libxml2 writes as it is (no space, control or non-ASCII character).
_PLAIN_URI = re.compile(r"[A-Za-z0-9\-_.!~*'()@/:=?;#%&,+]*\Z")
_QUOTED = re.compile(r"""=(?:"([^"]*)"|'([^']*)')""")
#: Boolean attributes libxml2 writes without their value.
_BOOLEAN = frozenset({"checked", "compact", "declare", "defer", "disabled", "ismap", "multiple", "nohref",
                      "noresize", "noshade", "nowrap", "readonly", "selected"})
#: Elements after whose start tag the HTML5 parser drops one line feed.
_LEADING_NEWLINE = frozenset({"pre", "listing", "textarea"})
#: Elements the HTML5 parser treats as "special" (the scope of an open ``li``), within our vocabulary.
_SPECIAL = BLOCK_TAGS | TABLE_TAGS | {"br", "img", "meta", "title", "head", "body", "html"}
_CELLS = frozenset({"td", "th"})
_SECTIONS = frozenset({"thead", "tbody", "tfoot"})


def _blank(text: str | None) -> bool:
    return not text or not text.strip(_SPACE)


class _Html5Tree:
    """The ``xml.etree`` tree WeasyPrint's HTML5 parser (tinyhtml5) builds from ``serialized(doc)``,
    made from ``doc.tree`` directly (some 15 times faster than writing and parsing the string).

    The HTML5 parser repairs what it reads; for the shapes our vocabulary allows, this class makes
    the same repairs: a ``tbody`` around rows directly in a ``table``, the line feed after ``<pre>``
    dropped, white space after ``</body>`` moved into the body, white space before ``<head>``
    dropped, URI attributes escaped as lxml writes them. A shape it does not repair the same way (a
    block inside a paragraph, a list item or link inside another, text or other elements directly in
    a table, CR or control characters) raises ``_Reparse``: then WeasyPrint parses the string, as
    before. ``tests/test_pdf_tree.py`` compares both trees for every example document.
    """

    def __init__(self) -> None:
        self.strings: list[str] = []

    def build(self, html) -> ElementTree.Element:
        if html.tag != "html" or not _blank(html.text) or [child.tag for child in html] != ["head", "body"]:
            raise _Reparse("<html> bevat iets anders dan <head> en <body>")
        head, body = html
        root = ElementTree.Element("html", self.attributes(html))
        target = ElementTree.SubElement(root, "head", self.attributes(head))
        target.text = self.space(head.text)
        for child in head:
            if child.tag not in ("meta", "title") or len(child):
                raise _Reparse(f"<{child.tag}> in <head>")
            element = ElementTree.SubElement(target, child.tag, self.attributes(child))
            element.text = self.text(child.text)
            element.tail = self.space(child.tail)
        target.tail = self.space(head.tail)
        target = ElementTree.SubElement(root, "body", self.attributes(body))
        self.content(body, target, False, False, False, False)
        for after in (body.tail, html.tail):  # "after body": white space goes into the body
            if after:
                self.append(target, self.space(after))
        if _ALTERED.search("".join(self.strings)):
            raise _Reparse("een CR of stuurteken in de tekst")
        return root

    def text(self, text: str | None) -> str | None:
        if text:
            self.strings.append(text)
            return text
        return None

    def space(self, text: str | None) -> str | None:
        if not _blank(text):
            raise _Reparse("tekst waar het HTML5-model alleen witruimte toelaat")
        return text or None

    @staticmethod
    def append(element: ElementTree.Element, text: str) -> None:
        if len(element):
            element[-1].tail = (element[-1].tail or "") + text
        else:
            element.text = (element.text or "") + text

    def attributes(self, element) -> dict[str, str]:
        if not element.attrib:
            return {}
        result = dict(element.attrib)
        for name, value in result.items():
            self.strings.append(value)
            if name in _BOOLEAN:
                raise _Reparse(f"booleaans attribuut {name}")
            if (name in _URI_ATTRIBUTES or (name == "name" and element.tag == "a")) and not _PLAIN_URI.match(value):
                result[name] = _uri_as_written(element.tag, name, value)
        return result

    def content(self, source, target: ElementTree.Element, in_p: bool, in_li: bool, in_a: bool,
                in_heading: bool) -> None:
        """``source``'s text and children into ``target``, where the parser is "in body"."""
        text = source.text
        if text and source.tag in _LEADING_NEWLINE and text[0] == "\n":
            text = text[1:]
        target.text = self.text(text)
        for child in source:
            tag = child.tag
            if not isinstance(tag, str):
                raise _Reparse("een commentaar of instructie in de boom")
            if in_p and tag in BLOCK_TAGS:
                raise _Reparse(f"<{tag}> in een alinea")
            element = ElementTree.SubElement(target, tag, self.attributes(child))
            if tag == "table":
                self.table(child, element)
            elif tag == "li":
                if in_li:
                    raise _Reparse("<li> in een ander <li>")
                self.content(child, element, False, True, in_a, False)
            elif tag == "a":
                if in_a:
                    raise _Reparse("<a> in een andere <a>")
                self.content(child, element, in_p, in_li, True, in_heading)
            elif tag in HEADING_TAGS:
                if in_heading:
                    raise _Reparse(f"<{tag}> in een kop")
                self.content(child, element, in_p, False, in_a, True)
            else:
                in_li_here = in_li and (tag in ("div", "p") or tag not in _SPECIAL)
                self.content(child, element, in_p or tag == "p", in_li_here, in_a, in_heading)
            element.tail = self.text(child.tail)

    def table(self, source, target: ElementTree.Element) -> None:
        """A table: sections, rows and cells; rows directly in it get a ``tbody``, as the parser adds."""
        target.text = self.space(source.text)
        body = None  # the tbody the parser opened for rows directly in the table
        for child in source:
            tag = child.tag
            if tag == "tr":
                if body is None:
                    body = ElementTree.SubElement(target, "tbody")
                element = ElementTree.SubElement(body, tag, self.attributes(child))
                self.row(child, element)
            elif tag in _SECTIONS:
                body = None
                element = ElementTree.SubElement(target, tag, self.attributes(child))
                element.text = self.space(child.text)
                for row in child:
                    if row.tag != "tr":
                        raise _Reparse(f"<{row.tag}> direct in <{tag}>")
                    part = ElementTree.SubElement(element, "tr", self.attributes(row))
                    self.row(row, part)
                    part.tail = self.space(row.tail)
            elif tag == "caption":
                body = None
                element = ElementTree.SubElement(target, tag, self.attributes(child))
                self.content(child, element, False, False, False, False)
            elif tag == "colgroup":
                body = None
                element = ElementTree.SubElement(target, tag, self.attributes(child))
                element.text = self.space(child.text)
                for column in child:
                    if column.tag != "col" or len(column):
                        raise _Reparse(f"<{column.tag}> in <colgroup>")
                    ElementTree.SubElement(element, "col", self.attributes(column)).tail = self.space(column.tail)
            else:
                raise _Reparse(f"<{tag}> direct in <table>")
            element.tail = self.space(child.tail)

    def row(self, source, target: ElementTree.Element) -> None:
        target.text = self.space(source.text)
        for cell in source:
            if cell.tag not in _CELLS:
                raise _Reparse(f"<{cell.tag}> direct in <tr>")
            element = ElementTree.SubElement(target, cell.tag, self.attributes(cell))
            self.content(cell, element, False, False, False, False)
            element.tail = self.space(cell.tail)


@functools.lru_cache(maxsize=1024)
def _uri_as_written(tag: str, name: str, value: str) -> str:
    """A URI attribute as the HTML5 parser reads it back from lxml's HTML (lxml escapes spaces,
    controls and non-ASCII characters, as its libxml2 version decides)."""
    import html as html_module

    from lxml import etree
    from lxml import html as lxml_html

    written = lxml_html.tostring(etree.Element(tag, {name: value}), encoding="unicode", method="html")
    found = _QUOTED.search(written)
    if found is None:
        raise _Reparse(f"attribuut {name} onleesbaar geschreven")
    return html_module.unescape(found.group(1) if found.group(1) is not None else found.group(2))


#: What ``weasyprint.HTML.__init__`` sets (WeasyPrint 70; ``tree_unsupported`` checks it per process);
#: ``html_document`` sets the same.
_HTML_ATTRIBUTES = frozenset({"base_url", "url_fetcher", "media_type", "wrapper_element", "etree_element"})


@functools.cache
def tree_unsupported() -> str | None:
    """Why this WeasyPrint cannot be given our tree (then it parses the HTML string), or None.

    ``html_document`` relies on internals of WeasyPrint (pinned below 71): that ``HTML`` parses
    with tinyhtml5, keeps exactly the attributes in ``_HTML_ATTRIBUTES`` and wraps the tree with
    ``cssselect2.ElementWrapper.from_html_root``. Checked once per process on a real ``HTML``.
    """
    import cssselect2
    import weasyprint

    if getattr(weasyprint, "tinyhtml5", None) is None:
        return "WeasyPrint leest HTML niet (meer) met tinyhtml5"
    if not hasattr(cssselect2.ElementWrapper, "from_html_root"):
        return "cssselect2 heeft geen ElementWrapper.from_html_root"
    if not hasattr(weasyprint.urls, "ensure_url"):
        return "weasyprint.urls heeft geen ensure_url"
    found = frozenset(vars(weasyprint.HTML(string="<p>", base_url="/")))
    if found != _HTML_ATTRIBUTES:
        return f"weasyprint.HTML heeft de attributen {sorted(found)}, niet {sorted(_HTML_ATTRIBUTES)}"
    return None


def html_document(doc: RenderedDocument, fetcher):
    """WeasyPrint's ``HTML`` of the document, made from ``doc.tree`` without parsing HTML again.

    Exactly what ``HTML(string=serialized(doc), ...)`` gives (the same tree, so the same PDF
    bytes), without writing the string and parsing it with tinyhtml5 (pure Python, most of a
    second for the Drechtsteden documents). Falls back to that string when this WeasyPrint's
    internals differ (``tree_unsupported``) or the tree has a shape the HTML5 parser would
    repair differently (``_Html5Tree``); the reason is logged at DEBUG level.
    """
    import weasyprint

    base_url = fetcher.url(doc.base_dir)
    reason = tree_unsupported()
    if reason is None:
        try:
            root = _Html5Tree().build(doc.tree)
        except _Reparse as exc:
            reason = str(exc)
        else:
            import cssselect2

            html = weasyprint.HTML.__new__(weasyprint.HTML)
            html.base_url = weasyprint.urls.ensure_url(base_url)  # as HTML(): no <base> in our vocabulary
            html.url_fetcher = fetcher
            html.media_type = "print"
            html.wrapper_element = cssselect2.ElementWrapper.from_html_root(root, content_language=None)
            html.etree_element = html.wrapper_element.etree_element
            return html
    logging.getLogger(__name__).debug("document %s: WeasyPrint leest de HTML-tekst (%s)", doc.name, reason)
    return weasyprint.HTML(string=serialized(doc), base_url=base_url, url_fetcher=fetcher)


_STYLES: dict[tuple, tuple] = {}  # per process: (fetcher, fonts, stylesheets) per house style and folders


def _styles(doc: RenderedDocument) -> tuple:
    """The fetcher, font configuration and parsed stylesheets of a house style, made once per process.

    Documents of the same house style (every shared document, most raadsvoorstellen) share them,
    so the CSS is parsed and its @font-face fonts are loaded once, not per document. The key holds
    each stylesheet's size and time, so an edited stylesheet (live preview) is parsed again.
    """
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    stamps = []
    for path in doc.stylesheets:
        info = Path(path).stat()
        stamps.append((str(path), info.st_size, info.st_mtime_ns))
    key = (tuple(stamps), tuple(str(Path(root).resolve()) for root in doc.roots))
    if key not in _STYLES:
        fetcher = restricted_fetcher(doc.roots)
        fonts = FontConfiguration()
        sheets = [CSS(url=fetcher.url(path), url_fetcher=fetcher, font_config=fonts) for path in doc.stylesheets]
        sheets.append(CSS(string=voettekst_css(), font_config=fonts))  # the one footer (huisstijl.VOETTEKST)
        if not _STYLES:
            atexit.register(_STYLES.clear)  # let WeasyPrint free its fonts while its modules still exist
        if len(_STYLES) >= 16:
            _STYLES.clear()
        _STYLES[key] = (fetcher, fonts, sheets)
    return _STYLES[key]


def write_pdf(doc: RenderedDocument) -> bytes:
    _, fatal = _fetcher_class()
    handler = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        with _source_date(doc.date):
            fetcher, fonts, stylesheets = _styles(doc)
            pdf = html_document(doc, fetcher).write_pdf(
                stylesheets=stylesheets,
                font_config=fonts,
                pdf_variant=PDF_VARIANT,
                pdf_tags=True,
                pdf_identifier=True,
                custom_metadata=True,  # <meta name="versie"> and "bronrevisie" → PDF document info
                finisher=_finish,
            )
    except fatal as exc:
        raise BuildError(f"document {doc.name}: {exc}") from None
    finally:
        logger.removeHandler(handler)
    if handler.messages:
        raise BuildError(f"document {doc.name}: PDF-opmaak meldt: " + "; ".join(dict.fromkeys(handler.messages)))
    return pdf
