"""The one legal-form table: ``templates/rechtsvormen.yaml``, typed.

Which legal forms there are, the organs of each and their names, who may take part, the
mandatory provisions and the words the documents use. The model (the allowed values), ``nieuw``,
the CLI, the regulation text (``regeling/tekst.py``) and the Wgr check (``regeling/wgr.py``)
read it here and nowhere else. A new legal form is a block in the YAML plus clauses in
``templates/clausules/``.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Mapping

import yaml

from .paths import PACKAGE_TEMPLATES

TABEL = PACKAGE_TEMPLATES / "rechtsvormen.yaml"


@dataclass(frozen=True)
class Orgaansoort:
    rol: str  # the key in `regeling.organen`
    naam: str  # "algemeen bestuur"
    lidwoord: str  # "het"

    @property
    def met_lidwoord(self) -> str:
        return f"{self.lidwoord} {self.naam}"


@dataclass(frozen=True)
class Deelnemersoort:
    soort: str  # raad, college, burgemeester
    enkelvoud: str  # "de raad"
    meervoud: str  # "de raden"


@dataclass(frozen=True)
class Vereiste:
    """A provision the regulation must contain: found by the subject of an article."""

    onderwerp: str
    wat: str
    grondslag: str
    clausule: str
    vormen: tuple[str, ...] | None = None  # None: every legal form


@dataclass(frozen=True)
class Rechtsvorm:
    code: str  # as in `samenwerking.vorm`
    naam: str  # how the documents name it
    afkortingen: tuple[str, ...]
    lichaam: str  # with article: "het openbaar lichaam"
    bezittelijk: str  # "zijn" or "haar", referring to `lichaam`
    grondslag: str | None  # "artikel 8, eerste lid" (Wgr), None: artikel 1 only
    organen: tuple[str, ...]  # the organs it must have
    optioneel: tuple[str, ...]  # the organs it may have besides
    orgaanregel: str
    scenario: str
    bestuur: Mapping[str, Any]  # the governance model `nieuw` writes
    eigen_lichaam: bool = False
    centrumgemeente: bool = False
    vaststellend: str | None = None  # the role that adopts and decides
    uitvoerend: str | None = None  # the role that prepares and executes; None: the same
    vaststellend_tekst: str | None = None  # without an organ of its own; "{centrumgemeente}" is filled in
    deelnemers: tuple[str, ...] | None = None  # who may take part; None: anyone
    deelnemersregel: str | None = None
    #: The regulation has a budget of its own (the Wgr check looks at its deadlines); ``kaders`` and
    #: ``ontwerpbegroting`` name the articles of the Wgr that set them for this form. None: no budget.
    begroting: Mapping[str, str] | None = None
    #: The parts of ``regeling.yaml`` that ``samenwerking nieuw`` writes for this form, by slot of
    #: ``templates/nieuw/regeling.yaml.j2`` (deelnemers, organen, taken, bestuur, financien,
    #: organisatie): Jinja text, unindented; a slot the form lacks stays empty.
    skelet: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def vereisten(self) -> tuple[Vereiste, ...]:
        return tuple(v for v in VEREISTEN if v.vormen is None or self.code in v.vormen)


def _load() -> tuple[dict[str, Rechtsvorm], dict[str, Orgaansoort], dict[str, Deelnemersoort], tuple[Vereiste, ...]]:
    data = yaml.load(TABEL.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    organen = {rol: Orgaansoort(rol, **item) for rol, item in data["organen"].items()}
    deelnemers = {soort: Deelnemersoort(soort, **item) for soort, item in data["deelnemers"].items()}
    vereisten = tuple(Vereiste(**{**item, "vormen": tuple(item["vormen"]) if "vormen" in item else None})
                      for item in data["vereisten"])
    vormen: dict[str, Rechtsvorm] = {}
    for code, item in data["vormen"].items():
        item = dict(item)
        for key in ("afkortingen", "organen", "optioneel", "deelnemers"):
            if item.get(key) is not None:
                item[key] = tuple(item[key])
        item.setdefault("optioneel", ())
        item["bestuur"] = MappingProxyType(item["bestuur"])
        item["skelet"] = MappingProxyType(dict(item.get("skelet") or {}))
        if item.get("begroting") is not None:
            item["begroting"] = MappingProxyType(item["begroting"])
        vormen[code] = Rechtsvorm(code, **item)
    return vormen, organen, deelnemers, vereisten


_VORMEN, _ORGANEN, _DEELNEMERS, VEREISTEN = _load()
#: code → legal form, in the order of the table (the first is the default of `nieuw`).
VORMEN: Mapping[str, Rechtsvorm] = MappingProxyType(_VORMEN)
ORGANEN: Mapping[str, Orgaansoort] = MappingProxyType(_ORGANEN)
DEELNEMERS: Mapping[str, Deelnemersoort] = MappingProxyType(_DEELNEMERS)
CODES: tuple[str, ...] = tuple(VORMEN)
STANDAARD: str = CODES[0]


def vorm(code: str) -> Rechtsvorm:
    return VORMEN[code]


def naam(code: str) -> str:
    """How the documents name a legal form (``openbaar lichaam``); an unknown code as it is."""
    found = VORMEN.get(code)
    return found.naam if found else code


def opsomming_codes() -> str:
    """``openbaar-lichaam, bedrijfsvoeringsorganisatie, ... of regeling-zonder-meer`` (help texts)."""
    return ", ".join(CODES[:-1]) + " of " + CODES[-1]


class OnbekendeVorm(ValueError):
    pass


def herken(text: str) -> str:
    """The code of a legal form as a user types it: ``Openbaar lichaam``, ``bvo``, ``centrumgemeenteregeling``."""
    key = re.sub(r"[\s_]+", "-", text.strip().lower())
    for found in VORMEN.values():
        if key == found.code or key in found.afkortingen or key == found.naam.replace(" ", "-"):
            return found.code
    close = difflib.get_close_matches(key, CODES, n=1, cutoff=0.5)
    if close:
        raise OnbekendeVorm(f'onbekende rechtsvorm "{text}"; bedoelde u "{close[0]}"? Kies uit: {", ".join(CODES)}.')
    raise OnbekendeVorm(f'onbekende rechtsvorm "{text}"; kies uit: {", ".join(CODES)}.')
