"""The cooperation itself: its partners, the problem, scenarios and governance.

The planning lives in :mod:`.planning`."""

from __future__ import annotations

import datetime
from typing import ClassVar, Literal

from pydantic import Field

from .. import rechtsvormen
from .base import Id, Model, Regel, Tekst
from .besluiten import Vergadering

#: Legal forms of a gemeenschappelijke regeling (Wgr artikel 8) and lighter arrangements: the
#: codes of the legal-form table (templates/rechtsvormen.yaml).
Vorm = Literal[rechtsvormen.CODES]  # type: ignore[valid-type]


class Samenwerking(Model):
    """What the cooperation is called and what it is about."""

    schema_uitleg: ClassVar[str] = "Naam, rechtsvorm en kerngegevens van de samenwerking."


    naam: Regel = Field(description="Korte naam, bijvoorbeeld `Drechtsteden`.")
    titel: Regel = Field(description="Titel van het traject, gebruikt op voorbladen.")
    regeling: Regel | None = Field(
        None, description="Naam van de gemeenschappelijke regeling waar het om gaat, als die er is."
    )
    vorm: Vorm = Field(description="Rechtsvorm: " + ", ".join(f"`{v}`" for v in rechtsvormen.CODES) + ".")
    vestigingsplaats: Regel | None = Field(None, description="Gemeente waar het samenwerkingsverband is gevestigd.")
    ingangsdatum: datetime.date = Field(description="Datum waarop de (gewijzigde) samenwerking ingaat.")
    datum: datetime.date = Field(
        description="Datum van de stukken. Ook de datum in de documenteigenschappen, zodat een "
        "build reproduceerbaar is."
    )
    opsteller: Regel = Field(description="Wie de stukken opstelt (programmabureau, adviseur).")
    omschrijving: Tekst | None = Field(None, description="Korte beschrijving van de samenwerking (Markdown).")


class Gemeente(Model):
    """A partner in the cooperation."""

    schema_uitleg: ClassVar[str] = "Een deelnemende gemeente."


    naam: Regel = Field(description="Naam van de gemeente, zoals `Hendrik-Ido-Ambacht`.")
    inwoners: int = Field(gt=0, description="Inwonertal (geheel getal).")
    peildatum_inwoners: datetime.date | None = Field(None, description="Peildatum van het inwonertal.")
    burgemeester: Regel = Field(description="Naam van de burgemeester.")
    griffier: Regel = Field(description="Naam van de griffier.")
    secretaris: Regel | None = Field(None, description="Naam van de gemeentesecretaris.")
    rol: Literal["deelnemer", "toetreder", "uittreder"] = Field(
        "deelnemer", description="`deelnemer` (standaard), `toetreder` of `uittreder`."
    )
    portefeuillehouder: Regel | None = Field(None, description="Wethouder of burgemeester die het voorstel verdedigt.")
    steller: Regel | None = Field(None, description="Ambtelijk steller van de voorstellen.")
    besluitvorming: dict[Id, Vergadering] = Field(
        default_factory=dict,
        description="Per besluit (id uit `besluiten`) de vergaderdata van deze gemeente.",
    )


class Probleem(Model):
    """Problem analysis (step 1 of the process)."""

    schema_uitleg: ClassVar[str] = "De probleemanalyse (processtap 1)."


    aanleiding: Tekst = Field(description="Waarom dit traject er is (Markdown).")
    probleemstelling: Tekst = Field(description="Het probleem dat de samenwerking oplost (Markdown).")
    doelen: list[Regel] = Field(default_factory=list, description="Doelen, elk in één zin.")


class Scenario(Model):
    """A direction of solution, described from the present (IST) to the future (SOLL)."""

    schema_uitleg: ClassVar[str] = "Een oplossingsrichting, van de huidige situatie (IST) naar de gewenste (SOLL)."


    id: Id = Field(description="Vaste sleutel, bijvoorbeeld `nulscenario`.")
    naam: Regel = Field(description="Naam van het scenario.")
    ist: Tekst = Field(description="Huidige situatie (IST), Markdown.")
    soll: Tekst = Field(description="Gewenste situatie (SOLL), Markdown.")
    voorkeur: bool = Field(False, description="`true` bij het voorkeursscenario (hooguit één).")


class Orgaan(Model):
    """An organ of the cooperation (algemeen bestuur, dagelijks bestuur, voorzitter, ...)."""

    schema_uitleg: ClassVar[str] = "Een orgaan van de samenwerking (algemeen bestuur, dagelijks bestuur, voorzitter, ...)."


    id: Id = Field(description="Vaste sleutel, bijvoorbeeld `algemeen-bestuur`.")
    naam: Regel = Field(description="Naam van het orgaan.")
    samenstelling: Tekst = Field(description="Wie er zitting in hebben (Markdown).")
    taken: Tekst | None = Field(None, description="Taken en bevoegdheden (Markdown).")


class Bestuur(Model):
    """Governance model."""

    schema_uitleg: ClassVar[str] = "Het bestuursmodel."

    omschrijving: Tekst | None = Field(None, description="Toelichting op het bestuursmodel (Markdown).")
    organen: list[Orgaan] = Field(min_length=1, description="De organen van de samenwerking.")
