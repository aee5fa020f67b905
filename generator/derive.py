"""Figures and numbers derived from the content, computed once per build.

Nothing here is typed by hand in YAML: article numbers, the text of references,
totals. Each part of the content registers its own derivers:

    @dataclass(frozen=True)
    class Plan:
        organisatie: Knoop | None
        plan_budget: BudgetBeeld | None

    @deriver(Plan, needs=("financien",))
    def _plan(inhoud: Inhoud, nodig: Invoerzicht) -> Plan:
        return Plan(..., budget_view(inhoud, nodig.financien))

A deriver *provides* one typed, frozen object (a dataclass); its field names are the
values it provides. It *needs* values by name: fields of other derivers' objects or of
the :class:`Invoer` (what the caller gives: template folders, source revision, the old
version of an amendment). It reads only those (``nodig`` refuses anything else). The
order of the derivers follows from what they need (topologically, ties in registration
order); a value no deriver provides, a value provided twice or a cycle is an
:class:`AfleidingsFout` when ``parts`` is imported, before any content is read.

Templates and checks read the result as ``afgeleid``: ``afgeleid.deelnemers``,
``afgeleid.financien``, ``afgeleid.verwijzingen``. Nothing is attached or changed
afterwards: :class:`Afgeleid` refuses it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, Callable, Iterable, Mapping

from .model import Gemeente, Inhoud, Scenario


class AfleidingsFout(Exception):
    """The registered derivers do not fit together (a programming error, found at start-up)."""


@dataclass(frozen=True)
class Invoer:
    """What derivation gets from outside the content."""

    #: Template folders, most specific first: derivers read library files from them
    #: (``processen/<naam>.yaml``).
    sjabloonmappen: tuple[Path, ...] = ()
    #: The git revision of the source (``abc123def456``, ``abc..def`` for an amendment), or None.
    bronrevisie: str | None = None
    #: For ``samenwerking wijziging``: the old version and how to amend it
    #: (:class:`generator.wijziging.part.WijzigingInvoer`); None in an ordinary build.
    wijzigingsinvoer: Any = None


@dataclass(frozen=True)
class Deriver:
    function: Callable[[Inhoud, "Invoerzicht"], Any]
    provides: type
    needs: tuple[str, ...]

    @property
    def name(self) -> str:
        return f"{self.function.__module__}.{self.function.__name__}"

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in dataclasses.fields(self.provides))


_DERIVERS: list[Deriver] = []
_INPUTS = tuple(f.name for f in dataclasses.fields(Invoer))
_order: list[Deriver] | None = None


def deriver(provides: type, needs: Iterable[str] = ()) -> Callable[[Callable], Callable]:
    """Register a deriver that returns a ``provides`` (a frozen dataclass) from what it ``needs``."""
    if not (dataclasses.is_dataclass(provides) and provides.__dataclass_params__.frozen):  # type: ignore[attr-defined]
        raise AfleidingsFout(f"{provides.__name__}: een deriver levert een bevroren dataclass")

    def register(function: Callable) -> Callable:
        global _order
        _DERIVERS.append(Deriver(function, provides, tuple(needs)))
        _order = None
        return function

    return register


def order(derivers: list[Deriver] | None = None) -> list[Deriver]:
    """The derivers in an order in which each runs after those it needs; raises AfleidingsFout."""
    derivers = list(_DERIVERS if derivers is None else derivers)
    provider: dict[str, Deriver] = {}
    for item in derivers:
        for name in item.names:
            if name in _INPUTS or name in provider:
                other = "de invoer" if name in _INPUTS else provider[name].name
                raise AfleidingsFout(f"afgeleide waarde '{name}' wordt twee keer geleverd: door {other} en {item.name}")
            provider[name] = item
    for item in derivers:
        for name in item.needs:
            if name not in provider and name not in _INPUTS:
                raise AfleidingsFout(f"{item.name} heeft '{name}' nodig, maar geen deriver levert die waarde")
    result: list[Deriver] = []
    state: dict[int, str] = {}

    def visit(item: Deriver, path: list[Deriver]) -> None:
        if state.get(id(item)) == "klaar":
            return
        if state.get(id(item)) == "bezig":
            cycle = path[path.index(item):] + [item]
            raise AfleidingsFout("derivers hebben elkaar in een kring nodig: " + " → ".join(d.name for d in cycle))
        state[id(item)] = "bezig"
        for name in item.needs:
            if name in provider:
                visit(provider[name], path + [item])
        state[id(item)] = "klaar"
        result.append(item)

    for item in derivers:
        visit(item, [])
    return result


def check_registry() -> None:
    """Compute the order once (``parts`` calls this after importing every part)."""
    global _order
    _order = order()


class _Values:
    """Read-only attribute access to derived values by name."""

    __slots__ = ("_values",)

    def __init__(self, values: Mapping[str, Any]) -> None:
        object.__setattr__(self, "_values", values)

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(f"afgeleide waarde '{name}' bestaat niet") from None

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"afgeleide waarden veranderen niet na het afleiden ('{name}')")


class Invoerzicht(_Values):
    """What one deriver may read: exactly the values it declared in ``needs``."""

    __slots__ = ()

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(f"'{name}' staat niet in needs van deze deriver") from None


class Afgeleid(_Values):
    """Every derived value, by name; frozen. ``deel(Type)`` gives one deriver's whole object."""

    __slots__ = ("_parts",)

    def __init__(self, values: Mapping[str, Any], parts: Mapping[type, Any]) -> None:
        super().__init__(MappingProxyType(dict(values)))
        object.__setattr__(self, "_parts", MappingProxyType(dict(parts)))

    def deel(self, kind: type) -> Any:
        return self._parts[kind]

    def resolver(self, scope: str) -> Callable[[str], str | None]:
        targets = self.verwijzingen.get(scope, {})
        return targets.get


def derive(inhoud: Inhoud, invoer: Invoer | None = None) -> Afgeleid:
    global _order
    invoer = invoer or Invoer()
    if _order is None:
        _order = order()
    values: dict[str, Any] = {f.name: getattr(invoer, f.name) for f in dataclasses.fields(Invoer)}
    parts: dict[type, Any] = {Invoer: invoer}
    for item in _order:
        result = item.function(inhoud, Invoerzicht({name: values[name] for name in item.needs}))
        if type(result) is not item.provides:
            raise AfleidingsFout(f"{item.name} gaf {type(result).__name__}, verwacht {item.provides.__name__}")
        parts[item.provides] = result
        values.update({name: getattr(result, name) for name in item.names})
    return Afgeleid(values, parts)


# -- the base derivers --------------------------------------------------------------------------


@dataclass(frozen=True)
class Deelnemers:
    deelnemers: tuple[Gemeente, ...]  # who takes part after this decision (not the uittreders)
    toetreders: tuple[Gemeente, ...]
    uittreders: tuple[Gemeente, ...]
    voorkeursscenario: Scenario | None


@deriver(Deelnemers)
def _partners(inhoud: Inhoud, nodig: Invoerzicht) -> Deelnemers:
    return Deelnemers(
        deelnemers=tuple(g for g in inhoud.gemeenten if g.rol != "uittreder"),
        toetreders=tuple(g for g in inhoud.gemeenten if g.rol == "toetreder"),
        uittreders=tuple(g for g in inhoud.gemeenten if g.rol == "uittreder"),
        voorkeursscenario=next((s for s in inhoud.scenarios or [] if s.voorkeur), None),
    )


@dataclass(frozen=True)
class Afspraken:
    afspraaknummers: Mapping[str, int]  # id of an afspraak in the intentieverklaring → its article number


@deriver(Afspraken)
def _intentieverklaring(inhoud: Inhoud, nodig: Invoerzicht) -> Afspraken:
    verklaring = inhoud.intentieverklaring
    numbers: dict[str, int] = {}
    if verklaring:
        numbers = {afspraak.id: index for index, afspraak in enumerate(verklaring.afspraken, start=1)}
    return Afspraken(MappingProxyType(numbers))


@dataclass(frozen=True)
class Verwijzingen:
    #: For each part of the content (``intentieverklaring``, ``regeling``, ...): id → how a
    #: reference to it reads (``artikel 3``). A part absent here allows no references.
    verwijzingen: Mapping[str, Mapping[str, str]]


@deriver(Verwijzingen, needs=("afspraaknummers", "regeling", "proces"))
def _verwijzingen(inhoud: Inhoud, nodig: Invoerzicht) -> Verwijzingen:
    scopes: dict[str, Mapping[str, str]] = {
        "intentieverklaring": {key: f"artikel {n}" for key, n in nodig.afspraaknummers.items()},
    }
    regeling = dict(nodig.regeling.absolute) if nodig.regeling is not None else {}
    scopes["regeling"] = regeling
    scopes["wijziging"] = regeling  # texts under `wijziging` point at the regulation
    if nodig.proces is not None:
        for scope in ("planning", "plan_van_aanpak"):
            scopes[scope] = nodig.proces.verwijsdoelen()
    return Verwijzingen(MappingProxyType({k: MappingProxyType(v) for k, v in scopes.items()}))
