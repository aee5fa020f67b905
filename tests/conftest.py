"""Shared fixtures: the bundled examples, built once per test session."""

from __future__ import annotations

import functools
import shutil
from pathlib import Path

import pytest

from generator.build import build

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
#: The round of the Drechtsteden example that most tests read (raadsvoorstel-<ronde>-<gemeente>).
TOETREDING = "toestemming-toetreding"


def standard_document(name: str, html: str, date):
    """A rendered document from hand-written HTML, in the standard house style, reading only the
    tool's templates: what the writer tests feed the writers."""
    from generator.render import to_document

    document = to_document(name, html, date)
    document.stylesheets = [ROOT / "templates" / "huisstijl" / "standaard" / "stijl.css"]
    document.roots = [ROOT / "templates"]
    document.base_dir = ROOT / "templates"
    return document


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def drechtsteden_build(tmp_path_factory) -> Path:
    """The Drechtsteden example built once (DOCX and PDF); returns its output folder.

    Of the rounds of the traject only the toetreding is built here (the other rounds:
    tests/test_rondes.py, in DOCX), to keep the session short."""
    out = tmp_path_factory.mktemp("uitvoer")
    result = build(CONTENT / "drechtsteden", out, rondes=[TOETREDING])
    return result.folder


@pytest.fixture
def project(tmp_path) -> Path:
    """A writable copy of the Drechtsteden example in a project layout: <tmp>/content/drechtsteden."""
    target = tmp_path / "content" / "drechtsteden"
    shutil.copytree(CONTENT / "drechtsteden", target)
    return target


@functools.lru_cache(maxsize=None)
def pdf_pages(path: Path) -> tuple[str, ...]:
    """The text of each page of a built PDF (pypdf), read once per session: tests of one
    document share it."""
    from pypdf import PdfReader

    return tuple(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def pdf_figures(pdf) -> list[str]:
    """The alt texts of every /Figure in a PDF's structure tree (pikepdf)."""
    import pikepdf

    found: list[str] = []

    def walk(node):
        if isinstance(node, pikepdf.Dictionary) and node.get("/S") == "/Figure":
            found.append(str(node.get("/Alt", "")))
        kids = node.get("/K") if isinstance(node, pikepdf.Dictionary) else None
        if isinstance(kids, pikepdf.Array):
            for kid in kids:
                walk(kid)
        elif isinstance(kids, pikepdf.Dictionary):
            walk(kids)

    walk(pdf.Root.StructTreeRoot)
    return found
