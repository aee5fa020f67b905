"""PDF/A-2 and PDF/UA metadata, checked without veraPDF (see docs/pdf.md for the rules).

Every XMP property must belong to a schema that is predefined for PDF/A-2 or described in
``pdfaExtension:schemas``; the document information dictionary must agree with the XMP.
"""

from __future__ import annotations

import datetime
import io
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pikepdf
import pytest

from generator.render import to_document
from generator.writers.pdf import write_pdf

ROOT = Path(__file__).resolve().parent.parent
STANDARD = ROOT / "templates" / "huisstijl" / "standaard"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
EXTENSION = "http://www.aiim.org/pdfa/ns/extension/"
SCHEMA = "http://www.aiim.org/pdfa/ns/schema#"
PROPERTY = "http://www.aiim.org/pdfa/ns/property#"
#: Schemas PDF/A-2 needs no extension schema for (XMP 2005 predefined schemas and PDF/A's own).
PREDEFINED = {
    "http://purl.org/dc/elements/1.1/", "http://ns.adobe.com/xap/1.0/", "http://ns.adobe.com/xap/1.0/rights/",
    "http://ns.adobe.com/xap/1.0/mm/", "http://ns.adobe.com/xap/1.0/bj/", "http://ns.adobe.com/xap/1.0/t/pg/",
    "http://ns.adobe.com/xap/1.0/g/img/", "http://ns.adobe.com/pdf/1.3/", "http://ns.adobe.com/photoshop/1.0/",
    "http://ns.adobe.com/tiff/1.0/", "http://ns.adobe.com/exif/1.0/", "http://ns.adobe.com/exif/1.0/aux/",
    "http://ns.adobe.com/camera-raw-settings/1.0/", "http://www.aiim.org/pdfa/ns/id/",
    EXTENSION, SCHEMA, PROPERTY, "http://www.aiim.org/pdfa/ns/type#", "http://www.aiim.org/pdfa/ns/field#",
}

HTML = """<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Metadata &amp; archief</title>
<meta name="author" content="Programmabureau"><meta name="description" content="Een proef">
<meta name="keywords" content="Drechtsteden, Proef"><meta name="generator" content="samenwerking">
<meta name="dcterms.created" content="2017-05-12T00:00:00Z"><meta name="dcterms.modified" content="2017-05-12T00:00:00Z">
<meta name="versie" content="1.0"><meta name="bronrevisie" content="abc123"></head>
<body data-kop="Metadata"><h1>Metadata &amp; archief</h1><p>Tekst met é en €.</p></body></html>"""


@pytest.fixture(scope="module")
def pdf_bytes() -> bytes:
    document = to_document("metadata", HTML, datetime.date(2017, 5, 12))
    document.stylesheets = [STANDARD / "stijl.css"]
    document.roots = [ROOT / "templates"]
    document.base_dir = ROOT / "templates"
    return write_pdf(document)


def packet(data: bytes) -> tuple[bytes, ElementTree.Element]:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        raw = pdf.Root.Metadata.read_bytes()
    start = raw.index(b"<x:xmpmeta")
    end = raw.index(b"</x:xmpmeta>") + len(b"</x:xmpmeta>")
    return raw, ElementTree.fromstring(raw[start:end])


def used_properties(rdf: ElementTree.Element) -> set[tuple[str, str]]:
    """(namespace, name) of every top-level property in the XMP, as element or attribute."""
    found = set()
    for description in rdf.iter(f"{{{RDF}}}Description"):
        for name in description.attrib:
            if name.startswith("{") and not name.startswith(f"{{{RDF}}}"):
                found.add(tuple(name[1:].split("}")))
        for child in description:
            found.add(tuple(child.tag[1:].split("}")))
    return found


def extension_schemas(rdf: ElementTree.Element) -> dict[str, set[str]]:
    schemas: dict[str, set[str]] = {}
    for bag in rdf.iter(f"{{{EXTENSION}}}schemas"):
        for item in bag.iter(f"{{{RDF}}}li"):
            uri = item.findtext(f"{{{SCHEMA}}}namespaceURI")
            if uri is None:
                continue
            prefix = item.findtext(f"{{{SCHEMA}}}prefix")
            assert prefix, f"extension schema {uri} without a prefix"
            names = set()
            for prop in item.iter(f"{{{PROPERTY}}}name"):
                parent = next(p for p in item.iter(f"{{{RDF}}}li") if p.find(f"{{{PROPERTY}}}name") is prop)
                assert parent.findtext(f"{{{PROPERTY}}}valueType"), prop.text
                assert parent.findtext(f"{{{PROPERTY}}}category") in ("internal", "external"), prop.text
                assert parent.findtext(f"{{{PROPERTY}}}description"), prop.text
                names.add(prop.text)
            schemas[uri] = names
    return schemas


def test_every_xmp_namespace_is_predefined_or_in_an_extension_schema(pdf_bytes):
    _, xmp = packet(pdf_bytes)
    rdf = xmp.find(f"{{{RDF}}}RDF")
    described = extension_schemas(rdf)
    assert described, "no pdfaExtension:schemas in the XMP"
    used = used_properties(rdf)
    assert ("http://www.aiim.org/pdfua/ns/id/", "part") in used
    for namespace, name in used:
        if namespace in PREDEFINED:
            continue
        assert namespace in described, f"namespace {namespace} is not described in pdfaExtension:schemas"
        assert name in described[namespace], f"{namespace}{name} is not a property of its extension schema"


def test_identification_and_packet_header(pdf_bytes):
    raw, xmp = packet(pdf_bytes)
    header = raw[: raw.index(b"?>") + 2]
    assert header.startswith(b"<?xpacket begin=")
    assert b"bytes=" not in header and b"encoding=" not in header
    raw.decode("utf-8")  # UTF-8 throughout
    attributes = {}
    for description in xmp.iter(f"{{{RDF}}}Description"):
        attributes.update(description.attrib)
    assert attributes["{http://www.aiim.org/pdfa/ns/id/}part"] == "2"
    assert attributes["{http://www.aiim.org/pdfa/ns/id/}conformance"] == "B"
    assert attributes["{http://www.aiim.org/pdfua/ns/id/}part"] == "1"


def test_file_structure_rules(pdf_bytes):
    assert re.match(rb"%PDF-1\.[0-7]\n%[\x80-\xff]{4}", pdf_bytes)
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        assert "/ID" in pdf.trailer and len(pdf.trailer.ID) == 2
        assert "/Encrypt" not in pdf.trailer
        metadata = pdf.Root.Metadata
        assert metadata.Type == "/Metadata" and metadata.Subtype == "/XML"
        intents = [intent for intent in pdf.Root.OutputIntents if intent.S == "/GTS_PDFA1"]
        assert len(intents) == 1 and "/DestOutputProfile" in intents[0]
        assert "/JavaScript" not in pdf.Root.get("/Names", {})
        assert "/EmbeddedFiles" not in pdf.Root.get("/Names", {})
        for page in pdf.pages:
            for font in page.Resources.Font.values():
                descriptor = font.DescendantFonts[0].FontDescriptor if "/DescendantFonts" in font else font.FontDescriptor
                assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def test_document_information_agrees_with_the_xmp(pdf_bytes):
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        info = pdf.docinfo
        with pdf.open_metadata() as meta:
            assert str(info.Title) == meta["dc:title"] == "Metadata & archief"
            assert str(info.Author) == "Programmabureau" and meta["dc:creator"] == ["Programmabureau"]
            assert str(info.Subject) == meta["dc:description"] == "Een proef"
            assert str(info.Keywords) == meta["pdf:Keywords"]
            assert str(info.Creator) == meta["xmp:CreatorTool"] == "samenwerking"
            assert str(info.Producer) == meta["pdf:Producer"]
            assert str(info.CreationDate) == "D:20170512000000Z" and meta["xmp:CreateDate"].startswith("2017-05-12T00:00:00")
            assert str(info.ModDate) == "D:20170512000000Z" and meta["xmp:ModifyDate"].startswith("2017-05-12T00:00:00")
