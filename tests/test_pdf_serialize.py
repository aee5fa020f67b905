"""pydyf serializes each PDF object once (writers/pdf.py, _serialize_once), with the same bytes."""

from __future__ import annotations

import datetime
import io

import pydyf

from generator.writers import pdf
from conftest import standard_document

HTML = """<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Eén keer</title>
<meta name="dcterms.created" content="2017-05-12T00:00:00Z"></head>
<body data-kop="Eén keer"><h1>Eén keer</h1><p>Tekst met é en €.</p>
<table><tr><th>a</th><td>b</td></tr></table></body></html>"""


def document():
    return standard_document("een-keer", HTML, datetime.date(2017, 5, 12))


def test_an_object_keeps_its_first_serialization():
    target = pydyf.PDF()
    stream = pydyf.Stream([b"BT ET"], compress=True)
    dictionary = pydyf.Dictionary({"Type": "/Proef"})
    target.add_object(stream)
    target.add_object(dictionary)
    pdf._serialize_once(target)
    first = stream.data, dictionary.data
    stream.stream.append(b"q Q")  # nothing changes an object while pydyf writes; if it did, the kept data shows it
    dictionary["Extra"] = 1
    assert (stream.data, dictionary.data) == first
    assert isinstance(stream, pydyf.Stream) and isinstance(dictionary, pydyf.Dictionary)


def test_the_same_bytes_as_serializing_twice(monkeypatch):
    once = pdf.write_pdf(document())
    monkeypatch.setattr(pdf, "_serialize_once", lambda target: None)
    twice = pdf.write_pdf(document())
    assert once == twice


def test_an_untested_pydyf_is_left_alone(monkeypatch):
    monkeypatch.setattr(pydyf, "__version__", "9.0.0")
    target = pydyf.PDF()
    stream = pydyf.Stream([b"BT ET"])
    target.add_object(stream)
    pdf._serialize_once(target)
    assert type(stream) is pydyf.Stream
    target.write(io.BytesIO(), identifier=True, compress=True)
