"""Registers the finance part: ``afgeleid.financien``, its checks and its charts.

``afgeleid.financien`` is a :class:`~generator.finance.engine.Financieel`, or
``None`` when the content has no ``financien`` or when ``check`` finds a problem
in it (the build then stops with those problems before any template runs).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from ..checks import Finding, check
from ..derive import Afgeleid, Invoerzicht, deriver
from ..model import Inhoud
from . import charts  # noqa: F401 - registers the charts
from .engine import Financieel, compute
from .validation import findings


@dataclass(frozen=True)
class Financien:
    financien: Financieel | None


@deriver(Financien)
def _financien(inhoud: Inhoud, nodig: Invoerzicht) -> Financien:
    valid = inhoud.financien is not None and not any(True for _ in findings(inhoud))
    return Financien(compute(inhoud) if valid else None)


@check
def _financien_check(inhoud: Inhoud, afgeleid: Afgeleid) -> Iterator[Finding]:
    yield from findings(inhoud)
