"""Dutch filters: amounts, numbers, dates, enumerations."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from generator.formatting import bedrag, datum, getal, opsomming, procent, rangtelwoord, voud


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("1234567"), "€ 1.234.567"),
        (1234567, "€ 1.234.567"),
        (Decimal("1234.5"), "€ 1.234,50"),
        (Decimal("1234.50"), "€ 1.234,50"),
        (Decimal("12.00"), "€ 12"),
        (Decimal("0"), "€ 0"),
        (Decimal("999"), "€ 999"),
        (Decimal("1000"), "€ 1.000"),
        (Decimal("-2500000"), "€ -2.500.000"),
        (Decimal("0.005"), "€ 0,01"),
    ],
)
def test_bedrag(value, expected):
    assert bedrag(value) == expected


def test_bedrag_rounding_choices():
    assert bedrag(Decimal("1234.49"), centen=False) == "€ 1.234"
    assert bedrag(Decimal("1234.50"), centen=False) == "€ 1.235"
    assert bedrag(Decimal("7"), centen=True) == "€ 7,00"


def test_bedrag_refuses_float():
    with pytest.raises(TypeError):
        bedrag(1.5)


def test_getal_and_procent():
    assert getal(118426) == "118.426"
    assert getal(Decimal("12.345"), 2) == "12,35"
    assert getal(Decimal("-0.001"), 2) == "0,00"
    assert procent(Decimal("0.125")) == "12,5%"
    assert procent(Decimal("0.5")) == "50%"
    assert procent(Decimal("0.33333"), 2) == "33,33%"


def test_datum():
    assert datum(datetime.date(2026, 1, 1)) == "1 januari 2026"
    assert datum(datetime.date(2017, 5, 12)) == "12 mei 2017"
    assert datum(datetime.date(2026, 1, 1), weekdag=True) == "donderdag 1 januari 2026"


def test_opsomming():
    assert opsomming(["Dordrecht", "Papendrecht", "Sliedrecht"]) == "Dordrecht, Papendrecht en Sliedrecht"
    assert opsomming(["Dordrecht", "Papendrecht"]) == "Dordrecht en Papendrecht"
    assert opsomming(["Dordrecht"]) == "Dordrecht"
    assert opsomming([]) == ""
    assert opsomming(["a", "b", "c"], "of") == "a, b of c"


def test_words():
    assert rangtelwoord(2) == "tweede"
    assert rangtelwoord(12) == "twaalfde"
    assert voud(7) == "zevenvoud"


@given(st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=2, allow_nan=False))
def test_bedrag_reads_back_to_the_same_cents(value):
    text = bedrag(value, centen=True)
    assert text.startswith("€ ")
    number = Decimal(text[2:].replace(".", "").replace(",", "."))
    assert number == value
