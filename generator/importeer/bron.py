"""What a source is: its format, its lines, and the errors that point into it.

A source is read as bytes and recognised by its content, not by its name: a ZIP with
``word/document.xml`` is a DOCX, ``<?xml`` or a root element is XML, ``%PDF`` is a PDF
(not supported: a published regulation is copied as text or downloaded as XML or DOCX),
anything else must be UTF-8 text. Nothing in the source is executed and nothing outside
it is read: XML is parsed without entities, DTDs or network access.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import SamenwerkingError, display_path


class ImportFout(SamenwerkingError):
    """The source cannot be imported; the message names file:line:col where there is one."""

    exit_code = 2


@dataclass(frozen=True)
class Regel:
    """One line of text (or one Word paragraph) with its place in the source."""

    tekst: str
    regel: int  # line (text), paragraph (DOCX) or line of the element (XML), from 1
    kolom: int = 1
    stijl: str = ""  # Word paragraph style, when there is one


def fout(bestand: Path, regel: int | None, kolom: int | None, melding: str) -> ImportFout:
    where = display_path(bestand)
    if regel is not None:
        where += f":{regel}:{kolom or 1}"
    return ImportFout(f"{where}: {melding}; er is niets geschreven")


def soort(bestand: Path, data: bytes) -> str:
    """``tekst``, ``docx`` or ``xml``; raises :class:`ImportFout` for anything else."""
    if not data.strip():
        raise fout(bestand, None, None, "het bestand is leeg")
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if "word/document.xml" in archive.namelist():
                    return "docx"
        except zipfile.BadZipFile:
            pass
        raise fout(bestand, None, None, "dit is een ZIP-bestand maar geen Word-document (.docx); lees een DOCX, "
                                        "de XML van de officiële publicatie of platte tekst in")
    if data.startswith(b"%PDF"):
        raise fout(bestand, None, None, "een PDF kan niet worden ingelezen (bij een gescande PDF is er ook geen "
                                        "tekst); kopieer de tekst van de publicatiewebsite, of download de XML of "
                                        "een DOCX")
    if data.startswith((b"\xd0\xcf\x11\xe0",)):
        raise fout(bestand, None, None, "dit is een oud Word-bestand (.doc); sla het in Word op als .docx")
    if data.startswith((b"{\\rtf",)):
        raise fout(bestand, None, None, "dit is een RTF-bestand; sla het op als .docx of als platte tekst")
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:200]
    if head.startswith(b"<?xml") or head.startswith(b"<"):
        return "xml"
    return "tekst"


def tekst(bestand: Path, data: bytes) -> str:
    """The text of a text source: UTF-8 only; a NUL byte means binary."""
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        column = nul - (data.rfind(b"\n", 0, nul) + 1) + 1
        raise fout(bestand, line, column, "dit is geen tekstbestand (binaire gegevens)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise fout(bestand, line, column, "de tekst is geen UTF-8 (een andere tekencodering, zoals Windows-1252?); "
                                          "sla het bestand op als UTF-8") from None
    return text.lstrip("\ufeff")


def regels(text: str) -> list[Regel]:
    """The non-empty lines of a text, stripped, each with its line number and column."""
    result = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped:
            result.append(Regel(stripped, number, len(line) - len(line.lstrip()) + 1))
    return result
