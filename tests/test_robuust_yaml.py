"""Every message of the YAML reader in Dutch, one line, at the place to look (issue 13).

The loader reads with libyaml; PyYAML's own parser is the fallback. Each case feeds a
small broken file to both and reads the problem back. A second test reads PyYAML's
source and fails when one of its messages has no Dutch in generator/yaml_errors.py.
"""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import pytest
import yaml

from generator.errors import ContentError
from generator.loader import compose, load_file
from generator.yaml_errors import PREFIX, dutch, syntax_problem

#: Words of the reader's English that must never reach a user.
ENGLISH = re.compile(r"\b(found|expected|while|scanning|parsing|allowed|character|mapping values|stream|"
                     r"document start|block end|indicator|unacceptable|special|escape code|alias|anchor)\b")

LOADERS = [pytest.param(yaml.SafeLoader, id="pyyaml")]
if getattr(yaml, "CSafeLoader", None) is not None:
    LOADERS.insert(0, pytest.param(yaml.CSafeLoader, id="libyaml"))

# (id, text, Dutch that must be in the message, (line, column) or None where the two readers differ)
CASES = [
    ("teken-kan-niet-beginnen", "a: @x\n", "het teken '@' kan geen waarde beginnen", (1, 4)),
    ("tab", "a:\n\t- b\n", "een tab is hier niet toegestaan", (2, 1)),
    ("geen-dubbele-punt", 'a: 1\n"b"\nc: 2\n', "verwacht een dubbele punt (:) na de sleutel", (3, 1)),
    ("lijstelement-niet-hier", "a: - b\n", "hier mag geen lijstelement ('- ') beginnen", (1, 4)),
    ("vraagteken-sleutel", "a: ? b\n", "hier mag geen sleutel met '?' staan", (1, 4)),
    ("dubbele-punt", "a: b: c\n", "hier mag geen dubbele punt met een waarde staan", (1, 5)),
    ("directief-versie", "%YAML 1.x\n---\na: 1\n", "YAML-directieven", (1, 1)),
    ("directief-spatie", "%YAML 1.1x\n---\na: 1\n", "YAML-directieven", (1, 1)),
    ("directief-dubbel", "%YAML 1.1\n%YAML 1.1\n---\na: 1\n", "YAML-directieven", (2, 1)),
    ("directief-onverenigbaar", "%YAML 2.0\n---\na: 1\n", "YAML-directieven", (1, 1)),
    ("directief-tag-dubbel", "%TAG !x! tag:a\n%TAG !x! tag:b\n---\na: 1\n", "YAML-directieven", (2, 1)),
    ("anker-zonder-naam", "a: &\n", "een anker (&naam) of verwijzing (*naam) heeft een naam", (1, 5)),
    ("verwijzing-zonder-naam", "a: * \n", "een anker (&naam) of verwijzing (*naam) heeft een naam", (1, 5)),
    ("tag-niet-gesloten", "a: !<x\n", "labels (tags met !) worden niet ondersteund", (1, 7)),
    ("tag-uri-escape", "a: !<tag:%zz> 1\n", "labels (tags met !) worden niet ondersteund", None),
    ("tag-uri-utf8", "a: !<tag:%c3%28> 1\n", "labels (tags met !) worden niet ondersteund", None),
    ("tag-handle", "a: !x!y 1\n", "labels (tags met !) worden niet ondersteund", (1, 4)),
    ("blok-inspringgetal-0", "a: |0\n  x\n", "het inspringgetal na | of > moet 1 tot en met 9 zijn", (1, 5)),
    ("blok-teken-na-indicator", "a: |x\n  b\n", None, (1, 5)),
    ("blok-regeleinde", "a: | x\n  b\n", "hier moet de regel eindigen", (1, 6)),
    ("escape-hexadecimaal", 'a: "\\uZZZZ"\n', "onvolledige escape-reeks", (1, 7)),
    ("escape-onbekend", 'a: "\\q"\n', "onbekende escape-reeks in tekst tussen dubbele aanhalingstekens", None),
    ("aanhalingsteken-einde-bestand", 'a: 1\nb: "abc\nc: 2\n', "dit aanhalingsteken wordt niet gesloten", (2, 4)),
    ("aanhalingsteken-document", 'a: "x\n---\n', "wordt niet gesloten vóór een regel met '---'", (1, 4)),
    ("aanhalingsteken-verderop", 'a: "abc\nb: "x"\nc: 1\n', "dit aanhalingsteken wordt niet", (1, 4)),
    ("na-documenteinde", "a: 1\n...\nb\n", "na het einde van het document", (3, 1)),
    ("geen-waarde", "a: [\n", "verwacht hier een waarde", (2, 1)),
    ("lijst-op-sleutelniveau", "a: 1\n- b\n", "controleer de inspringing", (2, 1)),
    ("sleutel-op-dit-niveau", "a:\n  b: 1\n c: 2\n", "verwacht een sleutel op dit niveau", (3, 2)),
    ("lijstelement-verwacht", "- a\n? b\n", "lijstelement", (2, 1)),
    ("lijst-niet-gesloten", "a: [1, 2\nb: 3\n", "de lijst tussen [ ] is niet gesloten (geopend op regel 1, kolom 4)", (2, 2)),
    ("mapping-niet-gesloten", "a: {b: 1\nc: 3\n", "de mapping tussen { } is niet gesloten", (2, 2)),
    ("onbekende-verwijzing", "a: *b\n", "onbekende verwijzing (*naam)", (1, 4)),
    ("anker-dubbel", "a: &x 1\nb: &x 2\n", "dit anker (&naam) staat al eerder in het bestand", (2, 4)),
]

# Only one of the two readers has these.
LIBYAML_ONLY = [
    ("directief-onbekend", "%FOO\n---\na: 1\n", "YAML-directieven", (1, 1)),
    ("tag-spatie", "a: !x,y 1\n", "labels (tags met !) worden niet ondersteund", (1, 6)),
    ("escape-geen-unicode", 'a: "\\UFFFFFFFF"\n', "geen geldig Unicode-teken", (1, 7)),
]


def _problem(text: str, loader) -> str:
    try:
        compose(text, loader)
    except yaml.YAMLError as exc:
        problem = syntax_problem(Path("x.yaml"), text, exc)
        assert problem.position is not None
        return problem
    raise AssertionError(f"{loader.__name__} las dit zonder fout: {text!r}")


@pytest.mark.parametrize("loader", LOADERS)
@pytest.mark.parametrize("name, text, wanted, place", CASES, ids=[case[0] for case in CASES])
def test_reader_message_is_dutch_and_placed(name, text, wanted, place, loader):
    problem = _problem(text, loader)
    assert problem.message.startswith(PREFIX)
    if wanted:
        assert wanted in problem.message
    assert not ENGLISH.search(problem.message), problem.message
    assert "\n" not in problem.display()
    if place:
        assert (problem.position.line, problem.position.column) == place


@pytest.mark.skipif(getattr(yaml, "CSafeLoader", None) is None, reason="libyaml ontbreekt")
@pytest.mark.parametrize("name, text, wanted, place", LIBYAML_ONLY, ids=[case[0] for case in LIBYAML_ONLY])
def test_libyaml_message_is_dutch_and_placed(name, text, wanted, place):
    problem = _problem(text, yaml.CSafeLoader)
    assert wanted in problem.message and not ENGLISH.search(problem.message)
    assert (problem.position.line, problem.position.column) == place


def _pyyaml_messages() -> list[tuple[str, str]]:
    """(context, problem) of every error PyYAML's reader, scanner, parser, composer and constructor raise."""
    found = []
    for module in (yaml.reader, yaml.scanner, yaml.parser, yaml.composer, yaml.constructor):
        for node in ast.walk(ast.parse(inspect.getsource(module))):
            if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
                continue
            name = getattr(node.exc.func, "id", "")
            args = node.exc.args
            if name == "ReaderError" and len(args) == 5:
                found.append(("", _text(args[4])))
            elif name.endswith("Error") and len(args) >= 3:
                found.append((_text(args[0]), _text(args[2])))
    return [(context, problem) for context, problem in found if problem]


def _text(node: ast.AST) -> str:
    """A message as it reads, with its %-fields filled in."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.left, ast.Constant) and isinstance(node.left.value, str):
        return re.sub(r"%[rs]", "'x'", node.left.value.replace("%d", "4"))
    if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "str":  # str(exc): a UnicodeDecodeError
        return "'utf-8' codec can't decode byte 0xc3 in position 0: invalid continuation byte"
    return ""


def test_every_pyyaml_message_has_dutch():
    messages = _pyyaml_messages()
    assert len(messages) > 60  # the source was read, not skipped
    missing = [(context, problem) for context, problem in messages if dutch(problem, context) is None]
    assert not missing


# libyaml 0.2's problems (strings in the compiled reader); the C reader reports these instead.
LIBYAML = [
    "control characters are not allowed", "invalid leading UTF-8 octet", "invalid trailing UTF-8 octet",
    "incomplete UTF-8 octet sequence", "invalid length of a UTF-8 sequence", "invalid Unicode character",
    "incomplete UTF-16 character", "input is too long", "found character that cannot start any token",
    "found a tab character that violates indentation", "found a tab character where an indentation space is expected",
    "could not find expected ':'", "block sequence entries are not allowed in this context",
    "mapping keys are not allowed in this context", "mapping values are not allowed in this context",
    "found unexpected ':'", "could not find expected directive name", "found unknown directive name",
    "found unexpected non-alphabetical character", "did not find expected digit or '.' character",
    "did not find expected version number", "found extremely long version number",
    "did not find expected alphabetic or numeric character", "did not find the expected '>'",
    "did not find expected '!'", "did not find expected tag URI", "did not find URI escaped octet",
    "found an incorrect leading UTF-8 octet", "found an incorrect trailing UTF-8 octet",
    "found an indentation indicator equal to 0", "did not find expected comment or line break",
    "did not find expected whitespace", "did not find expected whitespace or line break",
    "did not find expected hexdecimal number", "found invalid Unicode character escape code",
    "found unknown escape character", "found unexpected end of stream", "found unexpected document indicator",
    "exceeded maximum nesting depth", "did not find expected <document start>", "did not find expected <stream-start>",
    "found duplicate %YAML directive", "found incompatible YAML document", "found duplicate %TAG directive",
    "found undefined tag handle", "did not find expected node content", "did not find expected key",
    "did not find expected '-' indicator", "did not find expected ',' or ']'", "did not find expected ',' or '}'",
    "found undefined alias", "second occurrence", "expected a single document in the stream",
]


@pytest.mark.parametrize("problem", LIBYAML)
def test_every_libyaml_message_has_dutch(problem):
    assert dutch(problem) is not None


def test_loader_reports_the_dutch_with_file_line_and_column(tmp_path):
    path = tmp_path / "samenwerking.yaml"
    path.write_text("samenwerking:\n  naam: Test\n  titel: \"Regeling\n  vorm: x\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_file(path)
    assert caught.value.report() == (
        f"{caught.value.problems[0].position.file}:3:10: "
        "YAML-syntaxfout: dit aanhalingsteken wordt niet gesloten"
    )


def test_reader_error_is_placed_on_one_line():
    """PyYAML's reader names a character index; the message gives its line and column."""
    text = "a: 1\nb: x\x07y\n"
    with pytest.raises(yaml.reader.ReaderError) as caught:
        compose(text, yaml.SafeLoader)
    problem = syntax_problem(Path("x.yaml"), text, caught.value)
    assert problem.display() == "x.yaml:2:5: YAML-syntaxfout: dit teken (een stuurteken) is niet toegestaan; verwijder het"
