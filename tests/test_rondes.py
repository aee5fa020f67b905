"""The rounds of the besluitvormingstraject: each round its own raadsvoorstel + raadsbesluit per
gemeente, the right organ deciding on the right ground, with the documents it decides on
attached. Read back from DOCX (every gemeente) and PDF (one gemeente per round)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import docx
import pytest
import yaml
from click.testing import CliRunner

from conftest import TOETREDING, pdf_text
from generator.build import build
from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
DRECHTSTEDEN_RONDES = ["principebesluit", "zienswijze-begroting-2019"]


def load(folder: Path, name: str) -> dict:
    return yaml.safe_load((folder / name).read_text(encoding="utf-8"))


def slug(name: str) -> str:
    return name.lower().replace(" ", "-")


def numbered(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs if p.style.name == "List Number"]


def paragraphs(path: Path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def section(text: str, heading: str) -> str:
    """The text under one Heading 1 of a raadsvoorstel, up to the next."""
    return text.split(f"\n{heading}\n", 1)[1]


def article_number(regulation: Path, title: str) -> str:
    """The derived number of an article, read from the built regulation (its Heading 3)."""
    for paragraph in docx.Document(str(regulation)).paragraphs:
        match = re.fullmatch(rf"Artikel (\w+)\. {title}", paragraph.text)
        if match:
            return match.group(1)
    raise AssertionError(f"geen artikel {title}")


@pytest.fixture(scope="module")
def drechtsteden_rondes(tmp_path_factory) -> tuple[Path, Path]:
    """The two other rounds of the Drechtsteden example: DOCX for every gemeente, PDF for Dordrecht."""
    out = tmp_path_factory.mktemp("rondes")
    word = build(CONTENT / "drechtsteden", out / "docx", formats=("docx",), documents=["raadsvoorstel"],
                 rondes=DRECHTSTEDEN_RONDES).folder
    pdf = build(CONTENT / "drechtsteden", out / "pdf", formats=("pdf",), documents=["raadsvoorstel"],
                rondes=DRECHTSTEDEN_RONDES, gemeente="Dordrecht").folder
    return word, pdf


@pytest.fixture(scope="module")
def oost_groningen(tmp_path_factory) -> tuple[Path, Path]:
    """Both rounds of the bedrijfsvoeringsorganisatie: DOCX for every gemeente, PDF for Veendam."""
    out = tmp_path_factory.mktemp("og")
    word = build(CONTENT / "oost-groningen-ict", out / "docx", formats=("docx",),
                 documents=["raadsvoorstel"]).folder
    pdf = build(CONTENT / "oost-groningen-ict", out / "pdf", formats=("pdf",), documents=["raadsvoorstel"],
                gemeente="Veendam").folder
    return word, pdf


def test_drechtsteden_has_three_rounds_per_gemeente_with_their_own_dates(drechtsteden_build, drechtsteden_rondes):
    word, _ = drechtsteden_rondes
    rounds = [b["id"] for b in load(CONTENT / "drechtsteden", "besluiten.yaml")["besluiten"]]
    assert rounds == ["principebesluit", TOETREDING, "zienswijze-begroting-2019"]
    for gemeente in load(CONTENT / "drechtsteden", "gemeenten.yaml")["gemeenten"]:
        seen = set()
        for ronde in rounds:
            folder = drechtsteden_build if ronde == TOETREDING else word
            path = folder / f"raadsvoorstel-{ronde}-{slug(gemeente['naam'])}.docx"
            meeting = gemeente["besluitvorming"][ronde]
            header = {row.cells[0].text: row.cells[1].text for row in docx.Document(str(path)).tables[0].rows}
            assert header["Registratienummer"] == str(meeting["registratienummer"])
            seen.add(header["Datum raadsvergadering"])
        assert len(seen) == 3, gemeente["naam"]  # three rounds, three meetings, three files


def test_the_raad_as_party_decides_itself_with_the_regulations_own_article(drechtsteden_build):
    """The raden and the colleges are party: each raad decides on the toetreding itself and gives its
    college toestemming; the ground names the regulation's article on toetreding by its number."""
    toetreding = article_number(drechtsteden_build / "gemeenschappelijke-regeling.docx", "Toetreding")
    path = drechtsteden_build / f"raadsvoorstel-{TOETREDING}-zwijndrecht.docx"
    text = paragraphs(path)
    grounds = (f"gelet op artikel 1, eerste, vierde en vijfde lid, van de Wet gemeenschappelijke regelingen en "
               f"artikel {toetreding} van de Gemeenschappelijke regeling Drechtsteden;")
    assert grounds in text
    assert "de bepalingen over" not in text
    points = numbered(path)
    assert points[0].startswith("in te stemmen met de toetreding van de gemeente Hardinxveld-Giessendam")
    assert points[1].startswith("het college toestemming te verlenen om, voor zover het college")
    assert "Uw raad is zelf partij en besluit daarom zelf" in section(text, "Bevoegdheid")
    bijlagen = section(text, "Bijlagen")
    assert "Ontwerp van de Gemeenschappelijke regeling Drechtsteden" in bijlagen
    assert "(gemeenschappelijke-regeling.pdf)" in bijlagen and "(businesscase.pdf)" in bijlagen
    pdf = " ".join(pdf_text(drechtsteden_build / f"raadsvoorstel-{TOETREDING}-zwijndrecht.pdf").split())
    assert grounds in pdf and "De raad van de gemeente Zwijndrecht," in pdf


def test_principebesluit_and_begroting_rounds_read_back(drechtsteden_build, drechtsteden_rondes):
    word, pdf = drechtsteden_rondes
    scenario = next(s for s in load(CONTENT / "drechtsteden", "scenarios.yaml")["scenarios"] if s.get("voorkeur"))
    begroting = article_number(drechtsteden_build / "gemeenschappelijke-regeling.docx", "Begroting")
    for name in ("Alblasserdam", "Hardinxveld-Giessendam"):
        principe = word / f"raadsvoorstel-principebesluit-{slug(name)}.docx"
        assert numbered(principe)[0] == f"in te stemmen met het scenario ‘{scenario['naam']}’ als voorkeursscenario;"
        text = paragraphs(principe)
        assert "gelet op de Gemeentewet;" in text
        assert "(businesscase.pdf)" in section(text, "Bijlagen")
        assert "Alternatieven" in text  # the round's own text has alternatives

        zienswijze = word / f"raadsvoorstel-zienswijze-begroting-2019-{slug(name)}.docx"
        text = paragraphs(zienswijze)
        assert numbered(zienswijze)[0].startswith("over de ontwerpbegroting 2019 van Drechtsteden de zienswijze")
        assert (f"gelet op artikel 35, eerste en derde lid, van de Wet gemeenschappelijke regelingen en artikel "
                f"{begroting} van de Gemeenschappelijke regeling Drechtsteden;") in text
        assert "Ontwerpbegroting 2019 van Drechtsteden" in section(text, "Bijlagen")
        assert "apart te rapporteren over de kosten" in section(text, "Raadsbesluit")  # the zienswijze itself
        assert "toestemming" not in "\n".join(numbered(zienswijze))
    flat = " ".join(pdf_text(pdf / "raadsvoorstel-zienswijze-begroting-2019-dordrecht.pdf").split())
    assert f"artikel {begroting} van de Gemeenschappelijke regeling Drechtsteden" in flat
    assert "12 juni 2018" in flat  # Dordrecht's council date in this round
    flat = " ".join(pdf_text(pdf / "raadsvoorstel-principebesluit-dordrecht.pdf").split())
    assert "als voorkeursscenario" in flat and "18 april 2017" in flat


def test_bedrijfsvoeringsorganisatie_colleges_decide_raad_gives_zienswijze_then_toestemming(oost_groningen):
    word, pdf = oost_groningen
    regeling = "Gemeenschappelijke regeling Oost Groningen Digitaal"
    for gemeente in load(CONTENT / "oost-groningen-ict", "gemeenten.yaml")["gemeenten"]:
        name = slug(gemeente["naam"])
        ontwerp = word / f"raadsvoorstel-zienswijze-ontwerp-{name}.docx"
        assert numbered(ontwerp)[0].startswith(f"over het ontwerp van de {regeling} de zienswijze naar voren")
        text = paragraphs(ontwerp)
        assert "gelet op artikel 1, tweede en derde lid, van de Wet gemeenschappelijke regelingen;" in text
        assert f"Ontwerp van de {regeling}" in section(text, "Bijlagen")
        aangaan = word / f"raadsvoorstel-toestemming-aangaan-{name}.docx"
        points = numbered(aangaan)
        assert points[0].startswith(f"het college toestemming te verlenen de {regeling} aan te gaan")
        assert not any(p.startswith(f"de {regeling} aan te gaan") for p in points)  # the raad is no party
        text = paragraphs(aangaan)
        assert "gelet op artikel 1, eerste en vierde lid, van de Wet gemeenschappelijke regelingen;" in text
        assert "artikel 8, derde lid, Wgr" in section(text, "Bevoegdheid")
        assert "strijd met het recht of het algemeen belang" in section(text, "Juridische aspecten")
        assert f"De raad van de gemeente {gemeente['naam']}," in text
    flat = " ".join(pdf_text(pdf / "raadsvoorstel-zienswijze-ontwerp-veendam.pdf").split())
    assert "artikel 1, tweede en derde lid" in flat and "10 september 2012" in flat
    flat = " ".join(pdf_text(pdf / "raadsvoorstel-toestemming-aangaan-veendam.pdf").split())
    assert "artikel 1, eerste en vierde lid" in flat and "regeling.pdf)" in flat  # the ontwerp, attached


def test_a_regulation_of_the_raden_only_needs_no_toestemming(project, tmp_path):
    path = project / "regeling.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("deelnemers: [raad, college]", "deelnemers: [raad]"),
                    encoding="utf-8")
    folder = build(project, tmp_path, formats=("docx",), documents=["raadsvoorstel"], rondes=[TOETREDING],
                   gemeente="Hardinxveld-Giessendam").folder
    path = folder / f"raadsvoorstel-{TOETREDING}-hardinxveld-giessendam.docx"
    points = numbered(path)
    assert points[0] == "met ingang van 1 januari 2018 toe te treden tot de Gemeenschappelijke regeling Drechtsteden;"
    assert not any("toestemming" in p for p in points)
    assert "gelet op artikel 1, eerste en vijfde lid, van de Wet gemeenschappelijke regelingen en artikel" in paragraphs(path)


BAD = [
    # (content, file, old, new, message, file of the finding, line)
    ("drechtsteden", "gemeenten.yaml", "        college: 2017-05-23\n        raad: 2017-07-04",
     "        college: 2017-04-17\n        raad: 2017-07-04",
     'ronde "toestemming-toetreding" (17 april 2017) ligt niet na de ronde waarop zij volgt, "principebesluit"',
     "gemeenten.yaml", None),
    ("oost-groningen-ict", "regeling.yaml", "deelnemers: [college]", "deelnemers: [raad, college]",
     "aan een bedrijfsvoeringsorganisatie nemen alleen colleges", "regeling.yaml", 7),
    ("oost-groningen-ict", "besluiten.yaml", "termijn_weken: 8", "termijn_weken: 6",
     "een termijn van 6 weken is korter dan de wet geeft (artikel 1, derde lid, Wgr", "besluiten.yaml", 11),
    ("oost-groningen-ict", "besluiten.yaml", "    volgt_op: zienswijze-ontwerp", "    volgt_op: zienswijze",
     'onbekende ronde "zienswijze"', "besluiten.yaml", 20),
    ("oost-groningen-ict", "gemeenten.yaml", "        college: 2012-07-10\n        raad: 2012-09-10",
     "        college: 2012-07-10", 'gemeente Veendam heeft geen datum van de raadsvergadering voor besluit '
     '"zienswijze-ontwerp"', "gemeenten.yaml", None),
]


@pytest.mark.parametrize(("content", "file", "old", "new", "message", "where", "line"), BAD,
                         ids=["volgorde", "bvo-raad", "termijn", "volgt-op", "geen-datum"])
def test_bad_rounds_give_file_line_col_and_exit_2_and_nothing_written(tmp_path, content, file, old, new, message,
                                                                       where, line):
    folder = tmp_path / "content" / content
    shutil.copytree(CONTENT / content, folder)
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    out = tmp_path / "uit"
    result = CliRunner().invoke(main, ["build", str(folder), "--out", str(out), "--formaat", "docx"])
    assert result.exit_code == 2, result.output
    lines = [row for row in result.output.splitlines() if message in row]
    assert lines, result.output
    match = re.match(rf"{re.escape(str(folder / where))}:(\d+):(\d+): ", lines[0])
    assert match, lines[0]
    if line is not None:
        assert int(match.group(1)) == line
    assert not out.exists() or not any(out.rglob("*.*"))


def test_placeholders_warn_in_check_and_stop_a_definitive_build(tmp_path):
    folder = tmp_path / "content" / "oost-groningen-ict"
    shutil.copytree(CONTENT / "oost-groningen-ict", folder)
    path = folder / "gemeenten.yaml"
    text = path.read_text(encoding="utf-8")
    burgemeester = next(line for line in text.splitlines() if "burgemeester:" in line)
    path.write_text(text.replace(burgemeester, "    burgemeester: N.N.", 1)
                    .replace("registratienummer: MW12.0934", 'registratienummer: "(invullen)"', 1), encoding="utf-8")
    lines = path.read_text(encoding="utf-8").splitlines()
    where_nn = (lines.index("    burgemeester: N.N.") + 1, len("    burgemeester: ") + 1)
    where_invullen = (next(i for i, line in enumerate(lines) if "(invullen)" in line) + 1,
                      lines[next(i for i, line in enumerate(lines) if "(invullen)" in line)].index("(") + 1)
    runner = CliRunner()
    checked = runner.invoke(main, ["check", str(folder)])
    assert checked.exit_code == 0, checked.output
    assert f"waarschuwing: {path}:{where_nn[0]}:{where_nn[1]}: gemeenten[0].burgemeester: nog niet ingevuld: \"N.N.\"" \
        in checked.output
    assert f"{path}:{where_invullen[0]}:{where_invullen[1]}: " in checked.output
    out = tmp_path / "uit"
    refused = runner.invoke(main, ["build", str(folder), "--out", str(out), "--formaat", "docx", "--definitief"])
    assert refused.exit_code == 2
    assert f'{path}:{where_nn[0]}:{where_nn[1]}: gemeenten[0].burgemeester: nog niet ingevuld: "N.N."' in refused.output
    assert not out.exists()


LATER = """
  - id: kaderbrief-2021
    soort: kaderbrief
    onderwerp: Kaderbrief 2021
    begrotingsjaar: 2021
  - id: wijziging-2021
    soort: wijziging
    onderwerp: Wijziging van de regeling
    volgt_op: kaderbrief-2021
  - id: opheffing-2030
    soort: opheffing
    onderwerp: Opheffing van de regeling
    volgt_op: wijziging-2021
"""
VOORSTEL = """  - besluit: {ronde}
    inleiding: Inleiding van {ronde}.
    beoogd_effect: Effect.
    argumenten:
      - kop: Een argument
        toelichting: Toelichting.
    financien: Geen gevolgen.
    communicatie: Bekendmaking.
    uitvoering: Uitvoering.
"""
DATES = {"kaderbrief-2021": ("2020-04-14", "2020-06-09"), "wijziging-2021": ("2020-09-08", "2020-11-10"),
         "opheffing-2030": ("2029-03-06", "2029-05-08")}


def later_rounds(tmp_path: Path, content: str) -> Path:
    """A copy of an example with three later rounds: kaderbrief, wijziging and opheffing, dated per gemeente."""
    folder = tmp_path / "content" / content
    shutil.copytree(CONTENT / content, folder)
    besluiten = folder / "besluiten.yaml"
    besluiten.write_text(besluiten.read_text(encoding="utf-8").rstrip("\n") + "\n" + LATER.lstrip("\n"), encoding="utf-8")
    rondes = folder / "rondes.yaml"
    rondes.write_text(rondes.read_text(encoding="utf-8") + "".join(VOORSTEL.format(ronde=r) for r in DATES),
                      encoding="utf-8")
    gemeenten = folder / "gemeenten.yaml"
    extra = "".join(f"      {ronde}:\n        college: {college}\n        raad: {raad}\n        registratienummer: R-{ronde}\n"
                    for ronde, (college, raad) in DATES.items())
    gemeenten.write_text(gemeenten.read_text(encoding="utf-8").replace("    besluitvorming:\n", "    besluitvorming:\n" + extra),
                         encoding="utf-8")
    return folder


@pytest.mark.parametrize("content", ["drechtsteden", "oost-groningen-ict"])
def test_kaderbrief_wijziging_and_opheffing_per_legal_form(tmp_path, content):
    folder = later_rounds(tmp_path, content)
    gemeente = load(folder, "gemeenten.yaml")["gemeenten"][0]["naam"]
    out = build(folder, tmp_path / "uit", formats=("docx",), documents=["raadsvoorstel"], gemeente=gemeente,
                rondes=list(DATES)).folder
    raad_partij = content == "drechtsteden"  # the raden and the colleges; Oost-Groningen: the colleges only
    naam = load(folder, "regeling.yaml")["regeling"]["citeertitel"]
    lichaam = load(folder, "regeling.yaml")["regeling"].get("naam_lichaam")

    kaderbrief = out / f"raadsvoorstel-kaderbrief-2021-{slug(gemeente)}.docx"
    points = numbered(kaderbrief)
    assert points[0].startswith(f"kennis te nemen van de kaderbrief 2021 en de voorlopige jaarrekening van {lichaam}")
    assert points[1].startswith("over de kaderbrief geen zienswijze naar voren te brengen")
    text = paragraphs(kaderbrief)
    law = "artikel 34b van de Wet gemeenschappelijke regelingen" if raad_partij else "de Wet gemeenschappelijke regelingen"
    assert f"gelet op {law} en artikel " in text and f"van de {naam};" in text
    assert "Kaderbrief 2021" in section(text, "Bijlagen")

    wijziging = out / f"raadsvoorstel-wijziging-2021-{slug(gemeente)}.docx"
    points = numbered(wijziging)
    text = paragraphs(wijziging)
    assert "Ontwerp van de wijzigingsregeling" in section(text, "Bijlagen")
    if raad_partij:
        assert points[0].startswith(f"de {naam} te wijzigen overeenkomstig het ontwerp")
        assert points[1].startswith("het college toestemming te verlenen om, voor zover het college")
        assert "gelet op artikel 1, eerste, vierde en vijfde lid, van de Wet gemeenschappelijke regelingen en artikel" in text
    else:
        assert points[0].startswith(f"het college toestemming te verlenen de {naam} te wijzigen")
        assert not any(p.startswith(f"de {naam} te wijzigen") for p in points)  # the raad is no party
        assert "gelet op artikel 1, vierde en vijfde lid, van de Wet gemeenschappelijke regelingen en artikel" in text

    opheffing = out / f"raadsvoorstel-opheffing-2030-{slug(gemeente)}.docx"
    points = numbered(opheffing)
    text = paragraphs(opheffing)
    assert any(f"in te stemmen met de opheffing van de {naam}" in p for p in points)
    assert ("het college toestemming te verlenen" in points[0]) == (not raad_partij)
    grounds = re.search(r"gelet op (.*);", text).group(1)
    assert grounds.startswith("artikel 9, eerste lid, van de Wet gemeenschappelijke regelingen")
    assert re.search(rf"de artikelen \d+ en \d+ van de {naam}$", grounds)  # opheffing and vereffening


def test_uittreding_the_leaving_gemeente_decides_the_others_take_note(tmp_path):
    """Uittreding is unilateral (artikel 1, eerste en vijfde lid, Wgr): the college of the leaving
    gemeente gets toestemming from its raad; the other raden take note and are asked no consent."""
    folder = tmp_path / "content" / "oost-groningen-ict"
    shutil.copytree(CONTENT / "oost-groningen-ict", folder)
    gemeenten = folder / "gemeenten.yaml"
    gemeenten.write_text(gemeenten.read_text(encoding="utf-8")
                         .replace("  - naam: Vlagtwedde\n", "  - naam: Vlagtwedde\n    rol: uittreder\n")
                         .replace("    besluitvorming:\n", "    besluitvorming:\n      uittreding:\n        college: "
                                  "2015-03-03\n        raad: 2015-04-09\n        registratienummer: U-2015\n"),
                         encoding="utf-8")
    besluiten = folder / "besluiten.yaml"
    besluiten.write_text(besluiten.read_text(encoding="utf-8") + "  - id: uittreding\n    soort: uittreding\n"
                         "    onderwerp: Uittreding van Vlagtwedde\n    volgt_op: toestemming-aangaan\n"
                         "    ingangsdatum: 2017-01-01\n", encoding="utf-8")
    rondes = folder / "rondes.yaml"
    rondes.write_text(rondes.read_text(encoding="utf-8") + VOORSTEL.format(ronde="uittreding"), encoding="utf-8")
    out = build(folder, tmp_path / "uit", formats=("docx",), documents=["raadsvoorstel"], rondes=["uittreding"]).folder
    regeling = "Gemeenschappelijke regeling Oost Groningen Digitaal"
    assert len(list(out.glob("raadsvoorstel-uittreding-*.docx"))) == 5  # the one leaving decides too

    leaving = out / "raadsvoorstel-uittreding-vlagtwedde.docx"
    assert numbered(leaving)[0] == (f"het college toestemming te verlenen om met ingang van 1 januari 2017 uit te "
                                    f"treden uit de {regeling}.")
    assert re.search(r"gelet op artikel 1, vierde en vijfde lid, van de Wet gemeenschappelijke regelingen en artikel "
                     rf"\d+ van de {regeling};", paragraphs(leaving))

    other = out / "raadsvoorstel-uittreding-veendam.docx"
    points = numbered(other)
    assert points[0].startswith("kennis te nemen van het besluit van de gemeente Vlagtwedde om met ingang van "
                                "1 januari 2017 uit te treden")
    assert not any("toestemming" in p or "in te stemmen" in p for p in points)
    text = paragraphs(other)
    assert "eenzijdige bevoegdheid" in section(text, "Bevoegdheid")
    assert re.search(rf"gelet op artikel 9, eerste lid, van de Wet gemeenschappelijke regelingen en artikel \d+ van de "
                     rf"{regeling};", text)
