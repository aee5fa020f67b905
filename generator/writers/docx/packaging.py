"""Packaging: document properties, no thumbnail, and a zip with fixed timestamps."""

from __future__ import annotations

import datetime
import io
import zipfile
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT

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


def save(document: Any, date: datetime.date) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return normalize_zip(buffer.getvalue(), date)


def normalize_zip(data: bytes, date: datetime.date) -> bytes:
    """Rewrite a zip with fixed timestamps and attributes, so equal content gives equal bytes."""
    stamp = (max(date.year, 1980), date.month, date.day, 0, 0, 0)
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            item = zipfile.ZipInfo(info.filename, date_time=stamp)
            item.compress_type = zipfile.ZIP_DEFLATED
            item.create_system = 0
            item.external_attr = 0
            content = source.read(info.filename)
            target.writestr(item, content, compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
    return output.getvalue()
