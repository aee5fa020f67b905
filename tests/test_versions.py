"""Version history: the table from the content, the source revision in the document properties."""

from __future__ import annotations

import subprocess

import docx
import pikepdf
import pytest

from conftest import TOETREDING
from generator.build import build, load_project
from generator.errors import ContentError


def git(cwd, *args):
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout.strip()


@pytest.fixture
def repo(project):
    root = project.parent.parent
    git(root, "init", "-q")
    git(root, "config", "user.email", "test@example.org")
    git(root, "config", "user.name", "Test")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "inhoud")
    return root


def test_source_revision_and_version_in_both_formats(repo, project, tmp_path):
    head = git(repo, "rev-parse", "HEAD")[:12]
    folder = build(project, tmp_path, gemeente="Papendrecht", rondes=[TOETREDING]).folder
    props = docx.Document(str(folder / "raadsvoorstel-toestemming-toetreding-papendrecht.docx")).core_properties
    assert props.version == "1.0"
    assert props.identifier == f"bronrevisie {head}"
    with pikepdf.open(folder / "raadsvoorstel-toestemming-toetreding-papendrecht.pdf") as pdf:
        assert str(pdf.docinfo["/bronrevisie"]) == head
        assert str(pdf.docinfo["/versie"]) == "1.0"

    # an uncommitted change in the content is marked
    (project / "versies.yaml").write_text((project / "versies.yaml").read_text(encoding="utf-8") +
                                          '  - versie: "1.1"\n    datum: 2017-05-01\n    omschrijving: Na de raden\n',
                                          encoding="utf-8")
    folder = build(project, tmp_path, gemeente="Papendrecht", formats=("docx",), rondes=[TOETREDING]).folder
    props = docx.Document(str(folder / "raadsvoorstel-toestemming-toetreding-papendrecht.docx")).core_properties
    assert props.identifier == f"bronrevisie {head}+wijzigingen" and props.version == "1.1"


def test_commit_elsewhere_does_not_change_the_revision(repo, project):
    before = load_project(project).afgeleid.bronrevisie
    (repo / "README.md").write_text("los van de inhoud\n", encoding="utf-8")
    git(repo, "add", "README.md")
    git(repo, "commit", "-qm", "ander bestand")
    assert load_project(project).afgeleid.bronrevisie == before


def test_version_table_include(project, tmp_path):
    own = project / "sjablonen" / "documenten"
    own.mkdir(parents=True)
    (own / "intentieverklaring.html.j2").write_text(
        '{% extends "basis.html.j2" %}{% block inhoud %}<h1>Met versies</h1>'
        '{% include "onderdelen/versies.html.j2" %}{% endblock %}', encoding="utf-8")
    folder = build(project, tmp_path, formats=("docx",), documents=["intentieverklaring"]).folder
    [table] = docx.Document(str(folder / "intentieverklaring.docx")).tables
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["Versie", "Datum", "Omschrijving"]
    assert rows[-1] == ["1.0", "18 april 2017",
                        "Vastgesteld door het Drechtstedenbestuur voor de besluitvorming in de raden"]


def test_versions_out_of_order_are_reported(project):
    path = project / "versies.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("datum: 2017-04-18", "datum: 2017-01-18"),
                    encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_project(project)
    [problem] = caught.value.problems
    assert "niet op volgorde van datum" in problem.message and problem.position.line == 10
