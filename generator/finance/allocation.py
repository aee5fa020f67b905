"""Split an amount over parties so that the parts add up to the whole, to the cent.

The rule (largest remainder, also called Hamilton's method):

1. Express the amount in cents. Each party's exact quota is ``cents × weight / total weight``.
2. Each party first gets the whole cents of its quota (rounded down).
3. The cents left over go one by one to the parties with the largest fractional
   remainder; on equal remainders to the party whose name comes first in
   alphabetical order (case-insensitive, then by code point).

Negative amounts are split as their absolute value and negated, so a credit is
split exactly like a cost. The result does not depend on the order in which the
parties are given: only their weights and names count.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from typing import Mapping

CENT = Decimal("0.01")

Weight = Fraction | Decimal | int


def name_order(name: str) -> tuple[str, str]:
    """Alphabetical order of names; the tie-break between equal remainders."""
    return (name.casefold(), name)


def allocate(amount: Decimal, weights: Mapping[str, Weight], unit: Decimal = CENT) -> dict[str, Decimal]:
    """Split ``amount`` over the names in ``weights`` in proportion to the weights.

    ``amount`` must be a whole number of ``unit`` (cents by default); weights must
    be zero or positive with a positive total. Parties with weight zero get nothing.
    The parts are returned in the order of ``weights`` and always sum to ``amount``.
    """
    if not weights:
        raise ValueError("geen partijen om over te verdelen")
    exact = {name: Fraction(weight) for name, weight in weights.items()}
    if any(weight < 0 for weight in exact.values()):
        raise ValueError("een gewicht is negatief")
    total_weight = sum(exact.values())
    if total_weight <= 0:
        raise ValueError("de gewichten tellen op tot nul")
    units = Fraction(amount) / Fraction(unit)
    if units.denominator != 1:
        raise ValueError(f"{amount} is geen geheel aantal van {unit}")
    sign = -1 if units < 0 else 1
    units_total = abs(units.numerator)

    quotas = {name: units_total * weight / total_weight for name, weight in exact.items()}
    base = {name: math.floor(quota) for name, quota in quotas.items()}
    left = units_total - sum(base.values())
    by_remainder = sorted(quotas, key=lambda name: (-(quotas[name] - base[name]), name_order(name)))
    for name in by_remainder[:left]:
        base[name] += 1
    return {name: sign * base[name] * unit for name in weights}


def fraction_to_decimal(value: Fraction, places: int = 10) -> Decimal:
    """A fraction as a Decimal, rounded half up to ``places`` decimals (for display only)."""
    scaled = value * 10**places
    whole = math.floor(scaled + Fraction(1, 2))
    return Decimal(whole).scaleb(-places)
