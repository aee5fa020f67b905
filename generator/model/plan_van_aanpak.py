"""The plan van aanpak: why, what, who, how it is communicated, the risks and the budget.

The steps and dates of the plan are the cooperation's ``planning`` (see
:mod:`.planning`); this part holds everything else a programme manager writes.
"""

from __future__ import annotations

import datetime
from typing import ClassVar, Literal

from pydantic import Field

from .financien import Categorie
from .base import Bedrag, Id, Model, Regel, Tekst

#: The kinds of unit in a project organisation.
SoortOnderdeel = Literal[
    "opdrachtgever",
    "stuurgroep",
    "programmamanager",
    "projectleider",
    "projectgroep",
    "deelproject",
    "kwartiermaker",
    "klankbordgroep",
    "werkgroep",
    "overig",
]


class Scope(Model):
    schema_uitleg: ClassVar[str] = "Wat wel en wat niet bij het project hoort."

    wel: list[Regel] = Field(min_length=1, description="Wat binnen het project valt.")
    niet: list[Regel] = Field(default_factory=list, description="Wat er uitdrukkelijk buiten valt.")
    toelichting: Tekst | None = Field(None, description="Toelichting (Markdown).")


class Onderdeel(Model):
    schema_uitleg: ClassVar[str] = "Een onderdeel van de projectorganisatie (een vak in het organigram)."

    id: Id = Field(description="Vaste sleutel, bijvoorbeeld `stuurgroep`.")
    naam: Regel = Field(description="Naam, bijvoorbeeld `Stuurgroep` of `Deelproject ICT`.")
    soort: SoortOnderdeel = Field(description="Soort onderdeel, bijvoorbeeld `stuurgroep` of `deelproject`.")
    onder: Id | None = Field(None, description="Het onderdeel waaraan dit onderdeel verantwoording aflegt (leeg: de top).")
    staf: bool = Field(False, description="`true` voor een adviserende rol naast de lijn (kwartiermaker, klankbordgroep).")
    leider: Regel | None = Field(None, description="Voorzitter, projectleider of deelprojectleider (naam en functie).")
    leden: list[Regel] = Field(default_factory=list, description="Leden of bemensing, elk met naam en functie.")
    taken: Tekst | None = Field(None, description="Taken en bevoegdheden (Markdown).")


class Projectorganisatie(Model):
    schema_uitleg: ClassVar[str] = "De projectorganisatie: opdrachtgever, stuurgroep, projectgroep, deelprojecten."

    toelichting: Tekst | None = Field(None, description="Toelichting op de projectorganisatie (Markdown).")
    onderdelen: list[Onderdeel] = Field(min_length=1, description="De onderdelen; de top als eerste.")


class Doelgroep(Model):
    schema_uitleg: ClassVar[str] = "Een doelgroep van communicatie en participatie."

    doelgroep: Regel = Field(description="Wie, bijvoorbeeld `Gemeenteraden` of `Ondernemingsraden`.")
    doel: Regel = Field(description="Wat de communicatie met deze doelgroep moet bereiken.")
    middelen: list[Regel] = Field(min_length=1, description="Middelen en momenten (bijeenkomst, nieuwsbrief, ...).")
    wanneer: Regel | None = Field(None, description="Wanneer of hoe vaak.")
    wie: Regel | None = Field(None, description="Wie ervoor zorgt.")


class Communicatie(Model):
    schema_uitleg: ClassVar[str] = "Communicatie en participatie."

    toelichting: Tekst | None = Field(None, description="Uitgangspunten (Markdown).")
    doelgroepen: list[Doelgroep] = Field(min_length=1, description="Per doelgroep: doel, middelen, wanneer en wie.")


class Risico(Model):
    schema_uitleg: ClassVar[str] = "Een risico, gewogen naar kans maal impact (elk 1 tot en met 5)."

    risico: Regel = Field(description="Het risico, in één zin.")
    gevolg: Regel | None = Field(None, description="Wat er gebeurt als het risico optreedt.")
    kans: int = Field(ge=1, le=5, description="Kans: 1 (zeer klein) tot en met 5 (zeer groot).")
    impact: int = Field(ge=1, le=5, description="Impact: 1 (zeer klein) tot en met 5 (zeer groot).")
    maatregel: Regel = Field(description="De beheersmaatregel.")
    eigenaar: Regel | None = Field(None, description="Wie het risico bewaakt (verplicht; een risico zonder eigenaar is een fout).")


class Post(Model):
    schema_uitleg: ClassVar[str] = "Een post van het projectbudget."

    omschrijving: Regel = Field(description="Waarvoor het geld is.")
    bedrag: Bedrag = Field(description="Bedrag in euro.")
    jaar: int | None = Field(None, ge=1990, le=2100, description="Het jaar waarin de kosten vallen.")
    deelproject: Id | None = Field(None, description="Het onderdeel van de projectorganisatie dat het budget beheert (id).")


class Dekking(Model):
    schema_uitleg: ClassVar[str] = "Waar (een deel van) het budget vandaan komt."

    omschrijving: Regel = Field(description="Bron van de dekking.")
    bedrag: Bedrag = Field(description="Bedrag in euro.")


class Budget(Model):
    schema_uitleg: ClassVar[str] = (
        "Het projectbudget: eigen posten in het plan (`bron: plan`), of de incidentele lasten van het "
        "voorkeursscenario uit `financien` (`bron: financien`), zodat plan, businesscase en raadsvoorstellen "
        "dezelfde cijfers tonen."
    )

    bron: Literal["plan", "financien"] = Field(
        "plan", description="`plan`: de posten hieronder; `financien`: de incidentele lasten uit de businesscase."
    )
    categorieen: list[Categorie] = Field(
        default_factory=list,
        description="Bij `bron: financien`: welke categorieën incidentele lasten het projectbudget vormen "
        "(leeg: alle).",
    )
    toelichting: Tekst | None = Field(None, description="Toelichting (Markdown).")
    posten: list[Post] = Field(default_factory=list, description="De kostenposten (bij `bron: plan`).")
    dekking: list[Dekking] = Field(
        default_factory=list,
        description="De dekking (bij `bron: plan`); opgeteld gelijk aan de kosten. Bij `bron: financien` is de "
        "dekking het aandeel van elke gemeente.",
    )


class PlanVanAanpak(Model):
    schema_uitleg: ClassVar[str] = (
        "Het plan van aanpak. De fasen, stappen en data staan in `planning`; zie docs/plan-van-aanpak.md."
    )

    versie: Regel | None = Field(None, description="Versie, bijvoorbeeld `1.0`.")
    datum: datetime.date | None = Field(None, description="Datum van deze versie (standaard de datum van de samenwerking).")
    status: Regel | None = Field(None, description="Status, bijvoorbeeld `ter besluitvorming in de stuurgroep`.")
    aanleiding: Tekst = Field(description="Aanleiding (Markdown).")
    doel: Tekst = Field(description="Doel van het project (Markdown).")
    resultaten: list[Regel] = Field(default_factory=list, description="Beoogde resultaten, elk in één zin.")
    scope: Scope = Field(description="Wat wel en wat niet.")
    aanpak: Tekst | None = Field(None, description="Toelichting op de aanpak in fasen en stappen (Markdown).")
    projectorganisatie: Projectorganisatie = Field(description="De projectorganisatie.")
    communicatie: Communicatie = Field(description="Communicatie en participatie.")
    risicos: list[Risico] = Field(default_factory=list, description="Risico's met kans, impact, maatregel en eigenaar.")
    budget: Budget = Field(description="Het projectbudget.")
    evaluatie: Tekst | None = Field(None, description="Hoe en wanneer het project wordt geëvalueerd (Markdown).")
