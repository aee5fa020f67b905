"""The house style's sjabloon.docx is read once per process and copied per document (Word writer)."""

from __future__ import annotations

import datetime
import io
import os
import shutil
import zipfile

from docx.enum.style import WD_STYLE_TYPE

from generator.render import to_document
from generator.writers.docx import DocxWriter
from generator.writers.docx.styles import STANDARD_TEMPLATE, template

HTML = """<!DOCTYPE html><html lang="nl"><head><title>Sjabloon</title></head><body>
<h1>Titel</h1><p>Tekst met <code>code</code>.</p><table><tr><td>cel</td></tr></table></body></html>"""


def written(path=None) -> tuple[DocxWriter, bytes]:
    document = to_document("sjabloon", HTML, datetime.date(2020, 1, 1))
    document.docx_template = path
    writer = DocxWriter(document)
    return writer, writer.write()


def styles_xml(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("word/styles.xml")


def test_documents_share_the_prepared_template_and_its_styles_are_not_copied():
    first, data = written()
    second, again = written()
    assert first.template is second.template is template(None)
    assert data == again
    part = first.document.part._styles_part
    assert part._own is None  # the writer never read or changed the styles: the template's bytes
    assert styles_xml(data) == template(None).styles_blob


def test_styles_read_or_changed_in_one_document_stay_in_that_document():
    writer, _ = written()
    writer.document.styles.add_style("Alleen hier", WD_STYLE_TYPE.PARAGRAPH)
    assert writer.document.part._styles_part._own is not None  # copied when read
    assert "Alleen hier" not in template(None).style_names
    _, data = written()
    assert b"Alleen hier" not in styles_xml(data)


def test_a_changed_template_file_is_read_again(tmp_path):
    path = tmp_path / "sjabloon.docx"
    shutil.copyfile(STANDARD_TEMPLATE, path)
    before = template(path)
    assert template(path) is before
    os.utime(path, ns=(1, 1))  # another version of the file
    after = template(path)
    assert after is not before
    assert after.style_id("Heading 1", WD_STYLE_TYPE.PARAGRAPH) == before.style_id("Heading 1", WD_STYLE_TYPE.PARAGRAPH)


def test_parts_that_come_back_unchanged_are_deflated_once(monkeypatch):
    from generator.writers.docx import packaging

    monkeypatch.setattr(packaging, "_DEFLATED", {})
    _, data = written()
    kept = set(packaging._DEFLATED)
    assert template(None).styles_blob in kept  # the template's styles: the same in every document
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.read("word/document.xml") not in kept  # the text: new in every document
        assert archive.testzip() is None  # every entry reads back with its CRC
    _, again = written()
    assert again == data and set(packaging._DEFLATED) == kept
