"""The regulation as it will be printed: clauses expanded, everything numbered, references worded.

The deriver builds one :class:`RegelingTekst` per build (``afgeleid.regeling``) and fills
``afgeleid.verwijzingen["regeling"]``. It never raises on bad content: what it cannot
derive becomes a :class:`Finding` that the check ``_regeling_structuur`` reports with
its file:line:col. Text is turned into HTML only when the template asks for it, after
the checks have passed, with references worded for the place they stand.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator

from pydantic import ValidationError

from .. import markup, rechtsvormen
from ..checks import Finding
from ..derive import Invoerzicht, deriver
from ..errors import PathKey
from ..formatting import opsomming
from ..model import Gemeente, Inhoud
from ..model import regeling as model
from . import clausules
from .numbering import Numbering, Plaats, letter, lid_label, number_items, onderdeel_label, reference, subonderdeel_label

WGR = "Wet gemeenschappelijke regelingen"


_BLANK = "____________________"


# -- the tree -----------------------------------------------------------------------------


@dataclass
class Tekstdeel:
    """A piece of regulation text: its Markdown, where it came from and where it stands."""

    bron: str
    pad: PathKey  # the YAML scalar, or the article's ``clausule`` key for clause text
    plaats: Plaats
    clausule: str | None = None
    regeling: "RegelingTekst | None" = field(default=None, repr=False)
    #: The Markdown with every reference worded for this place (``[[id|artikel 3, tweede lid]]``),
    #: set once in derive; templates render it with the ``md``/``md_inline`` filter.
    markdown: str = ""


@dataclass
class Sub:
    id: str
    index: int
    tekst: Tekstdeel

    @property
    def label(self) -> str:
        return subonderdeel_label(self.index)


@dataclass
class Onderdeel:
    id: str
    index: int
    tekst: Tekstdeel
    subonderdelen: list[Sub] = field(default_factory=list)
    opsomming: str = "letters"

    @property
    def label(self) -> str:
        return onderdeel_label(self.index, self.opsomming)


@dataclass
class Lid:
    id: str
    index: int
    tekst: Tekstdeel
    onderdelen: list[Onderdeel] = field(default_factory=list)

    @property
    def label(self) -> str:
        return lid_label(self.index)


@dataclass
class Artikel:
    id: str
    nummer: str
    titel: str | None
    bron: model.Artikel
    hoofdstuk: str
    paragraaf: str | None
    onderwerpen: set[str] = field(default_factory=set)
    clausule: str | None = None
    parameters: dict[str, Any] = field(default_factory=dict)
    tekst: Tekstdeel | None = None
    onderdelen: list[Onderdeel] = field(default_factory=list)
    leden: list[Lid] = field(default_factory=list)
    toelichting: Tekstdeel | None = None
    kopvorm: str = "Artikel {nummer}. {titel}"

    @property
    def kop(self) -> str:
        return kop_tekst(self.kopvorm, self.nummer, self.titel)

    def teksten(self) -> Iterator[Tekstdeel]:
        """Every piece of text of the article itself (not its toelichting)."""
        if self.tekst:
            yield self.tekst
        for onderdeel in self.onderdelen:
            yield onderdeel.tekst
            yield from (s.tekst for s in onderdeel.subonderdelen)
        for lid in self.leden:
            yield lid.tekst
            for onderdeel in lid.onderdelen:
                yield onderdeel.tekst
                yield from (s.tekst for s in onderdeel.subonderdelen)


@dataclass
class Paragraaf:
    id: str
    nummer: str
    titel: str
    artikelen: list[Artikel]
    kopvorm: str = "§ {nummer}. {titel}"

    @property
    def kop(self) -> str:
        return kop_tekst(self.kopvorm, self.nummer, self.titel)


@dataclass
class Hoofdstuk:
    id: str
    nummer: str
    titel: str | None
    artikelen: list[Artikel]
    paragrafen: list[Paragraaf]
    kopvorm: str = "Hoofdstuk {nummer}. {titel}"

    @property
    def zichtbaar(self) -> bool:
        """False for the one chapter of a regulation without chapters: no heading, no number."""
        return self.titel is not None

    @property
    def kop(self) -> str:
        return kop_tekst(self.kopvorm, self.nummer, self.titel) if self.titel is not None else ""


def kop_tekst(vorm: str, nummer: str, titel: str | None) -> str:
    """A heading from its form (``Artikel {nummer}. {titel}``); without a title, what follows the number goes."""
    if titel:
        return vorm.replace("{nummer}", nummer).replace("{titel}", titel)
    head = vorm.split("{titel}", 1)[0].replace("{nummer}", nummer)
    return head.rstrip(" .:-–—\t")


_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def romeins(nummer: str) -> str:
    """``5`` → ``V``, ``5A`` → ``VA`` (an inserted chapter keeps its letter)."""
    match = re.match(r"^(\d+)(.*)$", nummer)
    if not match:
        return nummer
    value, text = int(match.group(1)), ""
    for amount, letters in _ROMAN:
        while value >= amount:
            text += letters
            value -= amount
    return text + match.group(2)


@dataclass(frozen=True)
class Orgaan:
    rol: str
    naam: str
    lidwoord: str
    vereist: bool

    @property
    def met_lidwoord(self) -> str:
        return f"{self.lidwoord} {self.naam}"


@dataclass
class Ondertekening:
    gemeente: str
    orgaan: str  # raad, college, burgemeester
    slot: str
    ondertekenaars: list[tuple[str, str]]


def artikelen_in(hoofdstukken: list) -> list:
    """The articles of chapters in the order of the text: directly under each chapter, then in its
    paragraphs (a regulation as derived here, or as read by ``importeer``)."""
    result: list = []
    for hoofdstuk in hoofdstukken:
        result.extend(hoofdstuk.artikelen)
        for paragraaf in hoofdstuk.paragrafen:
            result.extend(paragraaf.artikelen)
    return result


@dataclass
class RegelingTekst:
    vorm: str
    citeertitel: str
    opschrift: str
    status: str | None
    aanhef: str
    overwegingen: list[Tekstdeel]
    toestemming: str | None
    gelet_op: str
    besluittekst: str
    hoofdstukken: list[Hoofdstuk]
    organen: list[Orgaan]
    ondertekening: list[Ondertekening]
    toelichting: Tekstdeel | None
    targets: dict[str, Plaats]
    findings: list[Finding] = field(default_factory=list)
    considerans: list[Tekstdeel] = field(default_factory=list)  # own words; replaces overwegingen .. gelet op
    titel_na_besluit: bool = False  # the opschrift once more after the besluittekst

    def __post_init__(self) -> None:
        self.absolute: dict[str, str] = {key: reference(target) for key, target in self.targets.items()}

    def absolute_resolver(self, target: str) -> str | None:
        return self.absolute.get(target)

    def artikelen(self) -> list[Artikel]:
        return artikelen_in(self.hoofdstukken)

    def artikel(self, key: str) -> Artikel | None:
        return next((a for a in self.artikelen() if a.id == key), None)

    def met_onderwerp(self, onderwerp: str) -> list[Artikel]:
        return [a for a in self.artikelen() if onderwerp in a.onderwerpen]

    def teksten(self) -> Iterator[tuple[Artikel | None, Tekstdeel]]:
        """Every piece of text, with the article it belongs to (None for aanhef and toelichting)."""
        for overweging in self.overwegingen:
            yield None, overweging
        for alinea in self.considerans:
            yield None, alinea
        for artikel in self.artikelen():
            for tekst in artikel.teksten():
                yield artikel, tekst
            if artikel.toelichting:
                yield artikel, artikel.toelichting
        if self.toelichting:
            yield None, self.toelichting

    def artikelsgewijs(self) -> list[Artikel]:
        return [a for a in self.artikelen() if a.toelichting is not None]

    def worded(self, tekst: Tekstdeel) -> str:
        """The Markdown with each ``[[id]]`` written out for the place where it stands."""
        return word_references(tekst.bron, lambda target: self.phrase(target, tekst.plaats))

    def deel(self, bron: str, pad: PathKey) -> Tekstdeel:
        """A text outside the articles (an overweging of an amendment), worded against this regulation."""
        tekst = Tekstdeel(bron, pad, Plaats(), regeling=self)
        tekst.markdown = self.worded(tekst)
        return tekst

    def phrase(self, target: str, where: Plaats) -> str | None:
        found = self.targets.get(target)
        return reference(found, where) if found is not None else None


def word_references(text: str, phrase) -> str:
    """Replace ``[[id]]`` by ``[[id|wording]]``: capital at the start of a sentence, and the
    closing comma the Ar asks for when the sentence goes on (``artikel 5, tweede lid, is``)."""

    def replace(match: re.Match) -> str:
        target, own = match.group(1), match.group(2)
        if own is not None:
            return match.group(0)
        wording = phrase(target)
        if wording is None:
            return match.group(0)
        before = text[:match.start()].rstrip(" \t")
        if not before or before.endswith(("\n\n", ".", "!", "?")) or before.endswith(("\n- ", "\n* ")):
            wording = wording[:1].upper() + wording[1:]
        after = text[match.end():match.end() + 2]
        if "," in wording and len(after) == 2 and after[0] == " " and (after[1].isalnum() or after[1] == "("):
            wording += ","
        return f"[[{target}|{wording}]]"

    return markup.REFERENCE.sub(replace, text)


# -- building -------------------------------------------------------------------------------


class _Builder:
    def __init__(self, inhoud: Inhoud, deelnemers: Iterable[Gemeente]):
        self.inhoud = inhoud
        self.regeling: model.Regeling = inhoud.regeling  # type: ignore[assignment]
        self.vorm = inhoud.samenwerking.vorm
        self.rechtsvorm = rechtsvormen.vorm(self.vorm)
        self.deelnemers: list[Gemeente] = sorted(deelnemers, key=lambda g: g.naam.casefold())
        self.findings: list[Finding] = []
        self.targets: dict[str, Plaats] = {}
        self.library = clausules.library()
        self.organen = self._organen()

    # organs and the clause context

    def _organen(self) -> list[Orgaan]:
        required, optional = self.rechtsvorm.organen, self.rechtsvorm.optioneel
        result = []
        for rol in (*required, *optional):
            given = self.regeling.organen.get(rol)  # type: ignore[call-overload]
            if given is None and rol not in required:
                continue
            naam, lidwoord = rechtsvormen.ORGANEN[rol].naam, rechtsvormen.ORGANEN[rol].lidwoord
            if given is not None:
                naam, lidwoord = given.naam, given.lidwoord or lidwoord
            result.append(Orgaan(rol, naam, lidwoord, rol in required))
        return result

    def orgaan(self, rol: str) -> str:
        found = next((o for o in self.organen if o.rol == rol), None)
        if found is None:
            known = rechtsvormen.ORGANEN.get(rol)
            return known.met_lidwoord if known else f"het {rol}"
        return found.met_lidwoord

    def vaststellend(self) -> str:
        """The organ that adopts the budget and decides: algemeen bestuur, bestuur or orgaan."""
        vorm = self.rechtsvorm
        if vorm.vaststellend:
            return self.orgaan(vorm.vaststellend)
        return (vorm.vaststellend_tekst or "").format(centrumgemeente=self.regeling.centrumgemeente or "de centrumgemeente")

    def uitvoerend(self) -> str:
        """The organ that prepares and executes: dagelijks bestuur, or the one organ there is."""
        if self.rechtsvorm.uitvoerend:
            return self.orgaan(self.rechtsvorm.uitvoerend)
        return self.vaststellend()

    def context(self, artikel: model.Artikel) -> dict[str, Any]:
        regeling = self.regeling
        return {
            "vorm": self.vorm,
            "artikel": artikel.id,
            "citeertitel": regeling.citeertitel,
            "naam_lichaam": regeling.naam_lichaam or self.inhoud.samenwerking.naam,
            "lichaam": self.rechtsvorm.lichaam,
            "bezittelijk": self.rechtsvorm.bezittelijk,
            "vestigingsplaats": self.inhoud.samenwerking.vestigingsplaats or "",
            "gemeenten": [g.naam for g in self.deelnemers],
            "deelnemers": list(regeling.deelnemers),
            "deelnemers_tekst": opsomming([rechtsvormen.DEELNEMERS[d].meervoud[3:] for d in regeling.deelnemers]),
            "deelnemers_enkelvoud": opsomming([rechtsvormen.DEELNEMERS[d].enkelvoud for d in regeling.deelnemers]),
            "vaststellend": self.vaststellend(),
            "uitvoerend": self.uitvoerend(),
            "raden_nemen_deel": "raad" in regeling.deelnemers,
            "bekendmaking": regeling.bekendmaking,
            "centrumgemeente": regeling.centrumgemeente or "",
            "ingangsdatum": self.inhoud.samenwerking.ingangsdatum,
            "orgaan": self.orgaan,
            "orgaannaam": lambda rol: self.orgaan(rol).split(" ", 1)[1],
            "heeft": lambda rol: any(o.rol == rol for o in self.organen),
            "wet": WGR,
        }

    # the whole regulation

    def build(self) -> RegelingTekst:
        regeling = self.regeling
        frozen = regeling.nummering == "vast"
        self._unique_ids()
        all_articles = [a for h in regeling.hoofdstukken for a in _articles_of(h)]
        self.article_ids = {a.id for a in all_articles}

        chapters = number_items(((h.id, h.nummer) for h in regeling.hoofdstukken), frozen, capitals=True,
                                what="hoofdstuk")
        articles = self._article_numbers(chapters, all_articles, frozen)
        self._numbering_findings(chapters, {h.id: h for h in regeling.hoofdstukken})
        self._numbering_findings(articles, {a.id: a for a in all_articles})

        koppen = regeling.koppen or model.Koppen()
        zonder = [h for h in regeling.hoofdstukken if h.titel is None]
        if zonder and len(regeling.hoofdstukken) > 1:
            for hoofdstuk in zonder:
                self.findings.append(Finding(hoofdstuk.pad, "een hoofdstuk zonder titel kan alleen als de regeling "
                                             "geen andere hoofdstukken heeft (een regeling zonder hoofdstukken)"))
        alle_paragrafen = [p for h in regeling.hoofdstukken for p in h.paragrafen]
        doorlopend = number_items(((p.id, p.nummer) for p in alle_paragrafen), frozen, what="paragraaf")
        if regeling.paragraafnummering == "doorlopend":
            self._numbering_findings(doorlopend, {p.id: p for p in alle_paragrafen})
        hoofdstukken: list[Hoofdstuk] = []
        for hoofdstuk in regeling.hoofdstukken:
            h_nummer = chapters.numbers[hoofdstuk.id]
            if koppen.hoofdstuknummers == "romeins":
                h_nummer = romeins(h_nummer)
            if hoofdstuk.titel is None and len(regeling.hoofdstukken) == 1:
                h_nummer = None  # type: ignore[assignment]  # no chapters: nothing to number or refer to
            paragraphs = doorlopend if regeling.paragraafnummering == "doorlopend" else None
            hoofdstukken.append(self._hoofdstuk(hoofdstuk, h_nummer, articles, paragraphs, koppen, frozen))
        return self._tekst(hoofdstukken)

    def _article_numbers(self, chapters: Numbering, all_articles: list[model.Artikel], frozen: bool) -> Numbering:
        """The article numbers: running through the regulation, or "Artikel 2.1" within each chapter."""
        if self.regeling.artikelnummering != "per-hoofdstuk":
            return number_items(((a.id, a.nummer) for a in all_articles), frozen)
        numbers: dict[str, str] = {}
        problems: list[tuple[str, str]] = []
        for hoofdstuk in self.regeling.hoofdstukken:
            local = number_items(((a.id, a.nummer) for a in _articles_of(hoofdstuk)), frozen)
            numbers.update({key: f"{chapters.numbers[hoofdstuk.id]}.{value}" for key, value in local.numbers.items()})
            problems += local.problems
        return Numbering(numbers, problems)

    def _hoofdstuk(self, hoofdstuk: model.Hoofdstuk, h_nummer: str, articles: Numbering,
                   paragraphs: Numbering | None, koppen: model.Koppen, frozen: bool) -> Hoofdstuk:
        """One chapter with its paragraphs and articles, numbered; ``paragraphs`` when they run through
        the regulation, else they are numbered here within the chapter."""
        self.targets[hoofdstuk.id] = Plaats(hoofdstuk.id, h_nummer)
        if hoofdstuk.artikelen and hoofdstuk.paragrafen:
            self.findings.append(Finding(hoofdstuk.pad + ("paragrafen",),
                                         "een hoofdstuk heeft artikelen of paragrafen, niet beide"))
        if not hoofdstuk.artikelen and not hoofdstuk.paragrafen:
            self.findings.append(Finding(hoofdstuk.pad, f'hoofdstuk "{hoofdstuk.id}" heeft geen artikelen'))
        if paragraphs is None:
            paragraphs = number_items(((p.id, p.nummer) for p in hoofdstuk.paragrafen), frozen, what="paragraaf")
            self._numbering_findings(paragraphs, {p.id: p for p in hoofdstuk.paragrafen})
        paragrafen = []
        for paragraaf in hoofdstuk.paragrafen:
            p_nummer = paragraphs.numbers[paragraaf.id]
            self.targets[paragraaf.id] = Plaats(hoofdstuk.id, h_nummer, paragraaf.id, p_nummer)
            items = [self.artikel(a, articles.numbers[a.id], hoofdstuk.id, h_nummer, paragraaf.id, p_nummer)
                     for a in paragraaf.artikelen]
            paragrafen.append(Paragraaf(paragraaf.id, p_nummer, paragraaf.titel, items, koppen.paragraaf))
        direct = [self.artikel(a, articles.numbers[a.id], hoofdstuk.id, h_nummer, None, None)
                  for a in hoofdstuk.artikelen]
        for artikel in direct + [a for p in paragrafen for a in p.artikelen]:
            artikel.kopvorm = koppen.artikel
        return Hoofdstuk(hoofdstuk.id, h_nummer or "", hoofdstuk.titel, direct, paragrafen, koppen.hoofdstuk)

    def _tekst(self, hoofdstukken: list[Hoofdstuk]) -> RegelingTekst:
        """The whole regulation around its chapters: aanhef, considerans, ondertekening, toelichting;
        every text part then knows the regulation it words its references in."""
        regeling = self.regeling
        overwegingen = [Tekstdeel(text, regeling.pad + ("overwegingen", index), Plaats())
                        for index, text in enumerate(regeling.overwegingen)]
        toelichting = None
        if regeling.toelichting:
            toelichting = Tekstdeel(regeling.toelichting.algemeen, regeling.toelichting.pad + ("algemeen",), Plaats())
        result = RegelingTekst(
            vorm=self.vorm,
            citeertitel=regeling.citeertitel,
            opschrift=regeling.opschrift or regeling.citeertitel,
            status=regeling.status,
            aanhef=self.aanhef(),
            overwegingen=overwegingen,
            toestemming=self.toestemming(),
            gelet_op=self.gelet_op(),
            besluittekst=regeling.besluittekst or "de volgende gemeenschappelijke regeling te treffen:",
            hoofdstukken=hoofdstukken,
            organen=self.organen,
            ondertekening=self.ondertekening(),
            toelichting=toelichting,
            targets=self.targets,
            findings=self.findings,
            considerans=[Tekstdeel(text, regeling.pad + ("considerans", index), Plaats())
                         for index, text in enumerate(regeling.considerans)],
            titel_na_besluit=regeling.titel_na_besluit,
        )
        for _, tekst in result.teksten():
            tekst.regeling = result
            tekst.markdown = result.worded(tekst)
        return result

    def aanhef(self) -> str:
        if self.regeling.aanhef:
            return self.regeling.aanhef
        return standaard_aanhef(self.regeling.deelnemers, [g.naam for g in self.deelnemers])

    def toestemming(self) -> str | None:
        own = self.regeling.toestemming
        if isinstance(own, str):
            return own
        if own is False:
            return None
        return standaard_toestemming(self.regeling.deelnemers)

    def gelet_op(self) -> str:
        basis = self.rechtsvorm.grondslag
        wgr = f"artikel 1 en {basis}, van de {WGR}" if basis else f"artikel 1 van de {WGR}"
        return "gelet op " + opsomming([wgr, *self.regeling.gelet_op]) + ";"

    def ondertekening(self) -> list[Ondertekening]:
        besluit = self.regeling.besluit
        result = []
        for gemeente in self.deelnemers:
            vergadering = gemeente.besluitvorming.get(besluit) if besluit else None
            for orgaan in self.regeling.deelnemers:
                if orgaan == "raad":
                    datum = vergadering.raad if vergadering and vergadering.raad else None
                    when = _datum(datum) if datum else _BLANK
                    slot = f"Aldus besloten door de raad van de gemeente {gemeente.naam} in zijn openbare vergadering van {when}."
                    signers = [("de griffier,", gemeente.griffier), ("de voorzitter,", gemeente.burgemeester)]
                elif orgaan == "college":
                    slot = (f"Aldus besloten door het college van burgemeester en wethouders van de gemeente "
                            f"{gemeente.naam} op {_BLANK}.")
                    signers = [("de secretaris,", gemeente.secretaris or ""), ("de burgemeester,", gemeente.burgemeester)]
                else:
                    slot = f"Aldus besloten door de burgemeester van de gemeente {gemeente.naam} op {_BLANK}."
                    signers = [("de burgemeester,", gemeente.burgemeester)]
                result.append(Ondertekening(gemeente.naam, orgaan, slot, signers))
        return result

    # ids and numbers

    def _unique_ids(self) -> None:
        seen: dict[str, PathKey] = {}
        for hoofdstuk in self.regeling.hoofdstukken:
            items: list[Any] = [hoofdstuk, *hoofdstuk.paragrafen, *_articles_of(hoofdstuk)]
            for item in items:
                if item.id in seen:
                    self.findings.append(Finding(item.pad + ("id",), f'id "{item.id}" komt dubbel voor in de regeling; '
                                                 "hoofdstukken, paragrafen en artikelen hebben elk een eigen id",
                                                 related=seen[item.id]))
                else:
                    seen[item.id] = item.pad + ("id",)

    def _numbering_findings(self, numbering, items: dict[str, Any]) -> None:
        for key, message in numbering.problems:
            item = items[key]
            self.findings.append(Finding(item.pad + (("nummer",) if item.nummer is not None else ("id",)), message))

    # one article

    def artikel(self, bron: model.Artikel, nummer: str, h_id: str, h_nummer: str, p_id: str | None,
                p_nummer: str | None) -> Artikel:
        plaats = Plaats(h_id, h_nummer, p_id, p_nummer, bron.id, nummer)
        self.targets[bron.id] = plaats
        artikel = Artikel(bron.id, nummer, bron.titel, bron, h_id, p_id, set(bron.onderwerpen))
        own = bron.tekst is not None or bool(bron.onderdelen) or bool(bron.leden)
        body: model.Artikel = bron
        body_path: PathKey | None = None  # None: text comes from YAML, with its own paths
        if bron.clausule is not None:
            rendered = self.clause(bron, artikel)
            if rendered is not None and not own:
                body, body_path = rendered, bron.pad + ("clausule",)
        elif bron.parameters:
            self.findings.append(Finding(bron.pad + ("parameters",), "parameters horen bij een clausule; "
                                         "dit artikel heeft geen `clausule`"))
        if not own and bron.clausule is None:
            self.findings.append(Finding(bron.pad, f'artikel "{bron.id}" heeft geen tekst: geef een `clausule`, '
                                         "een `tekst` of `leden`"))
        if bron.toelichting is not None:
            artikel.toelichting = Tekstdeel(bron.toelichting, bron.pad + ("toelichting",), plaats)
        self.body(artikel, body, body_path, plaats)
        return artikel

    def clause(self, bron: model.Artikel, artikel: Artikel) -> model.Artikel | None:
        """Apply the article's clause: title, subjects, parameters; returns the clause's text."""
        name = bron.clausule
        entry = self.library.get(name)
        if entry is None:
            close = difflib.get_close_matches(name, sorted(self.library), n=1)
            hint = f'; bedoelde u "{close[0]}"?' if close else "; zie docs/regeling.md voor de bibliotheek"
            self.findings.append(Finding(bron.pad + ("clausule",), f'onbekende clausule "{name}"{hint}'))
            return None
        clause = entry.clausule
        artikel.clausule = name
        artikel.titel = bron.titel or clause.titel
        artikel.onderwerpen |= set(clause.onderwerpen)
        if clause.vormen and self.vorm not in clause.vormen:
            self.findings.append(Finding(bron.pad + ("clausule",),
                                         f'clausule "{name}" is bedoeld voor {opsomming(clause.vormen, "of")}, '
                                         f'niet voor de rechtsvorm {self.vorm}'))
            return None
        context = self.context(bron)
        renderer = clausules.ClauseRenderer(entry, context, self.vorm)
        ok = True
        gemeenten = [g.naam for g in self.deelnemers]
        for key, value in bron.parameters.items():
            spec = clause.parameters.get(key)
            path = bron.pad + ("parameters", key)
            if spec is None:
                known = sorted(clause.parameters)
                close = difflib.get_close_matches(key, known, n=1)
                hint = f'; bedoelde u "{close[0]}"?' if close else (
                    "; toegestaan zijn: " + ", ".join(known) if known else "; deze clausule heeft geen parameters")
                self.findings.append(Finding(path, f'clausule "{name}" kent geen parameter "{key}"{hint}'))
                ok = False
                continue
            problem = clausules.check_value(spec.soort, value, gemeenten, self.article_ids)
            if problem:
                self.findings.append(Finding(path, f"{problem}; de parameter regelt: {spec.omschrijving}"))
                ok = False
        values: dict[str, Any] = {}
        for key, spec in clause.parameters.items():
            if key in bron.parameters:
                values[key] = bron.parameters[key]
            elif spec.standaard is None:
                self.findings.append(Finding(bron.pad + ("parameters",) if bron.parameters else bron.pad + ("clausule",),
                                             f'clausule "{name}" vraagt de parameter "{key}": {spec.omschrijving}'))
                ok = False
            else:
                values[key] = clausules.render_default(spec.standaard, renderer)
        artikel.parameters = values
        if not ok:
            return None
        renderer.context = {**context, **values}
        rendered = renderer.render()
        if rendered.toelichting and bron.toelichting is None:
            artikel.toelichting = Tekstdeel(rendered.toelichting, bron.pad + ("clausule",),
                                            self.targets[bron.id], clausule=name)
        try:
            body = model.Artikel.model_validate({
                "id": bron.id, "tekst": rendered.tekst, "onderdelen": rendered.onderdelen, "leden": rendered.leden,
            })
        except ValidationError as exc:
            error = exc.errors()[0]
            self.findings.append(Finding(bron.pad + ("clausule",), f'clausule "{name}" geeft met deze parameters '
                                         f"geen geldige tekst: {error['msg']} ({'.'.join(map(str, error['loc']))})"))
            return None
        if body.tekst is None and not body.onderdelen and not body.leden:
            self.findings.append(Finding(bron.pad + ("clausule",), f'clausule "{name}" geeft met deze parameters geen tekst'))
            return None
        return body

    def body(self, artikel: Artikel, body: model.Artikel, body_path: PathKey | None, plaats: Plaats) -> None:
        clause = artikel.clausule if body_path is not None else None

        def deel(text: str, own_path: PathKey, where: Plaats) -> Tekstdeel:
            return Tekstdeel(text, body_path or own_path, where, clausule=clause)

        def path(obj: Any, *rest: Any) -> PathKey:
            return obj.pad + rest if body_path is None else body_path

        if (body.tekst is not None or body.onderdelen) and body.leden:
            self.findings.append(Finding(path(body, "leden"), "een artikel heeft leden of een eigen tekst met "
                                         "onderdelen, niet beide"))
        if body.onderdelen and body.tekst is None:
            self.findings.append(Finding(path(body, "onderdelen"), "onderdelen hebben een aanhef nodig: geef het "
                                         "artikel een `tekst` (bijvoorbeeld \"In deze regeling wordt verstaan onder:\")"))
        if body.tekst is not None:
            artikel.tekst = deel(body.tekst, body.pad + ("tekst",), plaats)
        artikel.onderdelen = self.onderdelen(artikel, body.onderdelen, plaats, path, deel, body)
        seen: dict[str, Any] = {}
        for index, lid in enumerate(body.leden, start=1):
            self._duplicate(seen, lid, path(lid, "id"), "lid")
            where = _with(plaats, lid=lid.id, lid_index=index)
            self.targets[f"{artikel.id}.{lid.id}"] = where
            item = Lid(lid.id, index, deel(lid.tekst, lid.pad + ("tekst",), where))
            item.onderdelen = self.onderdelen(artikel, lid.onderdelen, where, path, deel, lid, prefix=f"{artikel.id}.{lid.id}")
            artikel.leden.append(item)
        for tekst in artikel.teksten():
            problem = _one_paragraph(tekst.bron)
            if problem:
                self.findings.append(Finding(tekst.pad, problem + (f' (clausule "{clause}")' if clause else "")))

    def onderdelen(self, artikel: Artikel, items: list[model.Onderdeel], where: Plaats, path, deel, parent: Any,
                   prefix: str | None = None) -> list[Onderdeel]:
        prefix = prefix or artikel.id
        result: list[Onderdeel] = []
        seen: dict[str, Any] = {}
        opsomming = getattr(parent, "opsomming", None) or "letters"
        for index, onderdeel in enumerate(items, start=1):
            self._duplicate(seen, onderdeel, path(onderdeel, "id"), "onderdeel")
            here = _with(where, onderdeel=onderdeel.id, onderdeel_index=index, opsomming=opsomming)
            self.targets[f"{prefix}.{onderdeel.id}"] = here
            item = Onderdeel(onderdeel.id, index, deel(onderdeel.tekst, onderdeel.pad + ("tekst",), here),
                             opsomming=opsomming)
            seen_sub: dict[str, Any] = {}
            for s_index, sub in enumerate(onderdeel.subonderdelen, start=1):
                self._duplicate(seen_sub, sub, path(sub, "id"), "subonderdeel")
                there = _with(here, sub=sub.id, sub_index=s_index)
                self.targets[f"{prefix}.{onderdeel.id}.{sub.id}"] = there
                item.subonderdelen.append(Sub(sub.id, s_index, deel(sub.tekst, sub.pad + ("tekst",), there)))
            result.append(item)
        return result

    def _duplicate(self, seen: dict[str, Any], item: Any, path: PathKey, what: str) -> None:
        if item.id in seen:
            self.findings.append(Finding(path, f'{what} "{item.id}" komt dubbel voor'))
        else:
            seen[item.id] = item


def standaard_aanhef(deelnemers: list[str], gemeenten: list[str]) -> str:
    """The aanhef as derived: the participating organs of the gemeenten (in the order given)."""
    organs = [rechtsvormen.DEELNEMERS[d].meervoud for d in deelnemers]
    text = f"{opsomming(organs)} van de gemeenten {opsomming(gemeenten)}"
    if len(organs) > 1:
        text += ", ieder voor zover voor de eigen gemeente bevoegd"
    return text[:1].upper() + text[1:] + ";"


def standaard_toestemming(deelnemers: list[str]) -> str | None:
    """"gezien de toestemming ..." when the councils do not take part themselves (artikel 1, vierde lid, Wgr)."""
    return None if "raad" in deelnemers else "gezien de toestemming van de raden van de deelnemende gemeenten;"


def _articles_of(hoofdstuk: model.Hoofdstuk) -> list[model.Artikel]:
    return [*hoofdstuk.artikelen, *(a for p in hoofdstuk.paragrafen for a in p.artikelen)]


def _with(plaats: Plaats, **changes: Any) -> Plaats:
    from dataclasses import replace

    return replace(plaats, **changes)


def _datum(value) -> str:
    from ..formatting import datum

    return datum(value)


_BLOCKS = re.compile(r"<(ul|ol|table|h[1-6]|blockquote|pre|hr)\b")


def _one_paragraph(text: str) -> str | None:
    """A lid, onderdeel or subonderdeel is one paragraph; lists belong in onderdelen."""
    html = str(markup.to_html(text, lambda target: target))
    if _BLOCKS.search(html):
        return "een lid of onderdeel is één alinea; zet een opsomming in `onderdelen`"
    if html.count("<p>") > 1:
        return "een lid of onderdeel is één alinea; maak van een tweede alinea een nieuw lid"
    return None


@dataclass(frozen=True)
class Regelingdeel:
    regeling: RegelingTekst | None  # None without `regeling`


@deriver(Regelingdeel, needs=("deelnemers", "wijzigingsinvoer"))
def _regeling(inhoud: Inhoud, nodig: Invoerzicht) -> Regelingdeel:
    if inhoud.regeling is None:
        return Regelingdeel(None)
    tekst = _Builder(inhoud, nodig.deelnemers).build()
    if nodig.wijzigingsinvoer is not None:  # the new version of an amendment, as that amendment establishes it
        tekst = nodig.wijzigingsinvoer.vastgesteld(inhoud, tekst)
    return Regelingdeel(tekst)


__all__ = ["RegelingTekst", "Artikel", "Lid", "Onderdeel", "Sub", "Tekstdeel", "letter"]
