"""The businesscase read back from the real DOCX and PDF: sections, figures a controller can
recompute from the YAML, shares that add up to the cent, charts in both formats, and the same
gemeente share in the businesscase and in a per-gemeente document."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import docx
import pikepdf
import pytest
import yaml
from docx.enum.text import WD_ALIGN_PARAGRAPH

from conftest import CONTENT, pdf_figures, pdf_text
from generator.build import build

GEMEENTEN = ["Alblasserdam", "Dordrecht", "Hendrik-Ido-Ambacht", "Papendrecht", "Sliedrecht", "Zwijndrecht",
             "Hardinxveld-Giessendam"]


def euro(text: str) -> Decimal:
    """'€ -1.234.567,89' → Decimal('-1234567.89')."""
    match = re.fullmatch(r"€ (-?[\d.]+)(?:,(\d\d))?", text.strip())
    assert match, f"geen bedrag: {text!r}"
    whole = match.group(1).replace(".", "")
    return Decimal(whole + "." + (match.group(2) or "00"))


def tables_by_caption(document) -> dict[str, list[list[str]]]:
    """Every table with the Caption paragraph right before it, as rows of cell texts."""
    result: dict[str, list[list[str]]] = {}
    caption = None
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = docx.text.paragraph.Paragraph(child, document)
            caption = paragraph.text if paragraph.style.name == "Caption" else None
        elif tag == "tbl" and caption:
            table = docx.table.Table(child, document)
            result[caption] = [[cell.text for cell in row.cells] for row in table.rows]
            caption = None
    return result


@pytest.fixture(scope="module")
def word(drechtsteden_build):
    return docx.Document(str(drechtsteden_build / "businesscase.docx"))


@pytest.fixture(scope="module")
def tables(word):
    return tables_by_caption(word)


@pytest.fixture(scope="module")
def source():
    return yaml.safe_load((CONTENT / "drechtsteden" / "financien.yaml").read_text(encoding="utf-8"))["financien"]


def recompute(source: dict, scenario: str) -> dict[int, Decimal]:
    """A controller's recomputation of the net cost per year, straight from the YAML (docs/financien.md)."""
    years = range(source["horizon"]["van"], source["horizon"]["tot"] + 1)
    sign = {"lasten": 1, "incidenteel": 1, "besparing": -1, "baten": -1}
    [entry] = [s for s in source["scenarios"] if s["scenario"] == scenario]
    net = {year: Decimal(0) for year in years}
    for line in entry["regels"]:
        for year in years:
            if "bedragen" in line:
                amount = Decimal(line["bedragen"].get(year, 0))
            else:
                ramp = line.get("ingroei")
                passed = [y for y in ramp or {} if y <= year]
                percentage = 100 if ramp is None else (ramp[max(passed)] if passed else 0)
                if year < line.get("vanaf", year):
                    percentage = 0
                amount = Decimal(line["bedrag"]) * percentage / 100
            net[year] += sign[line["soort"]] * amount
    return net


# -- structure -----------------------------------------------------------------------------


def test_sections_in_order(word):
    styled = [(p.style.name, p.text) for p in word.paragraphs if p.text.strip()]
    assert styled[0] == ("Title", "Businesscase")
    assert [text for style, text in styled if style == "Heading 1"] == [
        "Samenvatting", "Aanleiding", "Probleemanalyse", "Scenario's", "Uitgangspunten van de berekening",
        "Financiële vergelijking", "Multicriteria-afweging", "Effect per gemeente", "Risico's", "Advies",
        "Bijlage 1. Kostenregels per scenario", "Bijlage 2. Financiële gevolgen per gemeente",
    ]
    headings2 = [text for style, text in styled if style == "Heading 2"]
    for name in ("Zelfstandig verder in Avres", "Diensten afnemen zonder toetreding",
                 "Volwaardige toetreding tot de GR Drechtsteden (voorkeursscenario)", "Huidige situatie (IST)"):
        assert name in headings2


# -- figures a controller can recompute --------------------------------------------------------


@pytest.mark.parametrize("scenario, naam", [
    ("nulscenario", "Zelfstandig verder in Avres"),
    ("dienstverlening", "Diensten afnemen zonder toetreding"),
    ("toetreding", "Volwaardige toetreding tot de GR Drechtsteden"),
])
def test_multi_year_table_matches_the_yaml(tables, source, scenario, naam):
    rows = tables[f"Meerjarenraming ‘{naam}’"]
    assert rows[0] == ["Jaar", "Structurele lasten", "Besparingen", "Structurele baten", "Incidentele lasten",
                       "Netto lasten"]
    expected = recompute(source, scenario)
    body = rows[1:-1]
    assert [int(row[0]) for row in body] == list(expected)
    for row in body:
        lasten, besparingen, baten, incidenteel, netto = (euro(cell) for cell in row[1:])
        assert netto == lasten - besparingen - baten + incidenteel
        assert netto == expected[int(row[0])]
    total = rows[-1]
    assert total[0] == "Totaal"
    assert euro(total[5]) == sum(expected.values())


def test_hand_computed_totals_and_payback(tables):
    summary = tables["De scenario's op hoofdlijnen, 2018 tot en met 2024"]
    by_name = {row[0]: row for row in summary[1:]}
    # Nulscenario: 7 × (3.450.000 + 1.850.000 + 280.000 + 9.600.000) + 350.000.
    assert euro(by_name["Zelfstandig verder in Avres (referentie)"][1]) == Decimal(106_610_000)
    # Toetreding: 7 × 17.050.000 − 2.850.000 × (0,7 + 0,9 + 5) + 3.180.000 incidenteel.
    toetreding = by_name["Volwaardige toetreding tot de GR Drechtsteden (voorkeur)"]
    assert euro(toetreding[1]) == Decimal(103_720_000)
    assert euro(toetreding[2]) == Decimal(2_890_000)
    # Cumulatief verschil: −2.545.000, −2.010.000, −1.030.000, −50.000, +930.000 in 2022.
    assert toetreding[3] == "2022"
    assert by_name["Diensten afnemen zonder toetreding"][3] == "niet binnen de horizon"
    # Weighted scores, e.g. nulscenario 0,25×2 + 0,25×1 + 0,2×3 + 0,2×3 + 0,1×5 = 2,45.
    assert [row[-1] for row in summary[1:]] == ["2,45", "2,65", "3,90"]


def test_shares_per_gemeente_add_up_to_the_cent(tables):
    rows = tables["Netto lasten per gemeente, 2018 tot en met 2024"]
    body, total = rows[1:-1], rows[-1]
    assert [row[0] for row in body] == GEMEENTEN
    for column in (1, 2, 3):
        assert sum(euro(row[column]) for row in body) == euro(total[column])
    assert euro(total[1]) == Decimal(103_720_000)
    hardinxveld = dict((row[0], row) for row in body)["Hardinxveld-Giessendam"]
    # In the nulscenario Hardinxveld-Giessendam pays its own lines: 7 × 5.580.000 + 350.000.
    assert euro(hardinxveld[2]) == Decimal(39_410_000)
    # Every appendix table ends with the same total as the gemeente's row here.
    for row in body:
        appendix = next(t for caption, t in tables.items()
                        if caption.startswith(f"Financiële gevolgen voor de gemeente {row[0]}:"))
        assert appendix[-1][0] == "Totaal" and appendix[-1][4] == row[1]
        assert appendix[-1][5] == row[3]


def test_key_shares_are_shown_for_the_controller(tables):
    rows = tables["Aandeel van elke gemeente per verdeelsleutel"]
    header = rows[0]
    dordrecht = dict(zip(header, next(r for r in rows if r[0] == "Dordrecht")))
    # 118.426 / 288.658 = 41,026...% and 118.426 / 270.767 = 43,737...%
    assert dordrecht["Inwonertal, zeven deelnemers"] == "41,03%"
    assert dordrecht["Inwonertal, zes zittende deelnemers"] == "43,74%"
    assert dordrecht["Gelijke delen"] == "14,29%"
    hardinxveld = dict(zip(header, rows[-1]))
    # Half for Hardinxveld-Giessendam plus half of its 17.891 / 288.658 = 50% + 3,099% = 53,10%.
    assert hardinxveld["Helft Hardinxveld-Giessendam, helft naar inwonertal"] == "53,10%"


def test_numbers_right_aligned_and_total_rows_bold(word):
    table = next(t for t in word.tables if t.rows[0].cells[0].text == "Jaar"
                 and t.rows[0].cells[1].text == "Structurele lasten")
    for row in table.rows[1:]:
        for cell in row.cells[1:]:
            assert cell.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    total = table.rows[-1]
    assert all(run.bold for cell in total.cells for run in cell.paragraphs[0].runs if run.text.strip())
    assert not any(run.bold for run in table.rows[1].cells[1].paragraphs[0].runs)


def test_column_widths_reach_word(word):
    """<colgroup> widths become the Word table grid (a fixed layout), in proportion to 16 cm."""
    table = next(t for t in word.tables if t.rows[0].cells[0].text == "Risico")
    grid = [int(col.get(docx.oxml.ns.qn("w:w"))) for col in table._tbl.tblGrid.iterchildren()]
    text_width_twips = 16 / 2.54 * 1440
    assert [round(w / text_width_twips * 100) for w in grid] == [28, 13, 13, 13, 33]
    assert table._tbl.tblPr.find(docx.oxml.ns.qn("w:tblLayout")).get(docx.oxml.ns.qn("w:type")) == "fixed"


# -- charts ------------------------------------------------------------------------------


def test_charts_in_docx_are_pictures_with_alt_text(word, drechtsteden_build):
    pictures = word.inline_shapes
    assert len(pictures) == 2
    descriptions = [p._inline.docPr.get("descr") for p in pictures]
    assert descriptions[0].startswith("Staafdiagram van het verschil in netto lasten met het scenario "
                                      "‘Zelfstandig verder in Avres’, voor alle gemeenten samen")
    assert "Volwaardige toetreding tot de GR Drechtsteden: 2018 € -2.545.000; 2019 € 535.000" in descriptions[0]
    assert descriptions[1].startswith("Lijndiagram van het cumulatieve verschil")
    assert "terugverdiend in 2022" in descriptions[1]
    assert "Diensten afnemen zonder toetreding: laagste stand € -2.540.000 in 2018, € -330.000 in 2024, " \
           "niet terugverdiend binnen de horizon" in descriptions[1]
    for picture in pictures:
        assert abs(picture.width.cm - 16) < 0.1
    captions = [p.text for p in word.paragraphs if p.style.name == "Caption" and "Avres’," in p.text]
    assert any(c.startswith("Cumulatief verschil met het scenario") for c in captions)


def test_charts_in_pdf_are_vector_with_alt_text(drechtsteden_build):
    with pikepdf.open(drechtsteden_build / "businesscase.pdf") as pdf:
        assert all(len(page.get_images()) == 0 for page in pdf.pages), "charts are vector drawings, not images"
        figures = pdf_figures(pdf)
        drawn = [page for page in pdf.pages if page.Contents.read_bytes().count(b" l\n") > 100]
        assert drawn, "the chart lines and bars are vector paths"
    assert any(alt.startswith("Staafdiagram van het verschil") for alt in figures)
    assert any(alt.startswith("Lijndiagram van het cumulatieve verschil") for alt in figures)


def test_pdf_text_has_the_same_figures(drechtsteden_build, tables):
    flat = " ".join(pdf_text(drechtsteden_build / "businesscase.pdf").split())
    assert "Businesscase" in flat
    assert "€ 103.720.000" in flat and "€ 106.610.000" in flat
    for row in tables["Netto lasten per gemeente, 2018 tot en met 2024"][1:]:
        assert f"{row[0]} {row[1]} {row[2]} {row[3]}" in flat.replace("Hendrik-Ido- Ambacht", "Hendrik-Ido-Ambacht") \
            .replace("Hardinxveld- Giessendam", "Hardinxveld-Giessendam")
    assert re.search(r"Pagina 1 van \d+", flat)


# -- one source for every figure -------------------------------------------------------------


def test_same_gemeente_share_in_businesscase_and_per_gemeente_documents(project, tmp_path, tables):
    """A per-gemeente document that shows 'this gemeente's share' through the shared macro (as the
    raadsvoorstel does) shows exactly the figures of the businesscase; so does every other
    per-gemeente document in the build that has such a table."""
    folder = project / "sjablonen" / "documenten"
    folder.mkdir(parents=True)
    (folder / "aandeeltest.yaml").write_text(
        "titel: Aandeel\nsjabloon: documenten/aandeeltest.html.j2\nper_gemeente: true\nvereist: [financien]\n",
        encoding="utf-8")
    (folder / "aandeeltest.html.j2").write_text(
        '{% extends "basis.html.j2" %}{% from "financien/macros.html.j2" import aandeel_tabel %}'
        "{% block inhoud %}<h1>Aandeel {{ gemeente.naam }}</h1>"
        "{{ aandeel_tabel(afgeleid.financien.aandeel(gemeente)) }}{% endblock %}", encoding="utf-8")
    out = build(project, tmp_path, formats=("docx",), documents=["aandeeltest", "raadsvoorstel"]).folder
    compared = set()
    for path in sorted(out.glob("*-*.docx")):
        for caption, rows in tables_by_caption(docx.Document(str(path))).items():
            if caption.startswith("Financiële gevolgen voor de gemeente "):
                assert rows == tables[caption], f"{path.name}: {caption}"
                compared.add((path.name.split("-")[0], caption.split(":")[0].rsplit(" ", 1)[-1]))
    assert {g for doc, g in compared if doc == "aandeeltest"} == set(GEMEENTEN)
    assert {g for doc, g in compared if doc == "raadsvoorstel"} == set(GEMEENTEN), "the raadsvoorstellen use the engine"


# -- the second example --------------------------------------------------------------------


@pytest.fixture(scope="module")
def groningen(tmp_path_factory) -> Path:
    return build(CONTENT / "oost-groningen-ict", tmp_path_factory.mktemp("og"), formats=("docx",),
                 documents=["businesscase"]).folder


def test_oost_groningen_uses_history_use_and_fixed_plus_variable_keys(groningen):
    found = tables_by_caption(docx.Document(str(groningen / "businesscase.docx")))
    keys = found["Aandeel van elke gemeente per verdeelsleutel"]
    assert keys[0] == ["Gemeente", "ICT-budget 2011", "Werkplekken", "Vaste voet en inwonertal", "Gelijke delen"]
    veendam = next(row for row in keys if row[0] == "Veendam")
    # 1.310.000 / 3.940.000 = 33,25%; 290 / 810 werkplekken = 35,80%;
    # 20% / 5 + 80% × 27.740 / 78.000 = 4% + 28,45% = 32,45%.
    assert veendam[1:4] == ["33,25%", "35,80%", "32,45%"]
    rows = found["Netto lasten per gemeente, 2013 tot en met 2017"]
    for column in (1, 2, 3):
        assert sum(euro(row[column]) for row in rows[1:-1]) == euro(rows[-1][column])


def test_charts_for_one_gemeente_state_its_own_figures(tables):
    """``grafiek("kasstroom", gemeente=...)``, as a raadsvoorstel would place it."""
    from generator import charts
    from generator.build import load_project

    project = load_project(CONTENT / "drechtsteden")
    chart = charts.registered("kasstroom")(project.inhoud, project.afgeleid, gemeente="Dordrecht")
    assert chart.alt.startswith("Lijndiagram van het cumulatieve verschil in netto lasten met het scenario "
                                "‘Zelfstandig verder in Avres’, voor de gemeente Dordrecht")
    dordrecht = next(row for row in tables["Netto lasten per gemeente, 2018 tot en met 2024"] if row[0] == "Dordrecht")
    # The last cumulative value is the gemeente's total difference, to the cent as in the table.
    assert f"{dordrecht[3]} in 2024, terugverdiend in {dordrecht[4]}" in chart.alt
    assert chart.caption.endswith("voor de gemeente Dordrecht (boven de nul: terugverdiend)")
    assert chart.svg.lstrip().startswith(b"<?xml") and chart.png.startswith(b"\x89PNG")
