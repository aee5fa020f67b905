"""Both versions of the regulation, loaded and derived with the project's own machinery.

The old version is the regulation as adopted: its numbers are derived as usual. The new
version is numbered in one of two ways (Aanwijzingen voor de regelgeving, Ar 6.16):

- ``behouden`` (the default): every article, chapter and paragraph that stays keeps its
  number from the old version; an inserted article gets the number of the one before it
  with a letter (``14a``), a moved article a new number at its new place. When the new
  version already has ``nummering: vast``, its own numbers are used.
- ``vernummeren``: the new version is numbered afresh, ``1, 2, 3, ...``; the amendment then
  says "onder vernummering van ...". The integral form always numbers afresh.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..build import Project, complete, read
from ..errors import ContentError, Position, Problem
from ..model import Inhoud
from ..regeling.tekst import RegelingTekst
from ..source import WORKING_TREE, Source
from .indeling import Indeling, check_structure, staying
from .part import WijzigingInvoer

NUMMERINGEN = ("behouden", "vernummeren")


@dataclass
class Stand:
    """One version: the project loaded from its source, and how its content numbers the regulation."""

    project: Project
    eigen_nummering: str = "doorlopend"  # how the content itself numbers the regulation

    @property
    def revisie(self) -> Source:
        return self.project.source

    @property
    def inhoud(self) -> Inhoud:
        return self.project.inhoud

    @property
    def content(self):
        return self.project.content

    @property
    def regeling(self) -> RegelingTekst:
        return self.project.afgeleid.regeling


#: What the text of the regulation is made from; of the old version only these parts are read,
#: so a change elsewhere in the content model since then does not stand in the way.
REGELING_DELEN = ("samenwerking", "gemeenten", "besluiten", "regeling")


def _read(source: Source, parts: tuple[str, ...] | None = None):
    content, inhoud = read(source, parts)
    if inhoud.regeling is None:
        first = Position((source.texts or (("", ""),))[0][0] or str(source.folder), 1, 1)
        raise ContentError([Problem(f"in revisie {source.label} staat geen regeling (onderdeel `regeling`); "
                                    "er is niets te vergelijken", first)])
    return content, inhoud


def load_old(source: Source) -> Stand:
    """The regulation as adopted; only what stands in the way of its text is reported."""
    content, inhoud = _read(source, REGELING_DELEN)
    return Stand(complete(source, content, inhoud, bronrevisie="", reported=("regeling",)))


def load_new(source: Source, old: Stand, nummering: str,
             besluit: Callable[[Inhoud], str | None] = lambda inhoud: None, fresh: bool = False) -> Stand:
    """The new version, numbered for the amendment (see the module docstring) and derived with the
    old one as input, so that ``afgeleid.wijzigingsregeling`` is the amendment (``fresh``: integraal).

    ``besluit`` names the decision whose meeting dates go into the slotformulier (None: blank dates).
    """
    content, inhoud = _read(source)
    regeling = inhoud.regeling
    assert regeling is not None
    check_structure(Indeling.of(old.regeling), Indeling.of(regeling))
    own = regeling.nummering
    if fresh or nummering == "vernummeren":
        _number_afresh(regeling)
    elif regeling.nummering != "vast":
        _keep_numbers(regeling, old.regeling)
    regeling.besluit = besluit(inhoud)
    amendment = WijzigingInvoer(old, source.label, integraal=fresh, vernummeren=nummering == "vernummeren")
    project = complete(source, content, inhoud, bronrevisie=revisions(old.revisie, source), wijzigingsinvoer=amendment)
    return Stand(project, own)


def revisions(old: Source, new: Source) -> str:
    """The source revision of an amendment's documents: ``<old>..<new>`` (12 characters each, or werkmap)."""
    return f"{(old.commit or '')[:12]}..{(new.commit or '')[:12] or WORKING_TREE}"


def _number_afresh(regeling) -> None:
    regeling.nummering = "doorlopend"
    for hoofdstuk in regeling.hoofdstukken:
        hoofdstuk.nummer = None
        for paragraaf in hoofdstuk.paragrafen:
            paragraaf.nummer = None
            for artikel in paragraaf.artikelen:
                artikel.nummer = None
        for artikel in hoofdstuk.artikelen:
            artikel.nummer = None


def _keep_numbers(regeling, old: RegelingTekst) -> None:
    """Freeze the old numbers on what stays; what is new or moved gets a letter (Ar 6.16)."""
    stay = staying(Indeling.of(old), Indeling.of(regeling))
    old_articles = {a.id: a.nummer for a in old.artikelen()}
    old_chapters = {h.id: h for h in old.hoofdstukken}
    regeling.nummering = "vast"
    for hoofdstuk in regeling.hoofdstukken:
        before = old_chapters.get(hoofdstuk.id)
        hoofdstuk.nummer = before.nummer if before is not None else None
        old_paragraphs = {p.id: p.nummer for p in before.paragrafen} if before is not None else {}
        for paragraaf in hoofdstuk.paragrafen:
            paragraaf.nummer = old_paragraphs.get(paragraaf.id)
            for artikel in paragraaf.artikelen:
                artikel.nummer = old_articles[artikel.id] if artikel.id in stay else None
        for artikel in hoofdstuk.artikelen:
            artikel.nummer = old_articles[artikel.id] if artikel.id in stay else None


def positional(regeling: RegelingTekst) -> bool:
    """Whether the numbers are 1, 2, 3, ... in order (articles, chapters, paragraphs per chapter)."""
    if [a.nummer for a in regeling.artikelen()] != [str(i) for i in range(1, len(regeling.artikelen()) + 1)]:
        return False
    if [h.nummer for h in regeling.hoofdstukken] != [str(i) for i in range(1, len(regeling.hoofdstukken) + 1)]:
        return False
    return all([p.nummer for p in h.paragrafen] == [str(i) for i in range(1, len(h.paragrafen) + 1)]
               for h in regeling.hoofdstukken)
