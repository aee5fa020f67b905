"""Issue 13: a content folder is someone else's data. One test per finding, through the CLI.

Every broken or hostile input gets one Dutch line with file:line:col and exit code 2;
environment failures get a Dutch line and exit code 1; nothing half-written is left.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import output
from generator.cli import main
from generator.errors import OutputConflict
from generator.output import JOURNAL, MANIFEST, Output, commit, load_manifest, sha256

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def oost(tmp_path) -> Path:
    """A writable copy of the smaller example."""
    target = tmp_path / "content" / "oost-groningen-ict"
    shutil.copytree(ROOT / "content" / "oost-groningen-ict", target)
    return target


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def replace_line(path: Path, old: str, new: str) -> int:
    """Replace the first line containing ``old``; returns its number (from 1)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    index = next(i for i, line in enumerate(lines) if old in line)
    lines[index] = lines[index].replace(old, new)
    path.write_text("\n".join(lines), encoding="utf-8")
    return index + 1


def only_problem(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    assert lines[-1] == "1 probleem gevonden; er is niets geschreven.", text
    assert len(lines) == 2, text
    assert "interne fout" not in text and "Traceback" not in text
    return lines[0]


def refused(folder: Path) -> str:
    """``check`` of the folder: exit code 2 and one problem, its line."""
    code, text = run("check", folder)
    assert code == 2, text
    return only_problem(text)


def test_yaml_file_linked_outside_the_folder_is_refused(oost, tmp_path):
    secret = tmp_path / "geheim.yaml"
    secret.write_text("geheim: ja\n", encoding="utf-8")
    (oost / "extra.yaml").symlink_to(secret)
    line = refused(oost)
    assert line.startswith(f"{oost / 'extra.yaml'}:1:1: dit bestand is een koppeling (symlink) naar {secret}")


def test_timestamp_tag_on_garbage(oost):
    number = replace_line(oost / "samenwerking.yaml", "datum: 2", "datum: !!timestamp morgen #")
    line = refused(oost)
    assert f"samenwerking.yaml:{number}:" in line
    assert '"morgen" is geen datum; schrijf een datum als JJJJ-MM-DD' in line


def test_31_februari_is_said_in_dutch(oost):
    text = (oost / "samenwerking.yaml").read_text(encoding="utf-8")
    old = next(part for part in text.split() if part[:4].isdigit() and part.count("-") == 2)
    number = replace_line(oost / "samenwerking.yaml", old, "2025-02-31")
    line = refused(oost)
    assert f"samenwerking.yaml:{number}:" in line
    assert '"2025-02-31" is geen bestaande datum: februari 2025 heeft 28 dagen' in line


def test_decimal_clause_parameter_that_must_be_whole(project):
    number = replace_line(project / "regeling.yaml", "vergaderingen_per_jaar: 4", "vergaderingen_per_jaar: 1.5")
    line = refused(project)
    assert f"regeling.yaml:{number}:" in line
    assert "vergaderingen_per_jaar: verwacht een geheel getal, zonder komma of punt, gevonden 1.5" in line


def test_alias_bomb_is_refused_at_once(oost):
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 9):
        name, previous = chr(97 + level), chr(96 + level)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    (oost / "bom.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    started = time.perf_counter()
    code, text = run("check", oost)
    assert time.perf_counter() - started < 1.5
    assert code == 2
    assert "bom.yaml:1:1: YAML-syntaxfout: de verwijzingen (*naam) in dit bestand maken te veel waarden" in text


def test_control_character_from_an_escape_is_refused_at_load(oost):
    path = oost / "samenwerking.yaml"
    number = replace_line(path, "naam: ", 'naam: "Oost\\u0007 Groningen" #')
    column = path.read_text(encoding="utf-8").split("\n")[number - 1].index("\\u0007") + 1
    line = refused(oost)
    assert f"samenwerking.yaml:{number}:{column}: " in line
    assert "de tekst bevat het stuurteken U+0007" in line


def test_control_character_in_the_file_is_placed(oost):
    path = oost / "samenwerking.yaml"
    number = replace_line(path, "naam: ", "naam: \x1b")
    column = path.read_text(encoding="utf-8").split("\n")[number - 1].index("\x1b") + 1
    assert f"samenwerking.yaml:{number}:{column}: YAML-syntaxfout: ongeldig teken U+001B" in refused(oost)


def test_latin1_file_points_at_the_byte(oost):
    path = oost / "probleem.yaml"
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    index = next(i for i, line in enumerate(lines) if "é" in line or "ë" in line)
    char = "é" if "é" in lines[index] else "ë"
    path.write_bytes(text.encode("cp1252"))
    line = refused(oost)
    assert f"probleem.yaml:{index + 1}:{lines[index].index(char) + 1}: ongeldige byte 0x" in line
    assert f"het bestand is geen UTF-8 (in Latin-1/Windows-1252 is dat '{char}')" in line


def test_binary_file_points_at_its_first_byte_that_is_not_text(oost):
    (oost / "plaatje.yaml").write_bytes(b"a: 1\nb: \x89PNG\x00\x00")
    assert "plaatje.yaml:2:4: het bestand is geen tekst maar binair" in refused(oost)


def test_unclosed_quote_points_at_the_opening_quote(oost):
    path = oost / "samenwerking.yaml"
    number = replace_line(path, "naam: ", 'naam: "')
    column = path.read_text(encoding="utf-8").split("\n")[number - 1].index('"') + 1
    line = refused(oost)
    assert f"samenwerking.yaml:{number}:{column}: YAML-syntaxfout: dit aanhalingsteken wordt niet" in line


def test_date_hint_only_for_a_quoted_date(oost):
    path = oost / "samenwerking.yaml"
    text = path.read_text(encoding="utf-8")
    old = next(part for part in text.split() if part[:4].isdigit() and part.count("-") == 2)
    path.write_text(text.replace(old, "1 januari 2026", 1), encoding="utf-8")
    line = refused(oost)
    assert 'verwacht een datum in de vorm JJJJ-MM-DD, gevonden "1 januari 2026"' in line
    assert "aanhalingstekens" not in line
    path.write_text(text.replace(old, f'"{old}"', 1), encoding="utf-8")
    assert refused(oost).endswith("(schrijf de datum zonder aanhalingstekens)")


def test_misspelt_gemeente_gets_a_suggestion(project):
    number = replace_line(project / "regeling.yaml", "bekendmaking: Dordrecht", "bekendmaking: Dordrect")
    line = refused(project)
    assert f"regeling.yaml:{number}:" in line
    assert line.endswith('bedoelde u "Dordrecht"?')


def test_out_that_is_a_file_is_said_plainly(oost, tmp_path):
    target = tmp_path / "uitvoer.txt"
    target.write_text("niet overschrijven\n", encoding="utf-8")
    code, text = run("build", oost, "--out", target)
    assert code == 1
    assert text.strip() == f"fout: --out {target}: {target} is een bestand, geen map; kies een map voor de uitvoer"
    assert target.read_text(encoding="utf-8") == "niet overschrijven\n"


def _outputs(*pairs: tuple[str, bytes]) -> list[Output]:
    return [Output(name, data, {"document": name}) for name, data in pairs]


@pytest.mark.parametrize("code, reason, where", [(errno.ENOSPC, "de schijf is vol", "b.docx"),
                                                 (errno.EROFS, "alleen gelezen kan worden", "uit"),
                                                 (errno.EACCES, "geen toestemming om te schrijven of te lezen", "uit")])
def test_disk_full_or_read_only_writes_nothing(tmp_path, monkeypatch, code, reason, where):
    folder = tmp_path / "uit"
    commit(folder, _outputs(("a.docx", b"oud a"), ("b.docx", b"oud b")), {})
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    calls = []
    # A full disk shows when the data is flushed; a read-only folder when the file is made.
    module, name = (output.os, "fsync") if code == errno.ENOSPC else (output.tempfile, "mkstemp")
    real = getattr(module, name)

    def failing(*args, **kwargs):
        calls.append(args)
        if len(calls) == 2:
            raise OSError(code, os.strerror(code), str(folder / ".b.docx.x1y2.tmp"))
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, failing)
    with pytest.raises(output.EnvironmentProblem) as caught:
        commit(folder, _outputs(("a.docx", b"nieuw a"), ("b.docx", b"nieuw b")), {})
    message = str(caught.value)
    place = folder if where == "uit" else folder / where
    assert message.startswith(f"kan niet schrijven {place}: ") and message.endswith(f"{reason}; er is niets geschreven")
    assert ".tmp" not in message and os.strerror(code) not in message
    assert caught.value.exit_code == 1
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before  # no temporary file left either


def test_disk_full_through_the_cli(oost, tmp_path, monkeypatch):
    monkeypatch.setenv("SAMENWERKING_PROCESSEN", "1")

    def full(path, data):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(output, "stage", full)
    code, text = run("build", oost, "--out", tmp_path / "uit", "--formaat", "html", "--document", "intentieverklaring")
    assert code == 1
    assert text.startswith("fout: kan niet schrijven ") and "de schijf is vol; er is niets geschreven" in text
    assert "No space" not in text and "interne fout" not in text
    assert not any(p.is_file() for p in (tmp_path / "uit").rglob("*"))


def test_interrupted_build_is_recognised_after_a_further_edit(tmp_path, monkeypatch):
    folder = tmp_path / "uit"
    commit(folder, _outputs(("a.docx", b"versie 1 a"), ("b.docx", b"versie 1 b")), {})
    renames = []
    real_replace = os.replace

    def killed(source, target):
        if str(target).endswith(".docx"):
            renames.append(target)
            if len(renames) == 2:
                raise KeyboardInterrupt  # the build is killed between two renames
        real_replace(source, target)

    monkeypatch.setattr(output.os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        commit(folder, _outputs(("a.docx", b"versie 2 a"), ("b.docx", b"versie 2 b")), {})
    monkeypatch.setattr(output.os, "replace", real_replace)
    assert (folder / "a.docx").read_bytes() == b"versie 2 a"  # renamed before the kill
    assert json.loads((folder / MANIFEST).read_text())["bestanden"]["a.docx"]["sha256"] == sha256(b"versie 1 a")
    assert load_manifest(folder)["bestanden"]["a.docx"]["sha256"] == sha256(b"versie 2 a")  # from the journal
    # The content is edited again: the tool's own half-finished writes are not "changed by hand".
    report = commit(folder, _outputs(("a.docx", b"versie 3 a"), ("b.docx", b"versie 3 b")), {})
    assert sorted(p.name for p in report.written) == ["a.docx", "b.docx"]
    assert not (folder / JOURNAL).exists()
    assert not list(folder.glob(".*.tmp"))
    # A person's edit is still protected.
    (folder / "a.docx").write_bytes(b"met de hand")
    with pytest.raises(OutputConflict, match="met de hand gewijzigd"):
        commit(folder, _outputs(("a.docx", b"versie 4 a"),), {})


def test_number_too_large_for_exact_sums(oost):
    path = oost / "financien.yaml"
    text = path.read_text(encoding="utf-8")
    old = next(part for part in text.split() if part.isdigit() and len(part) >= 6)
    number = replace_line(path, old, "99999999999999999999999999999999")
    line = refused(oost)
    assert f"financien.yaml:{number}:" in line
    assert '"99999999999999999999999999999999" is te groot (hooguit 15 cijfers vóór de komma)' in line


def test_telwoord_type_guard():
    from decimal import Decimal

    from generator.formatting import telwoord, voud

    assert telwoord(Decimal("3")) == "drie" and voud(Decimal("7")) == "zevenvoud"
    assert telwoord(Decimal("1.5")) == "1,5"
    with pytest.raises(TypeError, match="telwoord verwacht een geheel getal, gevonden str"):
        telwoord("drie")
