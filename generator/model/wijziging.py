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
    aanhef: Regel | None = Field(
        None, description="De aanhef van de wijzigingsregeling in eigen woorden; standaard die van de regeling."
    )
    considerans: list[Tekst] = Field(
        default_factory=list,
        description="De considerans van de wijzigingsregeling in eigen woorden en volgorde, één alinea per element "
        "(\"Gelet op het besluit van de raad van ... van ...;\", \"Constaterende dat ...;\", \"overwegende dat ...;\"); "
        "vervangt dan de overwegingen, de toestemming en \"gelet op\".",
    )
    gelet_op: list[Regel] = Field(
        default_factory=list,
        description="Grondslagen naast artikel 1 Wgr en het artikel over wijziging in de regeling zelf (bijvoorbeeld "
        "`artikel 9, eerste lid, van de Wet gemeenschappelijke regelingen`); niet met `considerans`.",
    )
    besluittekst: Regel | None = Field(
        None, description="Wat wordt besloten, na \"besluiten:\"; standaard `de volgende regeling tot wijziging van de "
        "<citeertitel> te treffen:` (integraal: `... te wijzigen, zodat deze komt te luiden als volgt:`)."
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
