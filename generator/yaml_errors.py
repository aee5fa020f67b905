"""Every message of the YAML reader (PyYAML and libyaml), in Dutch, at the right place.

The loader uses libyaml (``CSafeLoader``) when it is there and PyYAML's own parser
otherwise; their messages differ in wording, so both are listed. A message is matched
on its ``problem`` (what went wrong) and, where that decides the meaning, on its
``context`` (what was being read: a quoted text, a tag, a directive). The table is
complete for PyYAML 6 and libyaml 0.2: ``tests/test_robuust_yaml.py`` reads PyYAML's
source and fails when a message has no Dutch here. See docs/robuustheid.md.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .errors import Position, Problem

PREFIX = "YAML-syntaxfout: "

_INDENT = "controleer de inspringing"
_DIRECTIVE = ("regels die met % beginnen (YAML-directieven) worden niet ondersteund; "
              "verwijder de regel (en een '---' erna)")
_TAG = "labels (tags met !) worden niet ondersteund; verwijder het label"
_ANCHOR = "een anker (&naam) of verwijzing (*naam) heeft een naam van letters en cijfers nodig"

#: (what the reader was doing, as a regular expression on ``context``) → a Dutch message that
#: replaces the problem's own. Checked first: inside a directive or tag every problem means the same.
CONTEXTS: list[tuple[str, str]] = [
    (r"^while (scanning|parsing) a (%\w+ )?directive", _DIRECTIVE),
    (r"^while (scanning|parsing) a tag", _TAG),
    (r"^while (scanning|parsing) an? (anchor|alias)", _ANCHOR),
]

#: (``problem`` as a regular expression, Dutch). PyYAML's wording and libyaml's side by side.
PROBLEMS: list[tuple[str, str]] = [
    # reader (a character the YAML reader refuses; the loader finds these itself first)
    (r"^(special|control) characters are not allowed", "dit teken (een stuurteken) is niet toegestaan; verwijder het"),
    (r"^invalid (leading|trailing) UTF-8 octet|^incomplete UTF-8 octet sequence|^invalid length of a UTF-8 sequence"
     r"|^invalid Unicode character|^incomplete UTF-16", "dit is geen geldige UTF-8; sla het bestand op als UTF-8"),
    (r"^input is too long", "het bestand is te groot"),
    # scanner
    (r"^found character .*that cannot start any token",
     "dit teken kan hier geen waarde beginnen; zet de tekst tussen aanhalingstekens"),
    (r"^found a tab character", "een tab is hier niet toegestaan; spring in met spaties"),
    (r"^could not find expected ':'", "verwacht een dubbele punt (:) na de sleutel"),
    (r"^(block )?sequence entries are not allowed (here|in this context)",
     f"hier mag geen lijstelement ('- ') beginnen; {_INDENT}"),
    (r"^mapping keys are not allowed (here|in this context)", f"hier mag geen sleutel met '?' staan; {_INDENT}"),
    (r"^mapping values are not allowed (here|in this context)",
     "hier mag geen dubbele punt met een waarde staan; controleer de inspringing, "
     "of zet tekst met een dubbele punt tussen aanhalingstekens"),
    (r"^found unexpected ':'", "onverwachte dubbele punt; zet tekst met een dubbele punt tussen aanhalingstekens"),
    (r"^could not find expected directive name|^found unknown directive name|^found unexpected non-alphabetical "
     r"character|^expected a digit|^did not find expected digit|^did not find expected version number"
     r"|^found extremely long version number", _DIRECTIVE),
    (r"^expected alphabetic or numeric character|^did not find expected alphabetic or numeric character", _ANCHOR),
    (r"^expected '>', but found|^did not find the expected '>'|^expected '!', but found|^did not find expected '!'"
     r"|^expected URI|^did not find expected tag URI|^did not find URI escaped octet"
     r"|^found an incorrect (leading|trailing) UTF-8 octet|^'utf-8' codec can't decode", _TAG),
    (r"^expected indentation indicator in the range 1-9, but found 0|^found an indentation indicator equal to 0",
     "het inspringgetal na | of > moet 1 tot en met 9 zijn"),
    (r"^expected chomping or indentation indicators, but found",
     "na | of > mag alleen +, - of een cijfer 1 tot en met 9 staan"),
    (r"^expected a comment or a line break, but found|^did not find expected comment or line break",
     "hier moet de regel eindigen (of een opmerking met # beginnen)"),
    (r"^expected ' ', but found|^did not find expected whitespace( or line break)?",
     "verwacht hier een spatie of het einde van de regel"),
    (r"^expected escape sequence of \d+ hexadecimal numbers|^did not find expected hexdecimal number",
     "onvolledige escape-reeks (\\x, \\u of \\U met hexadecimale cijfers) in tekst tussen dubbele aanhalingstekens"),
    (r"^found invalid Unicode character escape code",
     "deze escape-reeks is geen geldig Unicode-teken (tekst tussen dubbele aanhalingstekens)"),
    (r"^found unknown escape character",
     "onbekende escape-reeks in tekst tussen dubbele aanhalingstekens; schrijf een \\ als \\\\, "
     "of gebruik enkele aanhalingstekens"),
    (r"^found unexpected end of stream", "dit aanhalingsteken wordt niet gesloten"),
    (r"^found unexpected document (separator|indicator)",
     "dit aanhalingsteken wordt niet gesloten vóór een regel met '---' of '...'"),
    (r"^exceeded maximum nesting depth", "te diep genest"),
    # parser
    (r"^expected '<document start>', but found|^did not find expected <document start>",
     f"na het einde van het document ('...') of op deze plaats mag niets meer staan; {_INDENT}"),
    (r"^did not find expected <stream-start>|^expected STREAM-START|^expected DOCUMENT-START or STREAM-END"
     r"|^expected DOCUMENT-END|^expected nothing after STREAM-END|^expected SCALAR, SEQUENCE-START",
     "het bestand is geen leesbare YAML"),
    (r"^found duplicate (YAML|%YAML) directive|^found incompatible YAML document|^incompatible %YAML directive"
     r"|^duplicate tag handle|^found duplicate %TAG directive|^duplicate %TAG directive", _DIRECTIVE),
    (r"^found undefined tag handle|^found non-specific tag", _TAG),
    (r"^expected the node content, but found|^did not find expected node content", "verwacht hier een waarde"),
    (r"^expected <block end>, but found '-'", f"een lijstelement ('- ') staat hier op de plaats van een sleutel; {_INDENT}"),
    (r"^expected <block end>, but found '\?'", f"verwacht hier een lijstelement ('- '); {_INDENT}"),
    (r"^expected <block end>, but found|^did not find expected key", f"verwacht een sleutel op dit niveau; {_INDENT}"),
    (r"^did not find expected '-' indicator", f"verwacht een lijstelement dat begint met '- '; {_INDENT}"),
    (r"^expected ',' or '\]', but got|^did not find expected ',' or '\]'",
     "verwacht ',' of ']': de lijst tussen [ ] is niet gesloten"),
    (r"^expected ',' or '}', but got|^did not find expected ',' or '}'",
     "verwacht ',' of '}': de mapping tussen { } is niet gesloten"),
    # composer
    (r"^expected a single document in the stream|^but found another document",
     "een bestand mag maar één YAML-document bevatten (verwijder '---')"),
    (r"^found undefined alias", "onbekende verwijzing (*naam): er staat geen anker &naam vóór deze plaats"),
    (r"^second occurrence|^found duplicate anchor", "dit anker (&naam) staat al eerder in het bestand"),
    (r"^found duplicate key", "deze sleutel komt dubbel voor"),
    (r"^found recursive", "een verwijzing (*naam) verwijst naar de waarde waarin zij zelf staat"),
    # constructor (the loader builds values itself; these are here for completeness)
    (r"^could not determine a constructor for the tag|^expected non-empty name appended to the tag"
     r"|^cannot find module|^module .* is not imported|^cannot find .* in the module|^expected a class"
     r"|^expected the empty value|^blacklisted key", _TAG),
    (r"^found unconstructable recursive node", "een verwijzing (*naam) verwijst naar de waarde waarin zij zelf staat"),
    (r"^expected a (scalar|sequence|mapping) node, but found|^expected a mapping (or list of mappings )?for merging"
     r"|^expected a sequence, but found|^expected a mapping of length 1|^expected a single mapping item",
     "deze waarde heeft niet de vorm die het label (tag) vraagt; verwijder het label"),
    (r"^found unhashable key", "een sleutel moet een eenvoudige tekst of een getal zijn"),
    (r"^failed to (convert|decode) base64 data", "binaire gegevens (!!binary) worden niet ondersteund"),
]


def dutch(problem: str | None, context: str | None = None) -> str | None:
    """The Dutch for a reader message; None when it is not known (a new PyYAML version).

    The patterns are compiled when a file has an error (``re`` keeps them), not when the loader is imported."""
    for pattern, text in CONTEXTS:
        if context and re.search(pattern, context):
            return text
    for pattern, text in PROBLEMS:
        if problem and re.search(pattern, problem):
            return text
    return None


def position_of(text: str, index: int, file: Path) -> Position:
    """Line and column (from 1) of the character at ``index`` in ``text``."""
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return Position(str(file), line, column)


def _pos(file: Path, mark) -> Position:
    return Position(str(file), mark.line + 1, mark.column + 1)


def syntax_problem(file: Path, text: str, exc: yaml.YAMLError) -> Problem:
    """One Dutch line for a reader, scanner, parser or composer error, at the place to look."""
    if isinstance(exc, yaml.reader.ReaderError):
        index = max(0, min(exc.position, len(text)))
        return Problem(PREFIX + (dutch(exc.reason) or "ongeldig teken"), position_of(text, index, file))
    if not isinstance(exc, yaml.MarkedYAMLError):
        return Problem(PREFIX + "het bestand is geen leesbare YAML", Position(str(file), 1, 1))
    problem, context = exc.problem or "", exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    position = _pos(file, mark) if mark is not None else Position(str(file), 1, 1)
    related = None
    if re.match(r"^found unexpected (end of stream|document)", problem) and exc.context_mark is not None:
        position = _pos(file, exc.context_mark)  # the opening quote, not where the file ends
    elif problem.startswith("second occurrence") and exc.context_mark is not None:
        related = _pos(file, exc.context_mark)
    elif isinstance(exc, (yaml.scanner.ScannerError, yaml.parser.ParserError)) and mark is not None \
            and "quoted scalar" not in context:
        quote = unclosed_quote(text, mark.line)
        if quote is not None:  # a quote left open earlier is why the parser lost its way here
            return Problem(PREFIX + "dit aanhalingsteken wordt niet (op dezelfde regel) gesloten",
                           position_of(text, quote, file))
    message = dutch(problem, context) or dutch(context) or "het bestand is geen leesbare YAML"
    if re.match(r"^while (scanning|parsing) a (%\w+ )?directive", context) and exc.context_mark is not None:
        position = _pos(file, exc.context_mark)  # the line with the directive
    elif re.match(r"^while parsing a flow (sequence|mapping)", context) and exc.context_mark is not None:
        opened = exc.context_mark
        message += f" (geopend op regel {opened.line + 1}, kolom {opened.column + 1})"
    if mark is not None and "cannot start any token" in problem:
        lines = text.split("\n")
        line = lines[mark.line] if mark.line < len(lines) else ""
        char = line[mark.column] if mark.column < len(line) else ""
        if char == "\t":
            message = "een tab is hier niet toegestaan; spring in met spaties"
        elif char:
            message = f"het teken '{char}' kan geen waarde beginnen; zet de tekst tussen aanhalingstekens"
    return Problem(PREFIX + message, position, related=related)


_VALUE_START = re.compile(r"""^\s*(?:-\s+)*(?:[^\s#'"][^#'"]*?:\s+)?(?:-\s+)*(["'])""")
_BLOCK_START = re.compile(r"""[:-]\s+[|>][-+0-9]*\s*(#.*)?$|^\s*[|>][-+0-9]*\s*$""")


def unclosed_quote(text: str, error_line: int) -> int | None:
    """Where an opening quote that is not closed on its own line stands, before ``error_line``.

    A quoted value may go on over lines, but in content it almost never does; when the
    parser fails further down, such a quote is the likely cause. Lines of block texts
    (``|``, ``>``) are skipped. Returns an index in ``text``.
    """
    offset, block_indent = 0, None
    for number, line in enumerate(text.split("\n")):
        if number >= error_line:
            break
        indent = len(line) - len(line.lstrip(" "))
        if block_indent is not None and (not line.strip() or indent > block_indent):
            offset += len(line) + 1
            continue
        block_indent = indent if _BLOCK_START.search(line) else None
        match = _VALUE_START.match(line)
        if match and not _closes(line[match.end(1):], match.group(1)):
            return offset + match.start(1)
        offset += len(line) + 1
    return None


def _closes(rest: str, quote: str) -> bool:
    index = 0
    while index < len(rest):
        char = rest[index]
        if quote == '"' and char == "\\":
            index += 2
            continue
        if char == quote:
            if quote == "'" and rest[index + 1:index + 2] == "'":
                index += 2  # '' is a quote inside single quotes
                continue
            return True
        index += 1
    return False
