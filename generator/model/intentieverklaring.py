"""The intentieverklaring: partners declare their intention to cooperate."""

from __future__ import annotations

import datetime
from typing import ClassVar

from pydantic import Field

from .base import Id, Model, Regel, Tekst


class Afspraak(Model):
    """One article of the declaration."""

    schema_uitleg: ClassVar[str] = "Een artikel van de intentieverklaring."

    id: Id = Field(description="Vaste sleutel; verwijs ernaar in tekst met `[[id]]`.")
    titel: Regel = Field(description="Opschrift van het artikel.")
    tekst: Tekst = Field(description="Tekst van het artikel (Markdown).")


class Intentieverklaring(Model):
    schema_uitleg: ClassVar[str] = "De intentieverklaring: partijen, overwegingen, afspraken en ondertekening."

    titel: Regel = Field(description="Titel van de verklaring.")
    datum: datetime.date = Field(description="Beoogde datum van ondertekening.")
    plaats: Regel = Field(description="Plaats van ondertekening.")
    overwegingen: list[Tekst] = Field(min_length=1, description="De overwegingen (\"overwegende dat ...\").")
    afspraken: list[Afspraak] = Field(min_length=1, description="De afspraken, als genummerde artikelen.")
    slot: Tekst | None = Field(None, description="Slottekst boven de ondertekening (Markdown).")
