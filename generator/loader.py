"""Load the YAML of one cooperation, keeping file:line:col for every value.

Content may be split over several ``*.yaml`` files in one folder; their top-level
keys are merged, and a key defined twice (in one file or in two) is an error.
Numbers with a fraction become ``Decimal``, never ``float``: money stays exact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from .errors import ContentError, PathKey, Position, Problem

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


def _load_file(
    file: Path, sources: SourceMap, problems: list[Problem], merge_roots: bool = True, text: str | None = None
) -> Any:
    if text is None:
        try:
            text = file.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            problems.append(Problem(f"bestand is geen geldige UTF-8 (byte {exc.start})", Position(str(file), 1, 1)))
            return None
    try:
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        problems.append(_syntax_problem(file, text, exc))
        return None
    except yaml.YAMLError as exc:  # pragma: no cover - errors without a mark are rare
        problems.append(Problem(f"YAML kan niet worden gelezen: {exc}", Position(str(file), 1, 1)))
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


# Dutch wording for the YAML syntax errors people make most.
_SYNTAX_MESSAGES: list[tuple[str, str]] = [
    ("mapping values are not allowed",
     "hier mag geen dubbele punt met een waarde staan; controleer de inspringing, "
     "of zet tekst met een dubbele punt tussen aanhalingstekens"),
    ("could not find expected ':'", "verwacht een dubbele punt (:) na de sleutel"),
    ("found character '\\t' that cannot start any token",
     "een tab is hier niet toegestaan; spring in met spaties"),
    ("found a tab character", "een tab is hier niet toegestaan; spring in met spaties"),
    ("did not find expected key",
     "verwacht een sleutel op dit niveau; controleer de inspringing"),
    ("did not find expected '-' indicator",
     "verwacht een lijstelement dat begint met '- '; controleer de inspringing"),
    ("expected <block end>", "de inspringing klopt hier niet"),
    ("found undefined alias", "onbekende verwijzing (alias met *)"),
    ("found unexpected end of stream", "het bestand houdt onverwacht op; is een aanhalingsteken niet gesloten?"),
    ("did not find expected node content", "verwacht hier een waarde"),
    ("found unknown escape character", "onbekende escape-reeks in tekst tussen dubbele aanhalingstekens"),
    ("expected ',' or ']'", "verwacht ',' of ']': de lijst tussen [ ] is niet gesloten"),
    ("expected ',' or '}'", "verwacht ',' of '}': de mapping tussen { } is niet gesloten"),
    ("did not find expected ',' or ']'", "verwacht ',' of ']': de lijst tussen [ ] is niet gesloten"),
    ("did not find expected ',' or '}'", "verwacht ',' of '}': de mapping tussen { } is niet gesloten"),
    ("found character that cannot start any token",
     "dit teken kan hier geen waarde beginnen; zet de tekst tussen aanhalingstekens"),
]


def _syntax_problem(file: Path, text: str, exc: yaml.MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    original = exc.problem or str(exc)
    if mark is not None and "cannot start any token" in original:
        lines = text.split("\n")
        line = lines[mark.line] if mark.line < len(lines) else ""
        char = line[mark.column] if mark.column < len(line) else ""
        if char == "\t":
            original = "found a tab character"
        elif char:
            message = f"YAML-syntaxfout: het teken '{char}' kan geen waarde beginnen; zet de tekst tussen aanhalingstekens"
            return Problem(message, _pos(file, mark))
    for english, dutch in _SYNTAX_MESSAGES:
        if original.startswith(english):
            message = f"YAML-syntaxfout: {dutch}"
            break
    else:
        message = f"YAML-syntaxfout: {original}"
    return Problem(message, _pos(file, mark) if mark else Position(str(file), 1, 1))


_FLOAT_TAG = "tag:yaml.org,2002:float"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_SPECIAL_FLOAT = re.compile(r"^[-+]?\.(inf|Inf|INF|nan|NaN|NAN)$")


class _Builder:
    """Turns composed YAML nodes into plain Python values, recording positions."""

    def __init__(self, file: Path, text: str, sources: SourceMap, problems: list[Problem]):
        self.file = file
        self.lines = text.split("\n")
        self.sources = sources
        self.problems = problems
        self.constructor = yaml.SafeLoader("")  # only its scalar constructors are used

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
        value = self.scalar(node, path, record=False)
        if value is None or isinstance(value, bool) or not isinstance(value, (str, int)):
            self.problems.append(
                Problem(f'ongeldige sleutel "{node.value}": gebruik tekst of een geheel getal',
                        _pos(self.file, node.start_mark), path)
            )
            return None
        return value

    def duplicate(self, key: Any, node: yaml.Node, first: Position, path: PathKey) -> None:
        self.problems.append(
            Problem(f'sleutel "{key}" komt dubbel voor', _pos(self.file, node.start_mark), path, related=first)
        )

    def build(self, node: yaml.Node, path: PathKey) -> Any:
        position = _pos(self.file, node.start_mark)
        self.sources.values[path] = position
        if isinstance(node, yaml.MappingNode):
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
                result[key] = self.build(value_node, path + (key,))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (index,)) for index, item in enumerate(node.value)]
        return self.scalar(node, path)

    def scalar(self, node: yaml.ScalarNode, path: PathKey, record: bool = True) -> Any:
        if record:
            indent = 0
            if node.style in ("|", ">"):
                indent = self.block_indent(node)
            self.sources.scalars[path] = ScalarSource(_pos(self.file, node.start_mark), node.style, indent)
        if node.tag == _FLOAT_TAG:
            raw = node.value.replace("_", "")
            if _SPECIAL_FLOAT.match(raw):
                self.problems.append(
                    Problem(f'"{node.value}" is geen bruikbaar getal', _pos(self.file, node.start_mark), path)
                )
                return None
            try:
                return Decimal(raw)
            except InvalidOperation:
                self.problems.append(
                    Problem(f'"{node.value}" is geen geldig getal', _pos(self.file, node.start_mark), path)
                )
                return None
        try:
            return self.constructor.construct_object(node, deep=True)
        except (yaml.constructor.ConstructorError, ValueError) as exc:
            self.problems.append(
                Problem(f'waarde "{node.value}" kan niet worden gelezen ({exc})', _pos(self.file, node.start_mark), path)
            )
            return None

    def block_indent(self, node: yaml.ScalarNode) -> int:
        """Column (0-based) of the content of a block scalar, read from the source text."""
        first = node.start_mark.line + 1
        last = node.end_mark.line if node.end_mark else len(self.lines)
        for line in self.lines[first:last + 1]:
            if line.strip():
                return len(line) - len(line.lstrip(" "))
        return node.start_mark.column + 2
