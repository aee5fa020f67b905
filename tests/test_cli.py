"""The command line speaks Dutch everywhere: help pages, usage errors, click's own phrases, the
preview's error page; a file ``tekst`` cannot read is wrong use (exit code 2)."""

from __future__ import annotations

import sys
import threading
import urllib.error
import urllib.request
from http.server import ThreadingHTTPServer
from types import SimpleNamespace

import pytest

from generator import cli

#: What click says in English when it is not told otherwise.
ENGLISH = ("Usage:", "Options:", "Commands:", "[OPTIONS]", "COMMAND", "[ARGS]", "[default:", "[required]",
           "Show this message", "Error:", "does not exist", "Invalid value", "Missing argument", "No such",
           "Try '", "Show the version", "Got unexpected", "is not a valid", "Arguments:")


def _run(capsys, monkeypatch, *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["samenwerking", *args])
    code = 0
    try:
        cli.run()
    except SystemExit as stopped:
        code = stopped.code or 0
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _english(text: str) -> list[str]:
    return [phrase for phrase in ENGLISH if phrase in text]


@pytest.mark.parametrize("command", [[], *([name] for name in sorted(cli.main.commands))])
def test_every_help_page_is_dutch(capsys, monkeypatch, command):
    code, out, err = _run(capsys, monkeypatch, *command, "--help")
    assert code == 0 and not err
    assert out.startswith("Gebruik: ") and "[OPTIES]" in out and "Opties:" in out
    assert _english(out) == [], out
    if not command:
        assert "OPDRACHT [ARGUMENTEN]..." in out and "Opdrachten:" in out
    # every positional argument is listed with what it is, under its own heading, not under "Opties"
    arguments = [p for p in cli.main.commands[command[0]].params if p.param_type_name == "argument"] if command else []
    for argument in arguments:
        section = out.split("Argumenten:")[1].split("Opties:")[0]
        assert argument.help and " ".join(argument.help.split())[:30] in " ".join(section.split())
        assert argument.human_readable_name not in out.split("Opties:")[1].split("\n  -h")[0].split()


def test_defaults_are_shown_in_dutch(capsys, monkeypatch):
    _, out, _ = _run(capsys, monkeypatch, "build", "--help")
    flat = " ".join(out.split())
    assert "[standaard: docx,pdf]" in flat and "[standaard: output]" in flat
    assert "stop (STOP-XML van de regeling)" in flat


@pytest.mark.parametrize("args, expected", [
    (["buid"], 'onbekende opdracht "buid"; bedoelde u "build"?'),
    (["build", "--formaat", "odt"], "ongeldige waarde voor --formaat: onbekend formaat odt; kies uit docx, pdf, html, stop"),
    (["preview", "--port", "x"], "ongeldige waarde voor --port: verwacht een geheel getal"),
    (["wijziging"], "REV_OUD [REV_NIEUW] [INHOUD] ontbreekt"),
    (["wijziging", "a", "--nummering", "x"], "ongeldige waarde voor --nummering: kies uit"),
    (["tekst"], "BESTAND ontbreekt"),
    (["tekst", "bestaat-niet.docx"], "bestand niet gevonden: bestaat-niet.docx"),
    (["tekst", "a.docx", "b.docx"], "onverwacht extra argument: b.docx"),
    (["check", "content/drechtsteden", "meer", "nog"], "onverwacht extra argument: meer nog"),
    (["preview", "--port"], "optie --port vraagt een waarde"),
    (["build", "--overschrijf=ja"], "optie --overschrijf neemt geen waarde"),
])
def test_usage_errors_are_dutch_with_exit_code_2(capsys, monkeypatch, args, expected):
    code, out, err = _run(capsys, monkeypatch, *args)
    assert code == 2 and not out
    assert err.startswith("fout: ") and expected in err, err
    assert _english(err) == [], err


def test_tekst_on_a_file_it_cannot_read_exits_2(capsys, monkeypatch, tmp_path):
    for name, what in (("kapot.docx", "Word-bestand"), ("kapot.pdf", "PDF-bestand")):
        damaged = tmp_path / name
        damaged.write_bytes(b"dit is geen document")
        code, out, err = _run(capsys, monkeypatch, "tekst", str(damaged))
        assert code == 2 and not out
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"fout: {damaged}: kan dit niet lezen als {what}"), err
    code, _, err = _run(capsys, monkeypatch, "tekst", str(tmp_path))
    assert code == 2 and "is geen bestand" in err


def test_missing_harfbuzz_subset_is_reported_once_in_dutch(capsys, monkeypatch):
    from weasyprint.text.ffi import harfbuzz_subset

    assert cli._harfbuzz_subset_found() == bool(harfbuzz_subset)  # the same answer as WeasyPrint's
    monkeypatch.setattr(cli, "_harfbuzz_subset_found", lambda: True)
    cli._harfbuzz_notice(("docx", "pdf"))
    assert capsys.readouterr().err == ""
    monkeypatch.setattr(cli, "_harfbuzz_subset_found", lambda: False)
    cli._harfbuzz_notice(("docx",))
    assert capsys.readouterr().err == ""  # no PDF: it costs nothing
    cli._harfbuzz_notice(("docx", "pdf"))
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and "HarfBuzz-subset ontbreekt" in lines[0] and "drie keer zo traag" in lines[0]
    assert "libharfbuzz-subset0" in lines[0]


def test_preview_not_found_page_is_dutch():
    from generator.preview import make_handler

    fake = SimpleNamespace(index=lambda: b"", status=lambda: b"{}", page=lambda name, last_good=False: None,
                           state=SimpleNamespace(generation=3))
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(fake))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with pytest.raises(urllib.error.HTTPError) as error:
            urllib.request.urlopen(f"http://127.0.0.1:{server.server_address[1]}/doc/bestaat-niet", timeout=5)
        body = error.value.read().decode("utf-8")
    finally:
        server.shutdown()
        server.server_close()
    assert error.value.code == 404
    assert '<html lang="nl">' in body and "<h1>Niet gevonden</h1>" in body and "/doc/bestaat-niet" in body
    assert "Error" not in body and "Nothing matches" not in body
