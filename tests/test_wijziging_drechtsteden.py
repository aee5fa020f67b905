"""Done when: on the Drechtsteden example, changing the uittreding article and adding an
article in a new commit gives a wijzigingsregeling, a redline and the raadsvoorstellen.

The new commit is what a user would commit: the regulation changed in regeling.yaml (numbers
still continuous, as in the example), the amendment described in wijziging.yaml, a decision of
kind toestemming-wijziging with its meeting dates, and the raadsvoorstel rewritten for it
(tests/data/wijziging-drechtsteden/). The command runs with its defaults: the new revision is
the committed working tree, adopted numbers are kept.
"""

from __future__ import annotations

import datetime
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
import yaml

from conftest import CONTENT, pdf_text
from generator.wijziging.maak import wijziging

DATA = Path(__file__).resolve().parent / "data" / "wijziging-drechtsteden"
COUNCIL = datetime.date(2019, 6, 27)


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    root = tmp_path_factory.mktemp("drechtsteden")
    folder = root / "content" / "drechtsteden"
    shutil.copytree(CONTENT / "drechtsteden", folder)
    _git(root, "init", "-q")
    _git(root, "config", "user.email", "griffie@example.org")
    _git(root, "config", "user.name", "Griffie")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "Gemeenschappelijke regeling Drechtsteden, zoals vastgesteld in 2017")
    _git(root, "tag", "vastgesteld-2017")

    # The uittreding article changes (two parameters of its clause) and an article follows it.
    text = (folder / "regeling.yaml").read_text(encoding="utf-8")
    text = text.replace("""        - id: uittreding
          clausule: uittreding
""", """        - id: uittreding
          clausule: uittreding
          parameters:
            indicatie_maanden: 6
            schadeperiode_jaren: 3
        - id: uittreedsom
          titel: Uittreedsom
          onderwerpen: [uittreding-gevolgen]
          leden:
            - id: vaststelling
              tekst: >-
                De Drechtraad stelt de uittreedsom vast binnen zes maanden na ontvangst van het besluit
                tot uittreding, bedoeld in [[uittreding.besluit]].
            - id: termijnen
              tekst: >-
                De uittredende deelnemer betaalt de uittreedsom in ten hoogste vijf gelijke jaarlijkse
                termijnen, de eerste op de dag waarop de uittreding ingaat.
""")
    (folder / "regeling.yaml").write_text(text, encoding="utf-8")
    for name in ("wijziging.yaml", "besluiten.yaml", "raadsvoorstel.yaml"):
        shutil.copy(DATA / name, folder / name)
    gemeenten = yaml.safe_load((folder / "gemeenten.yaml").read_text(encoding="utf-8"))
    for index, gemeente in enumerate(gemeenten["gemeenten"]):
        gemeente["besluitvorming"]["toestemming-wijziging-uittreding"] = {
            "college": datetime.date(2019, 4, 2), "raad": COUNCIL, "agendapunt": str(6 + index),
            "registratienummer": f"2019-{1200 + index}",
        }
    (folder / "gemeenten.yaml").write_text(yaml.safe_dump(gemeenten, allow_unicode=True, sort_keys=False),
                                           encoding="utf-8")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "Eerste wijziging: uittreding en uittreedsom")
    out = tmp_path_factory.mktemp("uitvoer")
    return wijziging(folder, "vastgesteld-2017", None, out, ("docx", "pdf"))


def _amendment(result) -> Path:
    """``wijzigingsregeling-<oud>-<nieuw>.docx``: the shortest name of all."""
    return result.folder / min((n for n in result.namen if n.endswith(".docx")), key=len)


def _lines(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs if p.text.strip()]


def test_the_files(result):
    stem = _amendment(result).stem
    assert stem.startswith("wijzigingsregeling-") and len(stem.split("-")) == 3  # the two revisions
    expected = {f"{stem}.docx", f"{stem}.pdf", f"{stem}-redline.docx"}
    for gemeente in ["alblasserdam", "dordrecht", "hardinxveld-giessendam", "hendrik-ido-ambacht", "papendrecht",
                     "sliedrecht", "zwijndrecht"]:
        expected |= {f"{stem}-raadsvoorstel-{gemeente}.docx", f"{stem}-raadsvoorstel-{gemeente}.pdf"}
    assert set(result.namen) == expected
    assert all((result.folder / name).is_file() for name in expected)
    assert len(result.opmerkingen) == 1 and "nummering: vast" in result.opmerkingen[0]  # the hint to freeze numbers


def test_amendment_a_jurist_can_sign(result):
    lines = _lines(_amendment(result))
    assert lines[0] == "Eerste wijziging van de Gemeenschappelijke regeling Drechtsteden"
    assert lines[lines.index("overwegende dat:") + 1].startswith("uit de evaluatie van de toetreding")
    assert lines[lines.index("overwegende dat:") + 2] == \
        "de deelnemers vooraf willen weten hoe de uittreedsom wordt vastgesteld en betaald;"
    start, end = lines.index("Artikel I"), lines.index("Artikel II")
    assert lines[start:end + 2] == [
        "Artikel I",
        "De Gemeenschappelijke regeling Drechtsteden wordt als volgt gewijzigd:",
        "A",
        "Artikel 19 wordt als volgt gewijzigd:",
        "1.\tIn het derde lid wordt “drie maanden” vervangen door “zes maanden”.",
        "2.\tIn het vijfde lid wordt “vijf jaar” vervangen door “drie jaar”.",
        "B",
        "Na artikel 19 wordt een artikel ingevoegd, luidende:",
        "Artikel 19a. Uittreedsom",
        "1.\tDe Drechtraad stelt de uittreedsom vast binnen zes maanden na ontvangst van het besluit tot uittreding, "
        "bedoeld in artikel 19, eerste lid.",
        "2.\tDe uittredende deelnemer betaalt de uittreedsom in ten hoogste vijf gelijke jaarlijkse termijnen, de eerste "
        "op de dag waarop de uittreding ingaat.",
        "Artikel II",
        "Deze regeling treedt in werking op 1 januari 2020.",
    ]
    document = docx.Document(str(_amendment(result)))
    first = document.tables[0].cell(0, 0).text
    assert "Aldus besloten door de raad van de gemeente Alblasserdam in zijn openbare vergadering van 27 juni 2019." in first
    toelichting = lines[lines.index("Toelichting"):]
    assert toelichting[2].startswith("De Drechtraad heeft in 2018 de regeling geëvalueerd")
    uitleg = toelichting[toelichting.index("Onderdeel B"):]
    assert uitleg[1] == "Artikel 19a (Uittreedsom) is nieuw."
    assert "op grond van artikel 19, vierde lid." in uitleg[2]  # [[uittreding.gevolgen]] worded
    assert document.core_properties.created.date() == datetime.date(2019, 3, 12)


def test_redline_for_review_in_word(result):
    path = next(result.folder / n for n in result.namen if n.endswith("-redline.docx"))
    with zipfile.ZipFile(path) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
    assert body.count('w:author="samenwerking"') > 4 and 'w:date="2019-03-12T00:00:00Z"' in body
    assert "<w:delText>drie</w:delText>" in body and "<w:delText>vijf</w:delText>" in body
    assert "Artikel 19a. Uittreedsom" in body
    assert len(docx.Document(str(path)).paragraphs) > 100  # python-docx reads it


def test_raadsvoorstel_per_gemeente_with_the_amendment_as_bijlage(result):
    path = next(result.folder / n for n in result.namen if n.endswith("-raadsvoorstel-papendrecht.docx"))
    lines = _lines(path)
    # the raden and the colleges are party: the raad amends the regulation itself and gives its college
    # toestemming (artikel 1, eerste, vierde en vijfde lid, Wgr); the ground names the regulation's article
    assert "de Gemeenschappelijke regeling Drechtsteden te wijzigen overeenkomstig het ontwerp van de " \
           "wijzigingsregeling dat bij dit besluit hoort;" in lines
    assert "het college toestemming te verlenen om, voor zover het college aan de regeling deelneemt, eveneens de " \
           "Gemeenschappelijke regeling Drechtsteden te wijzigen overeenkomstig het ontwerp van de " \
           "wijzigingsregeling dat bij dit besluit hoort." in lines
    assert ("gelet op artikel 1, eerste, vierde en vijfde lid, van de Wet gemeenschappelijke regelingen en artikel 20 "
            "van de Gemeenschappelijke regeling Drechtsteden;") in lines
    bijlagen = lines[lines.index("Bijlagen") + 1:lines.index("Bijlagen") + 3]
    assert bijlagen == ["Ontwerp van de eerste wijziging van de Gemeenschappelijke regeling Drechtsteden, met "
                        "toelichting (bijgevoegd)", "Evaluatie van de Gemeenschappelijke regeling Drechtsteden, december 2018"]
    assert "Aldus vastgesteld in de openbare vergadering van 27 juni 2019." in lines
    bijlage = lines[lines.index("Bijlage bij het raadsvoorstel van de gemeente Papendrecht"):]
    assert bijlage[1] == "Eerste wijziging van de Gemeenschappelijke regeling Drechtsteden"
    assert "Na artikel 19 wordt een artikel ingevoegd, luidende:" in bijlage
    # the businesscase of 2017 and its milestones belong to the toetreding, not to this amendment
    assert not any("Opbouw van het aandeel" in line for line in lines)
    assert not any("Beeldvormende bijeenkomst" in line for line in lines)


def test_pdf_of_amendment_and_raadsvoorstel(result):
    amendment = next(result.folder / n for n in result.namen if n.endswith(".pdf") and "raadsvoorstel" not in n)
    flat = " ".join(pdf_text(amendment).split())
    assert "Na artikel 19 wordt een artikel ingevoegd, luidende: Artikel 19a. Uittreedsom" in flat
    voorstel = next(result.folder / n for n in result.namen if n.endswith("-raadsvoorstel-dordrecht.pdf"))
    flat = " ".join(pdf_text(voorstel).split())
    assert "Raadsvoorstel" in flat and "In het vijfde lid wordt “vijf jaar” vervangen door “drie jaar”." in flat
