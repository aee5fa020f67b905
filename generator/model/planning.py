"""The planning: a process in phases and steps, with dates, and milestones.

A process comes from a library (``templates/processen/<naam>.yaml``, see
:class:`Proces`) and is adopted by a cooperation with ``planning.proces``; the
cooperation then adjusts it in ``planning.stappen`` (same id: change a step; a new
id: add one; ``vervalt``: drop one) and may add phases in ``planning.fasen``.
Without ``proces`` the cooperation defines its own phases and steps.
"""

from __future__ import annotations

import datetime
from typing import ClassVar, Literal

from pydantic import Field

from .base import Id, Model, Regel, Tekst

#: How the council takes part in a step (seed 004), or ``geen`` when it does not.
RaadsRol = Literal["beeldvormend", "opiniërend", "besluitvormend", "geen"]



# -- the library --------------------------------------------------------------------------


class ProcesStap(Model):
    schema_uitleg: ClassVar[str] = "Een stap van een standaardproces (in `templates/processen/`)."

    id: Id = Field(description="Vaste sleutel, bijvoorbeeld `probleemanalyse`.")
    naam: Regel = Field(description="Naam van de stap.")
    omschrijving: Tekst = Field(description="Wat er in deze stap gebeurt (Markdown).")
    resultaat: Regel = Field(description="Het resultaat van de stap, in één zin.")
    raad: RaadsRol = Field(description="Rol van de raad: `beeldvormend`, `opiniërend`, `besluitvormend` of `geen`.")
    afhankelijk_van: list[Id] = Field(
        default_factory=list, description="Stappen die klaar moeten zijn voordat deze stap begint."
    )


class ProcesFase(Model):
    schema_uitleg: ClassVar[str] = "Een fase van een standaardproces."

    id: Id = Field(description="Vaste sleutel, bijvoorbeeld `bestuurlijk`.")
    naam: Regel = Field(description="Naam van de fase.")
    omschrijving: Tekst = Field(description="Waar de fase over gaat (Markdown).")
    stappen: list[ProcesStap] = Field(default_factory=list, description="De stappen, in volgorde.")


class Proces(Model):
    """A library process; the root of ``templates/processen/<naam>.yaml``."""

    schema_uitleg: ClassVar[str] = "Een standaardproces uit de bibliotheek (`templates/processen/<naam>.yaml`)."

    naam: Regel = Field(description="Naam van het proces.")
    omschrijving: Tekst | None = Field(None, description="Toelichting op het proces (Markdown).")
    fasen: list[ProcesFase] = Field(min_length=1, description="De fasen, in volgorde.")


# -- the cooperation's planning -------------------------------------------------------------


class Fase(Model):
    schema_uitleg: ClassVar[str] = (
        "Een fase in de planning: een eigen fase, of een aanpassing van een fase uit het overgenomen proces (zelfde id)."
    )

    id: Id = Field(description="Vaste sleutel; gelijk aan een fase van het proces om die aan te passen.")
    naam: Regel | None = Field(None, description="Naam van de fase (verplicht voor een nieuwe fase).")
    omschrijving: Tekst | None = Field(None, description="Waar de fase over gaat (Markdown).")


class Stap(Model):
    schema_uitleg: ClassVar[str] = (
        "Een stap in de planning. Met het id van een stap uit het overgenomen proces wijzigt u die stap "
        "(alleen wat u opgeeft verandert); met een nieuw id voegt u een stap toe (dan zijn `fase` of `na`, "
        "`naam`, `resultaat` en `raad` nodig)."
    )

    id: Id = Field(description="Vaste sleutel. Verwijs ernaar in tekst met `[[id]]` (wordt `stap 3`).")
    fase: Id | None = Field(None, description="Fase waarin een nieuwe stap valt.")
    na: Id | None = Field(None, description="Een nieuwe stap komt direct na deze stap (standaard: aan het eind van de fase).")
    naam: Regel | None = Field(None, description="Naam van de stap.")
    resultaat: Regel | None = Field(None, description="Resultaat van de stap, in één zin.")
    raad: RaadsRol | None = Field(
        None, description="Rol van de raad: `beeldvormend`, `opiniërend`, `besluitvormend` of `geen`."
    )
    toelichting: Tekst | None = Field(None, description="Wat deze samenwerking in deze stap doet (Markdown).")
    start: datetime.date | None = Field(None, description="Begindatum.")
    eind: datetime.date | None = Field(None, description="Einddatum (de laatste dag van de stap).")
    afhankelijk_van: list[Id] | None = Field(
        None,
        description="Stappen, besluiten of mijlpalen (id) die klaar moeten zijn voordat deze stap begint. "
        "Vervangt de afhankelijkheden uit het proces; `[]` betekent: geen.",
    )
    trekker: Regel | None = Field(None, description="Wie de stap trekt (een rol uit de projectorganisatie).")
    vervalt: Regel | None = Field(None, description="De stap vervalt in deze samenwerking; geef de reden.")


class Mijlpaal(Model):
    schema_uitleg: ClassVar[str] = "Een mijlpaal in de planning."

    id: Id | None = Field(None, description="Vaste sleutel, als een stap ervan afhangt.")
    datum: datetime.date = Field(description="Datum.")
    omschrijving: Regel = Field(description="Wat er op die datum gebeurt.")


class Planning(Model):
    schema_uitleg: ClassVar[str] = (
        "De planning: het proces in fasen en stappen met data, en mijlpalen. Zie docs/proces.md."
    )

    proces: Id | None = Field(
        None, description="Het standaardproces dat deze samenwerking overneemt, bijvoorbeeld `standaard`."
    )
    fasen: list[Fase] = Field(default_factory=list, description="Eigen fasen, of aanpassingen van fasen uit het proces.")
    stappen: list[Stap] = Field(
        default_factory=list, description="Eigen stappen, of aanpassingen van stappen uit het proces, met data."
    )
    mijlpalen: list[Mijlpaal] = Field(default_factory=list, description="Mijlpalen in de tijd.")
