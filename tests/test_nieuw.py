"""`samenwerking nieuw`: the skeleton passes the check and builds for every legal form.

The skeletons are made once per module; the documents are read back from DOCX and PDF.
Expected values come from the generated YAML read with plain PyYAML, or from the law and
the docs (docs/regeling.md), never from the code under test.
"""

from __future__ import annotations

import datetime
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest
import yaml
from click.testing import CliRunner
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import pdf_text
from generator import nieuw as nieuw_module
from generator.build import build, load_project
from generator.cli import main
from generator.nieuw import FILES, NieuwError, create, parse_gemeenten, yaml_scalar

VANDAAG = datetime.date(2026, 3, 12)
VORMEN = ["openbaar-lichaam", "bedrijfsvoeringsorganisatie", "gemeenschappelijk-orgaan", "centrumgemeente",
          "regeling-zonder-meer"]
MAANDEN = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december"]

# What docs/regeling.md says each form has: the basis in the aanhef and the article about its organs.
GRONDSLAG = {
    "openbaar-lichaam": "gelet op artikel 1 en artikel 8, eerste lid, van de Wet gemeenschappelijke regelingen",
    "bedrijfsvoeringsorganisatie": "gelet op artikel 1 en artikel 8, derde lid, van de Wet gemeenschappelijke regelingen",
    "gemeenschappelijk-orgaan": "gelet op artikel 1 en artikel 8, tweede lid, van de Wet gemeenschappelijke regelingen",
    "centrumgemeente": "gelet op artikel 1 en artikel 8, vierde lid, van de Wet gemeenschappelijke regelingen",
    "regeling-zonder-meer": "gelet op artikel 1 van de Wet gemeenschappelijke regelingen",
}
ORGAAN_ARTIKELEN = {
    "openbaar-lichaam": ["Samenstelling van het algemeen bestuur", "Samenstelling van het dagelijks bestuur",
                         "Voorzitter"],
    "bedrijfsvoeringsorganisatie": ["Het bestuur", "Voorzitter"],
    "gemeenschappelijk-orgaan": ["Het gemeenschappelijk orgaan"],
    "centrumgemeente": ["Centrumgemeente"],
    "regeling-zonder-meer": [],
}
# The provisions the Wgr asks of every regulation (docs/regeling.md, "De controle tegen de Wgr").
WGR_ARTIKELEN = ["Belang", "Toetreding", "Uittreding", "Wijziging", "Opheffing", "Zienswijzen van de raden",
                 "Betrokkenheid van inwoners en belanghebbenden", "Evaluatie", "Bekendmaking"]


def lang(day: datetime.date) -> str:
    return f"{day.day} {MAANDEN[day.month - 1]} {day.year}"


def data(folder: Path, name: str) -> dict:
    return yaml.safe_load((folder / name).read_text(encoding="utf-8"))


def paragraphs(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def everything(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


# -- every legal form: check and build ---------------------------------------------------------


@pytest.fixture(scope="module")
def skeletons(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    """One skeleton per legal form (made with the defaults), with every document built: in Word
    the ones whose text depends on the form (the regulation, the raadsvoorstel per gemeente and
    the intentieverklaring), in HTML the two with charts (businesscase, plan van aanpak)."""
    root = tmp_path_factory.mktemp("nieuw")
    result = {}
    for vorm in VORMEN:
        made = create(f"Proef {vorm}", vorm, parent=root / "content", vandaag=VANDAAG)
        out = build(made.folder, root / "uitvoer", ("docx",),
                    documents=["gemeenschappelijke-regeling", "raadsvoorstel", "intentieverklaring"]).folder
        build(made.folder, root / "uitvoer", ("html",), documents=["businesscase", "plan-van-aanpak"])
        result[vorm] = (made.folder, out)
    return result


@pytest.mark.parametrize("vorm", VORMEN)
def test_each_form_passes_the_check_with_every_document(skeletons, vorm):
    folder, _ = skeletons[vorm]
    runner = CliRunner()
    outcome = runner.invoke(main, ["check", str(folder)])
    assert outcome.exit_code == 0, outcome.output
    assert "in orde (3 gemeenten" in outcome.output
    for name in ("intentieverklaring", "businesscase", "plan-van-aanpak", "raadsvoorstel-principebesluit-gemeente-a",
                 "gemeenschappelijke-regeling"):
        assert name in outcome.output
    assert data(folder, "samenwerking.yaml")["samenwerking"]["vorm"] == vorm


@pytest.mark.parametrize("vorm", VORMEN)
def test_each_form_builds_a_regulation_that_fits_the_form(skeletons, vorm):
    folder, out = skeletons[vorm]
    text = paragraphs(out / "gemeenschappelijke-regeling.docx")
    citeertitel = data(folder, "regeling.yaml")["regeling"]["citeertitel"]
    assert text.count(citeertitel) >= 1
    assert any(line.startswith(GRONDSLAG[vorm]) for line in text), [t for t in text if "gelet op" in t]
    headings = [m.groups() for line in text if (m := re.fullmatch(r"Artikel (\d+)\. (.+)", line))]
    titles = [title for _, title in headings]
    # The articles are numbered 1, 2, 3, ... in the regulation itself (the explanation repeats some).
    first_pass = headings[:titles.index("Citeertitel") + 1]
    assert [int(number) for number, _ in first_pass] == list(range(1, len(first_pass) + 1))
    for title in WGR_ARTIKELEN + ORGAAN_ARTIKELEN[vorm]:
        assert title in titles, (vorm, title)
    assert ("Vereffening" in titles) == (vorm in ("openbaar-lichaam", "bedrijfsvoeringsorganisatie"))
    if vorm == "regeling-zonder-meer":
        assert not any(line.startswith("Er is een") for line in text)


@pytest.mark.parametrize("vorm", VORMEN)
def test_each_form_builds_a_raadsvoorstel_per_gemeente(skeletons, vorm):
    folder, out = skeletons[vorm]
    scenario = next(s for s in data(folder, "scenarios.yaml")["scenarios"] if s.get("voorkeur"))
    for gemeente in data(folder, "gemeenten.yaml")["gemeenten"]:
        name = gemeente["naam"]
        path = out / f"raadsvoorstel-principebesluit-{name.lower().replace(' ', '-')}.docx"
        text = everything(path)
        assert f"De raad van de gemeente {name};" in text
        assert f"in te stemmen met het scenario ‘{scenario['naam']}’ als voorkeursscenario" in text
        assert lang(gemeente["besluitvorming"]["principebesluit"]["raad"]) in text
    partijen = everything(out / "intentieverklaring.docx")
    for gemeente in data(folder, "gemeenten.yaml")["gemeenten"]:
        assert f"de gemeente {gemeente['naam']}, op grond van artikel 171 van de Gemeentewet" in partijen


@pytest.mark.parametrize("vorm", VORMEN)
def test_each_form_builds_the_businesscase_and_the_plan(skeletons, vorm):
    folder, out = skeletons[vorm]
    scenario = next(s for s in data(folder, "scenarios.yaml")["scenarios"] if s.get("voorkeur"))
    businesscase = (out / "businesscase.html").read_text(encoding="utf-8")
    assert f"{scenario['naam']} (voorkeursscenario)" in businesscase
    assert businesscase.count('<img src="data:image/svg+xml') == 2  # the comparison and the cash flow charts
    plan = (out / "plan-van-aanpak.html").read_text(encoding="utf-8")
    start = data(folder, "planning.yaml")["planning"]["stappen"][0]["start"]
    assert lang(start) in plan
    assert plan.count('<img src="data:image/svg+xml') == 2  # the Gantt chart and the organisation chart


# -- one full build, DOCX and PDF, through the command line -------------------------------------


@pytest.fixture(scope="module")
def volledig(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("volledig")
    runner = CliRunner()
    outcome = runner.invoke(main, ["nieuw", "ICT Oost", "--vorm", "bedrijfsvoeringsorganisatie",
                                   "--gemeenten", "Pekela, Veendam en Oldambt", "--map", str(root / "content")])
    assert outcome.exit_code == 0, outcome.output
    folder = root / "content" / "ict-oost"
    assert f"Nieuwe samenwerking in {folder}/" in outcome.output
    out = build(folder, root / "uitvoer").folder
    return folder, out


def test_a_full_build_makes_every_document_in_word_and_pdf(volledig):
    _, out = volledig
    names = ["intentieverklaring", "businesscase", "plan-van-aanpak", "gemeenschappelijke-regeling",
             "raadsvoorstel-principebesluit-pekela", "raadsvoorstel-principebesluit-veendam",
             "raadsvoorstel-principebesluit-oldambt"]
    for name in names:
        for suffix in (".docx", ".pdf"):
            assert (out / (name + suffix)).stat().st_size > 5000, name + suffix
    assert not set(p.stem for p in out.glob("*.pdf")) - set(names)


def test_the_pdfs_carry_the_values_of_the_yaml(volledig):
    folder, out = volledig
    samenwerking = data(folder, "samenwerking.yaml")["samenwerking"]
    gemeenten = data(folder, "gemeenten.yaml")["gemeenten"]
    veendam = next(g for g in gemeenten if g["naam"] == "Veendam")
    raadsvoorstel = " ".join(pdf_text(out / "raadsvoorstel-principebesluit-veendam.pdf").split())
    assert "Raadsvoorstel Veendam" in raadsvoorstel
    assert lang(veendam["besluitvorming"]["principebesluit"]["raad"]) in raadsvoorstel
    assert lang(veendam["besluitvorming"]["principebesluit"]["college"]) in raadsvoorstel
    assert "Samenwerken in een bedrijfsvoeringsorganisatie" in raadsvoorstel

    regeling = " ".join(pdf_text(out / "gemeenschappelijke-regeling.pdf").split())
    assert "De colleges van burgemeester en wethouders van de gemeenten Oldambt, Pekela en Veendam" in regeling
    assert "Er is een bedrijfsvoeringsorganisatie, genaamd ICT Oost." in regeling
    assert f"De regeling treedt in werking op {lang(samenwerking['ingangsdatum'])}." in regeling

    plan = " ".join(pdf_text(out / "plan-van-aanpak.pdf").split())
    planning = data(folder, "planning.yaml")["planning"]
    first = planning["stappen"][0]
    assert lang(first["start"]) in plan
    assert "Bestuurlijk opdrachtgevers" in plan

    businesscase = " ".join(pdf_text(out / "businesscase.pdf").split())
    for scenario in data(folder, "scenarios.yaml")["scenarios"]:
        assert scenario["naam"] in businesscase


# -- the YAML: comments, and a value changed by hand ---------------------------------------------


def test_every_file_explains_itself_in_comments(skeletons):
    folder, _ = skeletons["openbaar-lichaam"]
    assert sorted(p.name for p in folder.iterdir()) == sorted(FILES)
    for name in FILES:
        lines = (folder / name).read_text(encoding="utf-8").splitlines()
        comments = [line for line in lines if line.lstrip().startswith("#")]
        assert lines[0].startswith("# "), name
        assert len(comments) >= 3, name
        assert any("docs/" in line for line in comments), f"{name} wijst niet naar de documentatie"
    regeling = (folder / "regeling.yaml").read_text(encoding="utf-8")
    # Comments next to the keys they explain, not only at the top.
    assert re.search(r"# De deelnemende gemeente die de regeling bekendmaakt.*\n  bekendmaking: ", regeling)
    placeholders = " ".join((folder / name).read_text(encoding="utf-8") for name in FILES)
    assert placeholders.count("Beschrijf hier") >= 20
    assert "N.N." in placeholders and "(invullen)" in placeholders


def test_editing_a_value_in_the_yaml_changes_the_document(skeletons, tmp_path):
    source, _ = skeletons["openbaar-lichaam"]
    folder = tmp_path / "content" / source.name
    shutil.copytree(source, folder)
    file = folder / "raadsvoorstel.yaml"
    before = file.read_text(encoding="utf-8")
    edited = before.replace("    - kop: Beschrijf hier het eerste argument in één zin\n",
                            "    - kop: Samen zijn de gemeenten minder kwetsbaar\n")
    edited = edited.replace("  besluit: principebesluit\n", "  besluit: toestemming-aangaan\n")
    assert edited.count("\n") == before.count("\n") and edited != before
    file.write_text(edited, encoding="utf-8")
    # The comments are still there, and the edited file still passes the check.
    assert [line for line in edited.splitlines() if line.lstrip().startswith("#")] == \
           [line for line in before.splitlines() if line.lstrip().startswith("#")]
    out = build(folder, tmp_path / "uitvoer", ("docx",), documents=["raadsvoorstel"], gemeente="Gemeente B").folder
    text = everything(out / "raadsvoorstel-toestemming-aangaan-gemeente-b.docx")
    assert "1. Samen zijn de gemeenten minder kwetsbaar" in text
    assert "Beschrijf hier het eerste argument" not in text
    regeling = data(folder, "samenwerking.yaml")["samenwerking"]["regeling"]
    ingang = data(folder, "samenwerking.yaml")["samenwerking"]["ingangsdatum"]
    assert f"het college toestemming te verlenen de {regeling} aan te gaan met ingang van {lang(ingang)}" in text
    raad = data(folder, "gemeenten.yaml")["gemeenten"][1]["besluitvorming"]["toestemming-aangaan"]["raad"]
    assert f"Aldus vastgesteld in de openbare vergadering van {lang(raad)}." in text


# -- dates ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("vandaag", [datetime.date(2026, 3, 12), datetime.date(2027, 12, 31),
                                     datetime.date(2028, 2, 29), datetime.date(2029, 1, 1)])
def test_dates_are_in_the_future_and_consistent(tmp_path, vandaag):
    folder = create("Datumproef", "centrumgemeente", ["Aa", "Bb", "Cc", "Dd"], tmp_path, vandaag).folder
    samenwerking = data(folder, "samenwerking.yaml")["samenwerking"]
    ingang = samenwerking["ingangsdatum"]
    assert samenwerking["datum"] == vandaag
    assert ingang.month == 1 and ingang.day == 1 and ingang > vandaag
    planning = data(folder, "planning.yaml")["planning"]
    steps = planning["stappen"]
    assert steps[0]["start"] > vandaag
    for previous, step in zip(steps, steps[1:10]):
        assert previous["eind"] < step["start"], (previous["id"], step["id"])
    for step in steps:
        assert step["start"] <= step["eind"]
    by_id = {s["id"]: s for s in steps}
    stap = {b["id"]: b["processtap"] for b in data(folder, "besluiten.yaml")["besluiten"]}
    order = [s["id"] for s in steps]
    for gemeente in data(folder, "gemeenten.yaml")["gemeenten"]:
        for besluit, vergadering in gemeente["besluitvorming"].items():
            assert vandaag < vergadering["college"] < vergadering["raad"] < ingang
            step = by_id[order[stap[besluit] - 1]]  # the n-th step of the standard process
            assert step["start"] <= vergadering["college"] and vergadering["raad"] <= step["eind"]
    verklaring = data(folder, "intentieverklaring.yaml")["intentieverklaring"]
    assert by_id["onderhandeling"]["start"] <= verklaring["datum"] <= by_id["onderhandeling"]["eind"]
    assert data(folder, "financien.yaml")["financien"]["horizon"]["van"] == ingang.year
    assert data(folder, "versies.yaml")["versies"][-1]["datum"] == vandaag


# -- refusing, all or nothing ------------------------------------------------------------------------


def test_an_existing_folder_is_refused_and_left_alone(tmp_path):
    existing = tmp_path / "content" / "mijn-regio"
    existing.mkdir(parents=True)
    (existing / "eigen.yaml").write_text("mijn: werk\n", encoding="utf-8")
    outcome = CliRunner().invoke(main, ["nieuw", "Mijn regio", "--map", str(tmp_path / "content")])
    assert outcome.exit_code == 2
    assert "bestaat al; er is niets geschreven" in outcome.output
    assert [p.name for p in existing.iterdir()] == ["eigen.yaml"]
    assert (existing / "eigen.yaml").read_text(encoding="utf-8") == "mijn: werk\n"
    assert [p.name for p in (tmp_path / "content").iterdir()] == ["mijn-regio"]


def test_an_existing_empty_folder_is_refused_too(tmp_path):
    (tmp_path / "mijn-regio").mkdir()
    with pytest.raises(NieuwError, match="bestaat al"):
        create("Mijn regio", parent=tmp_path, vandaag=VANDAAG)
    assert list((tmp_path / "mijn-regio").iterdir()) == []


def test_a_skeleton_that_fails_the_check_leaves_nothing_behind(tmp_path, monkeypatch):
    real = nieuw_module.render_files

    def broken(*args, **kwargs):
        files = real(*args, **kwargs)
        files["gemeenten.yaml"] = files["gemeenten.yaml"].replace("inwoners: 10000", "inwoners: veel", 1)
        return files

    monkeypatch.setattr(nieuw_module, "render_files", broken)
    with pytest.raises(NieuwError) as error:
        create("Kapot", parent=tmp_path / "content", vandaag=VANDAAG)
    message = str(error.value)
    assert "haalt de controle niet; er is niets geschreven" in message
    # The position names the final place of the file, not the temporary folder.
    assert re.search(r"content/kapot/gemeenten\.yaml:\d+:\d+: gemeenten\[0\]\.inwoners", message), message
    assert list((tmp_path / "content").iterdir()) == []


def test_a_folder_made_in_the_meantime_is_not_overwritten(tmp_path, monkeypatch):
    target = tmp_path / "race"
    real = nieuw_module._check

    def meanwhile(folder, final):
        result = real(folder, final)
        final.mkdir()
        (final / "van-een-ander.txt").write_text("eerst", encoding="utf-8")
        return result

    monkeypatch.setattr(nieuw_module, "_check", meanwhile)
    with pytest.raises(NieuwError, match="bestaat al"):
        create("Race", parent=tmp_path, vandaag=VANDAAG)
    assert [p.name for p in target.iterdir()] == ["van-een-ander.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["race"]  # no temporary folder left


def test_a_map_that_is_a_file_is_refused(tmp_path):
    (tmp_path / "bestand").write_text("", encoding="utf-8")
    outcome = CliRunner().invoke(main, ["nieuw", "X", "--map", str(tmp_path / "bestand")])
    assert outcome.exit_code == 2 and "is geen map" in outcome.output
    outcome = CliRunner().invoke(main, ["nieuw", "X", "--map", str(tmp_path / "bestand" / "onder")])
    assert outcome.exit_code == 1 and "er is niets geschreven" in outcome.output
    assert "interne fout" not in outcome.output
    assert [p.name for p in tmp_path.iterdir()] == ["bestand"]


def test_the_folder_appears_at_once_with_normal_permissions(tmp_path):
    made = create("Rechten", parent=tmp_path, vandaag=VANDAAG)
    assert [p.name for p in tmp_path.iterdir()] == ["rechten"]
    mask = os.umask(0)
    os.umask(mask)
    assert made.folder.stat().st_mode & 0o777 == 0o777 & ~mask


# -- names -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("Dordrecht, Zwijndrecht en Papendrecht", ["Dordrecht", "Zwijndrecht", "Papendrecht"]),
    ("  Dordrecht ,Zwijndrecht,,  en   Papendrecht  ", ["Dordrecht", "Zwijndrecht", "Papendrecht"]),
    ("Dordrecht, Zwijndrecht, en Papendrecht", ["Dordrecht", "Zwijndrecht", "Papendrecht"]),
    ("Veenendaal en Renswoude", ["Veenendaal", "Renswoude"]),
    ("Enkhuizen,Putten\nEde", ["Enkhuizen", "Putten", "Ede"]),
    ("Bergen (NH), Bergen (L)", ["Bergen (NH)", "Bergen (L)"]),
    ("'s-Hertogenbosch en Súdwest-Fryslân", ["'s-Hertogenbosch", "Súdwest-Fryslân"]),
    ("Nuenen, Gerwen en Nederwetten; Eindhoven ;Son en Breugel", ["Nuenen, Gerwen en Nederwetten", "Eindhoven",
                                                                   "Son en Breugel"]),
])
def test_gemeenten_are_parsed_from_a_list(text, expected):
    assert parse_gemeenten(text) == expected


@pytest.mark.parametrize("text, message", [
    ("Dordrecht", "minstens twee gemeenten; gevonden: alleen Dordrecht"),
    (" , en ", "minstens twee gemeenten; gevonden: geen"),
    ("Ede, Putten en Ede", 'gemeente "Ede" staat twee keer in de lijst'),
    ("Ede, EDE", 'gemeente "EDE" geeft dezelfde bestandsnaam als "Ede"'),
    ("Ede, [[x]]", "bevat [[ of ]]"),
    ("Ede, ---", 'de naam van een gemeente "---" bevat geen letters of cijfers'),
])
def test_a_bad_list_of_gemeenten_is_refused(text, message):
    with pytest.raises(NieuwError, match=re.escape(message)):
        parse_gemeenten(text)


def test_the_command_line_refuses_a_bad_list_or_form_in_dutch(tmp_path):
    runner = CliRunner()
    outcome = runner.invoke(main, ["nieuw", "X", "--gemeenten", "Dordrecht", "--map", str(tmp_path)])
    assert outcome.exit_code == 2 and "minstens twee gemeenten" in outcome.output
    outcome = runner.invoke(main, ["nieuw", "X", "--vorm", "openbar-lichaam", "--map", str(tmp_path)])
    assert outcome.exit_code == 2
    assert 'onbekende rechtsvorm "openbar-lichaam"; bedoelde u "openbaar-lichaam"?' in outcome.output
    assert list(tmp_path.iterdir()) == []
    outcome = runner.invoke(main, ["nieuw", "X", "--vorm", "BVO", "--map", str(tmp_path)])
    assert outcome.exit_code == 0, outcome.output
    assert data(tmp_path / "x", "samenwerking.yaml")["samenwerking"]["vorm"] == "bedrijfsvoeringsorganisatie"


@pytest.mark.parametrize("naam, folder", [
    ("../../buiten", "buiten"),
    ("/etc/passwd", "etc-passwd"),
    ("..\\..\\windows", "windows"),
    ("Regio\n../../x", "regio-x"),
])
def test_a_hostile_name_stays_inside_the_folder(tmp_path, naam, folder):
    parent = tmp_path / "werk" / "content"
    made = create(naam, parent=parent, vandaag=VANDAAG)
    assert made.folder == parent / folder
    assert made.folder.resolve().parent == parent.resolve()
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_dir()) == sorted(["werk", "content", folder])


def test_names_with_yaml_and_markdown_characters_read_back_exactly(tmp_path):
    naam = 'Regio: "ICT" # *proef*'
    gemeenten = ["'s-Hertogenbosch", "No", "1000", "a: b # c", "x_y*z [w]"]
    made = create(naam, "gemeenschappelijk-orgaan", gemeenten, tmp_path, VANDAAG)
    assert made.folder.name == "regio-ict-proef"
    assert data(made.folder, "samenwerking.yaml")["samenwerking"]["naam"] == naam
    assert [g["naam"] for g in data(made.folder, "gemeenten.yaml")["gemeenten"]] == gemeenten
    project = load_project(made.folder)
    assert [g.naam for g in project.inhoud.gemeenten] == gemeenten
    out = build(made.folder, tmp_path / "uitvoer", ("docx",), documents=["intentieverklaring"]).folder
    text = everything(out / "intentieverklaring.docx")
    # Markdown characters in a name are shown as they are, not as emphasis.
    assert "x_y*z [w] delen, bijvoorbeeld een gezamenlijke opgave" in text
    assert "Intentieverklaring Regio: \"ICT\" # *proef*" in text


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
@example("0000-0-0 0:00:00")  # looks like a timestamp, and year 0 makes PyYAML raise ValueError
@settings(max_examples=300, deadline=None)
def test_a_yaml_scalar_reads_back_as_the_same_text(text):
    assert yaml.safe_load(f"sleutel: {yaml_scalar(text)}  # uitleg\n")["sleutel"] == text


# -- the command as a user runs it ----------------------------------------------------------------


def test_nieuw_then_check_from_the_shell(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    made = subprocess.run([sys.executable, "-m", "generator", "nieuw", "Regio Noord",
                           "--gemeenten", "Ameland en Schiermonnikoog"],
                          cwd=tmp_path, env=env, capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    assert "samenwerking preview content/regio-noord" in made.stdout
    checked = subprocess.run([sys.executable, "-m", "generator", "check", "content/regio-noord"],
                             cwd=tmp_path, env=env, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    assert "content/regio-noord: in orde (2 gemeenten" in checked.stdout
    again = subprocess.run([sys.executable, "-m", "generator", "nieuw", "Regio Noord"],
                           cwd=tmp_path, env=env, capture_output=True, text=True)
    assert again.returncode == 2 and "bestaat al" in again.stderr
