"""Numbers of a regulation's parts and the wording of references to them.

Everything here follows the Aanwijzingen voor de regelgeving (Ar):

- articles are numbered continuously in Arabic numerals across chapters (Ar 3.54);
- once a regulation is adopted its numbers can be frozen: an inserted article gets the
  number of the article before it plus a letter (``14a``, ``14b``; between ``14a`` and
  ``14b``: ``14aa``), an inserted chapter a capital (``5A``) (Ar 6.16); a deleted article
  leaves its number unused;
- leden are ``1.``, ``2.``; onderdelen ``a.``, ``b.`` (after ``z``: ``aa``, ``bb``);
  subonderdelen ``1°``, ``2°``; leden and onderdelen are renumbered, never frozen (Ar 6.18);
- a reference reads ``artikel 12``, ``artikel 12, tweede lid``, ``artikel 8, onderdeel c``,
  ``artikel 10, onderdeel a, onder 2°`` and ``hoofdstuk 3``; inside the same article
  ``het tweede lid`` or ``onderdeel c`` (Ar 3.29). Never ``lid 2`` or ``sub a``.

Nothing here knows the content model: the functions take ids, numbers and places.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from ..formatting import rangtelwoord

_NUMBER = re.compile(r"^(?P<prefix>[a-z]*)(?P<base>[1-9][0-9]*)(?P<suffix>[a-z]*)$", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Nummer:
    """An article or chapter number: ``14``, ``14a``, ``5A`` or (before the first) ``a1``."""

    base: int
    before: bool  # True for a number placed before ``base`` itself (``a1`` comes before ``1``)
    letters: str  # lower-case; the suffix (``14a``) or, when ``before``, the prefix (``a1``)

    @classmethod
    def parse(cls, text: str) -> "Nummer":
        match = _NUMBER.match(text.strip())
        if not match or (match["prefix"] and match["suffix"]):
            raise ValueError(f'"{text}" is geen geldig nummer (bijvoorbeeld 14, 14a of a1)')
        if match["prefix"]:
            return cls(int(match["base"]), True, match["prefix"].lower())
        return cls(int(match["base"]), False, match["suffix"].lower())

    def text(self, capitals: bool = False) -> str:
        letters = self.letters.upper() if capitals else self.letters
        return f"{letters}{self.base}" if self.before else f"{self.base}{letters}"

    @property
    def key(self) -> tuple:
        # ``a1`` < ``b1`` < ``1`` < ``1a`` < ``1aa`` < ``1b`` < ``2``
        return (self.base, 0 if self.before else 1, self.letters)


def _successor(letters: str) -> str:
    """A letter string just after ``letters``: ``""`` → ``a``, ``a`` → ``b``, ``az`` → ``aza``."""
    if not letters:
        return "a"
    if letters[-1] != "z":
        return letters[:-1] + chr(ord(letters[-1]) + 1)
    return letters + "a"


def insert_after(previous: Nummer | None, following: Nummer | None) -> Nummer | None:
    """The number of an article inserted between two frozen numbers; None if there is no room."""
    if previous is None:
        if following is None:
            return Nummer(1, False, "")
        if following.before:
            return None  # inserting before ``a1`` is not supported
        candidate = Nummer(following.base, True, "a")
    elif previous.before:
        candidate = Nummer(previous.base, True, _successor(previous.letters))
    else:
        candidate = Nummer(previous.base, False, _successor(previous.letters))
    if following is None or candidate.key < following.key:
        return candidate
    if previous is None:
        return None
    deeper = Nummer(previous.base, previous.before, previous.letters + "a")
    return deeper if deeper.key < following.key else None


@dataclass(frozen=True)
class Numbering:
    numbers: dict[str, str]
    # (id, message) for every item whose number could not be derived as asked
    problems: list[tuple[str, str]]


def number_items(items: Iterable[tuple[str, str | None]], frozen: bool, capitals: bool = False,
                 what: str = "artikel") -> Numbering:
    """Numbers for a sequence of ``(id, frozen number or None)`` in document order.

    Not frozen: 1, 2, 3, ... and a typed number is a problem (numbers are derived).
    Frozen: typed numbers are kept and must ascend; an item without one is an insertion
    and gets a letter after the number before it.
    """
    items = list(items)
    numbers: dict[str, str] = {}
    problems: list[tuple[str, str]] = []
    if not frozen:
        for index, (key, typed) in enumerate(items, start=1):
            numbers[key] = str(index)
            if typed is not None:
                problems.append((key, f"het nummer van een {what} wordt afgeleid uit de volgorde; een vast "
                                      "nummer kan alleen bij `nummering: vast` (na vaststelling)"))
        return Numbering(numbers, problems)

    parsed: list[Nummer | None] = []
    for key, typed in items:
        if typed is None:
            parsed.append(None)
            continue
        try:
            parsed.append(Nummer.parse(typed))
        except ValueError as exc:
            problems.append((key, str(exc)))
            parsed.append(None)
    previous: Nummer | None = None
    seen: dict[tuple, str] = {}
    for index, (key, _) in enumerate(items):
        number = parsed[index]
        if number is not None:
            if number.key in seen:
                problems.append((key, f"{what}nummer {number.text(capitals)} komt dubbel voor"))
            elif previous is not None and number.key < previous.key:
                problems.append((key, f"{what} {number.text(capitals)} staat na {what} {previous.text(capitals)}; "
                                      "vaste nummers moeten oplopen (een verplaatst artikel krijgt een nieuw nummer: "
                                      "laat het vaste nummer dan weg)"))
            seen[number.key] = key
        else:
            following = next((n for n in parsed[index + 1:] if n is not None), None)
            number = insert_after(previous, following)
            if number is None:
                problems.append((key, f"tussen {what} {previous.text(capitals) if previous else '(begin)'} en "
                                      f"{what} {following.text(capitals) if following else '(eind)'} is geen nummer vrij"))
                number = previous or Nummer(1, False, "")
        numbers[key] = number.text(capitals)
        if previous is None or number.key > previous.key:
            previous = number
    return Numbering(numbers, problems)


def letter(index: int) -> str:
    """1 → ``a``, 26 → ``z``, 27 → ``aa``, 28 → ``bb`` (as the Ar does beyond the alphabet)."""
    if index < 1:
        raise ValueError("een onderdeel telt vanaf 1")
    repeat, position = divmod(index - 1, 26)
    return chr(ord("a") + position) * (repeat + 1)


def lid_label(index: int) -> str:
    return f"{index}."


def onderdeel_label(index: int, opsomming: str = "letters") -> str:
    """``a.`` (the Ar), or as the regulation has it: ``1.`` (cijfers) or ``–`` (streepjes)."""
    if opsomming == "cijfers":
        return f"{index}."
    if opsomming == "streepjes":
        return "–"
    return f"{letter(index)}."


def subonderdeel_label(index: int) -> str:
    return f"{index}°"


# -- references ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Plaats:
    """Where something stands in a regulation: chapter, paragraph, article, lid, onderdeel, sub.

    Used both for the target of a reference and for the place the reference is written.
    Fields are ids (for comparison) paired with the numbers shown.
    """

    hoofdstuk: str | None = None
    hoofdstuk_nummer: str | None = None
    paragraaf: str | None = None
    paragraaf_nummer: str | None = None
    artikel: str | None = None
    artikel_nummer: str | None = None
    lid: str | None = None
    lid_index: int | None = None
    onderdeel: str | None = None
    onderdeel_index: int | None = None
    sub: str | None = None
    sub_index: int | None = None
    opsomming: str = "letters"  # how the onderdelen of the lid or article are marked


def reference(target: Plaats, where: Plaats | None = None) -> str:
    """How a reference to ``target`` reads when written at ``where`` (None: from outside)."""
    where = where or Plaats()
    if target.artikel is None:
        if target.paragraaf is not None:
            text = f"paragraaf {target.paragraaf_nummer}"
            if where.hoofdstuk != target.hoofdstuk and target.hoofdstuk_nummer:  # no chapters: no "van hoofdstuk"
                text += f" van hoofdstuk {target.hoofdstuk_nummer}"
            return text
        return f"hoofdstuk {target.hoofdstuk_nummer}"

    same_article = where.artikel == target.artikel
    same_lid = same_article and where.lid == target.lid
    same_onderdeel = same_lid and where.onderdeel == target.onderdeel
    parts: list[str] = []
    if not same_article:
        parts.append(f"artikel {target.artikel_nummer}")
    if target.lid is not None and not same_lid:
        ordinal = f"{rangtelwoord(target.lid_index)} lid"
        parts.append(ordinal if parts else f"het {ordinal}")
    if target.onderdeel is not None and not same_onderdeel:
        if target.opsomming == "cijfers":
            parts.append(f"onderdeel {target.onderdeel_index}")
        elif target.opsomming == "streepjes":
            parts.append(f"het {rangtelwoord(target.onderdeel_index)} onderdeel")
        else:
            parts.append(f"onderdeel {letter(target.onderdeel_index)}")
    if target.sub is not None:
        parts.append(f"onder {target.sub_index}°")
    if not parts:
        if target.sub is None and target.onderdeel is None and target.lid is None:
            return "dit artikel"
        if target.onderdeel is None:
            return "dit lid"
        return "dit onderdeel"
    return ", ".join(parts)
