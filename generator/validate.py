"""Validate loaded content against the model, in Dutch, with file:line:col.

Pydantic reports where a value is wrong as a path of field names and list
indexes; the loader's SourceMap turns that path into a position in a file.
"""

from __future__ import annotations

import datetime
import difflib
import re
import types
import typing
from decimal import Decimal
from typing import Any, Iterable

from pydantic import BaseModel, ValidationError

from .errors import ContentError, PathKey, Problem
from .loader import Content
from .model import Inhoud, assign_paths


def validate(content: Content) -> Inhoud:
    """Turn loaded content into the typed model, or raise ContentError with every problem."""
    try:
        inhoud = Inhoud.model_validate(content.data)
    except ValidationError as exc:
        raise ContentError(list(_problems(exc, content))) from None
    assign_paths(inhoud)
    return inhoud


def _problems(exc: ValidationError, content: Content) -> Iterable[Problem]:
    seen: set[tuple] = set()
    for error in exc.errors(include_url=False):
        path = data_path(error["loc"], content.data)
        problem = translate(error, path, content)
        key = (problem.position, problem.path, problem.message)
        if key not in seen:
            seen.add(key)
            yield problem


def data_path(loc: tuple, data: Any) -> PathKey:
    """Map a pydantic location to a path in the YAML data.

    Pydantic inserts the names of union members and validator wrappers into the
    location; those are skipped by following the data itself.
    """
    path: list[str | int] = []
    current = data
    for index, part in enumerate(loc):
        last = index == len(loc) - 1
        if isinstance(current, dict) and part in current:
            path.append(part)
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            path.append(part)
            current = current[part]
        elif last and isinstance(part, (str, int)) and isinstance(current, dict):
            path.append(part)  # a missing key: its name is part of the path
        # otherwise: a union tag or wrapper name, not a step in the data
    return tuple(path)


def describe(value: Any) -> str:
    """How a found value is shown in a message."""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f'"{shown}"'
    if isinstance(value, (int, Decimal)):
        return str(value)
    if isinstance(value, datetime.datetime):
        return f"datum en tijd {value.isoformat(sep=' ')}"
    if isinstance(value, datetime.date):
        return f"datum {value.isoformat()}"
    if isinstance(value, list):
        return "een lijst"
    if isinstance(value, dict):
        return "sleutels met waarden"
    if value is None:
        return "niets (lege waarde)"
    return repr(value)


_EXPECTED: dict[str, str] = {
    "int_type": "verwacht een geheel getal",
    "int_parsing": "verwacht een geheel getal",
    "int_from_float": "verwacht een geheel getal",
    "string_type": "verwacht tekst",
    "bool_type": "verwacht true of false",
    "bool_parsing": "verwacht true of false",
    "date_type": "verwacht een datum in de vorm JJJJ-MM-DD",
    "date_parsing": "verwacht een datum in de vorm JJJJ-MM-DD",
    "date_from_datetime_inexact": "verwacht een datum zonder tijd",
    "decimal_type": "verwacht een getal",
    "decimal_parsing": "verwacht een getal",
    "is_instance_of": "verwacht een getal",
    "list_type": "verwacht een lijst (regels die beginnen met '- ')",
    "tuple_type": "verwacht een lijst",
    "dict_type": "verwacht sleutels met waarden",
    "model_type": "verwacht sleutels met waarden",
    "model_attributes_type": "verwacht sleutels met waarden",
    "float_type": "verwacht een getal",
    "float_parsing": "verwacht een getal",
    "finite_number": "verwacht een eindig getal",
    "decimal_max_digits": "verwacht een getal met minder cijfers",
    "decimal_max_places": "verwacht een getal met minder cijfers na de komma",
    "decimal_whole_digits": "verwacht een getal met minder cijfers vóór de komma",
    "datetime_type": "verwacht een datum en tijd",
    "datetime_parsing": "verwacht een datum en tijd",
    "datetime_from_date_parsing": "verwacht een datum en tijd",
    "date_from_datetime_parsing": "verwacht een datum in de vorm JJJJ-MM-DD",
    "time_type": "verwacht een tijd",
    "time_parsing": "verwacht een tijd",
    "set_type": "verwacht een lijst",
    "frozen_set_type": "verwacht een lijst",
    "string_sub_type": "verwacht tekst",
    "bytes_type": "verwacht tekst",
    "none_required": "verwacht geen waarde",
    "mapping_type": "verwacht sleutels met waarden",
    "iterable_type": "verwacht een lijst",
    "list_from_iterable": "verwacht een lijst",
}


def translate(error: dict, path: PathKey, content: Content, root: type[BaseModel] = Inhoud) -> Problem:
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    sources = content.sources
    position = sources.value(path)
    found = f", gevonden {describe(value)}"

    if kind == "missing":
        name = path[-1] if path else "?"
        return Problem(f'verplicht onderdeel "{name}" ontbreekt', sources.value(path[:-1]), path[:-1])
    if kind == "extra_forbidden":
        name = path[-1] if path else "?"
        known = known_keys(path[:-1], root)
        message = f'onbekende sleutel "{name}"'
        close = difflib.get_close_matches(str(name), known, n=1, cutoff=0.6)
        if close:
            message += f'; bedoelde u "{close[0]}"?'
        elif known:
            message += "; toegestaan zijn: " + ", ".join(sorted(known))
        return Problem(message, sources.key(path), path)
    if kind in ("literal_error", "enum"):
        options = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        message = "verwacht een van: " + ", ".join(f'"{o}"' for o in options) + found
        close = difflib.get_close_matches(str(value), options, n=1, cutoff=0.6)
        if close:
            message += f'; bedoelde u "{close[0]}"?'
        return Problem(message, position, path)
    if kind == "string_pattern_mismatch":
        if "[a-z][a-z0-9-]*" in str(ctx.get("pattern", "")):
            return Problem(
                "een id bestaat uit kleine letters, cijfers en streepjes en begint met een letter" + found,
                position, path,
            )
        return Problem(f"heeft niet de juiste vorm{found}", position, path)
    if kind == "string_too_short":
        return Problem("mag niet leeg zijn", position, path)
    if kind == "string_too_long":
        return Problem(f"is te lang (hooguit {ctx.get('max_length')} tekens)", position, path)
    if kind == "too_short":
        return Problem(
            f"te weinig elementen: minstens {ctx.get('min_length')}, gevonden {ctx.get('actual_length')}",
            position, path,
        )
    if kind == "too_long":
        return Problem(f"te veel elementen: hooguit {ctx.get('max_length')}", position, path)
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        words = {
            "greater_than": "groter dan", "greater_than_equal": "minstens",
            "less_than": "kleiner dan", "less_than_equal": "hooguit",
        }
        limit = next(iter(ctx.values()), "?")
        return Problem(f"moet {words[kind]} {limit} zijn{found}", position, path)
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        tags = ctx.get("expected_tags", "")
        return Problem(f"onbekende soort; kies uit {tags}{found}", position, path)
    if kind == "value_error":
        return Problem(str(ctx.get("error", error["msg"])), position, path)
    if kind in _EXPECTED:
        message = _EXPECTED[kind] + found
        if kind == "string_type" and isinstance(value, (int, Decimal, bool, datetime.date)):
            message += " (zet de waarde tussen aanhalingstekens als het tekst is)"
        if kind in ("date_type", "date_parsing") and isinstance(value, str) and _quoted(content, path) \
                and re.fullmatch(r"\s*\d{4}-\d{1,2}-\d{1,2}\s*", value):
            message += " (schrijf de datum zonder aanhalingstekens)"
        return Problem(message, position, path)
    return Problem(f"ongeldige waarde{found} (controle {kind})", position, path)  # no English from pydantic


def _quoted(content: Content, path: PathKey) -> bool:
    """Whether the value at ``path`` was written between quotes."""
    scalar = content.sources.scalars.get(tuple(path))
    return scalar is not None and scalar.style in ("'", '"')


def known_keys(path: PathKey, root: type[BaseModel] = Inhoud) -> list[str]:
    """The keys a mapping at ``path`` may have, by walking the model classes."""
    annotation: Any = root
    for part in path:
        model = _model_of(annotation, part)
        if model is None:
            return []
        annotation = model
    model = _model_of(annotation, None)
    return list(model.model_fields) if model else []


def _model_of(annotation: Any, step: str | int | None) -> Any:
    """Follow one step (field name, list index, or None for 'this') through an annotation."""
    for candidate in _unwrap(annotation):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            if step is None:
                return candidate
            if isinstance(step, str) and step in candidate.model_fields:
                return candidate.model_fields[step].annotation
        origin = typing.get_origin(candidate)
        if origin in (list, tuple) and isinstance(step, int):
            args = typing.get_args(candidate)
            return args[0] if args else None
        if origin is dict and step is not None:
            args = typing.get_args(candidate)
            return args[1] if len(args) == 2 else None
    return None


def _unwrap(annotation: Any) -> list[Any]:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        result = []
        for arg in typing.get_args(annotation):
            result.extend(_unwrap(arg))
        return result
    return [annotation]
