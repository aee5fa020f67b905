"""How two versions of a regulation line up: by id, never by number.

Both the amendment (``opdrachten``) and the redline (``redline``) walk the same list of
steps: every chapter, paragraph and article of the old and the new text once, in the
order of the text, with what was removed standing where it stood and what was added
standing where it comes. An article "stays" when it is in both versions, in the same
chapter and paragraph, and in the same order relative to the other articles that stay
(the longest common subsequence); any other article that is in both has moved.

Works on the content model (``model.Regeling``) and on the derived text
(``RegelingTekst``) alike: both have ``hoofdstukken`` with ``artikelen`` and
``paragrafen``.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from ..errors import ContentError, Problem


@dataclass(frozen=True)
class Plek:
    artikel: str
    hoofdstuk: str
    paragraaf: str | None


@dataclass
class Indeling:
    """The order of a regulation: articles with their place, chapters, paragraphs per chapter."""

    artikelen: list[Plek]
    hoofdstukken: list[str]
    paragrafen: dict[str, list[str]]
    met_paragrafen: dict[str, bool] = field(default_factory=dict)

    @classmethod
    def of(cls, regeling: Any) -> "Indeling":
        artikelen: list[Plek] = []
        hoofdstukken: list[str] = []
        paragrafen: dict[str, list[str]] = {}
        met: dict[str, bool] = {}
        for hoofdstuk in regeling.hoofdstukken:
            hoofdstukken.append(hoofdstuk.id)
            paragrafen[hoofdstuk.id] = [p.id for p in hoofdstuk.paragrafen]
            met[hoofdstuk.id] = bool(hoofdstuk.paragrafen)
            artikelen.extend(Plek(a.id, hoofdstuk.id, None) for a in hoofdstuk.artikelen)
            for paragraaf in hoofdstuk.paragrafen:
                artikelen.extend(Plek(a.id, hoofdstuk.id, paragraaf.id) for a in paragraaf.artikelen)
        return cls(artikelen, hoofdstukken, paragrafen, met)

    def plek(self, artikel: str) -> Plek | None:
        return next((p for p in self.artikelen if p.artikel == artikel), None)

    @property
    def ids(self) -> list[str]:
        return [p.artikel for p in self.artikelen]


def common_subsequence(old: list[str], new: list[str]) -> list[str]:
    """Items of ``old`` that stay in the same relative order in ``new`` (a longest common subsequence)."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    result: list[str] = []
    for block in matcher.get_matching_blocks():
        result.extend(old[block.a:block.a + block.size])
    return result


def structure_problems(old: Indeling, new: Indeling) -> list[Problem]:
    """Changes of the chapter and paragraph structure that an amendment article by article
    cannot express: chapters or paragraphs that change order or chapter."""
    problems: list[Problem] = []
    common = [h for h in old.hoofdstukken if h in new.hoofdstukken]
    if common_subsequence(common, [h for h in new.hoofdstukken if h in common]) != common:
        problems.append(Problem("de volgorde van de hoofdstukken is veranderd; een wijziging per artikel kan dat niet "
                                "uitdrukken. Verplaats hoofdstukken in een aparte wijziging, of stel de hele tekst "
                                "opnieuw vast (--integraal)"))
    old_parent = {p: h for h, items in old.paragrafen.items() for p in items}
    new_parent = {p: h for h, items in new.paragrafen.items() for p in items}
    for paragraaf, chapter in new_parent.items():
        if paragraaf in old_parent and old_parent[paragraaf] != chapter:
            problems.append(Problem(f'paragraaf "{paragraaf}" staat nu in een ander hoofdstuk; verplaats de artikelen '
                                    "naar een nieuwe paragraaf met een nieuw id, of stel de hele tekst opnieuw vast "
                                    "(--integraal)"))
    for chapter in common:
        before = [p for p in old.paragrafen[chapter] if p in new.paragrafen[chapter]]
        after = [p for p in new.paragrafen[chapter] if p in before]
        if before != after:
            problems.append(Problem(f'de volgorde van de paragrafen in hoofdstuk "{chapter}" is veranderd; stel de hele '
                                    "tekst opnieuw vast (--integraal)"))
        if old.met_paragrafen[chapter] != new.met_paragrafen[chapter]:
            problems.append(Problem(f'hoofdstuk "{chapter}" is {"wel" if new.met_paragrafen[chapter] else "niet"} meer in '
                                    "paragrafen verdeeld; stel de hele tekst opnieuw vast (--integraal)"))
    return problems


def check_structure(old: Indeling, new: Indeling) -> None:
    problems = structure_problems(old, new)
    if problems:
        raise ContentError(problems)


def staying(old: Indeling, new: Indeling) -> set[str]:
    """The articles that stay: in both, in the same chapter and paragraph, in the same relative order."""
    new_places = {p.artikel: p for p in new.artikelen}
    same = [p.artikel for p in old.artikelen if new_places.get(p.artikel) == p]
    same_set = set(same)
    return set(common_subsequence(same, [a for a in new.ids if a in same_set]))


# -- the walk -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Stap:
    """One step of the walk through both texts.

    soort: ``hoofdstuk`` / ``paragraaf`` (a container that is in both: its heading),
    ``hoofdstuk-vervalt`` / ``paragraaf-vervalt`` (only in the old text),
    ``hoofdstuk-nieuw`` / ``paragraaf-nieuw`` (only in the new text),
    ``artikel-blijft``, ``artikel-oud`` (removed or moved away), ``artikel-nieuw``
    (inserted or moved here). ``gedekt``: the article comes or goes with its whole
    chapter or paragraph.
    """

    soort: str
    id: str
    gedekt: bool = False


def _merge(old: list[str], new: list[str], anchors: set[str]) -> list[tuple[str, str]]:
    """Both lists in one order: between two anchors, the old items, then the new ones."""
    result: list[tuple[str, str]] = []
    i = j = 0
    while i < len(old) or j < len(new):
        if i < len(old) and old[i] not in anchors:
            result.append(("oud", old[i]))
            i += 1
        elif j < len(new) and new[j] not in anchors:
            result.append(("nieuw", new[j]))
            j += 1
        else:
            assert old[i] == new[j], "anchors appear in the same order in both lists"
            result.append(("blijft", new[j]))
            i += 1
            j += 1
    return result


def walk(old: Indeling, new: Indeling, stay: set[str]) -> list[Stap]:
    """Every container and article of both versions once, in the order of the text."""
    chapters_stay = {h for h in old.hoofdstukken if h in new.hoofdstukken}
    chapter_order = [h for _, h in _merge(old.hoofdstukken, new.hoofdstukken, chapters_stay)]
    chapter_rank = {h: index for index, h in enumerate(chapter_order)}
    paragraph_rank: dict[tuple[str, str | None], int] = {}
    for chapter in chapter_order:
        before, after = old.paragrafen.get(chapter, []), new.paragrafen.get(chapter, [])
        common = set(before) & set(after)
        paragraph_rank[(chapter, None)] = -1
        for index, (_, p) in enumerate(_merge(before, after, common)):
            paragraph_rank[(chapter, p)] = index

    old_place = {p.artikel: p for p in old.artikelen}
    new_place = {p.artikel: p for p in new.artikelen}

    def rank(side: str, article: str) -> tuple[int, int]:
        place = old_place[article] if side == "oud" else new_place[article]
        return chapter_rank[place.hoofdstuk], paragraph_rank[(place.hoofdstuk, place.paragraaf)]

    merged = _merge(old.ids, new.ids, stay)
    ordered: list[tuple[str, str]] = []
    segment: list[tuple[str, str]] = []
    for item in merged + [("einde", "")]:
        if item[0] in ("blijft", "einde"):
            segment.sort(key=lambda e: (rank(e[0], e[1]), 0 if e[0] == "oud" else 1))  # stable: text order kept
            ordered.extend(segment)
            segment = []
            if item[0] == "blijft":
                ordered.append(item)
        else:
            segment.append(item)

    removed_chapters = set(old.hoofdstukken) - set(new.hoofdstukken)
    added_chapters = set(new.hoofdstukken) - set(old.hoofdstukken)
    old_paragraphs = {p for items in old.paragrafen.values() for p in items}
    new_paragraphs = {p for items in new.paragrafen.values() for p in items}
    entered: set[tuple[str, str]] = set()
    steps: list[Stap] = []

    def enter(kind: str, key: str, removed: bool, added: bool) -> None:
        label = "vervalt" if removed else "nieuw" if added else None
        if (kind, key) in entered:
            return
        entered.add((kind, key))
        steps.append(Stap(f"{kind}-{label}" if label else kind, key))

    for side, article in ordered:
        place = old_place[article] if side == "oud" else new_place[article]
        chapter, paragraph = place.hoofdstuk, place.paragraaf
        enter("hoofdstuk", chapter, chapter in removed_chapters, chapter in added_chapters)
        covered = chapter in (removed_chapters if side == "oud" else added_chapters)
        if paragraph is not None:
            p_removed = paragraph not in new_paragraphs
            p_added = paragraph not in old_paragraphs
            enter("paragraaf", paragraph, p_removed, p_added)
            covered = covered or (p_removed if side == "oud" else p_added)
        steps.append(Stap(f"artikel-{side}", article, covered))
    return steps
