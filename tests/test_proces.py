"""The standard process, adopting and adjusting it, and the consistency checks of the
planning and the plan van aanpak: each rule triggered by a small broken example, with
file:line:col, and silent on both bundled examples."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from generator.build import load_project
from generator.errors import ContentError
from generator.loader import load_file
from generator.proces import load_process

ROOT = Path(__file__).resolve().parent.parent
LIBRARY = ROOT / "templates" / "processen" / "standaard.yaml"


def edit(path: Path, old: str, new: str) -> str:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} staat niet precies één keer in {path.name}"
    text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return text


def place(path: Path, marker: str, token: str | None = None) -> str:
    """``file:line:col`` of ``token`` on the (first) line that contains ``marker``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines, 1) if marker in line)
    column = lines[number - 1].index(token if token is not None else marker) + 1
    return f"{path}:{number}:{column}"


def problems(folder: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_project(folder)
    return [problem.display() for problem in caught.value.problems]


def only(folder: Path) -> str:
    found = problems(folder)
    assert len(found) == 1, found
    return found[0]


# -- the library ----------------------------------------------------------------------------


def test_standard_process_has_four_phases_and_ten_steps_with_result_and_council_role():
    data, _ = load_file(LIBRARY)  # read independently of the model
    phases = data["fasen"]
    steps = [step for phase in phases for step in phase.get("stappen", [])]
    assert len(phases) == 4 and len(steps) == 10
    assert all(step["resultaat"] and step["raad"] for step in steps)
    assert {step["raad"] for step in steps} == {"beeldvormend", "opiniërend", "besluitvormend", "geen"}
    assert steps[0]["naam"] == "Probleemanalyse"
    assert steps[-1]["naam"].startswith("Vaststellen implementatieplan")
    proces = load_process(LIBRARY)
    assert [f.id for f in proces.fasen] == [p["id"] for p in phases]


def test_an_error_in_a_library_process_names_the_library_file(project):
    library = project / "sjablonen" / "processen"
    library.mkdir(parents=True)
    text = LIBRARY.read_text(encoding="utf-8").replace("raad: opiniërend", "raad: opinierend", 1)
    (library / "eigen.yaml").write_text(text, encoding="utf-8")
    edit(project / "planning.yaml", "proces: standaard", "proces: eigen")
    message = only(project)
    assert message.startswith(place(library / "eigen.yaml", "raad: opinierend", "opinierend"))
    assert 'verwacht een van: "beeldvormend", "opiniërend", "besluitvormend", "geen"' in message
    assert 'bedoelde u "opiniërend"?' in message


def test_unknown_process_lists_the_available_ones(project):
    edit(project / "planning.yaml", "proces: standaard", "proces: standard")
    message = only(project)
    assert message.startswith(place(project / "planning.yaml", "proces: standard", "standard"))
    assert 'onbekend proces "standard"; beschikbaar: standaard' in message


# -- adopting and adjusting ----------------------------------------------------------------------

SMALL_PLANNING = """
planning:
  proces: standaard
  stappen:
    - id: beeldvorming
      naam: Raadsconferentie
      raad: opiniërend
      start: 2017-03-01
      eind: 2017-03-14
    - id: proefperiode
      na: raadsbesluit
      naam: Proefperiode met gedeelde diensten
      resultaat: Een halfjaar ervaring met gezamenlijke inkoop
      raad: geen
      start: 2017-07-05
      eind: 2017-12-22
  mijlpalen:
    - datum: 2018-01-01
      omschrijving: Start
"""


@pytest.fixture(scope="module")
def adjusted(tmp_path_factory) -> Path:
    """The Drechtsteden example with the standard process, one step changed and one added."""
    folder = tmp_path_factory.mktemp("aangepast") / "content" / "drechtsteden"
    shutil.copytree(ROOT / "content" / "drechtsteden", folder)
    (folder / "planning.yaml").write_text(textwrap.dedent(SMALL_PLANNING).lstrip(), encoding="utf-8")
    edit(folder / "plan-van-aanpak.yaml", "ambtelijke spoor.\n",
         "ambtelijke spoor. De proefperiode ([[proefperiode]]) volgt op [[raadsbesluit]] in [[bestuurlijk]].\n")
    return folder


def test_adopted_process_with_one_step_changed_and_one_added(adjusted):
    proces = load_project(adjusted).afgeleid.proces
    steps = proces.stappen
    assert len(steps) == 11
    by_id = {s.id: s for s in steps}
    changed = by_id["beeldvorming"]
    assert (changed.nummer, changed.naam, changed.raad, changed.herkomst) == ("3", "Raadsconferentie", "opiniërend", "aangepast")
    assert changed.standaard_raad == "beeldvormend" and changed.resultaat.startswith("Een uitspraak voor of tegen")
    added = by_id["proefperiode"]
    # Added after step 8, before the standard steps 9 and 10: numbered 8a, the others keep their number.
    assert [s.nummer for s in steps] == ["1", "2", "3", "4", "5", "6", "7", "8", "8a", "9", "10"]
    assert added.fase_id == "bestuurlijk" and added.herkomst == "toegevoegd"
    assert [kind for kind, _ in proces.afwijkingen] == ["raad", "toegevoegd"]
    untouched = by_id["probleemanalyse"]
    assert untouched.herkomst == "standaard" and untouched.start is None


def test_adjusted_process_in_the_document(adjusted, tmp_path):
    import docx

    from generator.build import build

    folder = build(adjusted, tmp_path, formats=("docx",), documents=["plan-van-aanpak"]).folder
    word = docx.Document(str(folder / "plan-van-aanpak.docx"))
    text = "\n".join(p.text for p in word.paragraphs)
    assert "in stap 3 (Raadsconferentie) is de rol van de raad opiniërend in plaats van beeldvormend;" in text
    assert "stap 8a (Proefperiode met gedeelde diensten) is toegevoegd in fase 1." in text
    assert "De proefperiode (stap 8a) volgt op stap 8 in fase 1." in text
    first_phase = next(t for t in word.tables if t.rows[0].cells[0].text == "Stap")
    names = [row.cells[0].paragraphs[0].text for row in first_phase.rows[1:]]
    assert names[2] == "3. Raadsconferentie" and names[-1] == "8a. Proefperiode met gedeelde diensten"
    row = next(r for r in first_phase.rows if r.cells[0].text.startswith("8a."))
    assert [c.text for c in row.cells[1:]] == [
        "Een halfjaar ervaring met gezamenlijke inkoop", "—", "5 juli 2017 – 22 december 2017"]


def test_own_process_numbers_its_steps(root):
    proces = load_project(root / "content" / "oost-groningen-ict").afgeleid.proces
    assert proces.naam is None and len(proces.fasen) == 4
    assert [s.nummer for s in proces.stappen] == [str(n) for n in range(1, 10)]
    assert all(s.herkomst == "eigen" for s in proces.stappen)


# -- consistency checks -------------------------------------------------------------------------


@pytest.mark.parametrize("example", ["drechtsteden", "oost-groningen-ict"])
def test_bundled_examples_pass_every_check(root, example):
    project = load_project(root / "content" / example)
    assert project.inhoud.plan_van_aanpak is not None and project.afgeleid.proces.stappen


def test_step_that_ends_before_it_starts(project):
    path = project / "planning.yaml"
    edit(path, "      eind: 2017-09-29\n", "      eind: 2017-06-29\n")
    messages = problems(project)
    expected = (f"{place(path, 'eind: 2017-06-29', '2017')}: planning.stappen[8].eind: stap 9 \"Invlechtingsplan en "
                "wijziging van de regeling\" eindigt op 29 juni 2017, vóór het begin op 5 juli 2017")
    assert any(m.startswith(expected) for m in messages), messages


def test_dependency_violated(project):
    path = project / "planning.yaml"
    # Step 8 (toestemming van de raden) would start before step 7 (intentieverklaring) has ended.
    edit(path, "      start: 2017-05-15\n", "      start: 2017-05-01\n")
    message = only(project)
    assert message.startswith(f"{place(path, 'start: 2017-05-01', '2017')}: planning.stappen[7].start: ")
    assert ('stap 8 "Toestemming van de zeven raden" begint op 1 mei 2017, maar hangt af van stap 7 '
            '"Intentieverklaring", dat pas eindigt op 12 mei 2017') in message
    assert 'afhankelijkheid uit het proces "standaard"' in message
    assert f"(zie ook {place(path, 'eind: 2017-05-12', '2017')})" in message


def test_dependency_on_a_council_decision_uses_the_last_council(project):
    gemeenten = project / "gemeenten.yaml"
    edit(gemeenten, "        raad: 2017-07-03\n", "        raad: 2017-07-10\n")  # Sliedrecht now meets later
    messages = problems(project)
    # Steps 9 and 11 both start on 5 July and need the decision of every council.
    assert len(messages) == 2, messages
    planning = project / "planning.yaml"
    first = messages[0]
    assert first.startswith(f"{place(planning, 'start: 2017-07-05', '2017')}: planning.stappen[8].start: ")
    assert 'besluit "toestemming-toetreding", dat pas eindigt op 10 juli 2017' in first
    assert f"(zie ook {place(gemeenten, 'raad: 2017-07-10', '2017')})" in first
    assert "planning.stappen[10].start" in messages[1]


def test_dependency_on_a_dropped_step_stands_for_its_own_dependencies(project):
    path = project / "planning.yaml"
    # Step 6 depends on step 5, which is dropped; so on step 4, which now ends after 6 starts.
    edit(path, "      eind: 2017-03-31\n", "      eind: 2017-04-05\n")
    message = only(project)
    assert 'stap 6 "Plan van aanpak met kostenraming" begint op 3 april 2017, maar hangt af van stap 4 ' \
        '"Uitwerking voorkeursscenario", dat pas eindigt op 5 april 2017' in message


def test_council_decision_after_the_start_of_the_cooperation(project):
    path = project / "samenwerking.yaml"
    edit(path, "ingangsdatum: 2018-01-01", "ingangsdatum: 2017-07-01")
    messages = problems(project)
    gemeenten = project / "gemeenten.yaml"
    late = [m for m in messages if "niet vóór de ingangsdatum" in m]
    # Alblasserdam (4 juli), Dordrecht (4 juli), Sliedrecht (3 juli) en Zwijndrecht (4 juli).
    assert len(late) == 4, messages
    assert (f"{place(gemeenten, 'raad: 2017-07-03', '2017')}: gemeenten[4].besluitvorming.toestemming-toetreding.raad: "
            "de raad van Sliedrecht besluit op 3 juli 2017 over \"toestemming-toetreding\", niet vóór de ingangsdatum "
            f"van de samenwerking (1 juli 2017) (zie ook {place(path, 'ingangsdatum', '2017')})") in late


def after(path: Path, marker: str, token: str) -> str:
    """``file:line:col`` of ``token`` on the first line after the line with ``marker`` that has it."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if marker in line)
    number = next(i for i in range(start + 1, len(lines)) if token in lines[i])
    return f"{path}:{number + 1}:{lines[number].index(token) + 1}"


def test_gemeente_without_a_meeting_date_for_a_decision(project):
    path = project / "gemeenten.yaml"
    edit(path, "        raad: 2017-06-29\n", "")
    message = only(project)
    # the place is the gemeente's besluitvorming, whose first round is the principebesluit
    assert message == (f"{after(path, 'naam: Papendrecht', 'principebesluit:')}: gemeenten[3].besluitvorming: "
                       'gemeente Papendrecht heeft geen datum van de raadsvergadering voor besluit "toestemming-toetreding"')


def test_risk_without_an_owner(project):
    path = project / "plan-van-aanpak.yaml"
    edit(path, "      eigenaar: Programmamanager\n", "")
    message = only(project)
    risk_line = place(path, "risico: De kosten van de invlechting lopen uit", "risico")
    assert message == (f"{risk_line}: plan_van_aanpak.risicos[5].eigenaar: risico \"De kosten van de invlechting "
                       "lopen uit\" heeft geen eigenaar; geef bij `eigenaar` op wie het bewaakt")


def test_risk_with_an_empty_owner_points_at_that_line(project):
    path = project / "plan-van-aanpak.yaml"
    edit(path, "      eigenaar: Programmamanager\n", "      eigenaar:\n")
    message = only(project)
    lines = path.read_text(encoding="utf-8").splitlines()
    empty = next(i for i, text in enumerate(lines, 1) if text == "      eigenaar:")
    assert message.startswith(f"{path}:{empty}:") and "heeft geen eigenaar" in message


def test_new_step_without_phase_and_unknown_step_in_na(project):
    path = project / "planning.yaml"
    edit(path, "      fase: beheer\n", "")
    edit(path, "      fase: uitvoering\n      naam: Nazorg", "      na: invlechten\n      naam: Nazorg")
    messages = problems(project)
    assert any(m.startswith(place(path, "- id: evaluatie", "evaluatie")) and
               'nieuwe stap "evaluatie": geef de fase op (`fase`: bestuurlijk, implementatieplan, uitvoering, beheer)'
               in m for m in messages), messages
    assert any(m.startswith(place(path, "na: invlechten", "invlechten")) and 'onbekende stap "invlechten" in `na`' in m
               for m in messages), messages


def test_unknown_dependency_and_one_date_missing(project):
    path = project / "planning.yaml"
    edit(path, "afhankelijk_van: [nazorg]", "afhankelijk_van: [nazorgen]")
    edit(path, "      start: 2018-01-02\n", "")
    messages = problems(project)
    assert any(m.startswith(place(path, "[nazorgen]", "nazorgen")) and
               'onbekende stap, besluit of mijlpaal "nazorgen"' in m for m in messages), messages
    assert any('stap 13 "Nazorg en stabilisatie" heeft een begindatum (`start`) nodig' in m for m in messages), messages


def test_project_organisation_must_be_a_tree_with_leaders_of_subprojects(project):
    path = project / "plan-van-aanpak.yaml"
    edit(path, "        onder: opdrachtgever\n", "        onder: programmamanager\n")  # stuurgroep ↔ programmamanager
    edit(path, "        leider: R. Huisman (SCD)\n", "")
    edit(path, "        onder: projectgroep\n        leider: J. de Graaf (SCD)",
         "        onder: projectgroepp\n        leider: J. de Graaf (SCD)")
    messages = problems(project)
    assert any('onderdeel "stuurgroep" staat via `onder` uiteindelijk onder zichzelf' in m for m in messages), messages
    assert any('deelproject "Informatievoorziening en ICT" heeft een deelprojectleider nodig (`leider`)' in m
               for m in messages), messages
    assert any(m.startswith(place(path, "onder: projectgroepp", "projectgroepp")) and
               'onbekend onderdeel "projectgroepp"' in m for m in messages), messages


def test_budget_cover_must_equal_the_costs(tmp_path):
    groningen = tmp_path / "content" / "oost-groningen-ict"
    shutil.copytree(ROOT / "content" / "oost-groningen-ict", groningen)
    path = groningen / "plan-van-aanpak.yaml"
    edit(path, "        bedrag: 290000\n", "        bedrag: 280000\n")
    message = only(groningen)
    assert message.startswith(after(path, "    dekking:", "- omschrijving") + ": plan_van_aanpak.budget.dekking: ")
    assert "de dekking (€ 280.000) is niet gelijk aan de kosten (€ 290.000)" in message


def test_budget_from_the_businesscase_has_no_own_lines(project):
    path = project / "plan-van-aanpak.yaml"
    edit(path, "    bron: financien\n", "    bron: financien\n    posten:\n      - omschrijving: Extra\n        bedrag: 10\n")
    message = only(project)
    assert message.startswith(after(path, "    posten:", "- omschrijving") + ": plan_van_aanpak.budget.posten: ")
    assert "bij `bron: financien` komen de kosten en de dekking uit de businesscase; laat `posten` weg" in message


def test_plan_needs_a_planning_with_steps(project):
    (project / "planning.yaml").unlink()
    message = only(project)
    assert message.startswith(place(project / "plan-van-aanpak.yaml", "  versie:", "versie"))
    assert "een plan van aanpak heeft een planning met fasen en stappen nodig" in message


def test_check_command_exits_2_and_build_writes_nothing(project, tmp_path):
    path = project / "plan-van-aanpak.yaml"
    edit(path, "      eigenaar: Programmamanager\n", "")
    check = subprocess.run([sys.executable, "-m", "generator", "check", str(project)], capture_output=True, text=True)
    assert check.returncode == 2, check.stderr
    assert "plan-van-aanpak.yaml:" in check.stderr and "heeft geen eigenaar" in check.stderr
    out = tmp_path / "uit"
    built = subprocess.run([sys.executable, "-m", "generator", "build", str(project), "--out", str(out)],
                           capture_output=True, text=True)
    assert built.returncode == 2 and "er is niets geschreven" in built.stderr
    assert not out.exists()


def test_budget_from_the_businesscase_needs_financien(project):
    (project / "financien.yaml").unlink()
    path = project / "plan-van-aanpak.yaml"
    message = only(project)
    assert message == (f"{place(path, '    bron: financien', 'financien')}: plan_van_aanpak.budget.bron: "
                       "`bron: financien` vraagt om een onderdeel `financien`")
