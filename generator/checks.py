"""Checks on the meaning of the content, after its types are valid.

Each check yields findings by path; positions come from the loader's SourceMap.
Parts of the content register their own checks with ``@check``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator

from .derive import Afgeleid
from .errors import PathKey, Problem
from .loader import Content
from .markup import references
from .model import Inhoud, Model


@dataclass(frozen=True)
class Finding:
    path: PathKey
    message: str
    # (line, column) inside a text value, when the finding is about part of a text.
    inside: tuple[int, int] | None = None
    related: PathKey | None = None


Check = Callable[[Inhoud, Afgeleid], Iterable[Finding]]
_CHECKS: list[Check] = []


def check(function: Check) -> Check:
    _CHECKS.append(function)
    return function


def run_checks(inhoud: Inhoud, afgeleid: Afgeleid, content: Content) -> list[Problem]:
    return problems_of([finding for function in _CHECKS for finding in function(inhoud, afgeleid)], content)


def problems_of(findings: Iterable[Finding], content: Content) -> list[Problem]:
    """Findings with their place in the content (file:line:col)."""
    problems = []
    for finding in findings:
        if finding.inside is not None:
            position = content.sources.inside(finding.path, *finding.inside)
        else:
            position = content.sources.value(finding.path)
        related = content.sources.value(finding.related) if finding.related else None
        problems.append(Problem(finding.message, position, finding.path, related=related))
    return problems


def duplicates(items: list[Any], attribute: str, what: str) -> Iterator[Finding]:
    """Findings for every item whose ``attribute`` repeats an earlier one."""
    first: dict[Any, Any] = {}
    for item in items:
        value = getattr(item, attribute)
        if value in first:
            yield Finding(item.pad + (attribute,), f'{what} "{value}" komt dubbel voor', related=first[value].pad + (attribute,))
        else:
            first[value] = item


def strings(obj: Any, path: PathKey = ()) -> Iterator[tuple[PathKey, str]]:
    """Every text value in a model tree, with its path."""
    if isinstance(obj, Model):
        for name in type(obj).model_fields:
            yield from strings(getattr(obj, name), path + (name,))
    elif isinstance(obj, list):
        for index, item in enumerate(obj):
            yield from strings(item, path + (index,))
    elif isinstance(obj, dict):
        for key, item in obj.items():
            yield from strings(item, path + (key,))
    elif isinstance(obj, str):
        yield path, obj


@check
def _unique_names(inhoud: Inhoud, afgeleid: Afgeleid) -> Iterator[Finding]:
    yield from duplicates(inhoud.gemeenten, "naam", "gemeente")
    yield from duplicates(inhoud.scenarios or [], "id", "scenario")
    if inhoud.bestuur:
        yield from duplicates(inhoud.bestuur.organen, "id", "orgaan")
    if inhoud.intentieverklaring:
        yield from duplicates(inhoud.intentieverklaring.afspraken, "id", "afspraak")
    yield from duplicates(inhoud.besluiten or [], "id", "besluit")


@check
def _decision_dates(inhoud: Inhoud, afgeleid: Afgeleid) -> Iterator[Finding]:
    """Meeting dates name a known decision; a raad decision has a council date for every partner."""
    decisions = {b.id: b for b in inhoud.besluiten or []}
    for gemeente in inhoud.gemeenten:
        for key, vergadering in gemeente.besluitvorming.items():
            path = gemeente.pad + ("besluitvorming", key)
            if key not in decisions:
                known = ", ".join(sorted(decisions)) or "geen (vul `besluiten` in)"
                yield Finding(path, f'onbekend besluit "{key}"; bekend zijn: {known}')
            elif vergadering.raad and vergadering.college and vergadering.college > vergadering.raad:
                yield Finding(path + ("college",), "het collegebesluit ligt na de raadsvergadering")
    for besluit in decisions.values():
        if besluit.orgaan != "raad":
            continue
        for gemeente in afgeleid.deelnemers:
            vergadering = gemeente.besluitvorming.get(besluit.id)
            if vergadering is None or vergadering.raad is None:
                yield Finding(gemeente.pad + ("besluitvorming",),
                              f'gemeente {gemeente.naam} heeft geen datum van de raadsvergadering voor besluit "{besluit.id}"')


@check
def _one_preference(inhoud: Inhoud, afgeleid: Afgeleid) -> Iterator[Finding]:
    preferred = [s for s in inhoud.scenarios or [] if s.voorkeur]
    for scenario in preferred[1:]:
        yield Finding(scenario.pad + ("voorkeur",), "er mag maar één voorkeursscenario zijn",
                      related=preferred[0].pad + ("voorkeur",))


@check
def _roles(inhoud: Inhoud, afgeleid: Afgeleid) -> Iterator[Finding]:
    counts = Counter(g.rol for g in inhoud.gemeenten)
    if counts["deelnemer"] + counts["toetreder"] < 2:
        yield Finding(("gemeenten",), "een samenwerking heeft minstens twee deelnemende gemeenten")


@check
def _references(inhoud: Inhoud, afgeleid: Afgeleid) -> Iterator[Finding]:
    """Every ``[[id]]`` in a text points at something in the same part of the content."""
    for path, text in strings(inhoud):
        if "[[" not in text:
            continue
        scope = str(path[0])
        targets = afgeleid.verwijzingen.get(scope)
        for target, line, column in references(text):
            if targets is None:
                yield Finding(path, f'verwijzing [[{target}]]: in "{scope}" zijn geen verwijzingen mogelijk',
                              inside=(line, column))
            elif target not in targets:
                yield Finding(path, f"verwijzing [[{target}]] wijst naar een onbekend id; {known_ids(target, targets)}",
                              inside=(line, column))


def known_ids(target: str, targets: Iterable[str], limit: int = 12) -> str:
    """``bekend zijn: a, b, c``; with many ids, the closest ones (``bedoelde u ...?``)."""
    import difflib

    known = sorted(targets)
    if len(known) <= limit:
        return "bekend zijn: " + (", ".join(known) or "geen")
    close = difflib.get_close_matches(target, known, n=3, cutoff=0.6)
    if close:
        return "bedoelde u " + " of ".join(f"[[{c}]]" for c in close) + "?"
    return "bekend zijn onder meer: " + ", ".join(known[:limit]) + ", ..."


#: Text that a skeleton (``samenwerking nieuw``) or a hurried author leaves to be filled in.
PLAATSHOUDERS = re.compile(
    r"\(invullen\)|\[invullen\]|<invullen>|\bN\.N\.|Beschrijf hier|\bXXX\b|\bTODO\b|\bnog in te vullen\b",
    re.IGNORECASE,
)


def placeholders(inhoud: Inhoud, content: Content) -> list[Problem]:
    """Every placeholder left in the content, at file:line:col of the placeholder itself.

    ``check`` reports them as warnings; ``build --definitief`` refuses to build while any is left.
    """
    problems = []
    for path, text in strings(inhoud):
        for match in PLAATSHOUDERS.finditer(text):
            line = text.count("\n", 0, match.start())
            column = match.start() - (text.rfind("\n", 0, match.start()) + 1)
            position = content.sources.inside(path, line, column)
            problems.append(Problem(f'nog niet ingevuld: "{match.group(0)}"', position, path))
    return sorted(problems, key=Problem.sort_key)
