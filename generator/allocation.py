"""Split an amount over partners exactly, to the cent (largest remainder).

Each partner first gets its share rounded down to the cent; the cents that are
left go one by one to the partners with the largest remainders. Equal remainders
are ordered by name, so the result never depends on the order of the partners.
The parts always add up to the amount.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal

CENT = Decimal("0.01")


def allocate(amount: Decimal, weights: dict[str, Decimal]) -> dict[str, Decimal]:
    """``amount`` split in proportion to ``weights`` (name → non-negative weight)."""
    if any(weight < 0 for weight in weights.values()):
        raise ValueError("gewichten mogen niet negatief zijn")
    total_weight = sum(weights.values(), Decimal(0))
    if total_weight == 0:
        raise ValueError("de gewichten tellen op tot nul")
    amount = amount.quantize(CENT)
    sign = -1 if amount < 0 else 1
    magnitude = abs(amount)
    exact = {name: magnitude * weight / total_weight for name, weight in weights.items()}
    floors = {name: value.quantize(CENT, rounding=ROUND_DOWN) for name, value in exact.items()}
    left = int((magnitude - sum(floors.values(), Decimal(0))) / CENT)
    order = sorted(weights, key=lambda name: (-(exact[name] - floors[name]), name))
    for name in order[:left]:
        floors[name] += CENT
    return {name: sign * floors[name] for name in weights}
