"""Packaging: document properties, no thumbnail, and a zip with fixed timestamps."""

from __future__ import annotations

import datetime
import io
import zipfile
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.pkgwriter import PackageWriter

from ...document import RenderedDocument


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


class _ReproducibleZip:
    """A zip with fixed timestamps and attributes, so equal content gives equal bytes; has the
    ``write(pack_uri, blob)`` of python-docx's package writer, so parts go in compressed once."""

    def __init__(self, date: datetime.date):
        self.stamp = (max(date.year, 1980), date.month, date.day, 0, 0, 0)
        self.output = io.BytesIO()
        self.zip = zipfile.ZipFile(self.output, "w", zipfile.ZIP_DEFLATED)

    def add(self, name: str, content: bytes) -> None:
        item = zipfile.ZipInfo(name, date_time=self.stamp)
        item.compress_type = zipfile.ZIP_DEFLATED
        item.create_system = 0
        item.external_attr = 0
        self.zip.writestr(item, content, compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)

    def write(self, pack_uri: Any, blob: bytes) -> None:
        self.add(pack_uri.membername, blob)

    def close(self) -> bytes:
        self.zip.close()
        return self.output.getvalue()


def save(document: Any, date: datetime.date) -> bytes:
    """The document as a reproducible zip: python-docx's parts and order (``Package.save``), written once."""
    package = document.part.package
    parts = package.parts
    for part in parts:
        part.before_marshal()
    target = _ReproducibleZip(date)
    PackageWriter._write_content_types_stream(target, parts)
    PackageWriter._write_pkg_rels(target, package.rels)
    PackageWriter._write_parts(target, parts)
    return target.close()


def normalize_zip(data: bytes, date: datetime.date) -> bytes:
    """Rewrite a zip with fixed timestamps and attributes, so equal content gives equal bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    target = _ReproducibleZip(date)
    for info in source.infolist():
        target.add(info.filename, source.read(info.filename))
    return target.close()
