"""The typed content model of a cooperation.

The root is :class:`Inhoud`: one field per part of the content, each part in the
module that owns it. Keys in YAML are the field names here (Dutch domain terms).
"""

from __future__ import annotations

from pydantic import Field

from .base import Bedrag, Getal, Id, Model, Regel, Tekst, assign_paths
from .besluiten import Besluit, Vergadering
from .financien import Financien
from .intentieverklaring import Afspraak, Intentieverklaring
from .raadsvoorstel import Argument, Lokaal, Raadsvoorstel
from .versies import Versie
from .wijziging import Wijziging
from .regeling import Regeling
from .plan_van_aanpak import PlanVanAanpak
from .planning import Mijlpaal, Planning, Proces
from .samenwerking import (
    Bestuur,
    Gemeente,
    Orgaan,
    Probleem,
    Samenwerking,
    Scenario,
)


class Inhoud(Model):
    """Everything known about one cooperation."""

    samenwerking: Samenwerking = Field(description="Naam, rechtsvorm en kerngegevens.")
    gemeenten: list[Gemeente] = Field(min_length=2, description="De deelnemende gemeenten.")
    probleem: Probleem | None = Field(None, description="Probleemanalyse.")
    scenarios: list[Scenario] | None = Field(None, description="Scenario's (oplossingsrichtingen).")
    bestuur: Bestuur | None = Field(None, description="Bestuursmodel.")
    planning: Planning | None = Field(None, description="Planning op hoofdlijnen.")
    intentieverklaring: Intentieverklaring | None = Field(None, description="De intentieverklaring.")
    besluiten: list[Besluit] | None = Field(None, description="De besluiten van raden en colleges in dit traject.")
    raadsvoorstel: Raadsvoorstel | None = Field(None, description="Het raadsvoorstel en raadsbesluit per gemeente.")
    raadsvoorstellen: list[Raadsvoorstel] = Field(
        default_factory=list,
        description="De raadsvoorstellen van de andere rondes van het traject (elk voor één besluit), naast `raadsvoorstel`.",
    )
    versies: list[Versie] | None = Field(None, description="Versiegeschiedenis van de stukken, oudste eerst.")
    financien: Financien | None = Field(None, description="Financiën van de scenario's: kostenregels, verdeelsleutels, criteria.")
    regeling: Regeling | None = Field(None, description="De tekst van de gemeenschappelijke regeling.")
    plan_van_aanpak: PlanVanAanpak | None = Field(None, description="Het plan van aanpak (zie docs/plan-van-aanpak.md).")
    wijziging: Wijziging | None = Field(None, description="De wijziging van de regeling die wordt voorbereid (zie docs/wijziging.md).")


__all__ = [
    "Afspraak", "Argument", "Bedrag", "Besluit", "Bestuur", "Financien", "Gemeente", "Getal", "Id", "Inhoud",
    "Intentieverklaring", "Lokaal", "Mijlpaal", "Model", "Orgaan", "PlanVanAanpak", "Planning", "Probleem", "Proces",
    "Raadsvoorstel", "Regel", "Regeling", "Samenwerking", "Scenario", "Tekst", "Vergadering", "Versie",
    "Wijziging",
    "assign_paths",
]
