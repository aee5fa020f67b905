"""The share of each gemeente under a verdeelsleutel, as an exact fraction.

Shares of one key are zero or positive and sum to exactly 1. They are computed
from the content only (inwonertallen, the key's ``waarden``), never rounded;
rounding happens once, when an amount is allocated (see ``allocation``).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Mapping

from ..model.financien import Verdeelsleutel
from ..model.samenwerking import Gemeente


def participants(key: Verdeelsleutel, gemeenten: list[Gemeente], default: list[str]) -> list[str]:
    """Names of the gemeenten that pay under ``key``, in the order of ``gemeenten``."""
    if key.soort in ("historisch", "afname", "maatwerk"):
        named = set(key.waarden or {})
    elif key.soort == "mix":
        named = set()  # a mix's participants are those of its parts
    else:
        named = set(key.gemeenten) if key.gemeenten is not None else set(default)
    return [g.naam for g in gemeenten if g.naam in named]


def shares(
    key: Verdeelsleutel,
    keys: Mapping[str, Verdeelsleutel],
    gemeenten: list[Gemeente],
    default: list[str],
) -> dict[str, Fraction]:
    """Each paying gemeente's share under ``key`` (fractions summing to 1), in content order.

    ``default`` names the gemeenten that pay when a key names none (the deelnemers).
    """
    inwoners = {g.naam: g.inwoners for g in gemeenten}
    if key.soort == "mix":
        combined: dict[str, Fraction] = {}
        for part in key.onderdelen or []:
            weight = Fraction(part.aandeel) / 100
            for name, share in shares(keys[part.sleutel], keys, gemeenten, default).items():
                combined[name] = combined.get(name, Fraction(0)) + weight * share
        order = [g.naam for g in gemeenten]
        return {name: combined[name] for name in order if name in combined}

    names = participants(key, gemeenten, default)
    if not names:
        raise ValueError(f"verdeelsleutel {key.id}: geen gemeenten")
    if key.soort == "inwoners":
        weights = {name: Fraction(inwoners[name]) for name in names}
    elif key.soort == "gelijk":
        weights = {name: Fraction(1) for name in names}
    elif key.soort == "vast-variabel":
        fixed = Fraction(key.vast or 0) / 100
        population = sum(inwoners[name] for name in names)
        weights = {name: fixed / len(names) + (1 - fixed) * Fraction(inwoners[name], population) for name in names}
    else:  # historisch, afname, maatwerk: in proportion to the given values
        values = key.waarden or {}
        weights = {name: Fraction(values[name]) for name in names}
    total = sum(weights.values())
    if total <= 0:
        raise ValueError(f"verdeelsleutel {key.id}: de waarden tellen op tot nul")
    return {name: weight / total for name, weight in weights.items()}
