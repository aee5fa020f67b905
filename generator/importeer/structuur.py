"""The regulation as read from a source, before it becomes content YAML.

Every reader (text, DOCX, XML) produces this one structure; numbering is checked here, once,
so that a lid or onderdeel that skips or repeats is an error wherever it came from. Numbers of
articles and chapters are kept as the source has them (they are frozen in the YAML); leden,
onderdelen and subonderdelen must count 1, 2, 3 / a, b, c / 1°, 2°, 3° (Ar 6.18), because the
generator numbers them itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..regeling.numbering import Nummer, letter
from ..regeling.tekst import artikelen_in
from .bron import Regel, fout


@dataclass
class Sub:
    nummer: str
    tekst: str
    regel: Regel


@dataclass
class Onderdeel:
    label: str
    tekst: str
    regel: Regel
    subonderdelen: list[Sub] = field(default_factory=list)


@dataclass
class Lid:
    nummer: str
    tekst: str
    regel: Regel
    onderdelen: list[Onderdeel] = field(default_factory=list)
    opsomming: str = "letters"  # letters, cijfers, streepjes


@dataclass
class Artikel:
    nummer: str
    titel: str | None
    regel: Regel
    tekst: str | None = None
    tekst_regel: Regel | None = None
    onderdelen: list[Onderdeel] = field(default_factory=list)
    leden: list[Lid] = field(default_factory=list)
    toelichting: list[tuple[str, str]] = field(default_factory=list)  # ("alinea" | "punt", plain text)
    vervallen: bool = False
    opsomming: str = "letters"


@dataclass
class Paragraaf:
    nummer: str
    titel: str
    regel: Regel
    artikelen: list[Artikel] = field(default_factory=list)


@dataclass
class Hoofdstuk:
    nummer: str
    titel: str
    regel: Regel
    artikelen: list[Artikel] = field(default_factory=list)
    paragrafen: list[Paragraaf] = field(default_factory=list)


@dataclass
class Regeling:
    """Everything read from the source, in the source's order."""

    titel: str | None = None
    aanhef: str | None = None
    aanhef_regel: Regel | None = None
    overwegingen: list[str] = field(default_factory=list)
    gelet_op: str | None = None
    toestemming: str | None = None  # "gezien de toestemming van de raden ...", as the source has it
    considerans: list[tuple[str, Regel]] = field(default_factory=list)  # every line between aanhef and besluiten
    besluittekst: str | None = None
    hoofdstukken: list[Hoofdstuk] = field(default_factory=list)
    toelichting: list[tuple[str, str]] = field(default_factory=list)  # the general part, as above
    gemeenten_slot: list[str] = field(default_factory=list)  # from "Aldus besloten ... gemeente X"
    koppen: dict[str, list[str]] = field(default_factory=dict)  # per level the heading forms seen
    titel_na_besluit: bool = False
    opmerkingen: list[str] = field(default_factory=list)

    def artikelen(self) -> list[Artikel]:
        return artikelen_in(self.hoofdstukken)


class Opbouw:
    """Builds a :class:`Regeling` from a stream of parts, checking numbering as it goes."""

    def __init__(self, bestand: Path):
        self.bestand = bestand
        self.regeling = Regeling()
        self.hoofdstuk: Hoofdstuk | None = None
        self.paragraaf: Paragraaf | None = None
        self.artikel: Artikel | None = None
        self.vorig_nummer: Nummer | None = None
        self.gat_toegestaan = False
        self.per_hoofdstuk: bool | None = None  # articles numbered "2.1" within their chapter

    def fout(self, regel: Regel, melding: str):
        return fout(self.bestand, regel.regel, regel.kolom, melding)

    # structure

    def nieuw_hoofdstuk(self, nummer: str, titel: str, regel: Regel) -> None:
        self.hoofdstuk = Hoofdstuk(nummer, titel, regel)
        self.regeling.hoofdstukken.append(self.hoofdstuk)
        if self.per_hoofdstuk:
            self.vorig_nummer, self.gat_toegestaan = None, False
        self.paragraaf = None
        self.artikel = None

    def nieuwe_paragraaf(self, nummer: str, titel: str, regel: Regel) -> None:
        if self.hoofdstuk is None:
            self.nieuw_hoofdstuk("", "", regel)
        assert self.hoofdstuk is not None
        if self.hoofdstuk.artikelen:
            raise self.fout(regel, "een hoofdstuk met artikelen vóór de eerste paragraaf kan niet worden ingelezen")
        self.paragraaf = Paragraaf(nummer, titel, regel)
        self.hoofdstuk.paragrafen.append(self.paragraaf)
        self.artikel = None

    def nieuw_artikel(self, nummer: str, titel: str | None, regel: Regel, vervallen: bool = False) -> None:
        per = re.fullmatch(r"([0-9]+[A-Za-z]?)\.([0-9]+[a-z]*)", nummer)
        if self.per_hoofdstuk is None:
            self.per_hoofdstuk = per is not None
        elif self.per_hoofdstuk != (per is not None):
            raise self.fout(regel, f"artikel {nummer}: de artikelen zijn deels doorlopend en deels per hoofdstuk "
                                   "genummerd")
        local = nummer
        if per is not None:
            chapter = self.hoofdstuk.nummer if self.hoofdstuk is not None else ""
            if per.group(1) not in (chapter, str(_arabisch(chapter))):
                raise self.fout(regel, f"artikel {nummer} staat in hoofdstuk {chapter or '(geen)'}: bij nummering per "
                                       "hoofdstuk begint het nummer met dat van het hoofdstuk")
            local = per.group(2)
        try:
            parsed = Nummer.parse(local)
        except ValueError:
            raise self.fout(regel, f'artikelnummer "{nummer}" wordt niet ondersteund (verwacht: 1, 14a)') from None
        previous = self.vorig_nummer
        if previous is not None:
            if parsed.key == previous.key:
                raise self.fout(regel, f"artikel {nummer} komt dubbel voor")
            if parsed.key < previous.key:
                raise self.fout(regel, f"artikel {nummer} staat na artikel {previous.text()}: de nummering loopt terug")
            if (not parsed.letters and not previous.before and parsed.base > previous.base + 1
                    and not self.gat_toegestaan):
                raise self.fout(regel, f"na artikel {previous.text()} volgt artikel {local}: de nummering springt "
                                       f"(een vervallen artikel staat als \"Artikel {previous.base + 1} [Vervallen]\")")
        self.vorig_nummer = parsed
        self.gat_toegestaan = False
        if vervallen:  # the number stays unused; the next article may skip it
            self.gat_toegestaan = True
            self.artikel = None
            return
        if self.hoofdstuk is None:
            self.nieuw_hoofdstuk("", "", regel)
        assert self.hoofdstuk is not None
        self.artikel = Artikel(nummer, titel or None, regel)
        if self.paragraaf is not None:
            self.paragraaf.artikelen.append(self.artikel)
        else:
            if self.hoofdstuk.paragrafen:
                raise self.fout(regel, "een artikel na de paragrafen van een hoofdstuk, buiten een paragraaf, kan "
                                       "niet worden ingelezen")
            self.hoofdstuk.artikelen.append(self.artikel)

    def _huidig(self, regel: Regel) -> Artikel:
        if self.artikel is None:
            raise self.fout(regel, "tekst buiten een artikel: verwacht \"Artikel 1\" (of een hoofdstuk)")
        return self.artikel

    # text of an article

    def lid(self, nummer: str, tekst: str, regel: Regel) -> None:
        """A numbered line: a lid, or an onderdeel of a list numbered 1., 2. (after a text ending in ":")."""
        artikel = self._huidig(regel)
        owner = artikel.leden[-1] if artikel.leden else artikel
        items = owner.onderdelen
        intro = (owner.tekst or "").rstrip()
        if owner.opsomming == "cijfers" and items and nummer == str(len(items) + 1) and \
                items[-1].tekst.rstrip().endswith((";", ",", ":", " en", " of")):
            items.append(Onderdeel(nummer, tekst, regel))
            return
        if not items and nummer == "1" and intro.endswith(":") and (owner is not artikel or artikel.tekst is not None):
            owner.opsomming = "cijfers"
            items.append(Onderdeel(nummer, tekst, regel))
            return
        if artikel.tekst is not None and not artikel.leden:
            raise self.fout(regel, f"artikel {artikel.nummer} heeft een alinea zonder nummer vóór het eerste lid")
        expected = len(artikel.leden) + 1
        if nummer != str(expected):
            raise self.fout(regel, _sprong("lid", [l.nummer for l in artikel.leden], nummer, str(expected),
                                           artikel.nummer))
        artikel.leden.append(Lid(nummer, tekst, regel))

    def onderdeel(self, label: str, tekst: str, regel: Regel, opsomming: str = "letters") -> None:
        artikel = self._huidig(regel)
        owner = artikel.leden[-1] if artikel.leden else artikel
        if not artikel.leden and artikel.tekst is None:
            raise self.fout(regel, f"onderdeel {label} van artikel {artikel.nummer} heeft geen aanhef "
                                   "(verwacht eerst een zin als \"In deze regeling wordt verstaan onder:\")")
        items = owner.onderdelen
        if items and owner.opsomming != opsomming:
            raise self.fout(regel, f"in artikel {artikel.nummer} wisselt een opsomming van aanduiding (letters, "
                                   "cijfers of streepjes)")
        owner.opsomming = opsomming
        if opsomming == "streepjes":
            items.append(Onderdeel(label, tekst, regel))
            return
        expected = letter(len(items) + 1)
        if label != expected:
            raise self.fout(regel, _sprong("onderdeel", [o.label for o in items], label, expected, artikel.nummer))
        items.append(Onderdeel(label, tekst, regel))

    def sub(self, nummer: str, tekst: str, regel: Regel) -> None:
        artikel = self._huidig(regel)
        items = artikel.leden[-1].onderdelen if artikel.leden else artikel.onderdelen
        if not items:
            raise self.fout(regel, f"subonderdeel {nummer}° van artikel {artikel.nummer} staat niet onder een onderdeel")
        subs = items[-1].subonderdelen
        expected = str(len(subs) + 1)
        if nummer != expected:
            raise self.fout(regel, _sprong("subonderdeel", [f"{s.nummer}°" for s in subs], f"{nummer}°",
                                           f"{expected}°", artikel.nummer))
        subs.append(Sub(nummer, tekst, regel))

    def alinea(self, tekst: str, regel: Regel) -> None:
        """A paragraph without a number: the text of an article, or more words of the last part."""
        artikel = self._huidig(regel)
        if not artikel.leden and artikel.tekst is None and not artikel.onderdelen:
            artikel.tekst, artikel.tekst_regel = tekst, regel
            return
        last = _laatste(artikel)
        last.tekst = f"{last.tekst} {tekst}"
        self.regeling.opmerkingen.append(
            f"{regel.regel}: een losse alinea in artikel {artikel.nummer} is achter de vorige tekst gezet (een lid "
            "of onderdeel is één alinea)")

    def toelichting_artikel(self, nummer: str, regel: Regel) -> Artikel | None:
        found = next((a for a in self.regeling.artikelen() if a.nummer == nummer), None)
        if found is None:
            self.regeling.opmerkingen.append(f"{regel.regel}: de toelichting op artikel {nummer} hoort bij geen "
                                             "artikel van de regeling en is weggelaten")
        return found


def _laatste(artikel: Artikel):
    if artikel.leden:
        lid = artikel.leden[-1]
        if lid.onderdelen:
            onderdeel = lid.onderdelen[-1]
            return onderdeel.subonderdelen[-1] if onderdeel.subonderdelen else onderdeel
        return lid
    if artikel.onderdelen:
        onderdeel = artikel.onderdelen[-1]
        return onderdeel.subonderdelen[-1] if onderdeel.subonderdelen else onderdeel
    return _Tekst(artikel)


class _Tekst:
    """The article's own text as a part that can grow."""

    def __init__(self, artikel: Artikel):
        self.artikel = artikel

    @property
    def tekst(self) -> str:
        return self.artikel.tekst or ""

    @tekst.setter
    def tekst(self, value: str) -> None:
        self.artikel.tekst = value


def _sprong(wat: str, eerdere: list[str], gevonden: str, verwacht: str, artikel: str) -> str:
    if gevonden in eerdere:
        return f"{wat} {gevonden} van artikel {artikel} komt dubbel voor"
    return f"in artikel {artikel} volgt {wat} {gevonden} waar {wat} {verwacht} werd verwacht: de nummering springt"


_SPACES = re.compile(r"[ \t\r\n\v\f]+")


def schoon(text: str) -> str:
    """One line of text with single spaces (tabs and line breaks too; a non-breaking space stays)."""
    return _SPACES.sub(" ", text).strip()


def _arabisch(nummer: str) -> str:
    """``IV`` → ``4``; other numbers as they are."""
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    if not re.fullmatch(r"[IVXLCDM]+", nummer):
        return nummer
    total = 0
    for index, char in enumerate(nummer):
        value = values[char]
        total += -value if index + 1 < len(nummer) and values[nummer[index + 1]] > value else value
    return str(total)
