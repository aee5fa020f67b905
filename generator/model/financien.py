"""The finances of the scenarios: cost lines, verdeelsleutels, horizon and criteria.

Cost lines belong to a scenario by its id (``scenarios[].id``); the scenarios
themselves (IST → SOLL) stay in ``scenarios``. Percentages (shares in a mix, the
fixed part, ramp-up, weights, the discount rate) are written as percentages:
``25`` means 25%. The engine in ``generator/finance`` computes every figure;
docs/financien.md gives the calculation rules.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, ClassVar, Literal

from pydantic import BeforeValidator, Field

from .base import Bedrag, Getal, Id, Kind, Model, Regel, Tekst, _to_decimal

#: A percentage, 0 to 100, exact: ``25`` is 25%.
Procent = Annotated[Decimal, BeforeValidator(_to_decimal), Field(ge=0, le=100), Kind("percentage (0 tot en met 100)")]

#: A calendar year.
Jaar = Annotated[int, Field(ge=1900, le=2200), Kind("jaartal")]

SleutelSoort = Literal["inwoners", "gelijk", "vast-variabel", "historisch", "afname", "maatwerk", "mix"]

SLEUTELSOORT_NAMEN: dict[str, str] = {
    "inwoners": "naar inwonertal",
    "gelijk": "in gelijke delen",
    "vast-variabel": "vast deel in gelijke delen, de rest naar inwonertal",
    "historisch": "naar historische kosten",
    "afname": "naar afname",
    "maatwerk": "naar afgesproken verhouding",
    "mix": "combinatie van verdeelsleutels",
}

RegelSoort = Literal["lasten", "baten", "besparing", "incidenteel"]

REGELSOORT_NAMEN: dict[str, str] = {
    "lasten": "structurele lasten",
    "baten": "structurele baten",
    "besparing": "besparing",
    "incidenteel": "incidentele lasten",
}

Categorie = Literal["frictiekosten", "transitiekosten", "ict-harmonisatie", "huisvesting", "overig"]

CATEGORIE_NAMEN: dict[str, str] = {
    "frictiekosten": "frictiekosten",
    "transitiekosten": "transitiekosten",
    "ict-harmonisatie": "ICT-harmonisatie",
    "huisvesting": "huisvesting",
    "overig": "overig",
}

Niveau = Literal["klein", "gemiddeld", "groot"]


class Horizon(Model):
    schema_uitleg: ClassVar[str] = "De jaren van de meerjarenraming (beide inclusief)."

    van: Jaar = Field(description="Eerste jaar, bijvoorbeeld `2018`.")
    tot: Jaar = Field(description="Laatste jaar (telt mee), bijvoorbeeld `2024`.")


class SleutelOnderdeel(Model):
    schema_uitleg: ClassVar[str] = "Een onderdeel van een gemengde verdeelsleutel (`soort: mix`)."

    sleutel: Id = Field(description="Id van een andere verdeelsleutel (geen mix).")
    aandeel: Procent = Field(description="Deel van het bedrag dat met die sleutel wordt verdeeld, in procent.")


class Verdeelsleutel(Model):
    schema_uitleg: ClassVar[str] = (
        "Hoe een bedrag over gemeenten wordt verdeeld. Welke velden nodig zijn hangt af van `soort`: "
        "`inwoners`, `gelijk` en `vast-variabel` gebruiken de inwonertallen uit `gemeenten` "
        "(eventueel beperkt met `gemeenten`); `historisch`, `afname` en `maatwerk` gebruiken `waarden`; "
        "`mix` gebruikt `onderdelen`."
    )

    id: Id = Field(description="Vaste sleutel; kostenregels verwijzen ernaar met `verdeelsleutel`.")
    naam: Regel = Field(description="Naam zoals die in de stukken staat.")
    soort: SleutelSoort = Field(
        description="`inwoners`, `gelijk`, `vast-variabel`, `historisch` (historische kosten), "
        "`afname` (gebruik), `maatwerk` (afgesproken gewichten) of `mix`."
    )
    gemeenten: list[Regel] | None = Field(
        None,
        description="Alleen bij `inwoners`, `gelijk` en `vast-variabel`: de gemeenten die meebetalen. "
        "Standaard alle deelnemers (niet de uittreders).",
    )
    vast: Procent | None = Field(
        None, description="Alleen bij `vast-variabel`: het deel dat in gelijke delen wordt verdeeld, in procent."
    )
    waarden: dict[Regel, Getal] | None = Field(
        None,
        description="Bij `historisch`, `afname` en `maatwerk`: per gemeente de maatstaf (kosten, aantallen, "
        "gewichten). Alleen de genoemde gemeenten betalen mee, naar verhouding.",
    )
    eenheid: Regel | None = Field(None, description="Eenheid van de waarden, bijvoorbeeld `werkplekken`.")
    onderdelen: list[SleutelOnderdeel] | None = Field(
        None, description="Alleen bij `mix`: de sleutels en hun aandeel; samen 100 procent."
    )
    toelichting: Tekst | None = Field(None, description="Waarom deze sleutel (Markdown).")


class Kostenregel(Model):
    schema_uitleg: ClassVar[str] = (
        "Een kostenregel van een scenario. Geef `bedrag` (per jaar, voor structurele regels, eventueel met "
        "`vanaf` en `ingroei`) of `bedragen` (per jaar een bedrag), niet allebei."
    )

    omschrijving: Regel = Field(description="Wat het is, bijvoorbeeld `Bijdrage Sociale Dienst Drechtsteden`.")
    soort: RegelSoort = Field(
        description="`lasten` (structurele lasten), `baten` (structurele baten), `besparing` (verlaagt de "
        "structurele lasten) of `incidenteel` (incidentele lasten)."
    )
    categorie: Categorie | None = Field(
        None,
        description="Bij incidentele lasten: `frictiekosten`, `transitiekosten`, `ict-harmonisatie`, "
        "`huisvesting` of `overig`.",
    )
    verdeelsleutel: Id = Field(description="Id van de verdeelsleutel waarmee de regel over gemeenten wordt verdeeld.")
    bedrag: Bedrag | None = Field(None, description="Bedrag per jaar bij volledig effect (structurele regels).")
    vanaf: Jaar | None = Field(None, description="Eerste jaar waarin `bedrag` geldt; standaard het begin van de horizon.")
    ingroei: dict[Jaar, Procent] | None = Field(
        None,
        description="Ingroeipad bij `bedrag`: per jaar het percentage van het volle bedrag. Het percentage "
        "geldt tot het volgende genoemde jaar; vóór het eerste genoemde jaar is het 0.",
    )
    bedragen: dict[Jaar, Bedrag] | None = Field(
        None, description="Per jaar een bedrag; niet genoemde jaren zijn 0. Verplicht bij `incidenteel`."
    )
    toelichting: Tekst | None = Field(None, description="Onderbouwing van het bedrag (Markdown).")


class ScenarioFinancien(Model):
    schema_uitleg: ClassVar[str] = "De financiële uitwerking van één scenario uit `scenarios`."

    scenario: Id = Field(description="Id van het scenario in `scenarios`.")
    regels: list[Kostenregel] = Field(default_factory=list, description="De kostenregels van dit scenario.")
    scores: dict[Id, Getal] = Field(
        default_factory=dict, description="Per criterium (id uit `criteria`) de score, van 1 tot en met `schaal`."
    )
    toelichting: Tekst | None = Field(None, description="Toelichting op de financiën van dit scenario (Markdown).")


class Criterium(Model):
    schema_uitleg: ClassVar[str] = "Een kwalitatief criterium in de multicriteria-afweging."

    id: Id = Field(description="Vaste sleutel, bijvoorbeeld `kwetsbaarheid`.")
    naam: Regel = Field(description="Naam van het criterium.")
    gewicht: Procent = Field(description="Gewicht in procent; de gewichten van alle criteria tellen op tot 100.")
    toelichting: Tekst | None = Field(None, description="Wat met het criterium wordt bedoeld (Markdown).")


class Risico(Model):
    schema_uitleg: ClassVar[str] = "Een risico in de businesscase."

    omschrijving: Regel = Field(description="Het risico in één zin.")
    kans: Niveau = Field(description="`klein`, `gemiddeld` of `groot`.")
    gevolg: Niveau = Field(description="`klein`, `gemiddeld` of `groot`.")
    bedrag: Bedrag | None = Field(None, description="Geschatte financiële omvang als het risico zich voordoet.")
    maatregel: Tekst = Field(description="Beheersmaatregel (Markdown).")
    scenario: Id | None = Field(None, description="Scenario waar het risico bij hoort, als het er één is.")


class Financien(Model):
    schema_uitleg: ClassVar[str] = (
        "De financiën van de scenario's: horizon, verdeelsleutels, kostenregels per scenario, criteria en "
        "de teksten van de businesscase. Rekenregels: docs/financien.md."
    )

    horizon: Horizon = Field(description="De jaren van de meerjarenraming.")
    prijspeil: Jaar | None = Field(None, description="Prijspeil van de bedragen (constante prijzen).")
    referentie: Id = Field(
        description="Id van het scenario waarmee de andere worden vergeleken, meestal `nulscenario`."
    )
    discontovoet: Procent | None = Field(
        None, description="Discontovoet in procent voor de netto contante waarde; zonder deze geen contante waarde."
    )
    verdeelsleutels: list[Verdeelsleutel] = Field(min_length=1, description="De verdeelsleutels.")
    scenarios: list[ScenarioFinancien] = Field(min_length=1, description="De kostenregels per scenario.")
    schaal: int = Field(5, ge=2, le=10, description="Hoogste score in de multicriteria-afweging (laagste is 1).")
    criteria: list[Criterium] = Field(default_factory=list, description="Criteria voor de multicriteria-afweging.")
    samenvatting: Tekst | None = Field(None, description="Kernboodschap van de businesscase (Markdown).")
    toelichting: Tekst | None = Field(None, description="Uitgangspunten van de berekening (Markdown).")
    risicos: list[Risico] = Field(default_factory=list, description="Risico's en beheersmaatregelen.")
    advies: Tekst | None = Field(None, description="Het advies (Markdown).")
