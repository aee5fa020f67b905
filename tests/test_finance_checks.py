"""`samenwerking check` on financien: each mistake reported in Dutch at its file:line:col."""

from __future__ import annotations

import subprocess
import sys

import pytest

from generator.build import jobs, load_project
from generator.errors import ContentError


def edit(project, old: str, new: str, file: str = "financien.yaml", count: int = 1) -> str:
    path = project / file
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    text = text.replace(old, new, count)
    path.write_text(text, encoding="utf-8")
    return text


def where(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """(line, column) where the value after the key in ``needle`` starts; 1-based."""
    start = -1
    for _ in range(occurrence):
        start = text.index(needle, start + 1)
    line = text.count("\n", 0, start) + 1
    line_start = text.rfind("\n", 0, start) + 1
    column = start - line_start + len(needle) + 1
    return line, column


def problems(project):
    with pytest.raises(ContentError) as caught:
        load_project(project)
    return caught.value.problems


def only(found, file: str = "financien.yaml"):
    assert len(found) == 1, [p.display() for p in found]
    [problem] = found
    assert problem.position.file.endswith(file)
    return problem


def test_unknown_verdeelsleutel(project):
    text = edit(project, "verdeelsleutel: ict-harmonisatie", "verdeelsleutel: ict-harmonisering")
    problem = only(problems(project))
    assert (problem.position.line, problem.position.column) == where(text, "verdeelsleutel: ", occurrence=1 + text[
        :text.index("verdeelsleutel: ict-harmonisering")].count("verdeelsleutel: "))
    assert problem.message.startswith('onbekende verdeelsleutel "ict-harmonisering"; bekend zijn: inwoners-zes, ')
    assert problem.display().endswith("regels[9].verdeelsleutel: " + problem.message)


def test_year_outside_the_horizon(project):
    text = edit(project, "            2019: 70000", "            2025: 70000")
    problem = only(problems(project))
    assert (problem.position.line, problem.position.column) == where(text, "            2025: ")
    assert problem.message == "het jaar 2025 ligt buiten de horizon (2018 tot en met 2024)"
    assert problem.path[-2:] == ("bedragen", 2025)


def test_ramp_up_year_outside_the_horizon(project):
    text = edit(project, "            2018: 60\n", "            2017: 60\n")
    problem = only(problems(project))
    assert (problem.position.line, problem.position.column) == where(text, "            2017: ")
    assert "2017 ligt buiten de horizon" in problem.message


def test_criteria_weights_must_add_up_to_100(project):
    text = edit(project, "      gewicht: 10\n", "      gewicht: 15\n")
    problem = only(problems(project))
    assert problem.message == "de gewichten van de criteria tellen op tot 105, verwacht 100"
    assert problem.position.line == where(text, "  criteria:\n")[0] + 1  # the list starts on the next line


def test_mix_shares_must_add_up_to_100(project):
    text = edit(project, "          aandeel: 50\n        - sleutel: inwoners\n",
                "          aandeel: 40\n        - sleutel: inwoners\n")
    problem = only(problems(project))
    assert problem.message == "de aandelen tellen op tot 90%, verwacht 100%"
    assert problem.position.line == where(text, "      onderdelen:\n")[0] + 1


def test_unknown_scenario_id_and_scenario_without_figures(project):
    text = edit(project, "    - scenario: dienstverlening\n", "    - scenario: dienstverleningen\n")
    found = problems(project)
    assert len(found) == 2, [p.display() for p in found]
    unknown = next(p for p in found if p.message.startswith("onbekend scenario"))
    assert unknown.message == ('onbekend scenario "dienstverleningen"; bekend zijn: '
                               "nulscenario, dienstverlening, toetreding")
    assert (unknown.position.line, unknown.position.column) == where(text, "    - scenario: ", occurrence=2)
    missing = next(p for p in found if p is not unknown)
    assert missing.position.file.endswith("scenarios.yaml")
    assert missing.message == 'scenario "dienstverlening" heeft geen financiële uitwerking in `financien.scenarios`'


def test_unknown_reference_scenario(project):
    text = edit(project, "referentie: nulscenario", "referentie: nul")
    problem = only(problems(project))
    assert (problem.position.line, problem.position.column) == where(text, "  referentie: ")
    assert problem.message.startswith('onbekend scenario "nul"')


def test_unknown_gemeente_in_a_key(project):
    text = edit(project, "        Hardinxveld-Giessendam: 100", "        Hardinxveld: 100")
    problem = only(problems(project))
    assert problem.message.startswith('onbekende gemeente "Hardinxveld"; bekend zijn: Alblasserdam, ')
    assert problem.position.line == where(text, "        Hardinxveld: ")[0]


def test_line_with_both_amount_forms_and_a_field_of_the_wrong_key_kind(project):
    text = edit(project, "          bedrag: 280000\n", "          bedrag: 280000\n          bedragen: {2018: 1}\n")
    text = edit(project, "      soort: gelijk\n", "      soort: gelijk\n      vast: 20\n")
    found = sorted(problems(project), key=lambda p: p.position.line)
    assert [p.message for p in found] == [
        '`vast` hoort alleen bij een verdeelsleutel van soort `vast-variabel`, niet bij soort "gelijk"',
        "geef `bedrag` of `bedragen`, niet allebei",
    ]
    assert found[0].position.line == where(text, "      vast: ")[0]
    assert found[1].position.line == where(text, "          bedragen: ")[0]


def test_check_cli_exits_2_with_position_and_builds_nothing(project, tmp_path):
    text = edit(project, "verdeelsleutel: gelijk", "verdeelsleutel: gelijke-delen")
    before = text[:text.index("verdeelsleutel: gelijke-delen")].count("verdeelsleutel: ")
    line, column = where(text, "verdeelsleutel: ", occurrence=before + 1)
    check = subprocess.run([sys.executable, "-m", "generator", "check", str(project)],
                           capture_output=True, text=True, cwd=tmp_path)
    assert check.returncode == 2
    assert f"financien.yaml:{line}:{column}: financien.scenarios[2].regels[8].verdeelsleutel: " \
           'onbekende verdeelsleutel "gelijke-delen"' in check.stderr
    out = tmp_path / "uit"
    build = subprocess.run([sys.executable, "-m", "generator", "build", str(project), "--out", str(out)],
                           capture_output=True, text=True, cwd=tmp_path)
    assert build.returncode == 2 and "er is niets geschreven" in build.stderr
    assert not out.exists()


def test_content_without_financien_has_no_businesscase(project):
    (project / "financien.yaml").unlink()
    (project / "plan-van-aanpak.yaml").unlink()  # its budget comes from financien (bron: financien)
    loaded = load_project(project)
    assert loaded.afgeleid.financien is None
    names = [job.name for job in jobs(loaded)]
    assert "businesscase" not in names and "intentieverklaring" in names
