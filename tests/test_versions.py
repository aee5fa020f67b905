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


def _identifiers(folder):
    return {path.stem: docx.Document(str(path)).core_properties.identifier for path in sorted(folder.glob("*.docx"))}


def test_a_commit_and_one_gemeente_edit_rebuild_only_that_gemeentes_document(repo, project, tmp_path):
    from conftest import TOETREDING

    # one round of raadsvoorstellen (toetreding): one document per gemeente
    wanted = dict(formats=("docx",), documents=["raadsvoorstel", "intentieverklaring"], rondes=[TOETREDING])
    first = build(project, tmp_path, **wanted)
    head = git(repo, "rev-parse", "HEAD")[:12]
    assert set(_identifiers(first.folder).values()) == {f"bronrevisie {head}"}

    # an edit of Dordrecht's portefeuillehouder: only Dordrecht's raadsvoorstel reads it
    gemeenten = project / "gemeenten.yaml"
    text = gemeenten.read_text(encoding="utf-8")
    assert text.count("wethouder mr. A.C. de Bruijn") == 1
    gemeenten.write_text(text.replace("wethouder mr. A.C. de Bruijn", "wethouder mr. A.C. de Bruin"), encoding="utf-8")
    edited = build(project, tmp_path, **wanted)
    assert [p.name for p in edited.report.written] == [f"raadsvoorstel-{TOETREDING}-dordrecht.docx"] and edited.rendered == 1
    stamps = _identifiers(edited.folder)
    assert stamps.pop(f"raadsvoorstel-{TOETREDING}-dordrecht") == f"bronrevisie {head}+wijzigingen"
    assert set(stamps.values()) == {f"bronrevisie {head}"}, "the others' inputs have no uncommitted changes"
    word = docx.Document(str(edited.folder / f"raadsvoorstel-{TOETREDING}-dordrecht.docx"))
    texts = [p.text for p in word.paragraphs] + [c.text for t in word.tables for r in t.rows for c in r.cells]
    assert any("A.C. de Bruin" in text for text in texts)

    git(repo, "commit", "-qam", "portefeuillehouder Dordrecht")
    second = git(repo, "rev-parse", "HEAD")[:12]
    committed = build(project, tmp_path, **wanted)
    assert [p.name for p in committed.report.written] == [f"raadsvoorstel-{TOETREDING}-dordrecht.docx"]
    stamps = _identifiers(committed.folder)
    assert stamps.pop(f"raadsvoorstel-{TOETREDING}-dordrecht") == f"bronrevisie {second}"
    assert set(stamps.values()) == {f"bronrevisie {head}"}

    # a comment in gemeenten.yaml, committed, is no input of any document
    gemeenten.write_text("# bijgewerkt\n" + gemeenten.read_text(encoding="utf-8"), encoding="utf-8")
    git(repo, "commit", "-qam", "commentaar")
    assert build(project, tmp_path, **wanted).report.written == []

    # a field read while deriving (inwoners: the shares) is an input of every document
    text = gemeenten.read_text(encoding="utf-8")
    gemeenten.write_text(text.replace("inwoners: 118426", "inwoners: 118427"), encoding="utf-8")
    git(repo, "commit", "-qam", "inwoners Dordrecht")
    third = git(repo, "rev-parse", "HEAD")[:12]
    from generator import versions

    loaded = load_project(project)
    assert ("Dordrecht", "inwoners") in loaded.gemeente_reads
    assert versions.history(project).revision(set(loaded.gemeente_reads)) == third


def test_history_names_what_each_commit_changed(repo, project):
    from generator import versions

    gemeenten = project / "gemeenten.yaml"
    gemeenten.write_text(gemeenten.read_text(encoding="utf-8").replace("steller: J. Meijer", "steller: J. Meier"),
                         encoding="utf-8")
    git(repo, "commit", "-qam", "steller")
    (project / "versies.yaml").write_text((project / "versies.yaml").read_text(encoding="utf-8") + "# noot\n",
                                          encoding="utf-8")
    history = versions.history(project)
    steller, first = history.commits
    assert steller == (git(repo, "rev-parse", "HEAD")[:12], frozenset({("Dordrecht", "steller")}))
    assert first[1] == versions.ALLES
    assert history.uncommitted == frozenset(), "a comment is no change of a value"
    assert history.revision({("Dordrecht", "steller")}) == steller[0]
    assert history.revision({("Papendrecht", "steller"), ("Dordrecht", "naam")}) == first[0]
    (project / "nieuw.txt").write_text("x", encoding="utf-8")
    assert versions.history(project).uncommitted == versions.ALLES


def test_history_reads_committed_yaml_within_the_loaders_bounds(repo, project):
    """The per-document history is read before the content is checked: an alias bomb in a
    committed file (nine levels of nine aliases) counts as a change of everything, at once."""
    from generator import versions

    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 10)]
    gemeenten = project / "gemeenten.yaml"
    gemeenten.write_text(gemeenten.read_text(encoding="utf-8") + "\n".join(levels) + "\n", encoding="utf-8")
    git(repo, "commit", "-qam", "bom")
    history = versions.history(project)
    assert history.commits[0][1] == versions.ALLES
