"""The version history of the stukken, kept in the content."""

from __future__ import annotations

import datetime
from typing import ClassVar

from pydantic import Field

from .base import Model, Regel


class Versie(Model):
    schema_uitleg: ClassVar[str] = "Eén versie van de stukken: nummer, datum en wat er veranderde."

    versie: Regel = Field(description='Versienummer, als tekst: `"0.9"`, `"1.0"`.')
    datum: datetime.date = Field(description="Datum van deze versie.")
    omschrijving: Regel = Field(description="Wat er in deze versie veranderde.")
