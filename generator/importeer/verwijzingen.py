"""Cross-references in imported text ("artikel 5, tweede lid") → ``[[id]]``.

A reference is replaced only when the generator words ``[[id]]`` at that place exactly as the
source does (through the same function, :func:`generator.regeling.tekst.word_references`), so
the text stays verbatim: "artikel 5, tweede lid, is" becomes ``[[art.lid-2]] is`` (the closing
comma is the generator's), but "artikel 12" inside article 12 stays text, because the generator
would write "dit artikel" there. A reference to another act ("artikel 8 van de Wet …",
"artikel 1:2 Awb") is not one of the regulation's. A reference to an article, lid or onderdeel
the regulation does not have is listed with its position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..formatting import rangtelwoord
from ..regeling.numbering import Plaats, letter, reference
from ..regeling.tekst import word_references

_RANG = {rangtelwoord(n): n for n in range(1, 40)}
_RANG_PATROON = "|".join(sorted(_RANG, key=len, reverse=True))

VERWIJZING = re.compile(
    rf"\b(?P<soort>[Aa]rtikel|[Hh]oofdstuk|[Pp]aragraaf)\s(?P<nr>[0-9]+[a-z]*(?:\.[0-9]+[a-z]*)?|(?<=oofdstuk\s)[IVXLC]+\b)(?![0-9:.][0-9])"
    rf"(?:\svan\shoofdstuk\s(?P<van>[0-9]+[A-Za-z]?|[IVXLC]+)\b)?"
    rf"(?:,\s(?P<lid>{_RANG_PATROON})\slid)?"
    rf"(?:,\sonderdeel\s(?P<onderdeel>[a-z]{{1,3}})\b)?"
)
#: What follows a reference to another act, possibly after leden the reference itself does not
#: take apart ("artikel 35, eerste en derde lid, van de wet").
EXTERN = re.compile(r"^(?:,\s+(?:\w+\s+){1,6}?(?:lid|leden))?,?\s*(?:van\s+(?:de|het|der)\s+(?!regeling\b)(?:\w+\s+){0,6}?(?:[Ww]et|[Gg]emeentewet|[Bb]esluit|"
                    r"[Ww]etboek|[Vv]erordening|[Rr]egeling\s+\w)|van\s+de\s+wet\b|der\s+|(?:Wgr|Awb|BW|Gemeentewet|"
                    r"Archiefwet|Wet\b|wet\b))")


@dataclass
class Onopgelost:
    regel: int
    kolom: int
    tekst: str
    reden: str


@dataclass
class Doel:
    """The targets of a regulation: per article number its place, leden and onderdelen."""

    artikelen: dict[str, tuple[str, Plaats, list[tuple[str, list[str]]], list[str]]]
    hoofdstukken: dict[str, tuple[str, Plaats]]
    paragrafen: dict[tuple[str, str], tuple[str, Plaats]] = None  # type: ignore[assignment]  # (chapter id, nr)

    def __post_init__(self) -> None:
        if self.paragrafen is None:
            self.paragrafen = {}


def omzetten(text: str, where: Plaats, doel: Doel, regel: int, kolom: int,
             onopgelost: list[Onopgelost]) -> list[tuple[str, str]]:
    """The text cut into pieces: ("tekst", words) and ("verwijzing", id)."""
    pieces: list[tuple[str, str]] = []
    position = 0
    for match in VERWIJZING.finditer(text):
        after = text[match.end():match.end() + 80]
        if EXTERN.match(after) or (match.start() > 0 and text[match.start() - 1] in "\\["):
            continue
        found = _doel(match, doel, where)
        if isinstance(found, str):
            onopgelost.append(Onopgelost(regel, kolom + match.start(), match.group(0), found))
            continue
        key, target = found
        end = match.end()
        candidate = text[:match.start()] + f"[[{key}]]" + text[end:]
        worded = word_references(candidate, lambda _: reference(target, where))
        produced = re.search(r"\[\[[^|\]]+\|([^\]]+)\]\]", worded)
        if produced is None:
            continue
        wording = produced.group(1)
        if wording.endswith(",") and not wording.endswith(",,"):
            if text[end:end + 1] != ",":
                continue
            end += 1
        if wording != text[match.start():end]:
            continue
        if match.start() > position:
            pieces.append(("tekst", text[position:match.start()]))
        pieces.append(("verwijzing", key))
        position = end
    if position < len(text):
        pieces.append(("tekst", text[position:]))
    return pieces


def _doel(match: re.Match, doel: Doel, where: Plaats) -> tuple[str, Plaats] | str:
    nummer = match.group("nr")
    if match.group("soort").lower() == "paragraaf":
        if match.group("lid") or match.group("onderdeel"):
            return "een paragraaf heeft geen leden of onderdelen"
        chapter = where.hoofdstuk
        if match.group("van"):
            found_chapter = doel.hoofdstukken.get(match.group("van"))
            if found_chapter is None:
                return f"de regeling heeft geen hoofdstuk {match.group('van')}"
            chapter = found_chapter[0]
        elif chapter is None and len(doel.hoofdstukken) == 1:
            chapter = next(iter(doel.hoofdstukken.values()))[0]
        found = doel.paragrafen.get((chapter or "", nummer))
        return found if found else f"de regeling heeft geen {match.group(0)}"
    if match.group("van"):
        return "alleen een paragraaf staat \"van hoofdstuk\""
    if match.group("soort").lower() == "hoofdstuk":
        if match.group("lid") or match.group("onderdeel"):
            return "een hoofdstuk heeft geen leden of onderdelen"
        found = doel.hoofdstukken.get(nummer)
        return found if found else f"de regeling heeft geen hoofdstuk {nummer}"
    artikel = doel.artikelen.get(nummer)
    if artikel is None:
        return f"de regeling heeft geen artikel {nummer}"
    key, plaats, leden, onderdelen = artikel
    lid_woord, onderdeel = match.group("lid"), match.group("onderdeel")
    if lid_woord:
        index = _RANG[lid_woord]
        if index > len(leden):
            return f"artikel {nummer} heeft geen {lid_woord} lid"
        lid_id, lid_onderdelen = leden[index - 1]
        key += f".{lid_id}"
        plaats = Plaats(plaats.hoofdstuk, plaats.hoofdstuk_nummer, plaats.paragraaf, plaats.paragraaf_nummer,
                        plaats.artikel, plaats.artikel_nummer, lid_id, index)
        items = lid_onderdelen
    else:
        items = onderdelen
    if onderdeel:
        labels = [letter(i) for i in range(1, len(items) + 1)]
        if onderdeel not in labels:
            return f"{match.group(0)}: dat onderdeel bestaat niet"
        index = labels.index(onderdeel) + 1
        key += f".{items[index - 1]}"
        from dataclasses import replace

        plaats = replace(plaats, onderdeel=items[index - 1], onderdeel_index=index)
    return key, plaats
