"""Shared building blocks of the content model: strict models, ids, amounts, text."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr, StringConstraints

from ..errors import PathKey


class Model(BaseModel):
    """Base of every content model: unknown keys are errors, types are not guessed."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=False, validate_default=False)

    # Where this object stood in the content (a path into the YAML); set after validation.
    _path: PathKey = PrivateAttr(default=())

    @property
    def pad(self) -> PathKey:
        return self._path


@dataclass(frozen=True)
class Kind:
    """Marks what a value means, for the schema documentation (pydantic ignores it)."""

    name: str


def _to_decimal(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    return value


#: An amount of money in euro, exact. Written in YAML as 1250000 or 1250000.50.
Bedrag = Annotated[Decimal, BeforeValidator(_to_decimal), Kind("bedrag in euro (Decimal)")]

#: A plain decimal number (fraction, weight, percentage), exact.
Getal = Annotated[Decimal, BeforeValidator(_to_decimal), Kind("getal (Decimal)")]

#: A stable identifier: lower-case letters, digits and hyphens, starting with a letter.
Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]*$", max_length=60), Kind("id")]

#: Free text in Markdown (paragraphs, lists, *nadruk*, **vet**, [links](https://...)).
Tekst = Annotated[str, StringConstraints(min_length=1), Kind("tekst (Markdown)")]

#: A short one-line text (a name, a title).
Regel = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True), Kind("tekst (één regel)")]


def assign_paths(obj: Any, path: PathKey = ()) -> None:
    """Walk a validated model tree and record on every Model where it came from."""
    if isinstance(obj, Model):
        obj._path = path
        for name in type(obj).model_fields:
            assign_paths(getattr(obj, name), path + (name,))
    elif isinstance(obj, (list, tuple)):
        for index, item in enumerate(obj):
            assign_paths(item, path + (index,))
    elif isinstance(obj, dict):
        for key, item in obj.items():
            assign_paths(item, path + (key,))
