"""The amendment of the regulation that is being prepared (``samenwerking wijziging``).

The text of the amendment is derived from two git revisions of the regulation (see
docs/wijziging.md); this part only holds what cannot be derived: its title, the
decision it belongs to, the date it takes effect and the explanation.
"""

from __future__ import annotations

import datetime
from typing import ClassVar

from pydantic import Field

from .base import Id, Model, Regel, Tekst


class Redline(Model):
    schema_uitleg: ClassVar[str] = "Auteur en datum van de bijgehouden wijzigingen in de redline (Word: w:ins, w:del)."

    auteur: Regel | None = Field(None, description="Auteur van de bijgehouden wijzigingen; standaard `samenwerking`.")
    datum: datetime.date | None = Field(
        None, description="Datum van de bijgehouden wijzigingen; standaard de datum van het document (`wijziging.datum`)."
    )


class Wijziging(Model):
    schema_uitleg: ClassVar[str] = (
        "De wijziging van de regeling die wordt voorbereid. De wijzigingsopdrachten zelf worden afgeleid uit twee "
        "revisies in git (`samenwerking wijziging`, zie docs/wijziging.md); hier staat wat niet af te leiden is."
    )

    opschrift: Regel | None = Field(
        None, description="Opschrift van de wijzigingsregeling; standaard `Wijziging van de <citeertitel>`."
    )
    datum: datetime.date | None = Field(
        None, description="Datum van het ontwerp (documentdatum en datum van de bijgehouden wijzigingen); "
        "standaard `samenwerking.datum`."
    )
    besluit: Id | None = Field(
        None, description="Het besluit (id uit `besluiten`, soort `toestemming-wijziging`) waarvan de vergaderdata in "
        "het slotformulier komen en waarvoor het raadsvoorstel wordt gemaakt.",
    )
    inwerkingtreding: datetime.date | None = Field(
        None, description="Datum van inwerkingtreding; zonder datum treedt de wijziging in werking met ingang van de "
        "dag na die waarop zij is bekendgemaakt.",
    )
    overwegingen: list[Tekst] = Field(
        default_factory=list,
        description="Overwegingen (\"overwegende dat ...\"); standaard dat het wenselijk is de regeling te wijzigen.",
    )
    redline: Redline | None = Field(
        None, description="Auteur en datum van de bijgehouden wijzigingen in de redline; standaard auteur "
        "`samenwerking` op de datum van het document."
    )
    toelichting: Tekst | None = Field(None, description="Algemeen deel van de toelichting (Markdown).")
    artikelsgewijs: dict[Id, Tekst] = Field(
        default_factory=dict,
        description="Per artikel (id in de oude of de nieuwe regeling) waarom het verandert (Markdown); standaard "
        "de toelichting van het artikel in de regeling.",
    )
