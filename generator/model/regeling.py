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
    titel: Regel = Field(description="Opschrift van het hoofdstuk.")
    nummer: Nummer | None = Field(None, description="Vastgesteld nummer, alleen bij `nummering: vast`.")
    artikelen: list[Artikel] = Field(default_factory=list, description="De artikelen (als er geen paragrafen zijn).")
    paragrafen: list[Paragraaf] = Field(default_factory=list, description="De paragrafen (in plaats van artikelen).")


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
    overwegingen: list[Tekst] = Field(default_factory=list, description="De overwegingen (\"overwegende dat ...\").")
    gelet_op: list[Regel] = Field(
        default_factory=list, description="Wettelijke grondslagen naast de Wgr-artikelen die uit de rechtsvorm volgen."
    )
    besluittekst: Regel | None = Field(
        None, description="Wat wordt besloten, na \"besluiten:\"; standaard `de volgende gemeenschappelijke regeling te treffen:`."
    )
    nummering: Literal["doorlopend", "vast"] = Field(
        "doorlopend",
        description="`doorlopend`: nummers volgen de volgorde; `vast`: na vaststelling blijven nummers staan en krijgt "
        "een ingevoegd artikel een letter (`14a`).",
    )
    hoofdstukken: list[Hoofdstuk] = Field(min_length=1, description="De hoofdstukken van de regeling.")
    toelichting: RegelingToelichting | None = Field(None, description="De toelichting.")
