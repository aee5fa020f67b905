"""Council decisions in the trajectory, and when each gemeente takes them.

A decision (``besluiten``) is stated once for the cooperation; each gemeente has
its own meeting dates for it (``gemeenten[].besluitvorming``). The raadsvoorstel
and raadsbesluit per gemeente and the planning both read this.
"""

from __future__ import annotations

import datetime
from typing import ClassVar, Literal

from pydantic import Field

from .base import Bedrag, Id, Model, Regel, Tekst

#: The kinds of decision (rounds of the traject) the raadsvoorstel machinery knows. Who decides
#: and on what ground follows from the legal form and the participating organs (see
#: generator/raadsvoorstel.py); ``toestemming-*`` are the older names of ``aangaan``, ``toetreding``,
#: ``wijziging`` and ``uittreding`` and mean the same round.
Soort = Literal[
    "principebesluit",
    "voorbereidingskrediet",
    "wensen-en-bedenkingen",
    "zienswijze-regeling",
    "zienswijze-begroting",
    "kaderbrief",
    "aangaan",
    "toetreding",
    "wijziging",
    "uittreding",
    "opheffing",
    "toestemming-aangaan",
    "toestemming-toetreding",
    "toestemming-wijziging",
    "toestemming-uittreding",
]

#: Where a round stands.
Status = Literal["voorbereiding", "gepland", "genomen"]


class Besluit(Model):
    schema_uitleg: ClassVar[str] = "Een besluit dat de raden (of colleges) in dit traject nemen."

    id: Id = Field(description="Vaste sleutel, bijvoorbeeld `toestemming-toetreding`.")
    soort: Soort = Field(description="Soort besluit; bepaalt beslispunten en grondslagen.")
    onderwerp: Regel = Field(description="Onderwerp van het voorstel, in één regel.")
    orgaan: Literal["raad", "college"] = Field("raad", description="Wie besluit: `raad` (standaard) of `college`.")
    processtap: int | None = Field(None, ge=1, le=10, description="Stap in het proces (1 tot en met 10).")
    scenario: Id | None = Field(
        None, description="Bij `principebesluit`: het gekozen scenario (id); standaard het voorkeursscenario."
    )
    krediet: Bedrag | None = Field(None, description="Bij `voorbereidingskrediet`: het bedrag.")
    dekking: Regel | None = Field(None, description="Bij `voorbereidingskrediet`: waaruit de lasten worden gedekt.")
    begrotingsjaar: int | None = Field(
        None, description="Bij `zienswijze-begroting` en `kaderbrief`: het jaar waarvoor de begroting dient."
    )
    zienswijze: Tekst | None = Field(
        None, description="Bij een zienswijze of wensen en bedenkingen: de tekst die de raad naar voren brengt."
    )
    ook_gelet_op: list[Regel] = Field(
        default_factory=list,
        description="Extra grondslagen buiten de regeling, bijvoorbeeld `artikel 160 van de Gemeentewet`. Artikelen "
        "van de regeling zelf: `artikelen`.",
    )
    status: Status = Field(
        "gepland", description="Waar de ronde staat: `voorbereiding`, `gepland` (standaard) of `genomen`."
    )
    volgt_op: Id | None = Field(
        None, description="De ronde (id uit `besluiten`) waarop deze volgt; elke raad vergadert erna."
    )
    artikelen: list[Id] = Field(
        default_factory=list,
        description="Artikelen van de regeling (id) die de grondslag zijn (`gelet op artikel 30 van de "
        "Gemeenschappelijke regeling ...`); standaard de artikelen met het onderwerp van de ronde.",
    )
    ingangsdatum: datetime.date | None = Field(
        None, description="Bij aangaan, toetreding, wijziging, uittreding of opheffing: de datum waarop het besluit "
        "ingaat; standaard `samenwerking.ingangsdatum`."
    )
    termijn_weken: int | None = Field(
        None, ge=1, description="Bij een zienswijze: de termijn in weken die de raden krijgen (ten minste wat de wet "
        "geeft: acht weken voor het ontwerp, twaalf voor de ontwerpbegroting)."
    )


class Vergadering(Model):
    schema_uitleg: ClassVar[str] = "Wanneer een gemeente een besluit neemt."

    raad: datetime.date | None = Field(None, description="Datum van de raadsvergadering.")
    college: datetime.date | None = Field(None, description="Datum van het collegebesluit (het voorstel van B en W).")
    agendapunt: Regel | None = Field(None, description="Agendapunt in de raadsvergadering.")
    registratienummer: Regel | None = Field(None, description="Registratie- of zaaknummer van het voorstel.")
