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
import logging
import os
import mimetypes
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from ..document import RenderedDocument
from ..errors import BuildError
from ..huisstijl import voettekst_css
from .assets import allowed

PDF_VARIANT = "pdf/a-2b"
_PDFUA_NS = "http://www.aiim.org/pdfua/ns/id/"
_RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


def _fetcher_class():
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    class RestrictedFetcher(URLFetcher):
        """Serves ``data:`` URLs and files below the allowed folders; refuses everything else."""

        def __init__(self, roots: list[Path]):
            super().__init__(allowed_protocols={"file", "data"})
            self.roots = [Path(root).resolve() for root in roots]

        def fetch(self, url, headers=None):  # noqa: D401 - WeasyPrint's API
            scheme = url.split(":", 1)[0].lower() if ":" in url else ""
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file":
                path = Path(url2pathname(unquote(urlsplit(url).path))).resolve()
                if allowed(path, self.roots):
                    if not path.is_file():
                        raise FatalURLFetchingError(f"bestand niet gevonden: {path}")
                    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                    return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})
                raise FatalURLFetchingError(f"geweigerd: {url} ligt buiten de sjablonen en de inhoud")
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
        sheets = [CSS(filename=str(path), url_fetcher=fetcher, font_config=fonts) for path in doc.stylesheets]
        sheets.append(CSS(string=voettekst_css(), font_config=fonts))  # the one footer (huisstijl.VOETTEKST)
        if not _STYLES:
            atexit.register(_STYLES.clear)  # let WeasyPrint free its fonts while its modules still exist
        if len(_STYLES) >= 16:
            _STYLES.clear()
        _STYLES[key] = (fetcher, fonts, sheets)
    return _STYLES[key]


def write_pdf(doc: RenderedDocument) -> bytes:
    from weasyprint import HTML

    _, fatal = _fetcher_class()
    handler = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        with _source_date(doc.date):
            fetcher, fonts, stylesheets = _styles(doc)
            html = HTML(string=serialized(doc), base_url=str(doc.base_dir.resolve()) + "/", url_fetcher=fetcher)
            pdf = html.write_pdf(
                stylesheets=stylesheets,
                font_config=fonts,
                pdf_variant=PDF_VARIANT,
                pdf_tags=True,
                pdf_identifier=True,
                custom_metadata=True,  # <meta name="versie"> and "bronrevisie" → PDF document info
                finisher=_declare_pdfua,
            )
    except fatal as exc:
        raise BuildError(f"document {doc.name}: {exc}") from None
    finally:
        logger.removeHandler(handler)
    if handler.messages:
        raise BuildError(f"document {doc.name}: PDF-opmaak meldt: " + "; ".join(dict.fromkeys(handler.messages)))
    return pdf
