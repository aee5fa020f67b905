"""Packaging: document properties, no thumbnail, and a zip with fixed timestamps."""

from __future__ import annotations

import datetime
import io
import zipfile
import zlib
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import XmlPart
from docx.opc.pkgwriter import PackageWriter

from ...document import RenderedDocument
from .styles import TemplateStyles


def drop_thumbnail(document: Any) -> None:
    package = document.part.package
    for key, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package.rels[key]


def set_properties(document: Any, doc: RenderedDocument) -> None:
    """Core properties from the document's <head>, dated by the document (reproducible)."""
    props = document.core_properties
    moment = datetime.datetime.combine(doc.date, datetime.time(0, 0))
    props.title = doc.title
    props.subject = doc.subject
    props.author = doc.author
    props.keywords = ", ".join(doc.keywords)
    props.comments = ""
    props.category = ""
    props.language = "nl-NL"
    props.last_modified_by = doc.author
    props.revision = 1
    props.version = doc.version
    props.identifier = f"bronrevisie {doc.revision}" if doc.revision else ""
    props.created = moment
    props.modified = moment


#: Deflated streams of parts that come back unchanged in document after document (the template's
#: styles, theme and fonts, images), by their content: the same content deflates to the same bytes.
_DEFLATED: dict[bytes, bytes] = {}
_DEFLATED_KEPT = 64


def deflate(content: bytes, keep: bool = False) -> bytes:
    """``content`` deflated as zipfile does (level 6, raw stream); ``keep``: remember the result."""
    packed = _DEFLATED.get(content) if keep else None
    if packed is None:
        compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
        packed = compressor.compress(content) + compressor.flush()
        if keep:
            if len(_DEFLATED) >= _DEFLATED_KEPT:
                del _DEFLATED[next(iter(_DEFLATED))]
            _DEFLATED[content] = packed
    return packed


class _Deflated:
    """Stands in for zipfile's compressor of one entry: hands over a stream deflated beforehand."""

    def __init__(self, packed: bytes):
        self.packed = packed

    def compress(self, data: bytes) -> bytes:
        packed, self.packed = self.packed, b""
        return packed

    def flush(self) -> bytes:
        return b""


class _ReproducibleZip:
    """A zip with fixed timestamps and attributes, so equal content gives equal bytes; has the
    ``write(pack_uri, blob)`` of python-docx's package writer, so parts go in compressed once.
    Parts named in ``fixed`` (the same in every document) are deflated once per process."""

    def __init__(self, date: datetime.date, fixed: frozenset[str] = frozenset()):
        self.stamp = (max(date.year, 1980), date.month, date.day, 0, 0, 0)
        self.fixed = fixed
        self.output = io.BytesIO()
        self.zip = zipfile.ZipFile(self.output, "w", zipfile.ZIP_DEFLATED)

    def add(self, name: str, content: bytes, keep: bool = False) -> None:
        item = zipfile.ZipInfo(name, date_time=self.stamp)
        item.compress_type = zipfile.ZIP_DEFLATED
        item.create_system = 0
        item.external_attr = 0
        item.file_size = len(content)
        with self.zip.open(item, "w") as entry:  # what ZipFile.writestr does, with the stream deflated here
            entry._compressor = _Deflated(deflate(content, keep))
            entry.write(content)

    def write(self, pack_uri: Any, blob: bytes) -> None:
        self.add(pack_uri.membername, blob, keep=pack_uri in self.fixed)

    def close(self) -> bytes:
        self.zip.close()
        return self.output.getvalue()


def save(document: Any, date: datetime.date) -> bytes:
    """The document as a reproducible zip: python-docx's parts and order (``Package.save``), written once."""
    package = document.part.package
    parts = package.parts
    for part in parts:
        part.before_marshal()
    target = _ReproducibleZip(date, frozenset(part.partname for part in parts if _fixed(part)))
    PackageWriter._write_content_types_stream(target, parts)
    PackageWriter._write_pkg_rels(target, package.rels)
    PackageWriter._write_parts(target, parts)
    return target.close()


def _fixed(part: Any) -> bool:
    """Whether a part is as it came: a part python-docx keeps as bytes, or the template's styles."""
    return not isinstance(part, XmlPart) or isinstance(part, TemplateStyles)


def normalize_zip(data: bytes, date: datetime.date) -> bytes:
    """Rewrite a zip with fixed timestamps and attributes, so equal content gives equal bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    target = _ReproducibleZip(date)
    for info in source.infolist():
        target.add(info.filename, source.read(info.filename))
    return target.close()
