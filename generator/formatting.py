"""Dutch formatting of amounts, numbers, dates and enumerations (Jinja filters).

Conventions (see docs/conventies.md): ``€ 1.234.567`` for whole euros,
``€ 1.234,50`` where cents matter, ``1 januari 2026``, ``a, b en c``.
"""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Iterable

MAANDEN = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)
WEEKDAGEN = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
RANGTELWOORDEN = (
    "eerste", "tweede", "derde", "vierde", "vijfde", "zesde", "zevende", "achtste", "negende",
    "tiende", "elfde", "twaalfde", "dertiende", "veertiende", "vijftiende", "zestiende",
    "zeventiende", "achttiende", "negentiende", "twintigste",
)
TELWOORDEN = (
    "nul", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien",
    "elf", "twaalf",
)

_CENT = Decimal("0.01")
_EURO = Decimal("1")


def _as_decimal(value: Any) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise TypeError("een ja/nee-waarde is geen bedrag")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        raise TypeError("bedragen zijn Decimal, nooit float")
    raise TypeError(f"geen getal: {value!r}")


def _group(digits: str) -> str:
    """'1234567' → '1.234.567'."""
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i:i + 3] for i in range(head, len(digits), 3)]
    return ".".join(parts)


def getal(value: Any, decimalen: int | None = None) -> str:
    """A number in Dutch notation: ``118.426``, ``12,5``; rounded half up to ``decimalen``."""
    number = _as_decimal(value)
    if decimalen is not None:
        number = number.quantize(Decimal(1).scaleb(-decimalen), rounding=ROUND_HALF_UP)
    sign = "-" if number < 0 else ""
    text = format(abs(number), "f")
    whole, _, fraction = text.partition(".")
    result = sign + _group(whole)
    if fraction:
        result += "," + fraction
    if result in ("-0", "-0,0", "-0,00"):
        result = result[1:]
    return result


def bedrag(value: Any, centen: bool | None = None) -> str:
    """An amount in euro: ``€ 1.234.567``, or ``€ 1.234,50`` where cents matter.

    ``centen=None`` shows cents only when the amount has them; ``True`` always;
    ``False`` rounds to whole euros (half up). Negative: ``€ -1.234``.
    """
    amount = _as_decimal(value)
    if centen is None:
        centen = amount != amount.to_integral_value()
    amount = amount.quantize(_CENT if centen else _EURO, rounding=ROUND_HALF_UP)
    return euro(getal(amount))


def euro(getaltekst: str, achtervoegsel: str = "") -> str:
    """The one form of an amount in euro, for text, tables and chart axes alike.

    The euro sign comes first, then a space, then the number with its own sign:
    ``€ 1.234``, ``€ -330.000``, ``€ -0,5 mln`` (Taalunie, taaladvies.net "Euro: – € 12 /
    € -12": a negative amount is written ``€ -12``; ``– € 12`` is for a discount).
    """
    return f"€ {getaltekst}{achtervoegsel}"


def procent(value: Any, decimalen: int = 1) -> str:
    """A fraction as a percentage: Decimal('0.125') → ``12,5%``."""
    number = _as_decimal(value) * 100
    text = getal(number, decimalen)
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return text + "%"


def datum(value: Any, weekdag: bool = False) -> str:
    """``1 januari 2026``; with ``weekdag=True``: ``donderdag 1 januari 2026``."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if not isinstance(value, datetime.date):
        raise TypeError(f"geen datum: {value!r}")
    text = f"{value.day} {MAANDEN[value.month - 1]} {value.year}"
    if weekdag:
        text = f"{WEEKDAGEN[value.weekday()]} {text}"
    return text


def maand(value: datetime.date) -> str:
    """``januari 2026``."""
    return f"{MAANDEN[value.month - 1]} {value.year}"


def opsomming(items: Iterable[Any], voegwoord: str = "en") -> str:
    """``Dordrecht, Papendrecht en Sliedrecht`` (no comma before 'en', as in Dutch)."""
    words = [str(item) for item in items]
    if not words:
        return ""
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + f" {voegwoord} " + words[-1]


def rangtelwoord(number: int) -> str:
    """1 → ``eerste``, 2 → ``tweede`` (for 'tweede lid')."""
    if 1 <= number <= len(RANGTELWOORDEN):
        return RANGTELWOORDEN[number - 1]
    return f"{number}e"


def telwoord(number: int) -> str:
    """3 → ``drie``; larger numbers as digits (a number with a fraction as ``1,5``)."""
    if isinstance(number, bool) or not isinstance(number, (int, Decimal)):
        raise TypeError(f"telwoord verwacht een geheel getal, gevonden {type(number).__name__} {number!r}")
    if isinstance(number, Decimal):
        if not number.is_finite() or number != number.to_integral_value():
            return getal(number)
        number = int(number)
    if 0 <= number < len(TELWOORDEN):
        return TELWOORDEN[number]
    return str(number)


def voud(number: int) -> str:
    """7 → ``zevenvoud`` (as in 'in zevenvoud ondertekend')."""
    word = telwoord(number)
    return f"{word}voud" if word in TELWOORDEN else f"{word}-voud"


FILTERS = {
    "bedrag": bedrag,
    "getal": getal,
    "procent": procent,
    "datum": datum,
    "maand": maand,
    "opsomming": opsomming,
    "rangtelwoord": rangtelwoord,
    "telwoord": telwoord,
    "voud": voud,
}
