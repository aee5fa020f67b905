"""The build as a whole: reproducible bytes, atomic writes, hand edits protected,
no network, a closed document vocabulary, a fast --help."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import TOETREDING
from generator.build import build, load_project, render
from generator.errors import BuildError, OutputConflict
from generator.writers.pdf import restricted_fetcher


def test_rebuild_is_byte_identical(drechtsteden_build, tmp_path, root):
    again = build(root / "content" / "drechtsteden", tmp_path, rondes=[TOETREDING]).folder
    for name in ("intentieverklaring.docx", "intentieverklaring.pdf", "businesscase.docx", "businesscase.pdf",
                 "manifest.json"):
        assert (drechtsteden_build / name).read_bytes() == (again / name).read_bytes(), name


def test_second_build_rewrites_nothing(project, tmp_path):
    first = build(project, tmp_path, formats=("docx",), documents=["intentieverklaring", "raadsvoorstel"],
                  rondes=[TOETREDING])
    assert len(first.report.written) == len(first.documents) == 8
    stamps = {p: p.stat().st_mtime_ns for p in first.folder.iterdir()}
    second = build(project, tmp_path, formats=("docx",), documents=["intentieverklaring", "raadsvoorstel"],
                  rondes=[TOETREDING])
    assert second.report.written == [] and len(second.report.unchanged) == len(first.documents)
    assert second.templated == 0, "nothing the build reads changed: no document is even rendered"
    assert {p: p.stat().st_mtime_ns for p in first.folder.iterdir()} == stamps
    leftovers = [p.name for p in first.folder.iterdir() if p.name.startswith(".")]
    assert leftovers == []


def test_manifest_lists_files_with_hash_and_sources(project, tmp_path):
    import hashlib
    import json

    folder = build(project, tmp_path, formats=("docx",), documents=["intentieverklaring"]).folder
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    entry = manifest["bestanden"]["intentieverklaring.docx"]
    assert entry["sha256"] == hashlib.sha256((folder / "intentieverklaring.docx").read_bytes()).hexdigest()
    assert "content/drechtsteden/gemeenten.yaml" in entry["bronnen"]


def test_hand_edited_output_is_not_overwritten_without_asking(project, tmp_path):
    folder = build(project, tmp_path, formats=("docx",), documents=["intentieverklaring"]).folder
    target = folder / "intentieverklaring.docx"
    target.write_bytes(b"met de hand bewerkt")
    (project / "samenwerking.yaml").write_text(
        (project / "samenwerking.yaml").read_text(encoding="utf-8").replace("2017-04-18", "2017-04-19"),
        encoding="utf-8")
    intent = project / "intentieverklaring.yaml"
    intent.write_text(intent.read_text(encoding="utf-8").replace("regelmatig overleggen", "maandelijks overleggen"),
                      encoding="utf-8")
    with pytest.raises(OutputConflict) as caught:
        build(project, tmp_path, formats=("docx",), documents=["intentieverklaring"])
    assert "intentieverklaring.docx" in str(caught.value)
    assert target.read_bytes() == b"met de hand bewerkt"
    result = build(project, tmp_path, formats=("docx",), overwrite=True, documents=["intentieverklaring"])
    [backup] = result.report.backups
    assert backup.name == "intentieverklaring.reservekopie-1.docx"
    assert backup.read_bytes() == b"met de hand bewerkt"
    assert target.read_bytes().startswith(b"PK")


def test_fetcher_refuses_files_outside_and_the_network(tmp_path):
    from weasyprint.urls import FatalURLFetchingError

    allowed = tmp_path / "sjablonen"
    allowed.mkdir()
    (allowed / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    fetcher = restricted_fetcher([allowed])
    for url in ("file:///etc/passwd", "http://example.org/x.png", "https://example.org/x.css",
                f"file://{allowed}/../../etc/passwd", "ftp://example.org/x"):
        with pytest.raises(FatalURLFetchingError):
            fetcher.fetch(url)
    response = fetcher.fetch(f"file://{allowed}/logo.svg")
    assert b"<svg" in response.read()
    assert fetcher.fetch("data:text/plain,hallo").read() == b"hallo"


def test_template_fetching_outside_roots_fails_the_build(project, tmp_path):
    own = project / "sjablonen" / "documenten"
    own.mkdir(parents=True)
    (own / "intentieverklaring.html.j2").write_text(
        '{% extends "basis.html.j2" %}{% block inhoud %}<h1>X</h1>'
        '<figure><img src="file:///etc/passwd" alt="geheim"></figure>{% endblock %}', encoding="utf-8")
    with pytest.raises(BuildError) as caught:
        build(project, tmp_path, formats=("pdf",), documents=["intentieverklaring"])
    assert "geweigerd" in str(caught.value)
    assert not (tmp_path / "drechtsteden").exists()


def test_unknown_element_is_a_build_error_not_lost_text(project, tmp_path):
    own = project / "sjablonen" / "documenten"
    own.mkdir(parents=True)
    (own / "intentieverklaring.html.j2").write_text(
        '{% extends "basis.html.j2" %}{% block inhoud %}<h1>X</h1><marquee>weg?</marquee>{% endblock %}',
        encoding="utf-8")
    with pytest.raises(BuildError) as caught:
        build(project, tmp_path, documents=["intentieverklaring"])
    assert "onbekend element <marquee>" in str(caught.value)


def test_content_cannot_inject_markup(project, tmp_path):
    intent = project / "intentieverklaring.yaml"
    intent.write_text(intent.read_text(encoding="utf-8").replace(
        "titel: Doel", 'titel: "Doel <marquee>x</marquee>"'), encoding="utf-8")
    project_data = load_project(project)
    from generator.build import jobs

    document = render(project_data, jobs(project_data, documents=["intentieverklaring"])[0])
    assert "&lt;marquee&gt;" in document.html and "<marquee>" not in document.html


def test_help_imports_nothing_heavy():
    code = ("import sys; from click.testing import CliRunner; from generator.cli import main;"
            "r = CliRunner().invoke(main, ['--help']); assert r.exit_code == 0, r.output;"
            "assert 'Opdrachten' in r.output and 'build' in r.output;"
            "heavy = [m for m in ('weasyprint', 'docx', 'pydantic', 'jinja2', 'markdown', 'yaml') if m in sys.modules];"
            "print(heavy)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_cli_build_writes_and_reports(project, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", str(project), "--out", str(tmp_path / "uit"),
         "--formaat", "docx", "--document", "intentieverklaring"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "geschreven" in result.stdout and "intentieverklaring.docx" in result.stdout
    bad = subprocess.run(
        [sys.executable, "-m", "generator", "build", str(project), "--formaat", "odt"], capture_output=True, text=True)
    assert bad.returncode == 2 and "onbekend formaat odt" in bad.stderr


@pytest.mark.parametrize(("arguments", "message"), [
    (["buld"], 'fout: onbekende opdracht "buld"; bedoelde u "build"?'),
    (["build", "--formatt", "pdf"], "fout: onbekende optie --formatt; bedoelde u --formaat?"),
    (["preview", "--port", "abc"], "fout: ongeldige waarde voor --port: verwacht een geheel getal"),
    (["wijziging"], "fout: REV_OUD [REV_NIEUW] [INHOUD] ontbreekt"),
])
def test_usage_errors_are_dutch_with_exit_code_2(arguments, message):
    result = subprocess.run([sys.executable, "-m", "generator", *arguments], capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.startswith(message), result.stderr
    assert "Traceback" not in result.stderr
