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
from pathlib import Path
from typing import Callable

from .. import parts  # noqa: F401 - registers derivers and checks
from ..checks import run_checks
from ..derive import Afgeleid, Invoer, derive
from ..errors import ContentError, Position, Problem
from ..loader import Content, load_texts
from ..model import Inhoud
from ..regeling.tekst import RegelingTekst
from ..validate import validate
from .git import WORKING_TREE, Revisie
from .indeling import Indeling, check_structure, staying
from .part import WijzigingInvoer

NUMMERINGEN = ("behouden", "vernummeren")


@dataclass
class Stand:
    """One version: its files, model, derived values and the regulation as printed."""

    revisie: Revisie
    content: Content
    inhoud: Inhoud
    afgeleid: Afgeleid
    eigen_nummering: str = "doorlopend"  # how the content itself numbers the regulation

    @property
    def regeling(self) -> RegelingTekst:
        return self.afgeleid.regeling


#: What the text of the regulation is made from; of the old version only these parts are read,
#: so a change elsewhere in the content model since then does not stand in the way.
REGELING_DELEN = ("samenwerking", "gemeenten", "besluiten", "regeling")


def _validated(revisie: Revisie, folder: Path, only_regulation: bool = False) -> tuple[Content, Inhoud]:
    content = load_texts(folder, revisie.texts)
    if only_regulation:
        content.data = {key: value for key, value in content.data.items() if key in REGELING_DELEN}
    inhoud = validate(content)
    if inhoud.regeling is None:
        first = Position(revisie.texts[0][0], 1, 1)
        raise ContentError([Problem(f"in revisie {revisie.label} staat geen regeling (onderdeel `regeling`); "
                                    "er is niets te vergelijken", first)])
    return content, inhoud


def _derived(revisie: Revisie, content: Content, inhoud: Inhoud, invoer: Invoer, all_checks: bool) -> Stand:
    afgeleid = derive(inhoud, invoer)
    problems = run_checks(inhoud, afgeleid, content)
    if not all_checks:  # the old version: only what stands in the way of its text
        problems = [p for p in problems if p.path[:1] == ("regeling",)]
    if problems:
        raise ContentError(problems)
    return Stand(revisie, content, inhoud, afgeleid)


def load_old(revisie: Revisie, folder: Path, template_dirs: list[Path]) -> Stand:
    content, inhoud = _validated(revisie, folder, only_regulation=True)
    return _derived(revisie, content, inhoud, Invoer(tuple(template_dirs)), all_checks=False)


def load_new(revisie: Revisie, folder: Path, template_dirs: list[Path], old: Stand, nummering: str,
             besluit: Callable[[Inhoud], str | None] = lambda inhoud: None, fresh: bool = False) -> Stand:
    """The new version, numbered for the amendment (see the module docstring) and derived with the
    old one as input, so that ``afgeleid.wijzigingsregeling`` is the amendment (``fresh``: integraal).

    ``besluit`` names the decision whose meeting dates go into the slotformulier (None: blank dates).
    """
    content, inhoud = _validated(revisie, folder)
    regeling = inhoud.regeling
    assert regeling is not None
    check_structure(Indeling.of(old.regeling), Indeling.of(regeling))
    own = regeling.nummering
    if fresh or nummering == "vernummeren":
        _number_afresh(regeling)
    elif regeling.nummering != "vast":
        _keep_numbers(regeling, old.regeling)
    regeling.besluit = besluit(inhoud)
    amendment = WijzigingInvoer(old, revisie.label, integraal=fresh, vernummeren=nummering == "vernummeren")
    source = f"{(old.revisie.commit or '')[:12]}..{(revisie.commit or '')[:12] or WORKING_TREE}"
    stand = _derived(revisie, content, inhoud, Invoer(tuple(template_dirs), source, amendment), all_checks=True)
    stand.eigen_nummering = own
    return stand


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
