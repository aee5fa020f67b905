"""The Wgr check reads the content of a mandatory provision, not its label: per legal form, an
uittreding article that carries the label and says nothing, one that misses an element, and
consent for uittreding however it is worded, each at file:line:col."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.build import load_project
from generator.cli import main
from generator.errors import ContentError

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ["drechtsteden", "oost-groningen-ict"]  # openbaar lichaam; bedrijfsvoeringsorganisatie
CLAUSE = {
    "drechtsteden": "        - id: uittreding\n          clausule: uittreding\n",
    "oost-groningen-ict": "        - id: uittreding\n          clausule: uittreding\n          parameters:\n"
                          "            schadeperiode_jaren: 3\n",
}
COMPLETE = ("Een deelnemer kan uittreden bij besluit van zijn college, schriftelijk meegedeeld aan het bestuur. "
            "{extra}De uittredende deelnemer vergoedt de kosten en de schade die door de uittreding ontstaan; het "
            "bestuur stelt de gevolgen voor het vermogen vast.")


def own_uittreding(tmp_path: Path, content: str, text: str) -> tuple[Path, Path, int]:
    """A copy of an example whose uittreding article is own text; returns the folder, the file and
    the line of the text."""
    folder = tmp_path / "content" / content
    shutil.copytree(ROOT / "content" / content, folder)
    path = folder / "regeling.yaml"
    source = path.read_text(encoding="utf-8")
    assert CLAUSE[content] in source
    block = ("        - id: uittreding\n          titel: Uittreding\n"
             "          onderwerpen: [uittreding, uittreding-gevolgen]\n          tekst: >-\n"
             f"            {text}\n")
    source = source.replace(CLAUSE[content], block)
    path.write_text(source, encoding="utf-8")
    line = source[:source.index(text)].count("\n") + 1
    return folder, path, line


def problems(folder: Path) -> list:
    with pytest.raises(ContentError) as caught:
        load_project(folder)
    return caught.value.problems


@pytest.mark.parametrize("content", EXAMPLES)
def test_a_label_without_content_is_an_error(tmp_path, content):
    folder, path, line = own_uittreding(tmp_path, content, "Uittreding is mogelijk.")
    found = [p for p in problems(folder) if "regelt niets" in p.message]
    assert len(found) == 1
    assert found[0].position.file == str(path) and found[0].position.line == line
    assert "heet een bepaling over uittreding en uittreding-gevolgen" in found[0].message


@pytest.mark.parametrize("content", EXAMPLES)
def test_a_missing_element_is_named_with_its_article_of_the_law(tmp_path, content):
    text = "Een deelnemer kan uittreden bij besluit van zijn college, schriftelijk meegedeeld aan het bestuur."
    folder, path, line = own_uittreding(tmp_path, content, text)
    found = [p.message for p in problems(folder) if p.position and p.position.file == str(path)]
    assert any("noemt de gevolgen van uittreding niet (artikel 9, eerste lid, Wgr)" in m for m in found), found
    assert not any("eenzijdige" in m for m in found)  # "besluit van zijn college" is no consent of others


CONSENT = [
    ("De uittreding behoeft de instemming van de overige deelnemers. ", "instemming van de overige deelnemers"),
    ("Uittreden is slechts mogelijk indien het bestuur daarmee instemt. ", "instemt"),
    ("Het bestuur beslist met algemene stemmen over een verzoek tot uittreding. ", "met algemene stemmen"),
    ("Een deelnemer kan alleen uittreden met goedkeuring van twee derde van de deelnemers. ", "goedkeuring"),
    ("Uittreden kan slechts met medewerking van de andere deelnemers. ", "medewerking"),
]


@pytest.mark.parametrize("content", EXAMPLES)
def test_consent_for_uittreding_is_caught_however_worded(tmp_path, content):
    """Five wordings in one article (one load per legal form): each is reported where it is written."""
    text = COMPLETE.format(extra="".join(sentence for sentence, _ in CONSENT))
    folder, path, line = own_uittreding(tmp_path, content, text)
    found = [p for p in problems(folder) if "eenzijdige bevoegdheid" in p.message]
    assert len(found) == len(CONSENT), [p.display() for p in found]
    for problem, (sentence, word) in zip(sorted(found, key=lambda p: p.position.column), CONSENT):
        assert problem.position.file == str(path) and problem.position.line == line
        column = len("            ") + text.index(sentence) + sentence.index(word) + 1
        assert problem.position.column == column, (problem.display(), column)
        assert f'"{word}' in problem.message


@pytest.mark.parametrize("content", EXAMPLES)
def test_a_complete_own_text_passes_and_check_says_what_a_person_must_verify(tmp_path, content):
    folder, path, line = own_uittreding(tmp_path, content, COMPLETE.format(extra=""))
    load_project(folder)  # no error
    result = CliRunner().invoke(main, ["check", str(folder)])
    assert result.exit_code == 0, result.output
    notes = [row for row in result.output.splitlines() if "niet automatisch te controleren" in row]
    assert any(row.startswith(f"let op: {path}:{line}:") and "artikel" in row and "gevolgen voor het vermogen" in row
               for row in notes), notes
    # the standard clause, which gives the gemeente's own raad toestemming, is not mistaken for consent
    load_project(ROOT / "content" / content)
