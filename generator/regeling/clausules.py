"""The clause library: standard, parameterised texts for the usual articles of a regulation.

A clause is ``templates/clausules/<naam>.yaml``: a title, the subjects it covers (for the
Wgr check), its parameters (kind, default, explanation) and its text as leden, onderdelen
or a single text. Texts are Jinja templates that render to Markdown, with the parameters
and a few helpers (``orgaan("algemeen-bestuur")`` → ``de Drechtraad``). A lid or onderdeel
whose text renders empty is left out, so a clause can adapt to the legal form.

A cooperation uses a clause (``clausule: uittreding``), adjusts its parameters, replaces
its text with its own (``leden:`` next to ``clausule:``) or writes its own article.
"""

from __future__ import annotations

import datetime
import difflib
import functools
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

import jinja2
from pydantic import Field, ValidationError

from .. import formatting
from ..errors import BuildError, PathKey
from ..loader import load_file
from ..model.base import Id, Model, Regel
from ..model.regeling import Onderwerp
from ..model.samenwerking import Vorm
from ..paths import PACKAGE_TEMPLATES, slug

Soort = Literal["tekst", "getal", "datum", "ja-nee", "gemeente", "lijst", "begrippen", "artikel", "dag-maand"]

MAANDEN = {name: index for index, name in enumerate(formatting.MAANDEN, start=1)}


class ParameterSpec(Model):
    soort: Soort = Field(description="Soort waarde.")
    standaard: Any = Field(None, description="Standaardwaarde; ontbreekt die, dan is de parameter verplicht.")
    omschrijving: Regel = Field(description="Wat de parameter regelt.")


class ClausuleSub(Model):
    id: Id
    tekst: str


class ClausuleOnderdeel(Model):
    id: Id
    tekst: str
    vormen: list[Vorm] = Field(default_factory=list)
    als: str | None = None
    subonderdelen: list[ClausuleSub] = Field(default_factory=list)


class OnderdelenUit(Model):
    """Onderdelen made from a list parameter, one per item."""

    lijst: list[str] = Field(min_length=1, description="Parameters (lijsten) waarvan de elementen onderdelen worden.")
    tekst: str = Field("{{ item.tekst if item is mapping else item }}", description="Tekst per element (Jinja met `item`).")
    id: str = Field("{{ item.id if item is mapping else item | sleutel }}", description="Id per element (Jinja met `item`).")
    sorteer: bool = Field(False, description="Alfabetisch sorteren op de tekst.")


class ClausuleLid(Model):
    id: Id
    tekst: str
    vormen: list[Vorm] = Field(default_factory=list)
    als: str | None = None
    onderdelen: list[ClausuleOnderdeel] = Field(default_factory=list)
    onderdelen_uit: OnderdelenUit | None = None


class Clausule(Model):
    titel: Regel
    onderwerpen: list[Onderwerp] = Field(min_length=1)
    vormen: list[Vorm] = Field(default_factory=list, description="Rechtsvormen waarvoor de clausule is bedoeld; leeg: alle.")
    parameters: dict[str, ParameterSpec] = Field(default_factory=dict)
    tekst: str | None = None
    onderdelen: list[ClausuleOnderdeel] = Field(default_factory=list)
    onderdelen_uit: OnderdelenUit | None = None
    leden: list[ClausuleLid] = Field(default_factory=list)
    toelichting: str | None = None


@dataclass(frozen=True)
class Entry:
    name: str
    clausule: Clausule
    source: Path


def clause_dirs() -> list[Path]:
    """Where clauses are found: the project's (or installed package's) ``templates/clausules``."""
    return [PACKAGE_TEMPLATES / "clausules"]


@functools.lru_cache(maxsize=8)
def _load(folder: Path, stamp: tuple) -> dict[str, Entry]:
    found: dict[str, Entry] = {}
    for file in sorted(folder.glob("*.yaml")):
        data, sources = load_file(file)
        try:
            clause = Clausule.model_validate(data)
        except ValidationError as exc:
            error = exc.errors()[0]
            where = sources.value(tuple(p for p in error["loc"] if isinstance(p, (str, int))))
            place = where.display() if where else str(file)
            raise BuildError(f"{place}: clausule {file.stem}: {error['msg']}") from None
        found[file.stem] = Entry(file.stem, clause, file)
    return found


def library(folders: list[Path] | None = None) -> dict[str, Entry]:
    result: dict[str, Entry] = {}
    for folder in reversed(folders or clause_dirs()):
        if folder.is_dir():
            stamp = tuple((f.name, f.stat().st_mtime_ns) for f in sorted(folder.glob("*.yaml")))
            result.update(_load(folder, stamp))
    return result


# -- parameters ---------------------------------------------------------------------------


@dataclass
class Issue:
    """A problem with an article's use of a clause: where (path) and what."""

    path: PathKey
    message: str


def parse_dag_maand(value: str) -> tuple[int, int] | None:
    match = re.fullmatch(r"\s*(\d{1,2})\s+([a-z]+)\s*", value)
    if not match or match[2] not in MAANDEN:
        return None
    day, month = int(match[1]), MAANDEN[match[2]]
    try:
        datetime.date(2001, month, day)
    except ValueError:
        return None
    return day, month


def _check_list(value: Any) -> str | None:
    def fits(item: Any) -> bool:
        if isinstance(item, str):
            return bool(item.strip())
        return isinstance(item, dict) and set(item) == {"id", "tekst"} and isinstance(item["tekst"], str) \
            and isinstance(item["id"], str) and re.fullmatch(r"[a-z][a-z0-9-]*", item["id"]) is not None
    ok = isinstance(value, list) and all(fits(v) for v in value)
    return None if ok else ("verwacht een lijst met tekst (regels die beginnen met '- '); een element mag ook "
                            "`id` en `tekst` hebben")


def _check_terms(value: Any) -> str | None:
    if not isinstance(value, list):
        return "verwacht een lijst met begrippen (`term` en `omschrijving`)"
    for item in value:
        if not isinstance(item, dict) or set(item) - {"term", "omschrijving", "id"} or \
                not isinstance(item.get("term"), str) or not isinstance(item.get("omschrijving"), str):
            return "elk begrip heeft een `term` en een `omschrijving` (en eventueel een `id`)"
    return None


def check_value(soort: str, value: Any, gemeenten: list[str], artikelen: set[str]) -> str | None:
    """None when ``value`` fits ``soort``, otherwise a Dutch message saying what was expected."""
    if soort == "tekst":
        return None if isinstance(value, str) and value.strip() else "verwacht tekst"
    if soort == "getal":
        ok = isinstance(value, (int, Decimal)) and not isinstance(value, bool)
        return None if ok else "verwacht een getal"
    if soort == "datum":
        return None if isinstance(value, datetime.date) else "verwacht een datum in de vorm JJJJ-MM-DD"
    if soort == "ja-nee":
        return None if isinstance(value, bool) else "verwacht true of false"
    if soort == "gemeente":
        if not isinstance(value, str):
            return "verwacht de naam van een deelnemende gemeente"
        if value not in gemeenten:
            close = difflib.get_close_matches(value, gemeenten, n=1)
            hint = f'; bedoelde u "{close[0]}"?' if close else "; deelnemers zijn: " + ", ".join(gemeenten)
            return f'"{value}" is geen deelnemende gemeente{hint}'
        return None
    if soort == "lijst":
        return _check_list(value)
    if soort == "begrippen":
        return _check_terms(value)
    if soort == "artikel":
        if not isinstance(value, str):
            return "verwacht het id van een artikel"
        if value not in artikelen:
            close = difflib.get_close_matches(value, sorted(artikelen), n=1)
            return f'"{value}" is geen artikel van deze regeling' + (f'; bedoelde u "{close[0]}"?' if close else "")
        return None
    if soort == "dag-maand":
        if not isinstance(value, str) or parse_dag_maand(value) is None:
            return 'verwacht een dag en maand, bijvoorbeeld "15 april"'
        return None
    return f"onbekende soort parameter {soort}"  # pragma: no cover - the model allows only known kinds


# -- rendering ----------------------------------------------------------------------------


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(autoescape=False, undefined=jinja2.StrictUndefined, trim_blocks=True,
                             lstrip_blocks=True, keep_trailing_newline=False)
    env.filters.update(formatting.FILTERS)
    env.filters["hoofdletter"] = _capitalize
    env.filters["slug"] = slug
    env.filters["sleutel"] = sleutel
    return env


def sleutel(text: str) -> str:
    """A short id from a text: the first words of its slug, at most 40 characters."""
    words = slug(text).split("-")
    result = words[0]
    for word in words[1:]:
        if len(result) + 1 + len(word) > 40:
            break
        result += "-" + word
    if not result[:1].isalpha():
        result = "o-" + result
    return result[:40].rstrip("-")


@functools.lru_cache(maxsize=2048)
def _compiled(template: str) -> jinja2.Template:
    """Clause texts are compiled once per process (compiling costs far more than rendering)."""
    return environment().from_string(template)


@dataclass
class Rendered:
    """A clause's text for one article, as model-shaped dicts (validated by the caller)."""

    tekst: str | None = None
    onderdelen: list[dict] = field(default_factory=list)
    leden: list[dict] = field(default_factory=list)
    toelichting: str | None = None


class ClauseRenderer:
    """Renders one clause for one article."""

    def __init__(self, entry: Entry, context: dict[str, Any], vorm: str):
        self.entry = entry
        self.context = context
        self.vorm = vorm

    def text(self, template: str, **extra: Any) -> str:
        if "{" not in template:
            return template.strip()  # plain text: nothing to render
        try:
            return _compiled(template).render({**self.context, **extra}).strip()
        except jinja2.TemplateError as exc:
            raise BuildError(f"{self.entry.source}: clausule {self.entry.name}: fout in tekst: {exc}") from None

    def included(self, vormen: list[str], als: str | None) -> bool:
        if vormen and self.vorm not in vormen:
            return False
        if als is not None:
            if als not in self.context:
                raise BuildError(f"{self.entry.source}: clausule {self.entry.name}: `als: {als}` is geen parameter")
            return bool(self.context[als])
        return True

    def onderdelen(self, static: list[ClausuleOnderdeel], generated: OnderdelenUit | None) -> list[dict]:
        result: list[dict] = []
        for onderdeel in static:
            if not self.included(onderdeel.vormen, onderdeel.als):
                continue
            tekst = self.text(onderdeel.tekst)
            if not tekst:
                continue
            subs = [{"id": s.id, "tekst": t} for s in onderdeel.subonderdelen if (t := self.text(s.tekst))]
            result.append({"id": onderdeel.id, "tekst": tekst, "subonderdelen": subs})
        if generated is not None:
            items: list[Any] = []
            for name in generated.lijst:
                if name not in self.context:
                    raise BuildError(f"{self.entry.source}: clausule {self.entry.name}: `{name}` is geen parameter")
                items.extend(self.context[name] or [])
            made = []
            for item in items:
                tekst = self.text(generated.tekst, item=item)
                if not tekst:
                    continue
                made.append({"id": self.text(generated.id, item=item) or "onderdeel", "tekst": tekst})
            if generated.sorteer:
                made.sort(key=lambda o: o["tekst"].casefold())
            for index, onderdeel in enumerate(made):
                onderdeel["tekst"] = _punctuate(onderdeel["tekst"], last=index == len(made) - 1)
            result.extend(made)
        return result

    def render(self) -> Rendered:
        clause = self.entry.clausule
        rendered = Rendered()
        if clause.tekst is not None:
            rendered.tekst = self.text(clause.tekst) or None
        rendered.onderdelen = self.onderdelen(clause.onderdelen, clause.onderdelen_uit)
        for lid in clause.leden:
            if not self.included(lid.vormen, lid.als):
                continue
            tekst = self.text(lid.tekst)
            if not tekst:
                continue
            rendered.leden.append({"id": lid.id, "tekst": tekst,
                                   "onderdelen": self.onderdelen(lid.onderdelen, lid.onderdelen_uit)})
        if clause.toelichting:
            rendered.toelichting = self.text(clause.toelichting) or None
        return rendered


def _punctuate(text: str, last: bool) -> str:
    """Onderdelen made from a list end with ``;``, the last one with ``.``."""
    text = text.rstrip()
    if text.endswith((";", ".", ":", ",")):
        text = text[:-1]
    return text + ("." if last else ";")


def render_default(value: Any, renderer: ClauseRenderer) -> Any:
    """Defaults may use the clause context (``{{ orgaan("voorzitter") }}``); given values never do."""
    if isinstance(value, str):
        return renderer.text(value)
    if isinstance(value, list):
        return [render_default(item, renderer) for item in value]
    if isinstance(value, dict):
        return {key: render_default(item, renderer) for key, item in value.items()}
    return value
