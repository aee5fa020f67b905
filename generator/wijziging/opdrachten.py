"""The instructions of an amendment, article by article, in the words the Aanwijzingen voor de
regelgeving (Ar) prescribe.

- Ar 6.9: "komt te luiden:" for a whole article, lid or onderdeel (the new text starts
  with its designation); "wordt ... vervangen door ..." for words, old and new between
  quotation marks.
- Ar 6.11: "invoegen" and "toevoegen" (at the end of a chapter, paragraph or article);
  at the start of a chapter or paragraph the chapter is named.
- Ar 6.15: one Roman-numbered article per regulation amended; its changes are lettered
  A, B, C (after Z: AA, BB); changes within one article are numbered 1, 2, 3.
- Ar 6.16: an inserted article is numbered after the one before it (``14a``).
- Ar 6.18: "Onder vernummering van het tweede lid tot derde lid wordt een lid ingevoegd,
  luidende:" and "Het eerste lid vervalt, onder vernummering van ...".

The instructions are carried out in order, so a number in an instruction is the number
the article has at that moment. A simulation of the text (``Toestand``) keeps track of
that and, at the end, is checked to give exactly the new text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..formatting import opsomming, rangtelwoord, telwoord
from .. import markup
from ..regeling import tekst
from ..regeling.numbering import letter
from ..regeling.tekst import RegelingTekst
from .indeling import Indeling, Plek, Stap, common_subsequence, staying, walk
from .woorden import Fragment, fragments, plain


class WijzigingFout(Exception):
    """The simulation of the instructions did not give the new text: a bug, never bad content."""


# -- what the template renders ------------------------------------------------------------


@dataclass
class Citaat:
    """Text quoted after "luidende:" or "komt te luiden:".

    soort: ``artikel`` (a tekst.Artikel), ``artikelen`` (a list), ``hoofdstuk``, ``paragraaf``,
    ``lid``, ``onderdeel``, ``kop`` (a heading as text) or ``tekst`` (the aanhef of an article).
    """

    soort: str
    inhoud: Any


@dataclass
class Deel:
    """One numbered change inside an article ("1. In het tweede lid wordt ...")."""

    zin: str
    citaten: list[Citaat] = field(default_factory=list)


@dataclass
class Opdracht:
    """One lettered change (A, B, C) of Artikel I."""

    zin: str
    citaten: list[Citaat] = field(default_factory=list)
    delen: list[Deel] = field(default_factory=list)
    omschrijving: str = ""  # what changes, in one sentence, for the toelichting
    soort: str = ""  # artikel-gewijzigd, artikel-ingevoegd, artikel-vervalt, artikel-verplaatst, hoofdstuk-..., ...
    artikelen: list[str] = field(default_factory=list)  # ids whose explanation belongs to this change
    letter: str = ""


def letters(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA, 27 → BB (Ar 6.15)."""
    repeat, position = divmod(index, 26)
    return chr(ord("A") + position) * (repeat + 1)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _titel(artikel: tekst.Artikel, *extra: str | None) -> str:
    """`` (Uittreding)``, or with more: `` (Uittreding; nu artikel 19)``."""
    parts = [part for part in (artikel.titel, *extra) if part]
    return f" ({'; '.join(parts)})" if parts else ""


def _now(number: str | None) -> str | None:
    """The number an article has in the regulation as it is now, when it differs."""
    return f"nu artikel {number}" if number is not None else None


# -- places inside an article -------------------------------------------------------------


@dataclass(frozen=True)
class Plaats:
    artikel: str  # its number
    lid: int | None = None
    onderdeel: int | None = None
    sub: int | None = None
    aanhef: bool = False

    def relatief(self) -> str | None:
        """``het tweede lid, onderdeel b`` (inside "Artikel N wordt als volgt gewijzigd:")."""
        parts = []
        if self.lid is not None:
            parts.append(f"het {rangtelwoord(self.lid)} lid")
        if self.onderdeel is not None:
            parts.append(f"onderdeel {letter(self.onderdeel)}")
        if self.sub is not None:
            parts.append(f"onder {self.sub}°")
        if self.aanhef:
            parts.append("aanhef" if parts else "de aanhef")
        return ", ".join(parts) or None

    def absoluut(self) -> str:
        """``artikel 19, tweede lid, onderdeel b``."""
        parts = [f"artikel {self.artikel}"]
        if self.lid is not None:
            parts.append(f"{rangtelwoord(self.lid)} lid")
        if self.onderdeel is not None:
            parts.append(f"onderdeel {letter(self.onderdeel)}")
        if self.sub is not None:
            parts.append(f"onder {self.sub}°")
        if self.aanhef:
            parts.append("aanhef")
        return ", ".join(parts)


def _with_comma(place: str) -> str:
    """A place that contains a comma is closed by one when the sentence goes on (Ar 3.29)."""
    return place + "," if "," in place else place


def _fragment_sentence(place: str, items: list[Fragment]) -> str:
    if len(items) == 1 and items[0].soort == "zin-toegevoegd":
        return f"Aan {_with_comma(place)} wordt een zin toegevoegd, luidende: {items[0].nieuw}"
    return f"In {_with_comma(place)} " + " en ".join(item.zinsdeel() for item in items) + "."


@dataclass
class _Change:
    """A change inside an article, worded both ways."""

    relatief: str | None  # None: only as the single change of the article
    absoluut: str
    citaten: list[Citaat] = field(default_factory=list)
    vervangt_lid: bool = False


def _fragment_change(place: Plaats, items: list[Fragment]) -> _Change:
    rel = place.relatief()
    return _Change(_fragment_sentence(rel, items) if rel else None, _fragment_sentence(place.absoluut(), items))


def _replace_change(place: Plaats, quote: Citaat, vervangt_lid: bool = False) -> _Change:
    rel = place.relatief()
    if place.aanhef and place.lid is None and place.onderdeel is None:
        return _Change("De aanhef komt te luiden:", f"De aanhef van artikel {place.artikel} komt te luiden:", [quote])
    return _Change(f"{_cap(_with_comma(rel))} komt te luiden:" if rel else None,
                   f"{_cap(_with_comma(place.absoluut()))} komt te luiden:", [quote], vervangt_lid)


def _html(part: tekst.Tekstdeel | None) -> str:
    return str(markup.to_inline_html(part.markdown)) if part is not None else ""


def _element(old: tekst.Tekstdeel | None, new: tekst.Tekstdeel | None) -> tuple[str, list[Fragment] | None]:
    """``gelijk``, ``fragmenten`` (with the quotable changes) or ``luiden`` (replace it whole)."""
    old_html, new_html = _html(old), _html(new)
    if old_html == new_html:
        return "gelijk", None
    old_text, new_text = plain(old_html), plain(new_html)
    if old_text == new_text or not old_text or not new_text:
        return "luiden", None  # only the formatting changed, or a text appears or disappears
    found = fragments(old_text, new_text)
    return ("fragmenten", found) if found else ("luiden", None)


def _onderdelen_range(old: list[int], new: list[int]) -> str:
    """``onderdeel d tot c``, ``de onderdelen d en e tot c en d``, ``de onderdelen d tot en met f tot c tot en met e``."""
    def span(items: list[int]) -> str:
        if len(items) == 2:
            return f"{letter(items[0])} en {letter(items[1])}"
        return f"{letter(items[0])} tot en met {letter(items[-1])}" if len(items) > 2 else letter(items[0])

    return f"{'onderdeel' if len(old) == 1 else 'de onderdelen'} {span(old)} tot {span(new)}"


def _compare_onderdelen(old: list[tekst.Onderdeel], new: list[tekst.Onderdeel],
                        place: Plaats) -> list[_Change] | None:
    """Changes in a list of onderdelen with the same ids; one onderdeel that goes is "Onderdeel c vervalt,
    onder verlettering van ..." (Ar 6.15, 6.18); None if onderdelen come or move."""
    result: list[_Change] = []
    if [o.id for o in old] != [o.id for o in new]:
        removal = _onderdeel_removed(old, new, place)
        if removal is None:
            return None
        change, old = removal
        result.append(change)
    for before, after in zip(old, new):
        result += _compare_onderdeel(before, after, place)
    return result


def _onderdeel_removed(old: list[tekst.Onderdeel], new: list[tekst.Onderdeel],
                       place: Plaats) -> tuple[_Change, list[tekst.Onderdeel]] | None:
    """The one lettered onderdeel that goes ("Onderdeel c vervalt, onder verlettering van ...") and
    the onderdelen that stay; None if anything else comes, goes or moves."""
    new_ids = [o.id for o in new]
    gone = [o for o in old if o.id not in new_ids]
    if len(gone) != 1 or [o.id for o in old if o.id in new_ids] != new_ids or not new \
            or any(o.opsomming != "letters" for o in old):
        return None
    removed = gone[0]
    later = [o.index for o in old if o.index > removed.index]
    tail = f", onder verlettering van {_onderdelen_range(later, [i - 1 for i in later])}" if later else ""
    here = Plaats(place.artikel, place.lid, removed.index)
    change = _Change(f"{_cap(_with_comma(here.relatief() or ''))} vervalt{tail}.",
                     f"{_cap(_with_comma(here.absoluut()))} vervalt{tail}.")
    return change, [o for o in old if o is not removed]


def _compare_onderdeel(before: tekst.Onderdeel, after: tekst.Onderdeel, place: Plaats) -> list[_Change]:
    """Changes in one onderdeel that stays (and its subonderdelen): quoted fragments, or the whole onderdeel."""
    here = Plaats(place.artikel, place.lid, after.index)
    states = [_element(before.tekst, after.tekst)]
    same_subs = [s.id for s in before.subonderdelen] == [s.id for s in after.subonderdelen]
    if same_subs:
        states += [_element(a.tekst, b.tekst) for a, b in zip(before.subonderdelen, after.subonderdelen)]
    if not same_subs or any(state == "luiden" for state, _ in states):
        return [_replace_change(here, Citaat("onderdeel", after))]
    result: list[_Change] = []
    state, found = states[0]
    if state == "fragmenten":
        result.append(_fragment_change(here, found))
    for sub, (state, found) in zip(after.subonderdelen, states[1:]):
        if state == "fragmenten":
            result.append(_fragment_change(Plaats(place.artikel, place.lid, after.index, sub.index), found))
    return result


def _compare_lid(old: tekst.Lid, new: tekst.Lid, place: Plaats) -> list[_Change] | None:
    """Changes inside one lid; None: the lid is better replaced as a whole."""
    state, found = _element(old.tekst, new.tekst)
    if old.onderdelen or new.onderdelen:
        inner = _compare_onderdelen(old.onderdelen, new.onderdelen, place)
        if inner is None or state == "luiden":
            return None
        head = [_fragment_change(Plaats(place.artikel, place.lid, aanhef=True), found)] if state == "fragmenten" else []
        return head + inner
    if state == "luiden":
        return None
    return [_fragment_change(place, found)] if state == "fragmenten" else []


def _leden_range(old: list[int], new: list[int]) -> str:
    """``het derde tot en met vijfde lid tot vierde tot en met zesde lid`` (Ar 6.18)."""
    def span(items: list[int]) -> str:
        if len(items) == 1:
            return rangtelwoord(items[0])
        if len(items) == 2:
            return f"{rangtelwoord(items[0])} en {rangtelwoord(items[1])}"
        return f"{rangtelwoord(items[0])} tot en met {rangtelwoord(items[-1])}"

    return f"het {span(old)} lid tot {span(new)} lid"


def _compare_leden(old: tekst.Artikel, new: tekst.Artikel, number: str) -> list[_Change] | None:
    old_ids, new_ids = [lid.id for lid in old.leden], [lid.id for lid in new.leden]
    common = set(old_ids) & set(new_ids)
    ordered = common_subsequence([i for i in old_ids if i in common], [i for i in new_ids if i in common])
    if len(ordered) != len(common):
        return None  # leden change order: the article is rewritten
    removed = [i for i in old_ids if i not in common]
    added = [i for i in new_ids if i not in common]
    if len(removed) + len(added) > 1:
        return None  # more than one lid comes or goes: the article is rewritten
    old_by_id = {lid.id: lid for lid in old.leden}
    new_by_id = {lid.id: lid for lid in new.leden}
    result: list[_Change] = []
    replaced = 0
    for lid_id in _merged(old_ids, new_ids, common):
        if lid_id in old_by_id and lid_id not in new_by_id:
            lid = old_by_id[lid_id]
            later = list(range(lid.index + 1, len(old.leden) + 1))
            tail = f", onder vernummering van {_leden_range(later, [i - 1 for i in later])}" if later else ""
            result.append(_Change(f"Het {rangtelwoord(lid.index)} lid vervalt{tail}.",
                                  f"Artikel {number}, {rangtelwoord(lid.index)} lid, vervalt{tail}."))
        elif lid_id not in old_by_id:
            lid = new_by_id[lid_id]
            quote = [Citaat("lid", lid)]
            if lid.index == len(new.leden):
                result.append(_Change("Er wordt een lid toegevoegd, luidende:",
                                      f"Aan artikel {number} wordt een lid toegevoegd, luidende:", quote))
            else:
                later = list(range(lid.index, len(old.leden) + 1))
                shift = _leden_range(later, [i + 1 for i in later])
                result.append(_Change(f"Onder vernummering van {shift} wordt een lid ingevoegd, luidende:",
                                      f"In artikel {number} wordt, onder vernummering van {shift}, een lid ingevoegd, "
                                      "luidende:", quote))
        else:
            before, after = old_by_id[lid_id], new_by_id[lid_id]
            place = Plaats(number, after.index)
            inner = _compare_lid(before, after, place)
            if inner is None:
                replaced += 1
                result.append(_replace_change(place, Citaat("lid", after), vervangt_lid=True))
            else:
                result.extend(inner)
    if replaced > 1 and replaced * 2 > len(new.leden):
        return None
    return result


def _same_onderdelen(old: list[tekst.Onderdeel], new: list[tekst.Onderdeel]) -> bool:
    return len(old) == len(new) and all(
        _html(a.tekst) == _html(b.tekst) and a.opsomming == b.opsomming and len(a.subonderdelen) == len(b.subonderdelen)
        and all(_html(x.tekst) == _html(y.tekst) for x, y in zip(a.subonderdelen, b.subonderdelen))
        for a, b in zip(old, new))


def _only_lid_stays(old: tekst.Artikel, new: tekst.Artikel, number: str) -> _Change | None:
    """An article of leden that keeps one of them, unchanged, as its only text: the other leden
    go and so does the number of the one that stays ("Het tweede lid alsmede de aanduiding “1.”
    voor het eerste lid vervallen.", Ar 6.18, vierde lid). None: anything else changes."""
    staying = [lid for lid in old.leden if _html(lid.tekst) == _html(new.tekst)
               and _same_onderdelen(lid.onderdelen, new.onderdelen)]
    if len(staying) != 1 or len(old.leden) < 2:
        return None
    kept = staying[0]
    gone = [lid.index for lid in old.leden if lid is not kept]
    if len(gone) == 1:
        leden = rangtelwoord(gone[0])
    elif len(gone) == 2:
        leden = f"{rangtelwoord(gone[0])} en {rangtelwoord(gone[1])}"
    elif gone == list(range(gone[0], gone[-1] + 1)):
        leden = f"{rangtelwoord(gone[0])} tot en met {rangtelwoord(gone[-1])}"
    else:
        leden = ", ".join(rangtelwoord(i) for i in gone[:-1]) + f" en {rangtelwoord(gone[-1])}"
    what = f"{leden} lid alsmede de aanduiding “{kept.label}” voor het {rangtelwoord(kept.index)} lid"
    return _Change(f"Het {what} vervallen.", f"In artikel {number} vervallen het {what}.")


def _merged(old: list[str], new: list[str], common: set[str]) -> list[str]:
    result: list[str] = []
    i = j = 0
    while i < len(old) or j < len(new):
        if i < len(old) and old[i] not in common:
            result.append(old[i])
            i += 1
        elif j < len(new) and new[j] not in common:
            result.append(new[j])
            j += 1
        else:
            result.append(new[j])
            i += 1
            j += 1
    return result


def compare_article(old: tekst.Artikel, new: tekst.Artikel, number: str) -> list[_Change] | None:
    """The changes from ``old`` to ``new`` (same id); [] when equal; None when the article is
    better re-established as a whole ("Artikel N komt te luiden:")."""
    changes: list[_Change] = []
    if (old.titel or "") != (new.titel or ""):
        changes.append(_Change("Het opschrift komt te luiden:", f"Het opschrift van artikel {number} komt te luiden:",
                               [Citaat("kop", new.kop)]))
    if old.leden and not new.leden:
        only = _only_lid_stays(old, new, number)
        if only is None:
            return None
        return [*changes, only]
    if bool(old.leden) != bool(new.leden):
        return None
    if new.leden:
        inner = _compare_leden(old, new, number)
    elif old.onderdelen or new.onderdelen:
        inner = _compare_onderdelen(old.onderdelen, new.onderdelen, Plaats(number))
        if inner is not None:
            state, found = _element(old.tekst, new.tekst)
            if state == "luiden":
                inner = [_replace_change(Plaats(number, aanhef=True), Citaat("tekst", new.tekst)), *inner]
            elif state == "fragmenten":
                inner = [_fragment_change(Plaats(number, aanhef=True), found), *inner]
    else:
        state, found = _element(old.tekst, new.tekst)
        inner = None if state == "luiden" else [_fragment_change(Plaats(number), found)] if state == "fragmenten" else []
    if inner is None:
        return None
    changes.extend(inner)
    if len(changes) > 3 or (len(changes) > 1 and any(c.relatief is None for c in changes)):
        return None
    return changes


# -- the text while the instructions are carried out ----------------------------------------


class Toestand:
    """The regulation while the instructions are carried out one by one.

    With ``doorlopend`` numbers (vernummeren) a number is the position; otherwise each item
    keeps its number until an instruction gives it its new one.
    """

    def __init__(self, old: RegelingTekst, new: RegelingTekst, positional: bool):
        layout = Indeling.of(old)
        self.articles: list[Plek] = list(layout.artikelen)
        self.chapters: list[str] = list(layout.hoofdstukken)
        self.paragraphs: dict[str, list[str]] = {k: list(v) for k, v in layout.paragrafen.items()}
        self.numbers = _numbers(old)
        self.final = _numbers(new)
        self.positional = positional

    def has(self, article: str) -> bool:
        return any(p.artikel == article for p in self.articles)

    def index(self, article: str) -> int:
        return next(i for i, p in enumerate(self.articles) if p.artikel == article)

    def plek(self, article: str) -> Plek:
        return self.articles[self.index(article)]

    def number(self, kind: str, key: str) -> str:
        if not self.positional:
            return self.numbers[(kind, key)]
        if kind == "artikel":
            return str(self.index(key) + 1)
        if kind == "hoofdstuk":
            return str(self.chapters.index(key) + 1)
        chapter = next(h for h, items in self.paragraphs.items() if key in items)
        return str(self.paragraphs[chapter].index(key) + 1)

    def snapshot(self) -> dict[tuple[str, str], str]:
        keys = [("hoofdstuk", h) for h in self.chapters]
        keys += [("paragraaf", p) for items in self.paragraphs.values() for p in items]
        keys += [("artikel", p.artikel) for p in self.articles]
        return {key: self.number(*key) for key in keys}

    def _rank(self, plek: Plek) -> tuple[int, int]:
        paragraphs = self.paragraphs.get(plek.hoofdstuk, [])
        return (self.chapters.index(plek.hoofdstuk),
                paragraphs.index(plek.paragraaf) if plek.paragraaf in paragraphs else -1)

    def place(self, kind: str, key: str) -> None:
        """The item gets its final number (when numbers are kept)."""
        self.numbers[(kind, key)] = self.final[(kind, key)]

    def remove(self, articles: list[str]) -> None:
        self.articles = [p for p in self.articles if p.artikel not in articles]

    def insert(self, places: list[Plek], after: str | None) -> None:
        if after is not None:
            at = self.index(after) + 1
        else:
            rank = self._rank(places[0])
            at = next((i for i, p in enumerate(self.articles) if self._rank(p) >= rank), len(self.articles))
        self.articles[at:at] = places
        for plek in places:
            self.place("artikel", plek.artikel)

    def insert_chapter(self, chapter: str, after: str | None, paragraphs: list[str], places: list[Plek]) -> None:
        at = self.chapters.index(after) + 1 if after is not None else 0
        self.chapters.insert(at, chapter)
        self.paragraphs[chapter] = list(paragraphs)
        self.place("hoofdstuk", chapter)
        for paragraph in paragraphs:
            self.place("paragraaf", paragraph)
        self.insert(places, None)

    def remove_chapter(self, chapter: str) -> None:
        self.chapters.remove(chapter)
        del self.paragraphs[chapter]
        self.articles = [p for p in self.articles if p.hoofdstuk != chapter]

    def insert_paragraph(self, chapter: str, paragraph: str, after: str | None, places: list[Plek]) -> None:
        items = self.paragraphs[chapter]
        items.insert(items.index(after) + 1 if after is not None else 0, paragraph)
        self.place("paragraaf", paragraph)
        self.insert(places, None)

    def remove_paragraph(self, chapter: str, paragraph: str) -> None:
        self.paragraphs[chapter].remove(paragraph)
        self.articles = [p for p in self.articles if p.paragraaf != paragraph]


def _numbers(regeling: RegelingTekst) -> dict[tuple[str, str], str]:
    result: dict[tuple[str, str], str] = {}
    for hoofdstuk in regeling.hoofdstukken:
        result[("hoofdstuk", hoofdstuk.id)] = hoofdstuk.nummer
        for paragraaf in hoofdstuk.paragrafen:
            result[("paragraaf", paragraaf.id)] = paragraaf.nummer
    for artikel in regeling.artikelen():
        result[("artikel", artikel.id)] = artikel.nummer
    return result


def _span(kind: str, plural: str, pairs: list[tuple[str, str]], suffix: str = "") -> str:
    old = [o for o, _ in pairs]
    new = [n for _, n in pairs]
    if len(pairs) == 1:
        return f"{kind} {old[0]}{suffix} tot {kind} {new[0]}"
    joiner = " en " if len(pairs) == 2 else " tot en met "
    return f"de {plural} {old[0]}{joiner}{old[-1]}{suffix} tot {new[0]}{joiner}{new[-1]}"


def vernummering(before: dict[tuple[str, str], str], after: dict[tuple[str, str], str],
                 state: Toestand) -> str:
    """``hoofdstuk 6 tot hoofdstuk 7 en van de artikelen 21 tot en met 29 tot 22 tot en met 30``."""
    def changed(kind: str) -> list[tuple[str, str, str]]:
        return [(key, before[(k, key)], number) for (k, key), number in after.items()
                if k == kind and (k, key) in before and before[(k, key)] != number]

    parts: list[str] = []
    chapters = changed("hoofdstuk")
    if chapters:
        parts.append(_span("hoofdstuk", "hoofdstukken", [(o, n) for _, o, n in chapters]))
    by_chapter: dict[str, list[tuple[str, str]]] = {}
    for key, old, new in changed("paragraaf"):
        chapter = next(h for h, items in state.paragraphs.items() if key in items)
        by_chapter.setdefault(chapter, []).append((old, new))
    for chapter, pairs in by_chapter.items():
        parts.append(_span("paragraaf", "paragrafen", pairs, f" van hoofdstuk {state.number('hoofdstuk', chapter)}"))
    articles = changed("artikel")
    if articles:
        parts.append(_span("artikel", "artikelen", [(o, n) for _, o, n in articles]))
    return opsomming([parts[0], *(f"van {part}" for part in parts[1:])]) if parts else ""


# -- the instructions -------------------------------------------------------------------------


@dataclass
class _Group:
    kind: str  # "vervalt" or "ingevoegd"
    articles: list[str]


class Opsteller:
    """Writes the instructions that turn the old text into the new one."""

    def __init__(self, old: RegelingTekst, new: RegelingTekst, positional: bool):
        self.old, self.new = old, new
        self.old_layout, self.new_layout = Indeling.of(old), Indeling.of(new)
        self.stay = staying(self.old_layout, self.new_layout)
        self.steps: list[Stap] = walk(self.old_layout, self.new_layout, self.stay)
        self.state = Toestand(old, new, positional)
        self.positional = positional
        self.old_articles = {a.id: a for a in old.artikelen()}
        self.new_articles = {a.id: a for a in new.artikelen()}
        self.old_chapters = {h.id: h for h in old.hoofdstukken}
        self.new_chapters = {h.id: h for h in new.hoofdstukken}
        self.old_paragraphs = {p.id: (h.id, p) for h in old.hoofdstukken for p in h.paragrafen}
        self.new_paragraphs = {p.id: (h.id, p) for h in new.hoofdstukken for p in h.paragrafen}
        self.ops: list[Opdracht] = []
        self.pending: _Group | None = None
        self.removed_as: dict[str, str] = {}  # article → the number under which it was removed

    # -- entry point

    def opdrachten(self) -> list[Opdracht]:
        if (self.old.opschrift or "") != (self.new.opschrift or ""):
            self.ops.append(Opdracht("Het opschrift van de regeling komt te luiden:", [Citaat("kop", self.new.opschrift)],
                                     omschrijving="Het opschrift van de regeling verandert.", soort="opschrift"))
        for step in self.steps:
            handler = getattr(self, "_" + step.soort.replace("-", "_"))
            handler(step)
        self._flush()
        self._verify()
        for index, op in enumerate(self.ops):
            op.letter = letters(index) if len(self.ops) > 1 else ""
        return self.ops

    def _verify(self) -> None:
        state = self.state
        if [p for p in state.articles] != self.new_layout.artikelen or state.chapters != self.new_layout.hoofdstukken \
                or state.paragraphs != self.new_layout.paragrafen:
            raise WijzigingFout("de wijzigingsopdrachten geven niet de indeling van de nieuwe tekst")
        if state.snapshot() != {key: value for key, value in state.final.items()}:
            raise WijzigingFout("de wijzigingsopdrachten geven niet de nummers van de nieuwe tekst")

    # -- helpers

    def _apply(self, change, moved: str | None = None) -> str:
        """Carry out ``change`` on the simulated text; returns the renumbering it causes to the
        other articles (``moved``: the article the change is about, whose number is named apart)."""
        before = self.state.snapshot()
        change()
        after = self.state.snapshot()
        if moved is not None:
            before.pop(("artikel", moved), None)
        return vernummering(before, after, self.state)

    def _container(self, plek: Plek) -> str:
        chapter = f"hoofdstuk {self.state.number('hoofdstuk', plek.hoofdstuk)}"
        if plek.paragraaf is None:
            return chapter
        return f"paragraaf {self.state.number('paragraaf', plek.paragraaf)} van {chapter}"

    def _neighbours(self, article: str) -> tuple[str | None, str | None]:
        """Where ``article`` comes: the article before it in the new text, in the same chapter or
        paragraph (already in place), or else the first article of that chapter or paragraph now."""
        plek = self._new_plek(article)
        same = [p.artikel for p in self.new_layout.artikelen if (p.hoofdstuk, p.paragraaf) == (plek.hoofdstuk, plek.paragraaf)]
        at = same.index(article)
        before = same[at - 1] if at else None
        if before is not None:
            assert self.state.has(before), "the article before is written earlier"
            return before, None
        first = next((p.artikel for p in self.state.articles
                      if (p.hoofdstuk, p.paragraaf) == (plek.hoofdstuk, plek.paragraaf) and p.artikel != article), None)
        return None, first

    def _new_plek(self, article: str) -> Plek:
        return next(p for p in self.new_layout.artikelen if p.artikel == article)

    # -- containers

    def _hoofdstuk(self, step: Stap) -> None:
        self._flush()
        old, new = self.old_chapters[step.id], self.new_chapters[step.id]
        number = self.state.number("hoofdstuk", step.id)
        final = self.state.final[("hoofdstuk", step.id)]
        if number != final:  # a number typed differently in the new version
            self.state.place("hoofdstuk", step.id)
            self.ops.append(Opdracht(f"Hoofdstuk {number} wordt vernummerd tot hoofdstuk {final}.",
                                     omschrijving=f"Hoofdstuk {number} ({new.titel}) wordt hoofdstuk {final}.",
                                     soort="hoofdstuk-vernummerd"))
            number = final
        if old.titel != new.titel:
            self.ops.append(Opdracht(f"Het opschrift van hoofdstuk {number} komt te luiden:", [Citaat("kop", new.kop)],
                                     omschrijving=f"Hoofdstuk {number} krijgt het opschrift ‘{new.titel}’.",
                                     soort="hoofdstuk-opschrift"))

    def _paragraaf(self, step: Stap) -> None:
        self._flush()
        chapter, old = self.old_paragraphs[step.id]
        _, new = self.new_paragraphs[step.id]
        number, final = self.state.number("paragraaf", step.id), self.state.final[("paragraaf", step.id)]
        if number != final:  # a number typed differently in the new version
            where = f"paragraaf {number} van hoofdstuk {self.state.number('hoofdstuk', chapter)}"
            self.state.place("paragraaf", step.id)
            self.ops.append(Opdracht(f"{_cap(where)} wordt vernummerd tot paragraaf {final}.",
                                     omschrijving=f"{_cap(where)} ({new.titel}) wordt paragraaf {final}.",
                                     soort="paragraaf-vernummerd"))
        if old.titel != new.titel:
            where = f"paragraaf {self.state.number('paragraaf', step.id)} van hoofdstuk {self.state.number('hoofdstuk', chapter)}"
            self.ops.append(Opdracht(f"Het opschrift van {where} komt te luiden:", [Citaat("kop", new.kop)],
                                     omschrijving=f"{_cap(where)} krijgt het opschrift ‘{new.titel}’.",
                                     soort="paragraaf-opschrift"))

    def _hoofdstuk_vervalt(self, step: Stap) -> None:
        self._flush()
        old = self.old_chapters[step.id]
        number = self.state.number("hoofdstuk", step.id)
        shift = self._apply(lambda: self.state.remove_chapter(step.id))
        tail = f", onder vernummering van {shift}" if shift else ""
        self.ops.append(Opdracht(f"Hoofdstuk {number} vervalt{tail}.", omschrijving=f"Hoofdstuk {number} ({old.titel}) "
                                 "vervalt, met de artikelen die erin staan.", soort="hoofdstuk-vervalt",
                                 artikelen=[a.id for a in _articles(old)]))

    def _hoofdstuk_nieuw(self, step: Stap) -> None:
        self._flush()
        new = self.new_chapters[step.id]
        self._remove_moved_in([a.id for a in _articles(new)])
        order = self.new_layout.hoofdstukken
        before = next((h for h in reversed(order[:order.index(step.id)]) if h in self.state.chapters), None)
        places = [p for p in self.new_layout.artikelen if p.hoofdstuk == step.id]
        lead = f"na hoofdstuk {self.state.number('hoofdstuk', before)}" if before else \
            f"voor hoofdstuk {self.state.number('hoofdstuk', self.state.chapters[0])}"
        shift = self._apply(lambda: self.state.insert_chapter(step.id, before, self.new_layout.paragrafen[step.id], places))
        self.ops.append(Opdracht(_sentence(lead, "wordt", "een hoofdstuk ingevoegd, luidende:", shift),
                                 [Citaat("hoofdstuk", new)], soort="hoofdstuk-ingevoegd",
                                 omschrijving=f"Er komt een nieuw hoofdstuk {new.nummer} ({new.titel}).",
                                 artikelen=[a.id for a in _articles(new)]))

    def _paragraaf_vervalt(self, step: Stap) -> None:
        chapter, old = self.old_paragraphs[step.id]
        if chapter not in self.new_chapters:
            return  # the whole chapter goes
        self._flush()
        where = f"paragraaf {self.state.number('paragraaf', step.id)} van hoofdstuk {self.state.number('hoofdstuk', chapter)}"
        shift = self._apply(lambda: self.state.remove_paragraph(chapter, step.id))
        tail = f", onder vernummering van {shift}" if shift else ""
        self.ops.append(Opdracht(f"{_cap(where)} vervalt{tail}.", soort="paragraaf-vervalt",
                                 omschrijving=f"{_cap(where)} ({old.titel}) vervalt, met de artikelen die erin staan.",
                                 artikelen=[a.id for a in old.artikelen]))

    def _paragraaf_nieuw(self, step: Stap) -> None:
        chapter, new = self.new_paragraphs[step.id]
        if chapter not in self.old_chapters:
            return  # comes with its new chapter
        self._flush()
        self._remove_moved_in([a.id for a in new.artikelen])
        order = self.new_layout.paragrafen[chapter]
        before = next((p for p in reversed(order[:order.index(step.id)]) if p in self.state.paragraphs[chapter]), None)
        places = [p for p in self.new_layout.artikelen if p.paragraaf == step.id]
        in_chapter = f"hoofdstuk {self.state.number('hoofdstuk', chapter)}"
        last = order[-1] == step.id
        if before is not None and last:
            lead, rest = f"aan {in_chapter}", "een paragraaf toegevoegd, luidende:"
        elif before is not None:
            lead, rest = f"in {in_chapter}", f"na paragraaf {self.state.number('paragraaf', before)} een paragraaf " \
                                             "ingevoegd, luidende:"
        else:
            first = self.state.paragraphs[chapter][0]
            lead, rest = f"in {in_chapter}", f"voor paragraaf {self.state.number('paragraaf', first)} een paragraaf " \
                                             "ingevoegd, luidende:"
        shift = self._apply(lambda: self.state.insert_paragraph(chapter, step.id, before, places))
        self.ops.append(Opdracht(_sentence(lead, "wordt", rest, shift), [Citaat("paragraaf", new)],
                                 soort="paragraaf-ingevoegd", artikelen=[a.id for a in new.artikelen],
                                 omschrijving=f"Er komt een nieuwe paragraaf {new.nummer} ({new.titel}) in {in_chapter}."))

    def _remove_moved_in(self, articles: list[str]) -> None:
        """Articles that move into a new chapter or paragraph leave their old place first."""
        present = [a for a in articles if self.state.has(a)]
        if present:
            self.pending = _Group("vervalt", present)
            self._flush()

    # -- articles

    def _artikel_oud(self, step: Stap) -> None:
        if step.gedekt or not self.state.has(step.id):
            return
        if step.id in self.new_articles:
            return  # a move: written where the article comes
        if self.pending is None or self.pending.kind != "vervalt":
            self._flush()
            self.pending = _Group("vervalt", [])
        self.pending.articles.append(step.id)

    def _artikel_nieuw(self, step: Stap) -> None:
        if step.gedekt:
            return
        if self.state.has(step.id):
            self._flush()
            self._move(step.id)
            return
        pending = self.pending
        here = self._new_plek(step.id)
        fits = (pending is not None and pending.kind == "ingevoegd"
                and self._previous_in_new(step.id) == pending.articles[-1]
                and (self._new_plek(pending.articles[-1]).hoofdstuk, self._new_plek(pending.articles[-1]).paragraaf)
                == (here.hoofdstuk, here.paragraaf))
        if not fits:
            self._flush()
            self.pending = _Group("ingevoegd", [])
        assert self.pending is not None
        self.pending.articles.append(step.id)

    def _previous_in_new(self, article: str) -> str | None:
        ids = self.new_layout.ids
        at = ids.index(article)
        return ids[at - 1] if at else None

    def _artikel_blijft(self, step: Stap) -> None:
        self._flush()
        old, new = self.old_articles[step.id], self.new_articles[step.id]
        current = self.state.number("artikel", step.id)
        final = self.state.final[("artikel", step.id)]
        if current != final:  # numbers typed differently in the new version
            self.state.place("artikel", step.id)
            changes = compare_article(old, new, final)
            if changes == []:
                self.ops.append(Opdracht(f"Artikel {current} wordt vernummerd tot artikel {final}.",
                                         soort="artikel-vernummerd", artikelen=[step.id],
                                         omschrijving=f"Artikel {current}{_titel(new)} wordt artikel {final}."))
            else:
                self.ops.append(Opdracht(f"Artikel {current} wordt vernummerd tot artikel {final} en komt te luiden:",
                                         [Citaat("artikel", new)], soort="artikel-gewijzigd", artikelen=[step.id],
                                         omschrijving=f"Artikel {current}{_titel(new)} wordt artikel {final} en "
                                                      "wordt opnieuw vastgesteld."))
            return
        changes = compare_article(old, new, current)
        if changes == []:
            return
        label = f"Artikel {current}{_titel(new, _now(old.nummer if old.nummer != current else None))}"
        summary = f"{label} wordt gewijzigd."
        if changes is None:
            self.ops.append(Opdracht(f"Artikel {current} komt te luiden:", [Citaat("artikel", new)],
                                     omschrijving=f"{label} wordt opnieuw vastgesteld.",
                                     soort="artikel-gewijzigd", artikelen=[step.id]))
        elif len(changes) == 1:
            change = changes[0]
            self.ops.append(Opdracht(change.absoluut, change.citaten, omschrijving=summary,
                                     soort="artikel-gewijzigd", artikelen=[step.id]))
        else:
            parts = [Deel(change.relatief or change.absoluut, change.citaten) for change in changes]
            self.ops.append(Opdracht(f"Artikel {current} wordt als volgt gewijzigd:", delen=parts,
                                     omschrijving=summary, soort="artikel-gewijzigd", artikelen=[step.id]))

    def _move(self, article: str) -> None:
        """An article that moves: one instruction, where it comes. Numbers in it are those of the
        text as it is before the instruction; the article's own new number is named."""
        old, new = self.old_articles[article], self.new_articles[article]
        current = self.state.number("artikel", article)
        target = self._new_plek(article)
        from_plek = self.state.plek(article)
        before, after = self._neighbours(article)
        container = self._container(target)
        if before is not None:
            where = f"na artikel {self.state.number('artikel', before)}"
            if (from_plek.hoofdstuk, from_plek.paragraaf) != (target.hoofdstuk, target.paragraaf):
                where = f"in {container}, {where}"
        elif after is not None:
            where = f"in {container}, voor artikel {self.state.number('artikel', after)}"
        else:
            where = f"in {container}"
        shift = self._apply(lambda: (self.state.remove([article]), self.state.insert([target], before)), moved=article)
        final = self.state.number("artikel", article)
        changed = compare_article(old, new, final) != []
        verbs = ([f"vernummerd tot artikel {final}"] if current != final else []) + [f"geplaatst {where}"]
        tail = f", onder vernummering van {shift}," if shift else ""
        if changed:
            sentence = f"Artikel {current} wordt{tail} {', '.join(verbs)} en komt te luiden:"
        else:
            sentence = f"Artikel {current} wordt{tail} {' en '.join(verbs)}."
        number_part = f" en wordt artikel {final}" if current != final else ""
        self.ops.append(Opdracht(sentence, [Citaat("artikel", new)] if changed else [], soort="artikel-verplaatst",
                                 artikelen=[article],
                                 omschrijving=f"Artikel {current}{_titel(new)} wordt verplaatst naar {container}"
                                              f"{number_part}{'; de tekst wordt gewijzigd' if changed else ''}."))

    def _flush(self) -> None:
        group, self.pending = self.pending, None
        if group is None or not group.articles:
            return
        if group.kind == "vervalt":
            self._removal(group.articles)
        else:
            self._insertion(group.articles)

    def _removal(self, articles: list[str]) -> None:
        numbers = [self.state.number("artikel", a) for a in articles]
        for article, number in zip(articles, numbers):
            self.removed_as[article] = number
        shift = self._apply(lambda: self.state.remove(articles))
        tail = f", onder vernummering van {shift}" if shift else ""
        if len(numbers) == 1:
            sentence = f"Artikel {numbers[0]} vervalt{tail}."
        elif len(numbers) == 2:
            sentence = f"De artikelen {numbers[0]} en {numbers[1]} vervallen{tail}."
        else:
            sentence = f"De artikelen {numbers[0]} tot en met {numbers[-1]} vervallen{tail}."
        parts = []
        for article, number in zip(articles, numbers):
            old = self.old_articles[article]
            text = f"artikel {number}{_titel(old, _now(old.nummer if old.nummer != number else None))}"
            if article in self.new_articles:
                text += f", dat als artikel {self.state.final[('artikel', article)]} op een andere plaats terugkomt"
            parts.append(text)
        summary = f"{_cap(opsomming(parts))} {'vervalt' if len(articles) == 1 else 'vervallen'}."
        self.ops.append(Opdracht(sentence, omschrijving=summary, soort="artikel-vervalt", artikelen=list(articles)))

    def _insertion(self, articles: list[str]) -> None:
        first = articles[0]
        target = self._new_plek(first)
        before, after = self._neighbours(first)
        container = self._container(target)
        same = [p.artikel for p in self.new_layout.artikelen if (p.hoofdstuk, p.paragraaf) == (target.hoofdstuk, target.paragraaf)]
        at_end = same[-1] == articles[-1]
        count = len(articles)
        noun = "een artikel" if count == 1 else f"{telwoord(count)} artikelen"
        verb = "wordt" if count == 1 else "worden"
        if before is not None and at_end:
            lead, rest = f"aan {container}", f"{noun} toegevoegd, luidende:"
        elif before is not None:
            lead, rest = f"na artikel {self.state.number('artikel', before)}", f"{noun} ingevoegd, luidende:"
        elif after is not None:
            lead, rest = f"in {container}", f"voor artikel {self.state.number('artikel', after)} {noun} ingevoegd, luidende:"
        else:
            lead, rest = f"aan {container}", f"{noun} toegevoegd, luidende:"
        places = [self._new_plek(a) for a in articles]
        shift = self._apply(lambda: self.state.insert(places, before))
        new = [self.new_articles[a] for a in articles]
        parts = []
        for article in new:
            earlier = None
            if article.id in self.old_articles:  # it went with its chapter or paragraph, and comes back here
                was = self.removed_as.get(article.id, self.old_articles[article.id].nummer)
                earlier = f"het vroegere artikel {was}, op een nieuwe plaats"
            parts.append(f"artikel {article.nummer}{_titel(article, earlier)}")
        summary = f"{_cap(opsomming(parts))} {'is' if count == 1 else 'zijn'} nieuw."
        self.ops.append(Opdracht(_sentence(lead, verb, rest, shift), [Citaat("artikelen", new)], omschrijving=summary,
                                 soort="artikel-ingevoegd", artikelen=list(articles)))


def _sentence(lead: str, verb: str, rest: str, shift: str) -> str:
    """``Na artikel 19 wordt een artikel ingevoegd, luidende:``, with the renumbering first (Ar 6.18)."""
    if shift:
        return f"Onder vernummering van {shift} {verb} {lead} {rest}"
    return f"{_cap(lead)} {verb} {rest}"


def _articles(chapter) -> list:
    return [*chapter.artikelen, *(a for p in chapter.paragrafen for a in p.artikelen)]
