"""Figures and numbers derived from the content, computed once per build.

Nothing here is typed by hand in YAML: article numbers, the text of references,
totals. Each part of the content registers its own deriver; templates read the
result as ``afgeleid``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from .model import Inhoud

Deriver = Callable[[Inhoud, "Afgeleid"], None]
_DERIVERS: list[Deriver] = []


class Afgeleid:
    """Derived values; attributes are added by the registered derivers."""

    def __init__(self, template_dirs: list[Path] | None = None) -> None:
        #: Template folders, most specific first: derivers read library files from them
        #: (``processen/<naam>.yaml``).
        self.sjabloonmappen: list[Path] = list(template_dirs or [])
        #: For each part of the content (``intentieverklaring``, ``regeling``, ...):
        #: id → how a reference to it reads (``artikel 3``).
        self.verwijzingen: dict[str, dict[str, str]] = {}

    def resolver(self, scope: str) -> Callable[[str], str | None]:
        targets = self.verwijzingen.get(scope, {})
        return targets.get

    def __getattr__(self, name: str) -> Any:  # pragma: no cover - clearer template errors
        raise AttributeError(f"afgeleide waarde '{name}' bestaat niet")


def deriver(function: Deriver) -> Deriver:
    _DERIVERS.append(function)
    return function


def derive(inhoud: Inhoud, template_dirs: list[Path] | None = None) -> Afgeleid:
    afgeleid = Afgeleid(template_dirs)
    for function in _DERIVERS:
        function(inhoud, afgeleid)
    return afgeleid


@deriver
def _partners(inhoud: Inhoud, afgeleid: Afgeleid) -> None:
    afgeleid.deelnemers = [g for g in inhoud.gemeenten if g.rol != "uittreder"]
    afgeleid.toetreders = [g for g in inhoud.gemeenten if g.rol == "toetreder"]
    afgeleid.uittreders = [g for g in inhoud.gemeenten if g.rol == "uittreder"]
    afgeleid.totaal_inwoners = sum(g.inwoners for g in afgeleid.deelnemers)
    afgeleid.voorkeursscenario = next((s for s in inhoud.scenarios or [] if s.voorkeur), None)


@deriver
def _intentieverklaring(inhoud: Inhoud, afgeleid: Afgeleid) -> None:
    verklaring = inhoud.intentieverklaring
    numbers: dict[str, int] = {}
    if verklaring:
        numbers = {afspraak.id: index for index, afspraak in enumerate(verklaring.afspraken, start=1)}
    afgeleid.afspraaknummers = numbers
    afgeleid.verwijzingen["intentieverklaring"] = {key: f"artikel {n}" for key, n in numbers.items()}
