"""The plan van aanpak read back from the real DOCX and PDF of both examples."""

from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import docx
import pikepdf
import pytest
import yaml
from PIL import Image

from conftest import pdf_figures, pdf_text
from generator.build import jobs, load_project, produce, render

ROOT = Path(__file__).resolve().parent.parent
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")


def dutch(value) -> str:
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def euro(value: Decimal) -> str:
    return "€ " + f"{int(value):,}".replace(",", ".")


def source(example: str, name: str) -> dict:
    return yaml.safe_load((ROOT / "content" / example / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def word(drechtsteden_build):
    return docx.Document(str(drechtsteden_build / "plan-van-aanpak.docx"))


@pytest.fixture(scope="module")
def pdf_path(drechtsteden_build):
    return drechtsteden_build / "plan-van-aanpak.pdf"


@pytest.fixture(scope="module")
def flat(pdf_path):
    return " ".join(pdf_text(pdf_path).split())


def table_with(word, header: list[str]):
    return next(t for t in word.tables if [c.text for c in t.rows[0].cells] == header)


def figures(pdf) -> list[str]:
    return pdf_figures(pdf)


# -- Drechtsteden ----------------------------------------------------------------------------


def test_chapters_are_numbered_in_order(word):
    chapters = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    assert chapters[0] == "Samenvatting"
    assert chapters[1:] == [
        "1. Aanleiding", "2. Doel en beoogd resultaat", "3. Scope", "4. Aanpak in fasen en stappen",
        "5. Projectorganisatie", "6. Planning", "7. Communicatie en participatie", "8. Risico's", "9. Budget",
        "10. Evaluatie",
    ]
    phases = [p.text for p in word.paragraphs if p.style.name == "Heading 2" and p.text.startswith("Fase")]
    assert phases == ["Fase 1. Bestuurlijke fase", "Fase 2. Implementatieplan", "Fase 3. Operationele fase",
                      "Fase 4. Beheersfase"]


def test_charts_in_word_are_print_resolution_pictures_with_alt_text(word, drechtsteden_build):
    shapes = word.inline_shapes
    assert len(shapes) == 2
    organigram, gantt = (shape._inline.docPr.get("descr") for shape in shapes)
    plan = source("drechtsteden", "plan-van-aanpak.yaml")["plan_van_aanpak"]
    for unit in plan["projectorganisatie"]["onderdelen"]:
        assert unit["naam"] in organigram
        if unit["soort"] == "deelproject":
            assert f'{unit["naam"]} ({unit["leider"]})' in organigram
    assert organigram.startswith("Organigram van de projectorganisatie. Bovenaan staat Bestuurlijke opdrachtgevers.")
    assert "Naast Stuurgroep invlechting staat als adviserende staf: Klankbordgroep ondernemingsraden." in organigram
    assert gantt.startswith("Gantt-diagram van de planning: 13 stappen in vier fasen, van 1 november 2016 tot en met "
                            "13 december 2018.")
    assert "De raden van zeven gemeenten besluiten over toetreding van Hardinxveld-Giessendam" in gantt
    assert "tussen 26 juni 2017 en 4 juli 2017" in gantt
    for shape in shapes:
        assert abs(shape.width.cm - 16.0) < 0.05 and shape.height.cm < 24.7  # fits the A4 text area
    with zipfile.ZipFile(drechtsteden_build / "plan-van-aanpak.docx") as archive:
        media = sorted(n for n in archive.namelist() if n.startswith("word/media/"))
        assert len(media) == 2 and all(n.endswith(".png") for n in media)
        for name in media:
            image = Image.open(io.BytesIO(archive.read(name)))
            assert round(image.info["dpi"][0]) == 300
            assert abs(image.width / 300 * 2.54 - 16.0) < 0.1


def test_charts_in_pdf_are_vector_graphics_with_alt_text(pdf_path):
    with pikepdf.open(pdf_path) as pdf:
        assert all(len(page.get_images()) == 0 for page in pdf.pages), "no raster images in the PDF"
        alts = figures(pdf)
        assert len(alts) == 2
        assert alts[0].startswith("Organigram van de projectorganisatie.")
        assert alts[1].startswith("Gantt-diagram van de planning: 13 stappen in vier fasen")
        paths = 0
        for page in pdf.pages:
            for xobject in page.Resources.get("/XObject", {}).values():
                if xobject.get("/Subtype") == "/Form":
                    paths += xobject.read_bytes().count(b" l\n") + xobject.read_bytes().count(b" c\n")
            paths += page.Contents.read_bytes().count(b" l\n") if "/Contents" in page else 0
        assert paths > 500, "the charts are drawn as paths"


def test_dates_are_in_dutch_format(flat, word):
    assert not re.search(r"\b(19|20)\d\d-\d\d-\d\d\b", flat), "no ISO dates in the document"
    milestones = table_with(word, ["Datum", "Mijlpaal"])
    planning = source("drechtsteden", "planning.yaml")["planning"]
    for mijlpaal in planning["mijlpalen"]:
        row = next(r for r in milestones.rows if r.cells[1].text == mijlpaal["omschrijving"])
        assert row.cells[0].text == dutch(mijlpaal["datum"])
    assert "Het project loopt van 1 november 2016 tot en met 13 december 2018." in flat
    assert "De samenwerking gaat in op 1 januari 2018." in flat


def test_council_meetings_per_gemeente_come_from_the_meeting_dates(word, flat):
    header = ["Gemeente", "College", "Raad", "Agendapunt", "Registratienummer"]
    tables = [t for t in word.tables if [c.text for c in t.rows[0].cells] == header]
    assert len(tables) == 3  # one per round: principebesluit, toetreding, zienswijze op de begroting 2019
    table = tables[1]
    gemeenten = source("drechtsteden", "gemeenten.yaml")["gemeenten"]
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert len(rows) == 7
    for gemeente, row in zip(gemeenten, rows):
        meeting = gemeente["besluitvorming"]["toestemming-toetreding"]
        assert row == [gemeente["naam"], dutch(meeting["college"]), dutch(meeting["raad"]), meeting["agendapunt"],
                       str(meeting["registratienummer"])]
    last = max(g["besluitvorming"]["toestemming-toetreding"]["raad"] for g in gemeenten)
    first = min(g["besluitvorming"]["toestemming-toetreding"]["raad"] for g in gemeenten)
    assert f"De laatste raad besluit op {dutch(last)}, 25 weken vóór de ingangsdatum." in flat
    milestones = [[c.text for c in r.cells] for r in table_with(word, ["Datum", "Mijlpaal"]).rows[1:]]
    derived = [row for row in milestones if "(uit de vergaderdata)" in row[1] and ": toetreding van Hardinxveld" in row[1]]
    assert [row[0] for row in derived] == [dutch(first), dutch(last)]
    assert derived[1][1].startswith("Besluitvorming in alle raden afgerond: toetreding van Hardinxveld")


def test_process_table_shows_the_adjustments(word, flat):
    assert "De aanpak volgt het standaardproces voor samenwerking in vier fasen en tien stappen." in flat
    assert "in stap 1 (Impactanalyse) is de rol van de raad geen in plaats van besluitvormend;" in flat
    assert "stap 5 (Principe-uitspraak van de raad) vervalt: Het principebesluit van de zeven raden" in flat
    assert "stap 14 (Evaluatie na een jaar) is toegevoegd in fase 4." in flat
    first = table_with(word, ["Stap", "Resultaat", "Raad", "Periode"])
    rows = {row.cells[0].paragraphs[0].text: [c.text for c in row.cells] for row in first.rows[1:]}
    assert rows["3. Beeldvormende bijeenkomst zeven raden"][2:] == ["beeldvormend", "20 februari 2017 – 14 maart 2017"]
    assert rows["5. Principe-uitspraak van de raad"][1].startswith("Vervalt.")
    assert rows["8. Toestemming van de zeven raden"][2] == "besluitvormend"


def test_project_organisation_has_every_role(word):
    table = table_with(word, ["Deelproject", "Deelprojectleider", "Opdracht"])
    plan = source("drechtsteden", "plan-van-aanpak.yaml")["plan_van_aanpak"]
    expected = [(u["naam"], u["leider"]) for u in plan["projectorganisatie"]["onderdelen"] if u["soort"] == "deelproject"]
    assert [(r.cells[0].text, r.cells[1].text) for r in table.rows[1:]] == expected
    headings = [p.text for p in word.paragraphs if p.style.name == "Heading 2"]
    for role in ("Bestuurlijke opdrachtgevers", "Stuurgroep invlechting", "Programmamanager",
                 "Kwartiermaker regieorganisatie", "Projectgroep", "Klankbordgroep ondernemingsraden"):
        assert role in headings


def test_risks_from_high_to_low_each_with_an_owner(word):
    table = table_with(word, ["Nr.", "Risico en gevolg", "K", "I", "K×I", "Beheersmaatregel", "Eigenaar"])
    plan = source("drechtsteden", "plan-van-aanpak.yaml")["plan_van_aanpak"]
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert len(rows) == len(plan["risicos"])
    scores = [int(row[4].split()[0]) for row in rows]
    assert scores == sorted((r["kans"] * r["impact"] for r in plan["risicos"]), reverse=True)
    assert [row[0] for row in rows] == [str(n) for n in range(1, len(rows) + 1)]
    for row in rows:
        risk = next(r for r in plan["risicos"] if row[1].startswith(r["risico"]))
        assert row[2:4] == [str(risk["kans"]), str(risk["impact"])]
        assert row[6] == risk["eigenaar"]
        label = row[4].split()[1]
        score = risk["kans"] * risk["impact"]
        assert label == ("hoog" if score >= 15 else "midden" if score >= 6 else "laag")


def test_budget_comes_from_the_businesscase_and_matches_every_proposal(word, flat, drechtsteden_build):
    """One source for every figure: the plan's budget is the incidental cost of the preferred
    scenario in the chosen categories, and each gemeente's cover is its share in its raadsvoorstel."""
    finance = source("drechtsteden", "financien.yaml")["financien"]
    categories = {"transitiekosten", "ict-harmonisatie", "huisvesting"}
    [scenario] = [s for s in finance["scenarios"] if s["scenario"] == "toetreding"]
    lines = [r for r in scenario["regels"] if r["soort"] == "incidenteel" and r["categorie"] in categories]
    per_year: dict[int, Decimal] = {}
    for line in lines:
        for year, amount in line["bedragen"].items():
            per_year[year] = per_year.get(year, Decimal(0)) + Decimal(amount)
    total = sum(per_year.values())
    assert (total, sorted(per_year)) == (Decimal(1680000), [2018, 2019])
    table = table_with(word, ["Post", "Categorie", "2018", "2019", "Totaal"])
    assert [c.text for c in table.rows[-1].cells] == ["Totaal", "", euro(per_year[2018]), euro(per_year[2019]),
                                                      euro(total)]
    assert [r.cells[0].text for r in table.rows[1:-1]] == [line["omschrijving"] for line in lines]
    assert f"Budget {euro(total)} (2018–2019), volledig gedekt" in flat

    cover = table_with(word, ["Bron", "Bedrag"])
    rows = {r.cells[0].text: r.cells[1].text for r in cover.rows[1:]}
    names = [line["omschrijving"] for line in lines]
    for gemeente, amount in rows.items():
        if gemeente == "Totaal":
            continue
        slug = gemeente.removeprefix("Gemeente ").lower()
        proposal = docx.Document(str(drechtsteden_build / f"raadsvoorstel-toestemming-toetreding-{slug}.docx"))
        opbouw = next(t for t in proposal.tables if t.rows[0].cells[0].text == "Kostenregel")
        shares = [amount_of(r.cells[3].text) for r in opbouw.rows[1:] if r.cells[0].text in names]
        assert amount_of(amount) == sum(shares), gemeente
    assert sum(amount_of(v) for k, v in rows.items() if k != "Totaal") == total
    assert amount_of(rows["Totaal"]) == total


def amount_of(text: str) -> Decimal:
    return Decimal(text.replace("€ ", "").replace(".", "").replace(",", "."))


def test_word_tables_have_widths_that_follow_their_content(word):
    """The generic Word writer sizes columns like a browser: narrow number columns, wide text columns."""
    table = table_with(word, ["Nr.", "Risico en gevolg", "K", "I", "K×I", "Beheersmaatregel", "Eigenaar"])
    widths = [column.width.cm for column in table.columns]
    assert abs(sum(widths) - 16.0) < 0.05
    assert widths[2] < 1.2 and widths[1] > 3 * widths[2]
    amounts = table_with(word, ["Post", "Categorie", "2018", "2019", "Totaal"])
    assert all(cell.width.cm >= 1.7 for cell in amounts.rows[-1].cells[2:])  # € 1.680.000 fits on one line


def test_pdf_has_the_same_text(flat):
    assert "Plan van aanpak" in flat
    assert "Opdrachtgever Bestuurlijke opdrachtgevers: mr. P.L. van der Wal, voorzitter Drechtstedenbestuur en " \
        "drs. F.J. de Ridder, burgemeester Hardinxveld-Giessendam" in flat
    assert "10. Evaluatie" in flat and "13 december 2018 aan de Drechtraad voor" in flat


# -- Oost Groningen Digitaal: an own process -----------------------------------------------------


@pytest.fixture(scope="module")
def oost_groningen():
    project = load_project(ROOT / "content" / "oost-groningen-ict")
    [job] = [j for j in jobs(project) if j.name == "plan-van-aanpak"]
    return project, job, produce(render(project, job), ("docx", "pdf"))


def test_own_process_in_the_document(oost_groningen, tmp_path):
    _, _, files = oost_groningen
    (tmp_path / "plan.pdf").write_bytes(files["plan-van-aanpak.pdf"])
    flat = " ".join(pdf_text(tmp_path / "plan.pdf").split())
    assert "De aanpak bestaat uit vier fasen en negen stappen die voor deze samenwerking zijn opgesteld." in flat
    assert "Fase 3. Samen verder of opschalen" in flat
    word = docx.Document(io.BytesIO(files["plan-van-aanpak.docx"]))
    gantt = word.inline_shapes[1]._inline.docPr.get("descr")
    assert gantt.startswith("Gantt-diagram van de planning: 9 stappen in vier fasen, van 1 februari 2012 tot en met "
                            "31 december 2012.")
    assert "De raden van vijf gemeenten besluiten over toestemming voor het aangaan" in gantt
    table = table_with(word, ["Post", "Beheerd door", "Totaal"])  # posts without a year: one amount column
    posts = source("oost-groningen-ict", "plan-van-aanpak.yaml")["plan_van_aanpak"]["budget"]["posten"]
    assert table.rows[-1].cells[-1].text == euro(sum(Decimal(p["bedrag"]) for p in posts))


def test_plan_is_reproducible(oost_groningen):
    project, job, files = oost_groningen
    again = produce(render(project, job), ("docx", "pdf"))
    assert again == files
