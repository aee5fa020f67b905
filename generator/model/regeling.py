"""The gemeenschappelijke regeling as structured law.

A regulation has hoofdstukken (optionally divided into paragrafen), artikelen, leden,
onderdelen and subonderdelen, each with a stable id. Numbers are never typed: they are
derived from the order (see ``generator/regeling/numbering.py``), unless the regulation
has been adopted and its numbers are frozen (``nummering: vast``).

An article either uses a standard text from the clause library (``clausule`` with
``parameters``), or has its own text (``tekst``, ``onderdelen`` or ``leden``); own text
next to a clause replaces the clause's text but keeps its title, subjects and toelichting.
The legal form is ``samenwerking.vorm``; it decides which organs exist.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

from pydantic import BeforeValidator, Field, StringConstraints

from .. import rechtsvormen
from .base import Id, Kind, Model, Regel, Tekst

#: The subjects an article can deal with; the Wgr check looks for them.
#: The organs are those of the legal-form table (an article about an organ has its role as subject).
Onderwerp = Literal[(  # type: ignore[misc]
    "begripsbepalingen", "instelling", "belang", "taken",
    *rechtsvormen.ORGANEN,
    "centrumgemeente", "werkwijze", "inlichtingen", "verantwoording", "zienswijze", "participatie",
    "begroting", "jaarrekening", "verdeelsleutel", "personeel", "archief",
    "toetreding", "uittreding", "uittreding-gevolgen", "wijziging", "opheffing", "vereffening",
    "geschillen", "evaluatie", "duur", "overgang", "inwerkingtreding", "bekendmaking", "citeertitel", "overig",
)]

#: The organs a regulation can have; which ones depends on the legal form.
OrgaanRol = Literal[tuple(rechtsvormen.ORGANEN)]  # type: ignore[valid-type]

#: Who takes part in the regulation for each gemeente.
Deelnemer = Literal[tuple(rechtsvormen.DEELNEMERS)]  # type: ignore[valid-type]


def _number_text(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


#: A frozen number: ``14``, ``14a`` or ``a1`` (chapters: ``5A``).
Nummer = Annotated[
    str,
    BeforeValidator(_number_text),
    StringConstraints(pattern=r"^([a-zA-Z]*[1-9][0-9]*|[1-9][0-9]*[a-zA-Z]*)$"),
    Kind("nummer (alleen bij `nummering: vast`)"),
]

#: Values for a clause's parameters; the clause declares which and of what kind.
Parameters = Annotated[dict[str, Any], Kind("per parameter een waarde (zie de clausule)")]


#: How the onderdelen of a lid or article are marked.
Opsomming = Literal["letters", "cijfers", "streepjes"]
OPSOMMING_UITLEG = ("Hoe de onderdelen worden aangeduid: `letters` (`a.`, standaard, Ar), `cijfers` (`1.`) of "
                    "`streepjes` (`–`), zoals in de bron.")


class Subonderdeel(Model):
    schema_uitleg: ClassVar[str] = "Een subonderdeel (`1°`, `2°`) van een onderdeel."

    id: Id = Field(description="Vaste sleutel binnen het onderdeel.")
    tekst: Tekst = Field(description="Tekst, één alinea (Markdown, verwijzingen met `[[id]]`).")


class Onderdeel(Model):
    schema_uitleg: ClassVar[str] = "Een onderdeel (`a.`, `b.`) van een lid of artikel."

    id: Id = Field(description="Vaste sleutel binnen het lid of artikel.")
    tekst: Tekst = Field(description="Tekst, één alinea (Markdown, verwijzingen met `[[id]]`).")
    subonderdelen: list[Subonderdeel] = Field(default_factory=list, description="Subonderdelen (`1°`, `2°`).")


class Lid(Model):
    schema_uitleg: ClassVar[str] = "Een lid (`1.`, `2.`) van een artikel."

    id: Id = Field(description="Vaste sleutel binnen het artikel; verwijs met `[[artikel-id.lid-id]]`.")
    tekst: Tekst = Field(description="Tekst, één alinea; bij onderdelen de aanhef.")
    onderdelen: list[Onderdeel] = Field(default_factory=list, description="Onderdelen (`a.`, `b.`).")
    opsomming: Opsomming | None = Field(None, description=OPSOMMING_UITLEG)


class Artikel(Model):
    schema_uitleg: ClassVar[str] = (
        "Een artikel: een standaardtekst uit de clausulebibliotheek (`clausule`) of een eigen tekst "
        "(`tekst`, `onderdelen` of `leden`)."
    )

    id: Id = Field(description="Vaste sleutel; verwijs ernaar met `[[id]]`. Uniek in de hele regeling.")
    titel: Regel | None = Field(None, description="Opschrift van het artikel; bij een clausule de titel van de clausule.")
    nummer: Nummer | None = Field(
        None, description="Vastgesteld nummer, alleen bij `nummering: vast`; anders wordt het afgeleid."
    )
    clausule: Id | None = Field(None, description="Naam van een standaardtekst in `templates/clausules/`.")
    parameters: Parameters = Field(default_factory=dict, description="Waarden voor de parameters van de clausule.")
    tekst: Tekst | None = Field(
        None, description="Eigen tekst van een artikel zonder leden (één alinea; bij onderdelen de aanhef)."
    )
    onderdelen: list[Onderdeel] = Field(default_factory=list, description="Onderdelen van een artikel zonder leden.")
    opsomming: Opsomming | None = Field(None, description=OPSOMMING_UITLEG)
    leden: list[Lid] = Field(default_factory=list, description="De leden van het artikel.")
    onderwerpen: list[Onderwerp] = Field(
        default_factory=list,
        description="Waar het artikel over gaat (voor de Wgr-controle); een clausule geeft ze zelf.",
    )
    toelichting: Tekst | None = Field(None, description="Artikelsgewijze toelichting (Markdown).")


class Paragraaf(Model):
    schema_uitleg: ClassVar[str] = "Een paragraaf binnen een hoofdstuk."

    id: Id = Field(description="Vaste sleutel; verwijs ernaar met `[[id]]`.")
    titel: Regel = Field(description="Opschrift van de paragraaf.")
    nummer: Nummer | None = Field(None, description="Vastgesteld nummer, alleen bij `nummering: vast`.")
    artikelen: list[Artikel] = Field(min_length=1, description="De artikelen van de paragraaf.")


class Hoofdstuk(Model):
    schema_uitleg: ClassVar[str] = "Een hoofdstuk: artikelen, of paragrafen met artikelen."

    id: Id = Field(description="Vaste sleutel; verwijs ernaar met `[[id]]`.")
    titel: Regel | None = Field(
        None, description="Opschrift van het hoofdstuk. Zonder opschrift (alleen als de regeling één hoofdstuk heeft) "
        "is het een regeling zonder hoofdstukken: er staat geen kop en het telt niet mee."
    )
    nummer: Nummer | None = Field(None, description="Vastgesteld nummer, alleen bij `nummering: vast`.")
    artikelen: list[Artikel] = Field(default_factory=list, description="De artikelen (als er geen paragrafen zijn).")
    paragrafen: list[Paragraaf] = Field(default_factory=list, description="De paragrafen (in plaats van artikelen).")


#: How a heading reads: ``{nummer}`` and optionally ``{titel}``, e.g. ``Artikel {nummer}. {titel}``.
KopVorm = Annotated[
    str,
    StringConstraints(pattern=r"^[^{}\n]*\{nummer\}[^{}\n]*(\{titel\}[^{}\n]*)?$"),
    Kind("kop met {nummer} en eventueel {titel}"),
]


class Koppen(Model):
    schema_uitleg: ClassVar[str] = (
        "Hoe de koppen luiden, als de regeling een andere stijl heeft dan de Aanwijzingen voor de regelgeving "
        "(bijvoorbeeld een ingelezen regeling): `{nummer}` en `{titel}` worden ingevuld; zonder opschrift vervalt "
        "wat na het nummer komt."
    )

    hoofdstuk: KopVorm = Field("Hoofdstuk {nummer}. {titel}", description="Kop van een hoofdstuk, bijvoorbeeld "
                               "`HOOFDSTUK {nummer} - {titel}`.")
    paragraaf: KopVorm = Field("§ {nummer}. {titel}", description="Kop van een paragraaf, bijvoorbeeld "
                               "`Paragraaf {nummer} {titel}`.")
    artikel: KopVorm = Field("Artikel {nummer}. {titel}", description="Kop van een artikel, bijvoorbeeld "
                             "`Artikel {nummer} {titel}`.")
    hoofdstuknummers: Literal["arabisch", "romeins"] = Field(
        "arabisch", description="`arabisch` (1, 2, 3) of `romeins` (I, II, III); ook in verwijzingen.")


class Orgaannaam(Model):
    schema_uitleg: ClassVar[str] = "Hoe een orgaan in de regeling heet."

    naam: Regel = Field(description="Naam, bijvoorbeeld `Drechtraad` of `algemeen bestuur`.")
    lidwoord: Literal["de", "het"] | None = Field(
        None, description="`de` of `het`; standaard `het` voor een bestuur en `de` voor de voorzitter."
    )


class RegelingToelichting(Model):
    schema_uitleg: ClassVar[str] = "De toelichting bij de regeling."

    algemeen: Tekst = Field(description="Algemeen deel van de toelichting (Markdown).")


class Regeling(Model):
    """The text of the gemeenschappelijke regeling."""

    schema_uitleg: ClassVar[str] = (
        "De tekst van de gemeenschappelijke regeling: aanhef, hoofdstukken met artikelen, slot en "
        "toelichting. De rechtsvorm staat in `samenwerking.vorm`."
    )

    citeertitel: Regel = Field(description="Citeertitel, bijvoorbeeld `Gemeenschappelijke regeling Drechtsteden`.")
    opschrift: Regel | None = Field(None, description="Opschrift boven de regeling; standaard de citeertitel.")
    status: Regel | None = Field(None, description="Status boven het document, bijvoorbeeld `Ontwerp voor de raden`.")
    stadium: Literal["ontwerp", "geldend"] = Field(
        "ontwerp",
        description="`ontwerp` (standaard): wat de Wgr vraagt en ontbreekt, is een fout. `geldend`: een regeling die "
        "in werking is (bijvoorbeeld ingelezen met `samenwerking importeer`); wat de Wgr nog vraagt, wordt gemeld "
        "als opgave voor een wijziging en houdt de build niet tegen.",
    )
    naam_lichaam: Regel | None = Field(
        None, description="Naam van het openbaar lichaam, de bedrijfsvoeringsorganisatie of het gemeenschappelijk orgaan."
    )
    deelnemers: list[Deelnemer] = Field(
        min_length=1, description="Welke bestuursorganen van elke gemeente deelnemen: `raad`, `college`, `burgemeester`."
    )
    organen: dict[OrgaanRol, Orgaannaam] = Field(
        default_factory=dict, description="De organen en hun naam; welke er moeten zijn, volgt uit de rechtsvorm."
    )
    centrumgemeente: Regel | None = Field(None, description="Bij een centrumgemeente: de gemeente die de taken uitvoert.")
    bekendmaking: Regel = Field(description="De gemeente die voor de bekendmaking van de regeling zorgt (artikel 26 Wgr).")
    besluit: Id | None = Field(
        None, description="Id van het besluit in `besluiten` waarvan de vergaderdata in het slotformulier komen."
    )
    aanhef: Regel | None = Field(
        None, description="De aanhef in eigen woorden (\"De raden ... ieder voor zover bevoegd;\"); standaard afgeleid "
        "uit `deelnemers` en de gemeenten."
    )
    overwegingen: list[Tekst] = Field(default_factory=list, description="De overwegingen (\"overwegende dat ...\").")
    considerans: list[Tekst] = Field(
        default_factory=list,
        description="De considerans in eigen woorden en volgorde, één alinea per element (\"overwegende dat ...;\", "
        "\"constaterende dat ...;\", \"gelezen het voorstel van ...;\", \"gelet op ...;\"); vervangt dan de afgeleide "
        "overwegingen, toestemming en \"gelet op\" (bijvoorbeeld een ingelezen regeling).",
    )
    toestemming: Regel | bool | None = Field(
        None, description="De vermelding van de toestemming van de raden in de aanhef: standaard afgeleid (alleen "
        "als de raden niet zelf deelnemen), `false` om haar weg te laten, of een eigen tekst."
    )
    gelet_op: list[Regel] = Field(
        default_factory=list, description="Wettelijke grondslagen naast de Wgr-artikelen die uit de rechtsvorm volgen."
    )
    besluittekst: Regel | None = Field(
        None, description="Wat wordt besloten, na \"besluiten:\"; standaard `de volgende gemeenschappelijke regeling te treffen:`."
    )
    koppen: Koppen | None = Field(None, description="Hoe de koppen luiden; standaard zoals de Aanwijzingen.")
    paragraafnummering: Literal["per-hoofdstuk", "doorlopend"] = Field(
        "per-hoofdstuk", description="`per-hoofdstuk` (standaard: elk hoofdstuk begint bij § 1) of `doorlopend` "
        "(over de hoofdstukken heen)."
    )
    titel_na_besluit: bool = Field(
        False, description="`true`: het opschrift staat nog eens na de besluittekst, vóór het eerste artikel, zoals "
        "sommige regelingen dat doen."
    )
    artikelnummering: Literal["doorlopend", "per-hoofdstuk"] = Field(
        "doorlopend", description="`doorlopend` (1, 2, 3 over de hoofdstukken heen, Ar 3.54) of `per-hoofdstuk` "
        "(`Artikel 2.1`: hoofdstuknummer, punt, nummer binnen het hoofdstuk; een vast `nummer` is dan het deel na de punt)."
    )
    nummering: Literal["doorlopend", "vast"] = Field(
        "doorlopend",
        description="`doorlopend`: nummers volgen de volgorde; `vast`: na vaststelling blijven nummers staan en krijgt "
        "een ingevoegd artikel een letter (`14a`).",
    )
    hoofdstukken: list[Hoofdstuk] = Field(min_length=1, description="De hoofdstukken van de regeling.")
    toelichting: RegelingToelichting | None = Field(None, description="De toelichting.")
