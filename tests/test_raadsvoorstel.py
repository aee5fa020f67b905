"""Raadsvoorstel and raadsbesluit per gemeente, read back from DOCX and PDF."""

from __future__ import annotations

import shutil
import subprocess
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import docx
import pikepdf
import pytest
import yaml

from conftest import TOETREDING, pdf_text
from generator.build import build, load_project
from generator.errors import ContentError

ROOT = Path(__file__).resolve().parent.parent
GEMEENTEN = yaml.safe_load((ROOT / "content" / "drechtsteden" / "gemeenten.yaml").read_text(encoding="utf-8"))["gemeenten"]
SLUGS = {
    "Alblasserdam": "alblasserdam", "Dordrecht": "dordrecht", "Hendrik-Ido-Ambacht": "hendrik-ido-ambacht",
    "Papendrecht": "papendrecht", "Sliedrecht": "sliedrecht", "Zwijndrecht": "zwijndrecht",
    "Hardinxveld-Giessendam": "hardinxveld-giessendam",
}
MAANDEN = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december"]


def dutch_date(value) -> str:
    return f"{value.day} {MAANDEN[value.month - 1]} {value.year}"


def euro(amount: Decimal) -> str:
    """€ 1.234,50 written out independently of generator.formatting."""
    sign = "-" if amount < 0 else ""
    whole, cents = f"{abs(amount):.2f}".split(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return f"€ {sign}{'.'.join(groups)},{cents}"


def largest_remainder(total: Decimal, weights: dict[str, int]) -> dict[str, Decimal]:
    """Hand computation with fractions: floor to the cent, then hand out the cents by remainder."""
    cents = int(total * 100)
    sign = -1 if cents < 0 else 1
    cents = abs(cents)
    weight_sum = sum(weights.values())
    exact = {name: Fraction(cents * w, weight_sum) for name, w in weights.items()}
    floors = {name: int(value) for name, value in exact.items()}
    left = cents - sum(floors.values())
    for name in sorted(weights, key=lambda n: (-(exact[n] - floors[n]), n))[:left]:
        floors[name] += 1
    return {name: Decimal(sign * value) / 100 for name, value in floors.items()}


def table_rows(document) -> list[list[str]]:
    rows = []
    for table in document.tables:
        for row in table.rows:
            rows.append([cell.text.strip() for cell in row.cells])
    return rows


@pytest.fixture(scope="module")
def folder(drechtsteden_build) -> Path:
    return drechtsteden_build


@pytest.mark.parametrize("gemeente", GEMEENTEN, ids=[g["naam"] for g in GEMEENTEN])
def test_each_gemeente_gets_its_own_proposal(folder, gemeente):
    name = gemeente["naam"]
    meeting = gemeente["besluitvorming"]["toestemming-toetreding"]
    word = docx.Document(str(folder / f"raadsvoorstel-{TOETREDING}-{SLUGS[name]}.docx"))
    header = dict(row[:2] for row in table_rows(word) if len(row) >= 2)
    assert header["Gemeente"] == name
    assert header["Datum raadsvergadering"] == dutch_date(meeting["raad"])
    assert header["Registratienummer"] == str(meeting["registratienummer"])
    assert header["Portefeuillehouder"] == gemeente["portefeuillehouder"]
    assert header["Steller"] == gemeente["steller"]
    headings = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["Onderwerp", "Samenvatting", "Beslispunten", "Inleiding", "Bevoegdheid", "Beoogd effect",
                        "Argumenten", "Kanttekeningen en risico's", "Juridische aspecten", "Financiën",
                        "Uitvoering en planning", "Communicatie", "Bijlagen", "Raadsbesluit"]
    text = "\n".join(p.text for p in word.paragraphs)
    assert f"De raad van de gemeente {name};" in text
    assert (f"gelezen het voorstel van burgemeester en wethouders van {dutch_date(meeting['college'])}, "
            f"nr. {meeting['registratienummer']};") in text
    assert f"Aldus vastgesteld in de openbare vergadering van {dutch_date(meeting['raad'])}." in text
    assert f"De raad van de gemeente {name}," in text  # above the signatures of griffier and voorzitter
    signatures = " ".join(cell for row in table_rows(word) for cell in row)
    assert gemeente["secretaris"] in signatures and gemeente["griffier"] in signatures

    flat = " ".join(pdf_text(folder / f"raadsvoorstel-{TOETREDING}-{SLUGS[name]}.pdf").split())
    assert f"Gemeente {name}" in flat
    assert f"Datum raadsvergadering {dutch_date(meeting['raad'])}" in flat
    assert gemeente["portefeuillehouder"] in flat
    assert f"De raad van de gemeente {name};" in flat


def opbouw(document) -> dict[str, list[str]]:
    """The rows of the table 'Opbouw van het aandeel ...', by cost line."""
    for table in document.tables:
        header = [cell.text for cell in table.rows[0].cells]
        if header[:3] == ["Kostenregel", "Soort", "Alle gemeenten"]:
            return {row.cells[0].text: [cell.text for cell in row.cells] for row in table.rows[1:]}
    raise AssertionError("geen opbouwtabel")


def amount(text: str) -> Decimal:
    return Decimal(text.replace("€ ", "").replace(".", "").replace(",", "."))


def test_shares_match_hand_computation_and_add_up_to_the_cent(folder):
    weights = {g["naam"]: g["inwoners"] for g in GEMEENTEN}
    expected = {
        # € 150.000 in 2018 naar inwonertal over zeven; € 210.000 + € 70.000 in gelijke delen
        "Werkplekken voor overgekomen medewerkers in Dordrecht": largest_remainder(Decimal("150000"), weights),
        "Programmamanagement invlechting": {name: Decimal("40000.00") for name in weights},
    }
    tables = {name: opbouw(docx.Document(str(folder / f"raadsvoorstel-{TOETREDING}-{slug}.docx"))) for name, slug in SLUGS.items()}
    for line, shares in expected.items():
        for name in SLUGS:
            assert tables[name][line][3] == euro(shares[name]), (name, line)
    lines = tables["Hardinxveld-Giessendam"].keys()  # the joining gemeente pays part of every line
    assert len(lines) == 11
    for line in lines:
        total = amount(tables["Hardinxveld-Giessendam"][line][2])
        parts = [amount(tables[name][line][3]) for name in SLUGS if line in tables[name]]
        assert sum(parts) == total, line
    # the joining gemeente alone carries the Avres exit; the others do not even list it
    assert tables["Hardinxveld-Giessendam"]["Uittreding uit Avres"][3] == "€ 1.200.000,00"
    assert "Uittreding uit Avres" not in tables["Papendrecht"]
    flat = " ".join(pdf_text(folder / f"raadsvoorstel-{TOETREDING}-zwijndrecht.pdf").split())
    assert euro(expected["Werkplekken voor overgekomen medewerkers in Dordrecht"]["Zwijndrecht"]) in flat


def test_beslispunten_differ_for_the_joining_gemeente(folder):
    joining = docx.Document(str(folder / f"raadsvoorstel-{TOETREDING}-hardinxveld-giessendam.docx"))
    other = docx.Document(str(folder / f"raadsvoorstel-{TOETREDING}-papendrecht.docx"))
    numbered = lambda d: [p.text for p in d.paragraphs if p.style.name == "List Number"]
    # the raden and the colleges are party (regeling.deelnemers): the raad decides itself (artikel 1, eerste
    # en vijfde lid, Wgr) and gives the college toestemming for its part (vierde lid)
    assert numbered(joining)[:2] == [
        "met ingang van 1 januari 2018 toe te treden tot de Gemeenschappelijke regeling Drechtsteden;",
        "het college toestemming te verlenen om, voor zover het college aan de regeling deelneemt, eveneens met "
        "ingang van 1 januari 2018 toe te treden tot de Gemeenschappelijke regeling Drechtsteden;"]
    assert numbered(other)[:2] == [
        "in te stemmen met de toetreding van de gemeente Hardinxveld-Giessendam tot de Gemeenschappelijke regeling "
        "Drechtsteden met ingang van 1 januari 2018;",
        "het college toestemming te verlenen om, voor zover het college aan de regeling deelneemt, eveneens in te "
        "stemmen met de toetreding van de gemeente Hardinxveld-Giessendam tot de Gemeenschappelijke regeling "
        "Drechtsteden met ingang van 1 januari 2018."]
    # the local extra beslispunt (Avres) appears only for the joining gemeente, in voorstel and besluit
    assert sum("Avres" in t for t in numbered(joining)) == 2
    assert not any("Avres" in t for t in numbered(other))


def test_local_override_changes_only_that_document(project, tmp_path):
    first = build(project, tmp_path / "a", formats=("docx",), documents=["raadsvoorstel"], rondes=[TOETREDING]).folder
    path = project / "raadsvoorstel.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("  lokaal:\n", "  lokaal:\n    Sliedrecht:\n      kanttekeningen:\n"
                        "        - kop: De raad van Sliedrecht wil een tussenevaluatie\n"
                        "          toelichting: Na zes maanden rapporteert het college over de invlechting.\n", 1)
    path.write_text(text, encoding="utf-8")
    second = build(project, tmp_path / "b", formats=("docx",), documents=["raadsvoorstel"], rondes=[TOETREDING]).folder
    for slug in SLUGS.values():
        same = (first / f"raadsvoorstel-{TOETREDING}-{slug}.docx").read_bytes() == (second / f"raadsvoorstel-{TOETREDING}-{slug}.docx").read_bytes()
        assert same == (slug != "sliedrecht"), slug
    word = docx.Document(str(second / f"raadsvoorstel-{TOETREDING}-sliedrecht.docx"))
    assert "3. De raad van Sliedrecht wil een tussenevaluatie" in [p.text for p in word.paragraphs]


def _decision(project: Path, soort: str, extra: str = "", scenario_line: str = "") -> None:
    """One round only: the other rounds, their texts and their dates go."""
    import re

    (project / "rondes.yaml").unlink()
    path = project / "gemeenten.yaml"
    path.write_text(re.sub(r"      (principebesluit|zienswijze-begroting-2019):\n(        .*\n){4}", "",
                           path.read_text(encoding="utf-8")), encoding="utf-8")
    (project / "besluiten.yaml").write_text(
        "besluiten:\n  - id: toestemming-toetreding\n"
        f"    soort: {soort}\n    onderwerp: Een besluit om te toetsen\n{extra}{scenario_line}", encoding="utf-8")


GROUNDS = [  # the raden and the colleges are party to the Drechtsteden regulation
    ("toestemming-toetreding", "", "artikel 1, eerste, vierde en vijfde lid, van de Wet gemeenschappelijke regelingen en "
     "artikel 18 van de Gemeenschappelijke regeling Drechtsteden", "toestemming te verlenen om, voor zover het college "
     "aan de regeling deelneemt, eveneens in te stemmen met de toetreding"),
    ("toestemming-aangaan", "", "artikel 1, eerste en vierde lid, van de Wet gemeenschappelijke regelingen",
     "aan te gaan met ingang van 1 januari 2018"),
    ("toestemming-wijziging", "", "artikel 1, eerste, vierde en vijfde lid, van de Wet gemeenschappelijke regelingen "
     "en artikel 20 van de Gemeenschappelijke regeling Drechtsteden", "te wijzigen overeenkomstig het ontwerp van de wijzigingsregeling"),
    ("zienswijze-begroting", "    begrotingsjaar: 2018\n    zienswijze: De raad kan instemmen met de ontwerpbegroting.\n",
     "artikel 35, eerste en derde lid, van de Wet gemeenschappelijke regelingen en artikel 13 van de Gemeenschappelijke "
     "regeling Drechtsteden", "over de ontwerpbegroting 2018"),
    ("wensen-en-bedenkingen", "", "artikel 169, vierde lid, van de Gemeentewet",
     "geen wensen en bedenkingen ter kennis van het college te brengen"),
    ("voorbereidingskrediet", "    krediet: 500000\n    dekking: de algemene reserve\n", "de Gemeentewet",
     "een voorbereidingskrediet van"),
    ("principebesluit", "", "de Gemeentewet", "in te stemmen met het scenario ‘Volwaardige toetreding tot de GR Drechtsteden’"),
]


@pytest.mark.parametrize(("soort", "extra", "grounds", "point"), GROUNDS, ids=[g[0] for g in GROUNDS])
def test_raadsbesluit_formula_and_legal_basis_per_decision_kind(project, tmp_path, soort, extra, grounds, point):
    _decision(project, soort, extra)
    folder = build(project, tmp_path, formats=("docx",), gemeente="Zwijndrecht", documents=["raadsvoorstel"]).folder
    text = "\n".join(p.text for p in docx.Document(str(folder / "raadsvoorstel-toestemming-toetreding-zwijndrecht.docx")).paragraphs)
    assert "De raad van de gemeente Zwijndrecht;" in text
    assert f"gelet op {grounds}" in text
    assert "besluit:" in text and point in text
    if soort == "voorbereidingskrediet":
        share = largest_remainder(Decimal(500000), {g["naam"]: g["inwoners"] for g in GEMEENTEN})["Zwijndrecht"]
        assert f"een voorbereidingskrediet van {euro(share)}" in text
        assert "de lasten te dekken uit de algemene reserve;" in text


@pytest.mark.parametrize(("soort", "extra", "message", "where"), [
    ("toestemming-uittreding", "", 'bij "toestemming-uittreding" hoort een gemeente met rol: uittreder', (3, 12)),
    ("voorbereidingskrediet", "", 'bij "voorbereidingskrediet" hoort een bedrag: vul krediet in', (3, 12)),
    ("zienswijze-begroting", "    zienswijze: Akkoord.\n", 'bij "zienswijze-begroting" hoort het jaar van de begroting',
     (3, 12)),
    ("toestemming-toetreding", "    krediet: 10\n", '"krediet" hoort alleen bij een besluit "voorbereidingskrediet"',
     (5, 14)),
    ("toestemming-toetreding", "    orgaan: college\n", "wordt door de raad genomen, niet door het college", (5, 13)),
    ("zienswijze-regeling", "    zienswijze: Akkoord.\n", "de raden zijn zelf partij bij de regeling: het ontwerp gaat "
     "dan niet voor een zienswijze naar de raden (artikel 1, tweede lid, Wgr)", (3, 12)),
    ("zienswijze-begroting", "    begrotingsjaar: 2018\n    termijn_weken: 6\n    zienswijze: Akkoord.\n",
     "een termijn van 6 weken is korter dan de wet geeft (artikel 35, derde lid, Wgr", (6, 20)),
    ("toestemming-toetreding", "    artikelen: [toetreding, toetreden]\n", 'de regeling heeft geen artikel "toetreden"',
     (5, 29)),
])
def test_wrong_combination_is_a_positioned_error(project, soort, extra, message, where):
    _decision(project, soort, extra)
    with pytest.raises(ContentError) as caught:
        load_project(project)
    matches = [p for p in caught.value.problems if message in p.message]
    assert matches, [p.display() for p in caught.value.problems]
    problem = matches[0]
    assert problem.position.file.endswith("besluiten.yaml")
    assert (problem.position.line, problem.position.column) == where
    assert problem.display().startswith(f"{project / 'besluiten.yaml'}:{where[0]}:{where[1]}: besluiten[0].")


def test_unknown_local_gemeente_is_reported_with_suggestion(project):
    path = project / "raadsvoorstel.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    Hardinxveld-Giessendam:\n", "    Hardinxveld-Giesendam:\n"),
                    encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_project(project)
    [problem] = caught.value.problems
    assert 'bedoelde u "Hardinxveld-Giessendam"?' in problem.message
    assert problem.position.file.endswith("raadsvoorstel.yaml")


def test_house_style_template_is_applied(folder):
    dordrecht = docx.Document(str(folder / f"raadsvoorstel-{TOETREDING}-dordrecht.docx"))
    normal = dordrecht.styles["Normal"].element.rPr.rFonts
    assert normal.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}ascii") == "Arial"
    assert str(dordrecht.styles["Heading 1"].font.color.rgb) == "9B1B1F"  # the house style's red, as in stijl.css
    header = dordrecht.sections[0].header
    assert "Raadsvoorstel Dordrecht, nr. DOR-2017-1187" in [p.text for p in header.paragraphs]
    assert header._element.xpath(".//w:drawing"), "the logo is in the header"
    assert abs(dordrecht.sections[0].left_margin.cm - 3.0) < 0.01
    footer = dordrecht.sections[0].footer  # one footer in Word and PDF: "Pagina X van Y" (issue 12)
    assert [p.text for p in footer.paragraphs] == ["Pagina 1 van 1"] and "NUMPAGES" in footer._element.xml

    papendrecht = docx.Document(str(folder / f"raadsvoorstel-{TOETREDING}-papendrecht.docx"))
    fonts = papendrecht.styles["Normal"].element.rPr.rFonts
    assert fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}ascii") == "Arial"
    assert [p.text for p in papendrecht.sections[0].header.paragraphs] == ["Raadsvoorstel Papendrecht, nr. 2017-03361"]

    with pikepdf.open(folder / f"raadsvoorstel-{TOETREDING}-dordrecht.pdf") as pdf:
        assert len(pdf.pages[0].get_images()) == 1, "the Dordrecht logo is on the first page"
    with pikepdf.open(folder / f"raadsvoorstel-{TOETREDING}-papendrecht.pdf") as pdf:
        assert len(pdf.pages[0].get_images()) == 0


def test_hostile_gemeente_name_gives_a_safe_file_name(project, tmp_path):
    path = project / "gemeenten.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("naam: Sliedrecht", 'naam: "../../x"'), encoding="utf-8")
    finance = project / "financien.yaml"
    finance.write_text(finance.read_text(encoding="utf-8").replace("Sliedrecht,", '"../../x",'), encoding="utf-8")
    voorstel = project / "raadsvoorstel.yaml"
    out = tmp_path / "uit"
    result = build(project, out, formats=("docx",), gemeente="../../x", rondes=[TOETREDING])
    assert [p.name for p in result.report.written] == [f"raadsvoorstel-{TOETREDING}-x.docx"]
    assert (out / "drechtsteden" / f"raadsvoorstel-{TOETREDING}-x.docx").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "uit"]
    assert voorstel.is_file()


def test_same_file_name_for_two_gemeenten_is_an_error(project):
    path = project / "gemeenten.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("naam: Sliedrecht", "naam: DORDRECHT"), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_project(project)
    assert any("dezelfde bestandsnaam (dordrecht)" in p.message for p in caught.value.problems)


def test_one_gemeente_only(project, tmp_path):
    result = build(project, tmp_path, gemeente="dordrecht", formats=("docx",))
    assert sorted(p.name for p in result.report.written) == [
        "raadsvoorstel-principebesluit-dordrecht.docx", f"raadsvoorstel-{TOETREDING}-dordrecht.docx",
        "raadsvoorstel-zienswijze-begroting-2019-dordrecht.docx"]
    with pytest.raises(ContentError) as caught:
        build(project, tmp_path, gemeente="Gorinchem")
    assert "doet niet mee" in caught.value.problems[0].message


def test_parallel_and_sequential_builds_are_identical(project, tmp_path, monkeypatch):
    parallel = build(project, tmp_path / "p", formats=("docx",), documents=["raadsvoorstel"], rondes=[TOETREDING]).folder
    monkeypatch.setenv("SAMENWERKING_PROCESSEN", "1")
    sequential = build(project, tmp_path / "s", formats=("docx",), documents=["raadsvoorstel"], rondes=[TOETREDING]).folder
    names = sorted(p.name for p in parallel.iterdir())
    assert len([n for n in names if n.startswith("raadsvoorstel-")]) == 7
    for name in names:
        assert (parallel / name).read_bytes() == (sequential / name).read_bytes(), name


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is niet geïnstalleerd")
def test_opens_in_libreoffice(folder, tmp_path):
    """LibreOffice Writer reads the DOCX and lays it out to the same structure."""
    source = folder / f"raadsvoorstel-{TOETREDING}-dordrecht.docx"
    result = subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profiel", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)], capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    converted = tmp_path / f"raadsvoorstel-{TOETREDING}-dordrecht.pdf"
    flat = " ".join(pdf_text(converted).split())
    assert "Raadsvoorstel" in flat and "De raad van de gemeente Dordrecht;" in flat
    assert "Aldus vastgesteld in de openbare vergadering van 4 juli 2017." in flat
    share = largest_remainder(Decimal("150000"), {g["naam"]: g["inwoners"] for g in GEMEENTEN})["Dordrecht"]
    assert euro(share) in flat
