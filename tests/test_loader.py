"""Loader and validation: every problem in Dutch, with file:line:col; nothing written."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest

from generator.build import load_project
from generator.errors import ContentError
from generator.loader import load_folder


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_project(folder)
    return [problem.display() for problem in caught.value.problems]


def test_wrong_type_has_position_and_found_value(project):
    path = project / "gemeenten.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if "inwoners: 30486" in line)
    lines[index] = lines[index].replace("30486", "veel")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    column = lines[index].index("veel") + 1
    messages = problems_of(project)
    assert len(messages) == 1
    assert messages[0].endswith(
        f'gemeenten.yaml:{index + 1}:{column}: gemeenten[2].inwoners: verwacht een geheel getal, gevonden "veel"'
    )


def test_unknown_key_suggests_the_nearest_known_key(project):
    path = project / "samenwerking.yaml"
    text = path.read_text(encoding="utf-8").replace("  vestigingsplaats:", "  vestigingplaats:")
    path.write_text(text, encoding="utf-8")
    line = next(i for i, l in enumerate(text.splitlines(), 1) if "vestigingplaats" in l)
    messages = problems_of(project)
    assert messages == [
        f'{path}:{line}:3: samenwerking.vestigingplaats: onbekende sleutel "vestigingplaats"; '
        'bedoelde u "vestigingsplaats"?'
    ]


def test_duplicate_key_is_an_error_naming_both_places(tmp_path):
    write(tmp_path, "a.yaml", """
        samenwerking:
          naam: X
          naam: Y
        """)
    with pytest.raises(ContentError) as caught:
        load_folder(tmp_path)
    [problem] = caught.value.problems
    assert (problem.position.line, problem.position.column) == (3, 3)
    assert (problem.related.line, problem.related.column) == (2, 3)
    assert 'sleutel "naam" komt dubbel voor' in problem.display()


def test_same_part_in_two_files_is_an_error(tmp_path):
    write(tmp_path, "a.yaml", "planning: {}\n")
    write(tmp_path, "b.yaml", "planning: {}\n")
    with pytest.raises(ContentError) as caught:
        load_folder(tmp_path)
    [problem] = caught.value.problems
    assert problem.position.file.endswith("b.yaml")
    assert problem.related.file.endswith("a.yaml")


def test_yaml_syntax_error_in_dutch_with_position(tmp_path):
    write(tmp_path, "a.yaml", """
        samenwerking:
          naam: Drechtsteden
          titel: Een titel: met dubbele punt
        """)
    with pytest.raises(ContentError) as caught:
        load_folder(tmp_path)
    [problem] = caught.value.problems
    assert problem.position.line == 3
    assert problem.display().startswith(f"{tmp_path / 'a.yaml'}:3:")
    assert "YAML-syntaxfout" in problem.message and "dubbele punt" in problem.message


def test_tab_indentation_is_reported(tmp_path):
    (tmp_path / "a.yaml").write_text("samenwerking:\n\tnaam: X\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_folder(tmp_path)
    assert "tab" in caught.value.problems[0].message


def test_missing_required_key_points_at_its_parent(project):
    path = project / "gemeenten.yaml"
    text = path.read_text(encoding="utf-8").replace("    griffier: L. Prins\n", "")
    path.write_text(text, encoding="utf-8")
    messages = problems_of(project)
    assert len(messages) == 1
    assert 'gemeenten[4]: verplicht onderdeel "griffier" ontbreekt' in messages[0]


def test_quoted_date_and_bad_choice(project):
    path = project / "samenwerking.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("ingangsdatum: 2018-01-01", 'ingangsdatum: "2018-01-01"')
    text = text.replace("vorm: openbaar-lichaam", "vorm: openbaar-lichaan")
    path.write_text(text, encoding="utf-8")
    messages = "\n".join(problems_of(project))
    assert "samenwerking.ingangsdatum: verwacht een datum in de vorm JJJJ-MM-DD" in messages
    assert 'bedoelde u "openbaar-lichaam"?' in messages


def test_every_problem_is_reported_not_just_the_first(project):
    path = project / "gemeenten.yaml"
    text = path.read_text(encoding="utf-8").replace("inwoners: 20044", "inwoners: twintig")
    text = text.replace("inwoners: 24935", "inwoners: -5")
    path.write_text(text, encoding="utf-8")
    messages = problems_of(project)
    assert len(messages) == 2
    assert "moet groter dan 0 zijn" in messages[1]


def test_fractions_are_decimal_never_float(tmp_path):
    write(tmp_path, "a.yaml", "bedrag: 1234567.89\nklein: 0.1\n")
    data = load_folder(tmp_path).data
    assert data["bedrag"] == Decimal("1234567.89")
    assert isinstance(data["klein"], Decimal) and data["klein"] == Decimal("0.1")


def test_duplicate_ids_and_unknown_reference_are_positioned(project):
    path = project / "intentieverklaring.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("- id: status", "- id: doel")
    text = text.replace("bedoeld in [[doel]]", "bedoeld in [[doell]]")
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    ref_line = next(i for i, l in enumerate(lines, 1) if "[[doell]]" in l)
    ref_col = lines[ref_line - 1].index("[[doell]]") + 1
    messages = problems_of(project)
    assert any('afspraak "doel" komt dubbel voor' in m for m in messages)
    assert f"{path}:{ref_line}:{ref_col}: intentieverklaring.afspraken[3].tekst: verwijzing [[doell]] wijst " \
        "naar een onbekend id; bekend zijn: avres, besluitvorming, doel, kosten, voorbereiding" in messages


def test_cli_reports_positions_exits_2_and_writes_nothing(project, tmp_path):
    path = project / "gemeenten.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("inwoners: 118426", "inwoners: veel"), encoding="utf-8")
    out = tmp_path / "uit"
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", str(project), "--out", str(out)],
        capture_output=True, text=True, cwd=tmp_path,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert 'gemeenten[1].inwoners: verwacht een geheel getal, gevonden "veel"' in result.stderr
    assert "er is niets geschreven" in result.stderr
    assert not out.exists()
    check = subprocess.run([sys.executable, "-m", "generator", "check", str(project)],
                           capture_output=True, text=True, cwd=tmp_path)
    assert check.returncode == 2 and "gemeenten.yaml:" in check.stderr
