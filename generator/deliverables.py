"""Deliverables are declared, not coded: ``templates/documenten/<naam>.yaml`` next to
``<naam>.html.j2``. A declaration says which parts of the content it needs and
whether there is one document per gemeente.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal
from pathlib import Path

from pydantic import Field, ValidationError

from .errors import ContentError, Problem
from .loader import Content, SourceMap, load_file
from .model.base import Model, Regel


class Declaratie(Model):
    titel: Regel = Field(description="Titel van het document.")
    sjabloon: Regel = Field(description="Jinja-sjabloon, relatief aan de map `templates/`.")
    vereist: list[Regel] = Field(
        default_factory=list, description="Onderdelen van de inhoud die er moeten zijn om dit document te maken."
    )
    per_gemeente: bool = Field(False, description="Eén document per deelnemende gemeente.")
    per_ronde: bool = Field(
        False, description="Eén document per ronde van het traject en per gemeente die in die ronde besluit "
        "(`<naam>-<ronde>-<gemeente>`)."
    )
    verwijzingen: Regel | None = Field(None, description="Welke nummering `[[id]]` in dit document gebruikt.")
    omschrijving: Regel | None = Field(None, description="Waar het document voor dient.")
    stap: int | None = Field(None, description="Stap in het proces (1 tot en met 10, zie docs/proces.md).")
    volgorde: int = Field(100, description="Volgorde waarin documenten worden gebouwd en getoond.")
    inhoudsopgave: bool = Field(
        False,
        description="Een inhoudsopgave na het titelblok: in Word een TOC-veld, in de PDF met paginanummers. "
        "Alleen als het document ten minste twee hoofdstukken (koppen van niveau 1) heeft.",
    )
    revisies: Literal[1, 2] = Field(
        1, description="Uit hoeveel revisies van de inhoud het document wordt gemaakt: 1 (`build`) of 2 "
                       "(`samenwerking wijziging`: de oude en de nieuwe revisie).")
    bestandsnaam: str | None = Field(
        None, pattern=r"^[a-z0-9-]*(\{revisies\}[a-z0-9-]*)?$",
        description="Bestandsnaam zonder extensie (standaard de naam van de declaratie); `{revisies}` wordt "
                    "`<oud>-<nieuw>`.")
    formaten: list[Literal["docx", "pdf", "html"]] | None = Field(
        None, description="Alleen deze formaten, wat er ook gevraagd wordt (een redline bestaat alleen in Word).")
    stop: bool = Field(
        False, description="Ook als STOP-XML (`--formaat stop`): alleen de regeling en haar wijziging.")


@dataclass(frozen=True)
class Deliverable:
    name: str
    declaration: Declaratie
    source: Path


def discover(template_dirs: list[Path]) -> list[Deliverable]:
    """All declared deliverables; a declaration in a more specific folder wins."""
    found: dict[str, Deliverable] = {}
    problems: list[Problem] = []
    for folder in reversed(template_dirs):
        for file in sorted((folder / "documenten").glob("*.yaml")):
            try:
                data, sources = load_file(file)
                declaration = Declaratie.model_validate(data)
            except ContentError as exc:
                problems.extend(exc.problems)
                continue
            except ValidationError as exc:
                problems.extend(_declaration_problems(exc, data, sources))
                continue
            found[file.stem] = Deliverable(file.stem, declaration, file)
    if problems:
        raise ContentError(problems)
    return sorted(found.values(), key=lambda d: (d.declaration.volgorde, d.name))


def _declaration_problems(exc: ValidationError, data, sources: SourceMap) -> list[Problem]:
    from .validate import data_path, translate

    content = Content(folder=Path("."), data=data, sources=sources, files=[])
    return [translate(error, data_path(error["loc"], data), content, Declaratie) for error in exc.errors()]
