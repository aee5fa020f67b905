"""Load the YAML of one cooperation, keeping file:line:col for every value.

Content may be split over several ``*.yaml`` files in one folder; their top-level
keys are merged, and a key defined twice (in one file or in two) is an error.
Numbers with a fraction become ``Decimal``, never ``float``: money stays exact.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from .errors import ContentError, PathKey, Position, Problem
from .yaml_errors import PREFIX, position_of, syntax_problem

#: Limits that keep a hostile file from exhausting the machine (docs/robuustheid.md).
MAX_FILE_BYTES = 2_000_000  # one YAML file; the examples are 2 to 15 kB
MAX_DEPTH = 50  # levels of nesting; the examples use fewer than 10
MAX_ALIAS_VALUES = 10_000  # values that aliases (*naam) may add beyond the file's own
MAX_DIGITS = 15  # digits before (and after) the decimal point: exact in every sum the tool makes
MAX_NUMBER = 10 ** MAX_DIGITS

#: Characters YAML does not accept in a file (the reader's own set).
_NOT_IN_YAML = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")
#: Characters no document can hold (XML 1.0), reachable through escapes such as "\x07".
_NOT_IN_DOCUMENT = re.compile("[\x00-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]")

try:  # the C loader is several times faster and keeps marks just as well
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - pure Python fallback
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


@dataclass
class ScalarSource:
    """Where a scalar stands and how it was written, to place positions inside it."""

    position: Position
    style: str | None  # None (plain), "'", '"', '|', '>'
    indent: int  # column (0-based) of the first content character of a block scalar


@dataclass
class SourceMap:
    """Positions of every key and value, by path."""

    values: dict[PathKey, Position] = field(default_factory=dict)
    keys: dict[PathKey, Position] = field(default_factory=dict)
    scalars: dict[PathKey, ScalarSource] = field(default_factory=dict)

    def value(self, path: PathKey) -> Position | None:
        """Position of the value at ``path``, or of its nearest ancestor that exists."""
        path = tuple(path)
        while path:
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get(())

    def key(self, path: PathKey) -> Position | None:
        """Position of the key at the end of ``path`` (falls back to the value)."""
        path = tuple(path)
        return self.keys.get(path) or self.value(path)

    def inside(self, path: PathKey, line_in_value: int, column_in_line: int) -> Position | None:
        """Position of a character inside a scalar, given as (line, column) in its text.

        Exact for block scalars (``|`` line by line, ``>`` through its folded lines) and
        single-line flow scalars; for folded multi-line flow scalars it points at the scalar.
        """
        scalar = self.scalars.get(tuple(path))
        if scalar is None:
            return self.value(path)
        start = scalar.position
        if scalar.style == ">":
            # Folded: the value's lines are the source lines joined with spaces; map back through them.
            return _unfold(scalar, line_in_value, column_in_line) or start
        if scalar.style == "|":
            return Position(start.file, start.line + 1 + line_in_value, scalar.indent + 1 + column_in_line)
        if line_in_value == 0:
            quote = 1 if scalar.style in ("'", '"') else 0
            return Position(start.file, start.line, start.column + quote + column_in_line)
        return start


def _unfold(scalar: ScalarSource, line_in_value: int, column_in_line: int) -> Position | None:
    """Where a character of a folded block scalar (``>``) stands in its file; None if unsure."""
    try:
        lines = Path(scalar.position.file).read_text(encoding="utf-8").split("\n")
    except OSError:
        return None
    value_line, value_column, blank, started = 0, 0, 0, False
    for index in range(scalar.position.line, len(lines)):
        raw = lines[index]
        if not raw.strip():
            blank += 1
            continue
        indent = len(raw) - len(raw.lstrip(" "))
        if indent < scalar.indent:
            break
        if indent > scalar.indent:
            return None  # more-indented lines keep their breaks; not mapped
        text = raw[scalar.indent:]
        if blank:
            value_line, value_column = value_line + blank, 0
        elif started:
            value_column += 1  # the space a single line break folds into
        blank, started = 0, True
        if value_line == line_in_value and value_column <= column_in_line < value_column + len(text):
            return Position(scalar.position.file, index + 1, scalar.indent + 1 + column_in_line - value_column)
        value_column += len(text)
    return None


@dataclass
class Content:
    """The raw data of a cooperation, with where each part came from."""

    folder: Path
    data: dict[str, Any]
    sources: SourceMap
    files: list[Path]


def content_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def outside_folder(file: Path) -> Path | None:
    """Where ``file`` really is when a link takes it out of its own folder; None when it stays inside."""
    real = file.resolve()
    try:
        real.relative_to(file.parent.resolve())
        return None
    except ValueError:
        return real


def read_text(file: Path, problems: list[Problem]) -> str | None:
    """A YAML file as text, or None with a positioned problem (link outside, size, bytes, characters)."""
    target = outside_folder(file)
    if target is not None:
        problems.append(Problem(f"dit bestand is een koppeling (symlink) naar {target}, buiten de map; "
                                "inhoud wordt alleen uit de map zelf gelezen: kopieer het bestand erin",
                                Position(str(file), 1, 1)))
        return None
    try:
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.append(Problem(f"het bestand is te groot ({size} bytes; hooguit {MAX_FILE_BYTES})",
                                    Position(str(file), 1, 1)))
            return None
        data = file.read_bytes()
    except OSError as exc:
        problems.append(Problem(f"het bestand kan niet worden gelezen ({exc.strerror or exc})", Position(str(file), 1, 1)))
        return None
    return decode(file, data, problems)


def decode(file: Path, data: bytes, problems: list[Problem]) -> str | None:
    """UTF-8 text, or None with a problem at the line and column of the first bad byte."""
    try:
        text = data.decode("utf-8")
        bad = None
    except UnicodeDecodeError as exc:
        text, bad = None, exc.start
    if b"\0" in data:  # binary: point at its first byte that is not text
        index = data.index(b"\0") if bad is None else min(bad, data.index(b"\0"))
        problems.append(Problem("het bestand is geen tekst maar binair (het bevat nul-bytes); "
                                "alleen YAML-tekst in UTF-8 kan worden gelezen", _byte_position(file, data, index)))
        return None
    if bad is not None:
        hint = ""
        guess = data[bad:bad + 1].decode("cp1252", errors="replace")
        if guess.isprintable() and guess != "\ufffd":
            hint = f" (in Latin-1/Windows-1252 is dat '{guess}')"
        problems.append(Problem(f"ongeldige byte 0x{data[bad]:02X}: het bestand is geen UTF-8{hint}; "
                                "sla het op als UTF-8", _byte_position(file, data, bad)))
        return None
    return text


def _byte_position(file: Path, data: bytes, index: int) -> Position:
    start = data.rfind(b"\n", 0, index) + 1
    column = len(data[start:index].decode("utf-8", errors="replace")) + 1
    return Position(str(file), data.count(b"\n", 0, index) + 1, column)


def check_characters(file: Path, text: str, problems: list[Problem]) -> bool:
    """False (with a problem at the first one) when the text holds a character YAML refuses."""
    match = _NOT_IN_YAML.search(text)
    if match is None:
        return True
    char = match.group()
    problems.append(Problem(f"{PREFIX}ongeldig teken U+{ord(char):04X} (een stuurteken of geen teken); verwijder het",
                            position_of(text, match.start(), file)))
    return False


def load_folder(folder: Path) -> Content:
    """Load every YAML file of a cooperation folder; raise ContentError with all problems."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ContentError([Problem(f"map met inhoud niet gevonden: {folder}")])
    files = content_files(folder)
    if not files:
        raise ContentError([Problem(f"geen YAML-bestanden (*.yaml) gevonden in {folder}")])
    return _merge(folder, [(file, None) for file in files])


def load_texts(folder: Path, texts: list[tuple[str, str]]) -> Content:
    """Load a cooperation from texts in memory (e.g. as they stood at a git revision).

    ``texts`` holds ``(file name, text)`` pairs; the names are what positions show
    (``abc1234:content/drechtsteden/regeling.yaml:12:5``), nothing is read from disk.
    """
    if not texts:
        raise ContentError([Problem(f"geen YAML-bestanden (*.yaml) gevonden in {folder}")])
    return _merge(Path(folder), [(Path(name), text) for name, text in sorted(texts)])


def _merge(folder: Path, sources_in: list[tuple[Path, str | None]]) -> Content:
    files = [file for file, _ in sources_in]
    data: dict[str, Any] = {}
    sources = SourceMap()
    problems: list[Problem] = []
    for file, text in sources_in:
        file_sources = SourceMap()
        loaded = _load_file(file, file_sources, problems, text=text)
        if loaded is None:
            continue
        for key, value in loaded.items():
            if key in data:
                problems.append(
                    Problem(
                        f'onderdeel "{key}" staat ook in een ander bestand; '
                        "een onderdeel mag maar op één plaats staan",
                        file_sources.keys.get((key,)),
                        related=sources.keys.get((key,)),
                    )
                )
                continue
            data[key] = value
            for mine, theirs in (
                (file_sources.values, sources.values),
                (file_sources.keys, sources.keys),
                (file_sources.scalars, sources.scalars),
            ):
                theirs.update((p, v) for p, v in mine.items() if p and p[0] == key)
        sources.values.setdefault((), file_sources.values.get((), Position(str(file), 1, 1)))
    if problems:
        raise ContentError(problems)
    return Content(folder=folder, data=data, sources=sources, files=files)


def load_file(file: Path) -> tuple[Any, SourceMap]:
    """Load one YAML file (used for declarations and tests)."""
    sources = SourceMap()
    problems: list[Problem] = []
    data = _load_file(Path(file), sources, problems, merge_roots=False)
    if problems:
        raise ContentError(problems)
    return data, sources


def parse_quietly(file: Path, text: str | None = None) -> Any | None:
    """The data of one YAML file (``text``: as given, else read from ``file``) with every bound of
    the loader (size, characters, aliases, nesting, links out of the folder), or None when it has
    any problem: for comparisons that fall back to "changed" rather than report."""
    problems: list[Problem] = []
    data = _load_file(Path(file), SourceMap(), problems, text=text)
    return None if problems else data


def _load_file(
    file: Path, sources: SourceMap, problems: list[Problem], merge_roots: bool = True, text: str | None = None
) -> Any:
    if text is None:
        text = read_text(file, problems)
        if text is None:
            return None
    elif len(text) > MAX_FILE_BYTES:
        problems.append(Problem(f"het bestand is te groot (hooguit {MAX_FILE_BYTES} bytes)", Position(str(file), 1, 1)))
        return None
    if not check_characters(file, text, problems):
        return None
    try:
        nodes = compose(text)
    except yaml.YAMLError as exc:
        problems.append(syntax_problem(file, text, exc))
        return None
    except RecursionError:
        problems.append(Problem(f"{PREFIX}te diep genest (hooguit {MAX_DEPTH} niveaus)", Position(str(file), 1, 1)))
        return None
    except (ValueError, OverflowError, UnicodeError):  # PyYAML's own parser on a few escapes (no libyaml)
        problems.append(Problem(f"{PREFIX}het bestand is geen leesbare YAML (een escape-reeks?)",
                                Position(str(file), 1, 1)))
        return None
    nodes = [n for n in nodes if n is not None]
    if not nodes:
        return {} if merge_roots else None
    if len(nodes) > 1:
        problems.append(
            Problem("een bestand mag maar één YAML-document bevatten (verwijder '---')", _pos(file, nodes[1].start_mark))
        )
        return None
    root = nodes[0]
    builder = _Builder(file, text, sources, problems)
    if merge_roots:
        if not isinstance(root, yaml.MappingNode):
            problems.append(
                Problem("verwacht op het hoogste niveau sleutels met waarden (een mapping)", _pos(file, root.start_mark))
            )
            return None
        return builder.top_level(root)
    return builder.build(root, ())


def _pos(file: Path, mark: Any) -> Position:
    return Position(str(file), mark.line + 1, mark.column + 1)


def compose(text: str, loader: type = _Loader) -> list[yaml.Node]:
    """The YAML documents in ``text`` as nodes (positions kept); libyaml when it is there."""
    return list(yaml.compose_all(text, Loader=loader))


_FLOAT_TAG = "tag:yaml.org,2002:float"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_INT_TAG = "tag:yaml.org,2002:int"
_BOOL_TAG = "tag:yaml.org,2002:bool"
#: Tags a scalar may carry (written or implied); anything else (``!!binary``, ``!!python/...``, ``!eigen``) is refused.
_SCALAR_TAGS = {"tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "null", "timestamp")}
_COLLECTION_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
_SPECIAL_FLOAT = re.compile(r"^[-+]?\.(inf|Inf|INF|nan|NaN|NAN)$")
_TIMESTAMP = yaml.constructor.SafeConstructor.timestamp_regexp


class _TooMuch(Exception):
    """The file makes more values than it holds (aliases multiplying): stop building."""


class _Builder:
    """Turns composed YAML nodes into plain Python values, recording positions.

    Bounded: nesting deeper than MAX_DEPTH, an alias inside itself, and aliases that add
    more than MAX_ALIAS_VALUES values (a "billion laughs" file) are problems, found at once.
    """

    def __init__(self, file: Path, text: str, sources: SourceMap, problems: list[Problem]):
        self.file = file
        self.text = text
        self.lines = text.split("\n")
        self.sources = sources
        self.problems = problems
        self.constructor = yaml.SafeLoader("")  # only its scalar constructors are used
        self.budget = 0
        self.active: set[int] = set()  # nodes being built: an alias to one of them is a loop

    def _problem(self, message: str, node: yaml.Node, path: PathKey) -> None:
        self.problems.append(Problem(message, _pos(self.file, node.start_mark), path))

    def top_level(self, root: yaml.MappingNode) -> dict[str, Any]:
        self.sources.values[()] = _pos(self.file, root.start_mark)
        return self.build(root, ())

    def key(self, node: yaml.Node, path: PathKey) -> Any:
        if node.tag == _MERGE_TAG:
            self.problems.append(
                Problem("samenvoegen met '<<' wordt niet ondersteund; schrijf de sleutels uit",
                        _pos(self.file, node.start_mark), path)
            )
            return None
        if not isinstance(node, yaml.ScalarNode):
            self.problems.append(
                Problem("een sleutel moet een eenvoudige tekst of een getal zijn", _pos(self.file, node.start_mark), path)
            )
            return None
        problems = len(self.problems)
        value = self.scalar(node, path, record=False)
        if len(self.problems) > problems:
            return None
        if value is None or isinstance(value, bool) or not isinstance(value, (str, int)):
            self.problems.append(
                Problem(f'ongeldige sleutel "{_shown(node.value)}": gebruik tekst of een geheel getal',
                        _pos(self.file, node.start_mark), path)
            )
            return None
        return value

    def duplicate(self, key: Any, node: yaml.Node, first: Position, path: PathKey) -> None:
        self.problems.append(
            Problem(f'sleutel "{key}" komt dubbel voor', _pos(self.file, node.start_mark), path, related=first)
        )

    def build(self, node: yaml.Node, path: PathKey) -> Any:
        if not path:  # every value of its own takes at least one character of the file
            self.budget = len(self.text) + MAX_ALIAS_VALUES
        try:
            return self._build(node, path)
        except _TooMuch:
            if path:
                raise
            self._problem(f"{PREFIX}de verwijzingen (*naam) in dit bestand maken te veel waarden "
                          f"(meer dan {MAX_ALIAS_VALUES} erbij); schrijf de waarden uit", node, ())
            return None

    def _build(self, node: yaml.Node, path: PathKey) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise _TooMuch
        position = _pos(self.file, node.start_mark)
        self.sources.values[path] = position
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            if node.tag not in _COLLECTION_TAGS:
                self._problem(f'{PREFIX}label (tag) "{_shown(node.tag)}" wordt niet ondersteund; verwijder het',
                              node, path)
                return None
            if len(path) >= MAX_DEPTH:
                self._problem(f"{PREFIX}te diep genest (hooguit {MAX_DEPTH} niveaus)", node, path[:2])
                return None
            if id(node) in self.active:
                self._problem(f"{PREFIX}deze verwijzing (*naam) verwijst naar de waarde waarin zij zelf staat",
                              node, path)
                return None
            self.active.add(id(node))
            try:
                return self._collection(node, path)
            finally:
                self.active.discard(id(node))
        return self.scalar(node, path)

    def _collection(self, node: yaml.Node, path: PathKey) -> Any:
        if isinstance(node, yaml.SequenceNode):
            return [self._build(item, path + (index,)) for index, item in enumerate(node.value)]
        result: dict[Any, Any] = {}
        seen: dict[Any, Position] = {}
        for key_node, value_node in node.value:
            key = self.key(key_node, path)
            if key is None:
                continue
            if key in seen:
                self.duplicate(key, key_node, seen[key], path)
                continue
            seen[key] = _pos(self.file, key_node.start_mark)
            self.sources.keys[path + (key,)] = seen[key]
            result[key] = self._build(value_node, path + (key,))
        return result

    def scalar(self, node: yaml.ScalarNode, path: PathKey, record: bool = True) -> Any:
        if record:
            indent = 0
            if node.style in ("|", ">"):
                indent = self.block_indent(node)
            self.sources.scalars[path] = ScalarSource(_pos(self.file, node.start_mark), node.style, indent)
        shown = _shown(node.value)
        if node.tag not in _SCALAR_TAGS:
            self._problem(f'{PREFIX}label (tag) "{_shown(node.tag)}" wordt niet ondersteund; verwijder het', node, path)
            return None
        if node.tag == _FLOAT_TAG:
            raw = node.value.replace("_", "")
            if _SPECIAL_FLOAT.match(raw):
                self._problem(f'"{shown}" is geen bruikbaar getal', node, path)
                return None
            try:
                return self.number(Decimal(raw), node, path)
            except InvalidOperation:
                self._problem(f'"{shown}" is geen geldig getal', node, path)
                return None
        if node.tag == _TIMESTAMP_TAG:
            return self.timestamp(node, path)
        if node.tag == _BOOL_TAG and node.value.lower() not in self.constructor.bool_values:
            self._problem(f'"{shown}" is geen ja/nee-waarde; schrijf true of false', node, path)
            return None
        if node.tag == _INT_TAG and len(node.value) > 100:
            self._problem(f'"{shown}" is te lang voor een getal (hooguit 100 tekens)', node, path)
            return None
        try:
            value = self.constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, ArithmeticError, LookupError, TypeError, AttributeError):
            if node.tag == _INT_TAG:
                self._problem(f'"{shown}" is geen geldig geheel getal', node, path)
            else:
                self._problem(f'waarde "{shown}" kan niet worden gelezen', node, path)
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return self.number(value, node, path)
        if node.style == '"' and isinstance(value, str) and (bad := _NOT_IN_DOCUMENT.search(value)):
            where = self.sources.inside(path, value.count("\n", 0, bad.start()),
                                        bad.start() - (value.rfind("\n", 0, bad.start()) + 1)) if record else None
            self.problems.append(Problem(
                f"de tekst bevat het stuurteken U+{ord(bad.group()):04X} (uit een escape-reeks); "
                "dat kan in geen document staan: verwijder het", where or _pos(self.file, node.start_mark), path))
            return None
        return value

    def number(self, value: int | Decimal, node: yaml.ScalarNode, path: PathKey) -> int | Decimal | None:
        """A number the calculations can hold exactly (Decimal keeps 28 digits)."""
        if not (isinstance(value, int) or value.is_finite()):
            self._problem(f'"{_shown(node.value)}" is geen bruikbaar getal', node, path)
            return None
        if abs(value) >= MAX_NUMBER:
            self._problem(f'"{_shown(node.value)}" is te groot (hooguit {MAX_DIGITS} cijfers vóór de komma)', node, path)
            return None
        if isinstance(value, Decimal) and (-value.as_tuple().exponent > MAX_DIGITS
                                           or len(value.as_tuple().digits) > MAX_DIGITS + 5):
            self._problem(f'"{_shown(node.value)}" heeft te veel cijfers (hooguit {MAX_DIGITS} na de komma, '
                          f"{MAX_DIGITS + 5} in totaal)", node, path)
            return None
        return value

    def timestamp(self, node: yaml.ScalarNode, path: PathKey) -> Any:
        """A date (or date and time) in Dutch terms: 31 februari is a date that does not exist."""
        shown = _shown(node.value)
        match = _TIMESTAMP.match(node.value)
        if match is None:
            self._problem(f'"{shown}" is geen datum; schrijf een datum als JJJJ-MM-DD, bijvoorbeeld 2026-01-31',
                          node, path)
            return None
        parts = match.groupdict()
        year, month, day = int(parts["year"]), int(parts["month"]), int(parts["day"])
        problem = None
        if year < 1:
            problem = "het jaar 0 bestaat niet"
        elif not 1 <= month <= 12:
            problem = f"maand {month} bestaat niet (1 tot en met 12)"
        elif not 1 <= day <= calendar.monthrange(year, month)[1]:
            from .formatting import MAANDEN

            problem = f"{MAANDEN[month - 1]} {year} heeft {calendar.monthrange(year, month)[1]} dagen"
        elif parts["hour"] and (int(parts["hour"]) > 23 or int(parts["minute"]) > 59 or int(parts["second"]) > 59):
            problem = "die tijd bestaat niet (uur 0 tot en met 23, minuten en seconden 0 tot en met 59)"
        elif parts["tz_hour"] and int(parts["tz_hour"]) > 23:
            problem = "die tijdzone bestaat niet"
        if problem:
            self._problem(f'"{shown}" is geen bestaande datum: {problem}', node, path)
            return None
        try:
            return self.constructor.construct_yaml_timestamp(node)
        except (ValueError, OverflowError, AttributeError):  # pragma: no cover - checked above
            self._problem(f'"{shown}" is geen bestaande datum', node, path)
            return None

    def block_indent(self, node: yaml.ScalarNode) -> int:
        """Column (0-based) of the content of a block scalar, read from the source text."""
        first = node.start_mark.line + 1
        last = node.end_mark.line if node.end_mark else len(self.lines)
        for line in self.lines[first:last + 1]:
            if line.strip():
                return len(line) - len(line.lstrip(" "))
        return node.start_mark.column + 2


def _shown(text: str | None) -> str:
    """A value (or tag) as a message quotes it: short, on one line."""
    text = (text or "").replace("\n", " ").replace("tag:yaml.org,2002:", "!!")
    return text if len(text) <= 40 else text[:37] + "..."
