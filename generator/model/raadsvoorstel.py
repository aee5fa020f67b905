"""The raadsvoorstel: shared text for every gemeente, with local exceptions."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from .base import Id, Model, Regel, Tekst


class Argument(Model):
    schema_uitleg: ClassVar[str] = "Een argument of kanttekening: een stelling met toelichting."

    kop: Regel = Field(description="De stelling, in één zin.")
    toelichting: Tekst = Field(description="De onderbouwing (Markdown).")


class Lokaal(Model):
    schema_uitleg: ClassVar[str] = (
        "Wat één gemeente anders heeft. Teksten vervangen de gezamenlijke tekst; "
        "lijsten komen na de gezamenlijke."
    )

    inleiding: Tekst | None = Field(None, description="Vervangt de gezamenlijke inleiding.")
    beoogd_effect: Tekst | None = Field(None, description="Vervangt het gezamenlijke beoogd effect.")
    communicatie: Tekst | None = Field(None, description="Vervangt de gezamenlijke tekst over communicatie.")
    uitvoering: Tekst | None = Field(None, description="Vervangt de gezamenlijke tekst over uitvoering en planning.")
    financien: Tekst | None = Field(None, description="Vervangt de gezamenlijke financiële toelichting.")
    dekking: Tekst | None = Field(None, description="Vervangt de gezamenlijke tekst over de dekking.")
    argumenten: list[Argument] = Field(default_factory=list, description="Extra argumenten, na de gezamenlijke.")
    kanttekeningen: list[Argument] = Field(default_factory=list, description="Extra kanttekeningen, na de gezamenlijke.")
    beslispunten: list[Regel] = Field(default_factory=list, description="Extra beslispunten, na de gezamenlijke.")
    bijlagen: list[Regel] = Field(default_factory=list, description="Extra bijlagen, na de gezamenlijke.")


class Raadsvoorstel(Model):
    schema_uitleg: ClassVar[str] = (
        "Het raadsvoorstel en raadsbesluit, één tekst voor alle gemeenten. Beslispunten en "
        "grondslagen volgen uit het besluit; cijfers per gemeente worden afgeleid."
    )

    besluit: Id = Field(description="Het besluit (de ronde, id uit `besluiten`) waar dit voorstel om vraagt.")
    samenvatting: Tekst | None = Field(
        None, description="Samenvatting in een paar zinnen (Markdown), bovenaan het voorstel; standaard de beslispunten."
    )
    inleiding: Tekst = Field(description="Inleiding (Markdown).")
    beoogd_effect: Tekst = Field(description="Beoogd effect (Markdown).")
    argumenten: list[Argument] = Field(min_length=1, description="Argumenten, genummerd in het voorstel.")
    kanttekeningen: list[Argument] = Field(default_factory=list, description="Kanttekeningen en risico's.")
    alternatieven: Tekst | None = Field(None, description="Alternatieven die zijn overwogen (Markdown).")
    juridisch: Tekst | None = Field(
        None, description="Aanvulling op de juridische aspecten (Markdown); bevoegdheid en grondslag worden afgeleid."
    )
    financien: Tekst = Field(
        description="Toelichting op de financiële gevolgen (Markdown). De cijfers per gemeente komen uit "
        "`financien` (het voorkeursscenario, of het scenario van een principebesluit)."
    )
    dekking: Tekst | None = Field(
        None, description="Hoe de lasten in de gemeentebegroting worden gedekt (Markdown); per gemeente onder `lokaal`."
    )
    communicatie: Tekst = Field(description="Communicatie (Markdown).")
    uitvoering: Tekst = Field(description="Uitvoering en planning (Markdown).")
    beslispunten: list[Regel] = Field(
        default_factory=list, description="Extra beslispunten na de beslispunten die uit het besluit volgen."
    )
    bijlagen: list[Regel] = Field(default_factory=list, description="Bijlagen bij het voorstel.")
    lokaal: dict[str, Lokaal] = Field(
        default_factory=dict, description="Per gemeente (naam) wat daar anders is of erbij komt."
    )
